//! The real Akta app, driven through tauri-driver + WebKitWebDriver under Xvfb, on a
//! real encrypted store in a temp dir. Run by .ci/test (`--ignored`, one at a time).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod webdriver;

use std::path::Path;
use std::time::Instant;

use webdriver::{Driver, Session};

const PASS: &str = "en riktigt lång lösenfras";

fn app() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_akta-app"))
}

fn start(port: u16, store: &Path) -> (Driver, Session, u128) {
    // The webview's own storage (language choice) goes to a fresh folder per test.
    let home = store.with_file_name("xdg");
    let (data, config, cache) = (home.join("data"), home.join("config"), home.join("cache"));
    let driver = Driver::start(
        port,
        &[
            ("AKTA_STORE", store),
            ("XDG_DATA_HOME", &data),
            ("XDG_CONFIG_HOME", &config),
            ("XDG_CACHE_HOME", &cache),
        ],
    );
    let t = Instant::now();
    let session = driver.session(app());
    session.find("h1");
    let cold_start_ms = t.elapsed().as_millis();
    (driver, session, cold_start_ms)
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_creates_a_store_adds_a_person_locks_and_unlocks() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let (driver, s, cold_ms) = start(4444, &store);
    println!("figure: cold start to first screen (new session → first heading): {cold_ms} ms");

    // First start: no store, so the app offers to create one. Swedish by default.
    s.wait_text("Skapa ett krypterat lager");
    assert_eq!(s.focused(), "create-title", "focus starts at the heading");
    let pass = s.find("[data-testid=create-passphrase]");
    let repeat = s.find("[data-testid=create-repeat]");
    let submit = s.find("[data-testid=create-submit]");

    // Too short: a clear Swedish error, no store written.
    s.type_into(&pass, "kort");
    s.type_into(&repeat, "kort");
    s.click(&submit);
    s.wait_text("Lösenfras är för kort.");
    assert!(!store.join("akta.db").exists());

    // Different passphrases: refused in the form.
    s.type_into(&pass, PASS);
    s.type_into(&repeat, "något annat helt");
    s.click(&submit);
    s.wait_text("Lösenfraserna är inte likadana.");

    s.type_into(&repeat, PASS);
    s.click(&submit);

    // The demo data comes with its own (fictional) author profile, chosen at once.
    s.wait_text("Inloggad som Karin Konsulent (demo)");
    // The start is the dashboard: what needs attention.
    s.wait_text("Orosanmälningar som väntar");
    s.click(&s.find("[data-testid=nav-persons]"));
    s.wait_text("Personer");
    s.wait_text("Lindqvist");
    assert!(store.join("akta.db").exists());
    assert!(!std::fs::read(store.join("akta.db"))
        .unwrap()
        .starts_with(b"SQLite format 3"));

    // Search.
    let search = s.find("[data-testid=person-search]");
    s.type_into(&search, "lindqvist");
    s.wait_for("only Lindqvists", || {
        let rows = s.find_all("[data-testid=person-row]");
        let texts: Vec<String> = rows.iter().map(|r| s.text(r)).collect();
        (!texts.is_empty() && texts.iter().all(|t| t.contains("Lindqvist"))).then_some(())
    });

    // A new person with mistakes: every field error is shown in Swedish, nothing saved.
    s.click(&s.find("[data-testid=add-person]"));
    s.wait_text("Ny person");
    s.type_into(&s.find("[data-testid=pf-personal_number]"), "811218-9875");
    s.type_into(&s.find("[data-testid=pf-family_name]"), "Öberg-Testsson");
    s.type_into(&s.find("[data-testid=pf-email]"), "inte-en-adress");
    s.click(&s.find("[data-testid=pf-save]"));
    let e = s.find("[data-testid=pf-personal_number-error]");
    assert!(s.text(&e).contains("fel kontrollsiffra"), "{}", s.text(&e));
    assert!(s
        .text(&s.find("[data-testid=pf-given_name-error]"))
        .contains("måste fyllas i"));
    assert!(s
        .text(&s.find("[data-testid=pf-email-error]"))
        .contains("fel format"));
    assert_eq!(
        s.focused(),
        "pf-personal_number",
        "focus moves to the first wrong field"
    );
    let pn = s.find("[data-testid=pf-personal_number]");
    assert_eq!(s.attribute(&pn, "aria-invalid").as_deref(), Some("true"));
    // What was typed is still there.
    assert_eq!(
        s.script("return document.querySelector('[data-testid=pf-family_name]').value")
            .as_str(),
        Some("Öberg-Testsson")
    );

    s.type_into(&pn, "19811218-9876");
    s.type_into(&s.find("[data-testid=pf-given_name]"), "Åsa");
    s.type_into(&s.find("[data-testid=pf-email]"), "asa@example.se");
    s.click(&s.find("[data-testid=pf-save]"));
    let name = s.find("[data-testid=person-name]");
    assert_eq!(s.text(&name), "Åsa Öberg-Testsson");
    s.wait_text("Personen är sparad.");
    assert_eq!(
        s.text(&s.find("[data-testid=person-number]")),
        "19811218-9876"
    );

    // Back in the list, the new person is there.
    s.click(&s.find("button.back"));
    s.type_into(&s.find("[data-testid=person-search]"), "Öberg-Testsson");
    s.wait_for("the new person listed", || {
        let rows = s.find_all("[data-testid=person-row]");
        (rows.len() == 1 && s.text(&rows[0]).contains("Öberg-Testsson, Åsa")).then_some(())
    });
    s.screenshot(&std::env::temp_dir().join("akta-e2e-persons.png"));

    // Lock: the screen is cleared back to unlock.
    s.click(&s.find("[data-testid=lock]"));
    s.wait_text("Lås upp Akta");
    let body = s
        .script("return document.body.innerText")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        !body.contains("Lindqvist") && !body.contains("Öberg"),
        "locked screen shows data: {body}"
    );

    // Wrong passphrase: a clear Swedish message; the right one opens the store.
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), "fel lösenfras");
    s.click(&s.find("[data-testid=unlock-submit]"));
    assert_eq!(
        s.text(&s.find("[data-testid=unlock-passphrase-error]")),
        "Fel lösenfras. Försök igen."
    );
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Att göra");
    s.click(&s.find("[data-testid=nav-persons]"));
    s.wait_text("Öberg-Testsson");

    // English is one choice away.
    s.click(&s.find("[data-testid=lang] option[value=en]"));
    s.wait_text("Persons");
    s.wait_text("New person");

    s.close();
    drop(driver);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn an_existing_store_opens_at_the_unlock_screen_and_is_usable_by_keyboard() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // A store made by the CLI tool is the app's store too.
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/akta");
    let cli = if cli.exists() {
        cli
    } else {
        std::path::PathBuf::from("akta")
    };
    let ok = std::process::Command::new(&cli)
        .args(["--store", store.to_str().unwrap(), "init"])
        .env("AKTA_PASSPHRASE", PASS)
        .status()
        .expect("akta CLI built");
    assert!(ok.success());

    let (driver, s, _) = start(4446, &store);
    s.wait_text("Lås upp Akta");
    assert_eq!(s.focused(), "unlock-title");
    // Keyboard only: Tab from the heading to the passphrase field, type, Enter.
    s.keys("\u{E004}");
    assert_eq!(s.focused(), "unlock-pass");
    s.keys(&format!("{PASS}\u{E007}"));
    // No profile yet: create one by keyboard (Tab order: name, title, role, create).
    s.wait_text("Vem arbetar?");
    assert_eq!(s.focused(), "profile-heading");
    s.keys("\u{E004}");
    assert_eq!(s.focused(), "profile-name");
    // Enter with no name: refused in Swedish, focus stays on the name.
    s.keys("\u{E007}");
    assert!(s
        .text(&s.find("[data-testid=profile-name-error]"))
        .contains("måste fyllas i"));
    assert_eq!(s.focused(), "profile-name");
    s.keys("Dan Dataskydd\u{E007}");
    s.wait_text("Inloggad som Dan Dataskydd");
    s.wait_text("Inget väntar just nu.");
    s.click(&s.find("[data-testid=nav-persons]"));
    s.wait_text("Inga personer ännu.");
    // Tab reaches "Ny person" and Enter opens the form, focus on its heading.
    assert_eq!(s.focused(), "persons-title");
    s.keys("\u{E004}");
    assert_eq!(s.focused(), "add-person");
    s.keys("\u{E007}");
    s.wait_text("Ny person");
    assert_eq!(s.focused(), "person-form-title");
    s.keys("\u{E004}");
    assert_eq!(s.focused(), "pf-personal_number");

    // An interest notice, registered and then deleted completely on request.
    s.click(&s.find("[data-testid=nav-notices]"));
    s.type_into(&s.find("[data-testid=nf-given]"), "Jonna");
    s.type_into(&s.find("[data-testid=nf-family]"), "Intressesson");
    s.type_into(&s.find("[data-testid=nf-email]"), "fel-adress");
    s.click(&s.find("[data-testid=nf-save]"));
    assert!(s
        .text(&s.find("[data-testid=nf-email-error]"))
        .contains("fel format"));
    s.type_into(&s.find("[data-testid=nf-email]"), "jonna@example.se");
    s.click(&s.find("[data-testid=nf-save]"));
    s.wait_text("Notisen är sparad.");
    s.click(&s.find("[data-testid=notice-delete]"));
    s.click(&s.find("[data-testid=notice-delete-yes]"));
    s.wait_text("Notisen är raderad helt.");
    assert!(s.find_all("[data-testid=notice]").is_empty());
    s.close();
    drop(driver);
}

/// Runs the `akta` CLI (built by the workspace's tests) on a store.
fn akta_cli(store: &Path, args: &[&str]) {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/akta");
    let ok = std::process::Command::new(&cli)
        .arg("--store")
        .arg(store)
        .args(args)
        .env("AKTA_PASSPHRASE", PASS)
        .status()
        .expect("akta CLI built");
    assert!(ok.success(), "akta {args:?}");
}

/// A store made by the CLI: demo data and one profile, so the app opens straight on
/// the persons list after unlocking.
fn cli_store_with_demo(store: &Path) {
    akta_cli(store, &["init"]);
    akta_cli(
        store,
        &[
            "user",
            "add",
            "--name",
            "Karin Konsulent",
            "--role",
            "handlaggare",
        ],
    );
    akta_cli(store, &["demo"]);
}

/// The same, plus a second profile: Dana Dataskydd, of the data-protection role (id 2).
fn cli_store_with_demo_and_dpo(store: &Path) {
    cli_store_with_demo(store);
    akta_cli(
        store,
        &[
            "user",
            "add",
            "--name",
            "Dana Dataskydd",
            "--role",
            "dataskyddsansvarig",
        ],
    );
}

/// Unlocks a store of [`cli_store_with_demo_and_dpo`] and chooses the profile `name`.
fn unlock_as(s: &Session, name: &str) {
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Dana Dataskydd");
    let profile = s
        .find_all("[data-testid=choose-user]")
        .into_iter()
        .find(|b| s.text(b).contains(name))
        .unwrap();
    s.click(&profile);
    s.wait_text(&format!("Inloggad som {name}"));
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_registers_a_foster_home_and_moves_it_through_its_lifecycle() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli_store_with_demo(&store);
    let (driver, s, _) = start(4448, &store);
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Inloggad som Karin Konsulent");

    // A caseworker sees the settings but only the data-protection role changes them.
    s.click(&s.find("[data-testid=nav-settings]"));
    s.wait_text("Bara dataskyddsansvarig kan ändra inställningarna");
    assert!(s.find_all("form button[type=submit]").is_empty());
    assert!(
        s.find_all("[data-testid=nav-requests]").is_empty(),
        "requests are the data-protection role's work"
    );

    // The bank: demo homes in their statuses.
    s.click(&s.find("[data-testid=nav-homes]"));
    s.wait_text("Familjen Lindqvist");
    s.wait_text("Vilande");

    // A new home; a bad postal code is refused in Swedish and the name is kept.
    s.click(&s.find("[data-testid=add-home]"));
    s.type_into(&s.find("[data-testid=hf-name]"), "Familjen Testsson");
    s.type_into(&s.find("[data-testid=hf-postal_code]"), "123");
    s.click(&s.find("[data-testid=hf-save]"));
    assert!(s
        .text(&s.find("[data-testid=hf-postal_code-error]"))
        .contains("fel format"));
    assert_eq!(s.focused(), "hf-postal");
    s.type_into(&s.find("[data-testid=hf-postal_code]"), "43137");
    s.click(&s.find("[data-testid=hf-municipality] option:nth-child(2)"));
    s.click(&s.find("[data-testid=hf-save]"));
    assert_eq!(
        s.text(&s.find("[data-testid=home-name]")),
        "Familjen Testsson"
    );
    assert_eq!(s.text(&s.find("[data-testid=home-status]")), "Intresse");

    // A member from the registry.
    s.click(&s.find("[data-testid=member-person] option:nth-child(2)"));
    s.click(&s.find("[data-testid=member-add]"));
    s.wait_text("Medlemmen är tillagd.");
    assert_eq!(s.find_all("[data-testid=member-list] tbody tr").len(), 1);

    // The home's journal: a draft (whose markup must stay text), signed, then corrected.
    let payload = "Första hembesöket hos familjen. <img src=x onerror=alert(1)><b>fet</b>";
    s.type_into(&s.find("[data-testid=journal-text]"), "");
    s.click(&s.find("[data-testid=journal-save]"));
    assert!(s
        .text(&s.find("[data-testid=journal-text-error]"))
        .contains("måste fyllas i"));
    s.type_into(&s.find("[data-testid=journal-text]"), payload);
    s.click(&s.find("[data-testid=journal-save]"));
    s.wait_text("Utkastet är sparat.");
    assert_eq!(s.text(&s.find("[data-testid=entry-text]")), payload);
    assert!(
        s.find_all("[data-testid=journal-entries] img, [data-testid=journal-entries] b")
            .is_empty(),
        "journal text rendered as HTML"
    );
    s.click(&s.find("[data-testid=entry-sign]"));
    s.wait_text("Anteckningen är signerad och låst.");
    s.wait_text("Signerad av Karin Konsulent");
    assert!(
        s.try_find("[data-testid=entry-edit]").is_none(),
        "a signed entry offers no edit"
    );
    s.click(&s.find("[data-testid=entry-amend]"));
    assert_eq!(s.focused(), "journal-text");
    s.type_into(
        &s.find("[data-testid=journal-text]"),
        "Rättelse: besöket var det andra, inte det första.",
    );
    s.click(&s.find("[data-testid=journal-save]"));
    s.wait_text("Rättelsen är sparad som utkast.");
    assert_eq!(s.find_all("[data-testid=journal-entry]").len(), 2);
    assert_eq!(
        s.text(&s.find_all("[data-testid=entry-text]")[0]),
        payload,
        "the original stays legible"
    );

    // Full-text search finds it across files.
    s.click(&s.find("[data-testid=nav-search]"));
    s.type_into(&s.find("[data-testid=search-query]"), "hembesöket");
    s.click(&s.find("[data-testid=search-submit]"));
    s.wait_text("Familjen Testsson");
    s.click(&s.find("[data-testid=search-hits] button"));
    assert_eq!(
        s.text(&s.find("[data-testid=home-name]")),
        "Familjen Testsson"
    );

    // The investigation: starting it moves the home to "Utreds"; the checklist names
    // what is missing; a decision despite missing parts needs a justification.
    s.click(&s.find("[data-testid=inv-method] option[value=pride]"));
    s.click(&s.find("[data-testid=inv-start]"));
    s.wait_text("Utredningen är startad.");
    s.wait_for("status Utreds", || {
        (s.text(&s.find("[data-testid=home-status]")) == "Utreds").then_some(())
    });
    let missing = s.text(&s.find("[data-testid=inv-missing]"));
    assert!(
        missing.contains("Hembesök")
            && missing.contains("Intervju med Daniel Berg")
            && missing.contains("Kronofogden för Daniel Berg"),
        "{missing}"
    );
    s.click(&s.find("[data-testid=inv-kind] option[value=home_visit]"));
    s.click(&s.find("[data-testid=inv-add]"));
    s.wait_text("Delen är registrerad.");
    assert!(!s
        .text(&s.find("[data-testid=inv-missing]"))
        .contains("Hembesök"));
    s.click(&s.find("[data-testid=inv-kind] option[value=register_extract]"));
    s.click(&s.find("[data-testid=inv-add]"));
    assert!(s
        .text(&s.find("[data-testid=inv-person-error]"))
        .contains("måste fyllas i"));
    s.click(&s.find("[data-testid=inv-decision-not_approved]"));
    s.click(&s.find("[data-testid=inv-decide]"));
    assert!(s
        .text(&s.find("[data-testid=inv-missing-reason-error]"))
        .contains("måste fyllas i"));
    s.type_into(
        &s.find("[data-testid=inv-missing-reason]"),
        "Familjen drog tillbaka sin ansökan under utredningen.",
    );
    s.click(&s.find("[data-testid=inv-decide]"));
    s.wait_text("Beslutet är registrerat.");
    assert!(s
        .text(&s.find("[data-testid=inv-decided]"))
        .contains("Ej godkänd"));

    // Then close the home; closing without a reason is refused.
    s.click(&s.find("[data-testid=status-to] option[value=avslutad]"));
    s.click(&s.find("[data-testid=status-submit]"));
    assert!(s
        .text(&s.find("[data-testid=status-reason-error]"))
        .contains("måste fyllas i"));
    assert_eq!(s.text(&s.find("[data-testid=home-status]")), "Utreds");
    s.type_into(
        &s.find("[data-testid=status-reason]"),
        "Familjen drog tillbaka sin ansökan",
    );
    s.click(&s.find("[data-testid=status-submit]"));
    s.wait_text("Familjehemmet är avslutat och kan inte få ny status.");
    assert_eq!(s.text(&s.find("[data-testid=home-status]")), "Avslutad");
    let history = s.text(&s.find("[data-testid=home-history]"));
    assert!(
        history.contains("Intresse")
            && history.contains("Utreds")
            && history.contains("drog tillbaka"),
        "{history}"
    );
    s.screenshot(&std::env::temp_dir().join("akta-e2e-home.png"));

    // A placement: a child placed in the approved jourhem, which becomes active; then
    // the placement is ended from the child's file.
    s.click(&s.find("[data-testid=nav-homes]"));
    s.wait_text("Familjen Åberg");
    let aberg = s
        .find_all("[data-testid=home-row]")
        .into_iter()
        .find(|r| s.text(r) == "Familjen Åberg")
        .expect("demo home");
    s.click(&aberg);
    s.wait_text("Placera barn");
    s.click(&s.find("[data-testid=place-submit]"));
    s.wait_text("Barnet finns inte.");
    pick_person(&s, "place-child", "maja", "Holm, Maja");
    s.click(&s.find("[data-testid=place-municipality] option:nth-child(2)"));
    s.click(&s.find("[data-testid=place-submit]"));
    s.wait_text("Barnet är placerat.");
    s.wait_for("the home to become active", || {
        (s.text(&s.find("[data-testid=home-status]")) == "Aktiv").then_some(())
    });
    s.click(&s.find("[data-testid=nav-persons]"));
    s.type_into(&s.find("[data-testid=person-search]"), "Maja");
    s.wait_for("Maja listed", || {
        (s.find_all("[data-testid=person-row]").len() == 1).then_some(())
    });
    s.click(&s.find("[data-testid=person-row]"));
    s.wait_text("Familjen Åberg");
    s.click(&s.find("[data-testid=placement-end]"));
    s.click(&s.find("[data-testid=end-submit]"));
    assert!(s
        .text(&s.find("[data-testid=end-reason-error]"))
        .contains("måste fyllas i"));
    s.type_into(
        &s.find("[data-testid=end-reason]"),
        "Jourplaceringen övergick till släktingplacering.",
    );
    s.click(&s.find("[data-testid=end-submit]"));
    s.wait_text("Placeringen är avslutad.");
    s.wait_text("övergick till släktingplacering");

    // Consent on the child's file: recorded with its evidence, then withdrawn, which
    // stops the processing that rested on it.
    s.click(&s.find("[data-testid=consent-save]"));
    assert!(s
        .text(&s.find("[data-testid=consent-evidence-error]"))
        .contains("måste fyllas i"));
    s.click(&s.find("[data-testid=consent-activity] option:nth-child(2)"));
    s.type_into(
        &s.find("[data-testid=consent-evidence]"),
        "Underskriven blankett i akten",
    );
    s.click(&s.find("[data-testid=consent-save]"));
    s.wait_text("Samtycket är registrerat.");
    s.click(&s.find("[data-testid=consent-withdraw]"));
    s.wait_text("Behandlingen som vilade på det har upphört.");
    s.wait_text("behandlingen har upphört");
    s.close();
    drop(driver);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_concern_report_is_drafted_sent_and_saved_as_a_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    cli_store_with_demo(&store);
    // A name that is markup: it must show as text, never run.
    let name_payload = "<img src=x onerror=\"window.__pwned='name'\">";
    akta_cli(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            name_payload,
            "--family-name",
            "Testsson",
        ],
    );
    let driver = Driver::start(
        4450,
        &[
            ("AKTA_STORE", &store),
            ("AKTA_EXPORT_DIR", &exports),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
    );
    let s = driver.session(app());
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Inloggad som Karin Konsulent");
    s.click(&s.find("[data-testid=nav-persons]"));
    s.wait_text(name_payload);
    s.click(&s.find("[data-testid=nav-concerns]"));
    s.wait_text("Ny orosanmälan");
    // The demo's report is overdue for its receipt, and says so.
    s.wait_text("Mottagningsbekräftelse dröjer");

    // Nothing filled in: every missing part is named in Swedish, nothing saved.
    s.click(&s.find("[data-testid=cf-informed]"));
    s.click(&s.find("[data-testid=cf-save]"));
    assert!(s
        .text(&s.find("[data-testid=cf-observed-error]"))
        .contains("måste fyllas i"));
    assert!(s
        .text(&s.find("[data-testid=cf-reason-error]"))
        .contains("måste fyllas i"));
    assert!(s
        .text(&s.find("[data-testid=cf-phone-error]"))
        .contains("måste fyllas i"));
    let before = s.find_all("[data-testid=concern-row]").len();
    assert_eq!(before, 1, "the demo's report only");

    pick_person(&s, "cf-child", "Liam", "Johansson, Liam");
    pick_person(&s, "cf-guardian1", "johansson", "Johansson, Jenny");
    s.click(&s.find("[data-testid=cf-municipality] option:nth-child(2)"));
    let text_payload =
        "<script>window.__pwned='text'</script><b onmouseover=\"window.__pwned='b'\">fet</b>";
    s.type_into(
        &s.find("[data-testid=cf-observed]"),
        &format!("Liam kom till hembesöket med ett blåmärke på kinden och ville inte säga varifrån det kom. {text_payload}"),
    );
    s.type_into(
        &s.find("[data-testid=cf-reason]"),
        "Risk att Liam utsätts för påtryckningar.",
    );
    s.type_into(&s.find("[data-testid=cf-phone]"), "070-123 45 67");
    s.click(&s.find("[data-testid=cf-save]"));
    s.wait_text("Utkastet är sparat.");
    assert_eq!(s.find_all("[data-testid=concern-row]").len(), before + 1);
    // The markup shows as the text it is; none of it ran or became elements.
    s.wait_text(text_payload);
    assert_eq!(
        s.script("return [typeof window.__pwned, document.querySelectorAll('main script, main img[src=x], main b[onmouseover]').length]"),
        serde_json::json!(["undefined", 0])
    );

    // Sent by e-service, then printed.
    s.click(&s.find("[data-testid=concern-channel] option[value=e_tjanst]"));
    s.click(&s.find("[data-testid=concern-advance]"));
    s.wait_text("Steget är registrerat.");
    s.wait_text("Skickad");
    s.click(&s.find("[data-testid=concern-pdf]"));
    s.wait_text("PDF sparad:");
    let pdfs: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(pdfs.len(), 1);
    let name = pdfs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("Orosanmalan-OA-") && !name.contains("Liam"),
        "{name}"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdfs[0])
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("blåmärke på kinden")
            && text.contains("Karin Konsulent")
            && text.contains("e-tjänst")
            && text.contains("<script>window.__pwned='text'</script>"),
        "{text}"
    );
    s.close();
    drop(driver);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn the_data_protection_officer_answers_requests_and_runs_retention() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    cli_store_with_demo_and_dpo(&store);
    // The data set, before the story changes it (Gunnel is erased below).
    let needles = personal_data_of(&store);
    // Where personal data must never appear: the app's temp folder, its WebKit data,
    // config and cache, and everything the processes print.
    let app_tmp = tmp.path().join("apptmp");
    let xdg = tmp.path().join("xdg");
    std::fs::create_dir_all(&app_tmp).unwrap();
    let printed = tmp.path().join("printed.txt");
    let driver = Driver::start_with_output(
        4452,
        &[
            ("AKTA_STORE", &store),
            ("AKTA_EXPORT_DIR", &exports),
            ("TMPDIR", &app_tmp),
            ("XDG_DATA_HOME", &xdg.join("data")),
            ("XDG_CONFIG_HOME", &xdg.join("config")),
            ("XDG_CACHE_HOME", &xdg.join("cache")),
        ],
        Some(&printed),
    );
    let s = driver.session(app());
    // Every error the core sends to the UI is kept for the scan at the end.
    // (The IPC answers come through fetch; an error answers with a non-OK status.)
    s.script(
        "const inner = window.fetch.bind(window);
         window.__akta_errors = [];
         window.fetch = async (input, init) => {
           const r = await inner(input, init);
           const url = String(input && input.url ? input.url : input);
           if (url.startsWith('ipc:') || url.includes('ipc.localhost')) {
             if (!r.ok || r.headers.get('Tauri-Response') === 'error') {
               window.__akta_errors.push(await r.clone().text());
             }
           }
           return r;
         };
         return true;",
    );
    // Two profiles: choose the data-protection officer.
    unlock_as(&s, "Dana Dataskydd");

    // Anna Lindqvist asks for her register extract; identity checked with BankID.
    s.click(&s.find("[data-testid=nav-persons]"));
    open_only_person(&s, "Anna");
    s.wait_text("Den registrerades rättigheter");
    // A received date in the future is refused in Swedish; nothing registered.
    s.script("const i = document.querySelector('[data-testid=req-received]'); i.value = '2999-01-01'; i.dispatchEvent(new Event('input', {bubbles: true}));");
    s.click(&s.find("[data-testid=req-save]"));
    s.wait_text("ligger i framtiden");
    s.script(&format!(
        "const i = document.querySelector('[data-testid=req-received]'); i.value = '{}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));",
        akta_core::today()
    ));
    s.type_into(&s.find("[data-testid=req-method]"), "BankID");
    s.script(&format!(
        "const i = document.querySelector('[data-testid=req-verified]'); i.value = '{}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));",
        akta_core::today()
    ));
    s.click(&s.find("[data-testid=req-save]"));
    s.wait_text("Registerutdrag (art. 15)");
    s.wait_text("Svara senast");

    // Review: other people in her files are already withheld; mark one more passage.
    s.click(&s.find("[data-testid=review]"));
    s.wait_text("Fritexten att granska visas nedan.");
    let previews: Vec<String> = s
        .find_all("[data-testid=passage-preview]")
        .iter()
        .map(|p| s.text(p))
        .collect();
    assert!(previews.iter().any(|p| p.contains("[…]")), "{previews:?}");
    // Nothing selected: told to select first.
    s.click(&s.find("[data-testid=withhold]"));
    s.wait_text("Markera först texten");
    s.type_into(
        &s.find("[data-testid=mark-reason]"),
        "Uppgift om annan person",
    );
    s.script("document.querySelector('[data-testid=passage-text]').setSelectionRange(0, 4);");
    s.click(&s.find("[data-testid=withhold]"));
    s.wait_text("Passagen maskeras i utdraget.");
    assert!(s
        .text(&s.find("[data-testid=passage-preview]"))
        .starts_with("[…]"));

    // Candidates (a mentor and an interpreter the store does not know, a telephone
    // number): the extract waits for the review; one is withheld, the rest confirmed.
    assert!(s
        .text(&s.find("[data-testid=review-status]"))
        .contains("kandidater att granska"));
    assert_accessible(&s, "extract review with candidates");
    s.click(&s.find("[data-testid=make-extract]"));
    s.wait_text("Fritexten har kandidater som ingen har granskat");
    let candidates = s.find_all("[data-testid=candidate]").len();
    assert!(candidates >= 3, "{candidates} candidates");
    s.click(&s.find("[data-testid=withhold-candidate]"));
    s.wait_for("one candidate fewer", || {
        (s.find_all("[data-testid=candidate]").len() == candidates - 1).then_some(())
    });
    s.click(&s.find("[data-testid=confirm-review]"));
    s.wait_text("Granskningen är registrerad.");
    assert!(s
        .text(&s.find("[data-testid=review-status]"))
        .starts_with("Granskad"));

    // The extract: PDF and JSON saved under the document id, read back.
    s.click(&s.find("[data-testid=make-extract]"));
    s.wait_text("Registerutdraget är skapat och sparat.");
    assert!(s
        .text(&s.find("[data-testid=extract-saved]"))
        .contains("RU-"));
    let mut files: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("Registerutdrag-RU-") && files[0].ends_with(".json"));
    assert!(
        files.iter().all(|f| !f.contains("Anna")),
        "no names in file names"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(exports.join(&files[1]))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Anna") && text.contains("Integritetsskyddsmyndigheten"),
        "{text}"
    );
    s.type_into(
        &s.find("[data-testid=sent-to]"),
        "Rekommenderat brev till folkbokföringsadressen",
    );
    s.click(&s.find("[data-testid=mark-sent]"));
    s.wait_text("Markerat som skickat.");
    s.type_into(
        &s.find("[data-testid=close-outcome]"),
        "Registerutdrag skickat.",
    );
    s.click(&s.find("[data-testid=close-save]"));
    s.wait_text("Begäran är avslutad.");
    wait_in(&s, "request-status", "Klar");

    // Restriction from her file: a banner says so.
    s.click(&s.find("[data-testid=request-person]"));
    s.click(&s.find("[data-testid=toggle-restriction]"));
    s.wait_text("Behandlingen är begränsad sedan");
    assert!(s.try_find("[data-testid=restricted-banner]").is_some());

    // Gunnel Ek asks to be erased: everything goes, and the statement says what.
    s.click(&s.find("[data-testid=nav-persons]"));
    open_only_person(&s, "Gunnel");
    s.wait_text("Den registrerades rättigheter");
    s.click(&s.find("[data-testid=req-kind] option[value=erasure]"));
    s.type_into(&s.find("[data-testid=req-method]"), "Legitimation");
    s.script(&format!(
        "const i = document.querySelector('[data-testid=req-verified]'); i.value = '{}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));",
        akta_core::today()
    ));
    s.click(&s.find("[data-testid=req-save]"));
    s.wait_text("Radering (art. 17)");
    s.click(&s.find("[data-testid=erase]"));
    s.click(&s.find("[data-testid=erase-yes]"));
    s.wait_text("Redovisning av raderingen");
    wait_in(&s, "request-outcome", "Raderat");
    s.click(&s.find("[data-testid=nav-requests]"));
    s.wait_text("(raderad person)");

    // Retention: the automatic run at unlock left a receipt; the closed demo home
    // falls due next year; a bad period is refused in Swedish; a run is confirmed.
    s.click(&s.find("[data-testid=nav-retention]"));
    s.wait_text("Det kommande året");
    s.wait_text("inget gallrades");
    assert!(s
        .text(&s.find("[data-testid=retention-upcoming]"))
        .contains("Familjen Karlsson"));
    let months = s.find("[data-testid=rule-home_files]");
    s.script("const i = document.querySelector('[data-testid=rule-home_files]'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));");
    s.type_into(&months, "x");
    s.click(&s.find("[data-testid=rule-save-home_files]"));
    s.wait_text("är inte tillåtet");
    s.click(&s.find("[data-testid=retention-run]"));
    s.click(&s.find("[data-testid=retention-run-yes]"));
    s.wait_text("Gallringen är klar.");

    // A backup: the wrong passphrase is refused, the right one makes it.
    s.type_into(&s.find("[data-testid=backup-pass]"), "inte rätt lösenfras");
    s.click(&s.find("[data-testid=backup-create]"));
    s.wait_text("Fel lösenfras");
    s.type_into(&s.find("[data-testid=backup-pass]"), PASS);
    s.click(&s.find("[data-testid=backup-create]"));
    s.wait_text("Säkerhetskopian är skapad.");
    s.wait_for("the backup in the list", || {
        let n = s.script("return document.querySelectorAll('[data-testid=backup-list] li').length");
        (n == serde_json::json!(1)).then_some(())
    });
    let errors: Vec<String> =
        serde_json::from_value(s.script("return window.__akta_errors")).unwrap();
    s.close();
    drop(driver);

    // No personal data where it does not belong: not in any error sent to the UI (the
    // refused date, passphrase and rule above are among them), not in what the
    // processes printed, not in temp files or WebKit's folders, and not in plain text
    // anywhere in the store's folder (database, key files, backups, logs).
    assert!(
        errors.len() >= 3 && errors.iter().all(|e| e.contains("\"code\"")),
        "the refusals above reach the UI as coded errors: {errors:?}"
    );
    for e in &errors {
        for n in &needles {
            assert!(
                !e.contains(n.as_str()),
                "an error sent to the UI holds {n:?}: {e}"
            );
        }
    }
    // Control: the scan finds the data where it belongs — the saved register extract.
    assert!(
        !files_holding(&exports, &needles).is_empty(),
        "the scan must find the extract's data in the export folder"
    );
    let mut places = vec![printed.clone(), app_tmp.clone(), xdg.clone(), store.clone()];
    places.retain(|p| p.exists());
    for place in &places {
        let found = files_holding(place, &needles);
        assert!(found.is_empty(), "personal data found: {found:?}");
    }

    // The technical log: a daily file beside the store, with codes and counts only.
    let logs: Vec<_> = std::fs::read_dir(store.join("logs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    let log = std::fs::read_to_string(&logs[0]).unwrap();
    assert!(log.contains("app started"), "{log}");
    assert!(
        log.contains("command failed"),
        "the refused backup is logged by code"
    );
    for name in ["Anna", "Lindqvist", "Gunnel", "BankID", PASS] {
        assert!(!log.contains(name), "the log holds {name:?}");
    }
}

/// Names, personnummer (both written forms), e-mail addresses and journal texts of
/// everyone in the store, read through the CLI.
fn personal_data_of(store: &Path) -> Vec<String> {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/akta");
    let out = std::process::Command::new(&cli)
        .arg("--store")
        .arg(store)
        .args(["--user", "2", "export", "--json"])
        .env("AKTA_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut needles = Vec::new();
    let rows = |t: &str| doc["tables"][t].as_array().cloned().unwrap_or_default();
    for p in rows("persons") {
        for field in ["family_name", "email"] {
            if let Some(v) = p[field].as_str().filter(|v| v.len() >= 4) {
                needles.push(v.to_owned());
            }
        }
        if let Some(n) = p["personal_number"].as_str() {
            needles.push(n.to_owned());
            needles.push(format!("{}-{}", &n[..8], &n[8..]));
        }
    }
    for e in rows("journal_entries") {
        if let Some(t) = e["text"].as_str() {
            // A distinctive stretch of each entry.
            needles.push(t.chars().take(30).collect());
        }
    }
    assert!(needles.len() > 20, "{needles:?}");
    needles
}

/// Every file under `place` (or `place` itself) that holds one of `needles`.
fn files_holding(place: &Path, needles: &[String]) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![place.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                stack.push(e.path());
            }
        } else if let Ok(bytes) = std::fs::read(&p) {
            for n in needles {
                if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                    found.push((p.clone(), n.clone()));
                }
            }
        }
    }
    found
}

/// Chooses a person in a picker as a caseworker would: searches, waits until the list
/// offers only matches of the search (it answers asynchronously, and an option of the
/// list before would go stale), then picks the match named `name` ("Family, Given"),
/// whose label shows the personal number after the name.
fn pick_person(s: &Session, testid: &str, search: &str, name: &str) {
    s.type_into(&s.find(&format!("[data-testid={testid}-search]")), search);
    let js = format!(
        "const all = [...document.querySelectorAll('[data-testid={testid}] option')].slice(1); \
         if (!all.every(o => o.text.toLowerCase().includes({search:?}.toLowerCase()))) return null; \
         const o = all.find(o => o.text.startsWith({label:?})); \
         return o ? o.value : null;",
        label = format!("{name} · "),
    );
    let value = s.wait_for(&format!("{name:?} offered by {testid}"), || {
        s.script(&js).as_str().map(str::to_owned)
    });
    s.click(&s.find(&format!("[data-testid={testid}] option[value=\"{value}\"]")));
}

/// Searches the persons list and opens the one row left, once the list has been
/// filtered (the search answers asynchronously; an earlier row would go stale).
fn open_only_person(s: &Session, query: &str) {
    s.type_into(&s.find("[data-testid=person-search]"), query);
    let js = format!(
        "const r = [...document.querySelectorAll('[data-testid=person-row]')]; \
         return r.length === 1 && r[0].innerText.includes({query:?});"
    );
    s.wait_for(&format!("one person row for {query}"), || {
        (s.script(&js) == serde_json::Value::Bool(true)).then_some(())
    });
    s.click(&s.find("[data-testid=person-row]"));
}

/// Waits until the element with `testid` shows `needle` (the screen reloads after a
/// flash message, so the text may come a moment later).
fn wait_in(s: &Session, testid: &str, needle: &str) {
    let js = format!(
        "const e = document.querySelector('[data-testid={testid}]'); \
         return !!e && e.innerText.includes({needle:?});"
    );
    s.wait_for(&format!("{needle:?} in {testid}"), || {
        (s.script(&js) == serde_json::Value::Bool(true)).then_some(())
    });
}

/// Waits until the element's whole text (trimmed) is `expected`.
fn wait_is(s: &Session, testid: &str, expected: &str) {
    let js = format!(
        "const e = document.querySelector('[data-testid={testid}]'); \
         return !!e && e.innerText.trim() === {expected:?};"
    );
    s.wait_for(&format!("{testid} is {expected:?}"), || {
        (s.script(&js) == serde_json::Value::Bool(true)).then_some(())
    });
}

/// Runs axe-core (from the UI's npm packages) on what the window shows now; fails on
/// any serious or critical finding, naming the rule and the elements.
fn assert_accessible(s: &Session, screen: &str) {
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe).expect("axe-core installed by .ci/setup (npm ci)");
    if s.script("return typeof window.axe === 'object'") != serde_json::Value::Bool(true) {
        s.script(&format!("{source}\n;return true;"));
    }
    s.script(
        "window.__axe = null;
         axe.run(document, { resultTypes: ['violations'] }).then(
           r => { window.__axe = JSON.stringify(r.violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                  v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))); },
           e => { window.__axe = JSON.stringify(['axe failed: ' + e]); });
         return true;",
    );
    let found = s.wait_for(&format!("axe on {screen}"), || {
        s.script("return window.__axe").as_str().map(str::to_owned)
    });
    let found: Vec<String> = serde_json::from_str(&found).unwrap();
    if !found.is_empty() {
        // A picture of what failed, beside the build output.
        let shot = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("axe-{}.png", screen.replace(' ', "-")));
        s.screenshot(&shot);
    }
    assert!(
        found.is_empty(),
        "{screen}: serious or critical accessibility findings:\n{}",
        found.join("\n")
    );
}

/// The focused element shows a visible focus indicator (outline or box shadow).
fn assert_focus_visible(s: &Session, screen: &str) {
    let v = s.script(
        "const e = document.activeElement;
         if (!e || e === document.body) return 'nothing focused';
         const c = getComputedStyle(e);
         const outline = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0;
         const shadow = c.boxShadow && c.boxShadow !== 'none';
         return (outline || shadow) ? '' : ('no visible focus on ' + (e.dataset.testid || e.tagName));",
    );
    assert_eq!(v.as_str(), Some(""), "{screen}: {v}");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn every_main_screen_passes_axe_and_shows_keyboard_focus() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli_store_with_demo_and_dpo(&store);
    let (driver, s, _) = start(4454, &store);
    assert_accessible(&s, "unlock");
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Dana Dataskydd");
    assert_accessible(&s, "profile choice");
    let dana = s
        .find_all("[data-testid=choose-user]")
        .into_iter()
        .find(|b| s.text(b).contains("Dana"))
        .unwrap();
    s.click(&dana);
    s.wait_text("Inloggad som Dana Dataskydd");

    let screens: [(&str, &str); 9] = [
        ("nav-dashboard", "dashboard"),
        ("nav-persons", "persons"),
        ("nav-homes", "foster homes"),
        ("nav-concerns", "concern reports"),
        ("nav-notices", "interest notices"),
        ("nav-search", "journal search"),
        ("nav-requests", "requests"),
        ("nav-retention", "retention"),
        ("nav-settings", "settings"),
    ];
    for (nav, screen) in screens {
        s.click(&s.find(&format!("[data-testid={nav}]")));
        s.wait_for(&format!("{screen} shown"), || {
            (s.script("return !!document.querySelector('main h1, main h2')")
                == serde_json::Value::Bool(true))
            .then_some(())
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_accessible(&s, screen);
        // The next control is reached by keyboard, and its focus shows.
        s.keys("\u{E004}");
        assert_focus_visible(&s, screen);
    }

    // The screens behind a row: a foster home with its journal, a person, a concern report.
    s.click(&s.find("[data-testid=nav-homes]"));
    s.wait_text("Familjen Lindqvist");
    s.click(&s.find("[data-testid=home-row]"));
    s.find("[data-testid=home-name]");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_accessible(&s, "foster home with its journal");
    s.click(&s.find("[data-testid=nav-persons]"));
    open_only_person(&s, "Anna");
    s.wait_text("Den registrerades rättigheter");
    assert_accessible(&s, "person");
    s.click(&s.find("[data-testid=nav-concerns]"));
    s.click(&s.find("[data-testid=concern-row]"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_accessible(&s, "concern report");

    // Tab moves through the page, focus always visible.
    s.click(&s.find("[data-testid=nav-dashboard]"));
    for i in 0..12 {
        s.keys("\u{E004}");
        assert_focus_visible(&s, &format!("dashboard, tab {i}"));
    }
    s.close();
    drop(driver);
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_long_persons_list_shows_a_page_and_more_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli_store_with_demo_and_dpo(&store);
    // About a hundred synthetic foster homes, each with one member: more persons than
    // one page holds (bulk data needs the data-protection profile).
    akta_cli(&store, &["--user", "2", "demo", "--bulk-rows", "10000"]);
    let (driver, s, _) = start(4456, &store);
    unlock_as(&s, "Karin Konsulent");
    s.click(&s.find("[data-testid=nav-persons]"));
    wait_in(&s, "person-count", "Visar 100 av ");
    let count = s.text(&s.find("[data-testid=person-count]"));
    let total: usize = count
        .trim()
        .trim_start_matches("Visar 100 av ")
        .trim_end_matches(" personer")
        .parse()
        .unwrap_or_else(|_| panic!("count line {count:?}"));
    assert!((101..200).contains(&total), "{count}");
    assert_eq!(s.find_all("[data-testid=person-row]").len(), 100);

    // The rest on request, by keyboard; then every row and no offer of more.
    let more = s.find("[data-testid=persons-more]");
    assert_eq!(s.text(&more), format!("Visa {} till", total - 100));
    s.click(&more);
    // Exactly the full count: "Visar 100 av N personer" already holds "N personer".
    wait_is(&s, "person-count", &format!("{total} personer"));
    assert_eq!(s.find_all("[data-testid=person-row]").len(), total);
    assert!(s.find_all("[data-testid=persons-more]").is_empty());

    // A search starts from the first page again and finds what is beyond it.
    open_only_person(&s, "Anna");
    s.wait_text("Den registrerades rättigheter");

    // A person picker offers a page of matches too, says there are more, and finds
    // by search what is beyond its page; the choice stays when the search changes.
    s.click(&s.find("[data-testid=nav-concerns]"));
    wait_is(
        &s,
        "cf-child-help",
        &format!("Visar 50 av {total}. Sök för att hitta fler."),
    );
    assert_eq!(s.find_all("[data-testid=cf-child] option").len(), 51);
    pick_person(&s, "cf-child", "Anna", "Lindqvist, Anna");
    s.wait_for("the search to leave one match", || {
        (s.find_all("[data-testid=cf-child] option").len() == 2).then_some(())
    });
    assert!(s.find_all("[data-testid=cf-child-help]").is_empty());
    let chosen = "return document.querySelector('[data-testid=cf-child]').selectedOptions[0].text";
    let anna = s.script(chosen);
    assert!(anna.as_str().unwrap_or("").contains("Anna"), "{anna}");
    s.type_into(&s.find("[data-testid=cf-child-search]"), "zzzz-ingen");
    wait_is(&s, "cf-child-help", "Ingen person matchar sökningen.");
    assert_eq!(s.script(chosen), anna, "a new search keeps the choice");
    s.close();
    drop(driver);
}
