//! A caseworker's first start: a store created, a person added, locked and unlocked.

use crate::pages::nav::Nav;
use crate::pages::person::Person;
use crate::pages::persons::{PersonForm, Persons};
use crate::pages::session::{CreateStore, Unlock};
use crate::support::{App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_creates_a_store_adds_a_person_locks_and_unlocks() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let (app, cold_ms) = App::start(4444, &store);
    println!("figure: cold start to first screen (new session → first heading): {cold_ms} ms");
    let create = CreateStore::on(&app);
    let unlock = Unlock::on(&app);
    let nav = Nav::on(&app);
    let persons = Persons::on(&app);
    let form = PersonForm::on(&app);
    let person = Person::on(&app);

    // First start: no store, so the app offers to create one. Swedish by default.
    app.wait_text("Skapa ett krypterat arkiv");
    assert_eq!(
        app.focused(),
        CreateStore::HEADING,
        "focus starts at the heading"
    );

    // Too short: a clear Swedish error, no store written.
    create.create("kort", "kort");
    app.wait_text("Lösenfras är för kort.");
    assert!(!store.join("akta.db").exists());

    // Different passphrases: refused in the form.
    create.create(PASS, "något annat helt");
    app.wait_text("Lösenfraserna är inte likadana.");

    create.create(PASS, PASS);

    // The demo data comes with its own (fictional) author profile, chosen at once.
    Nav::on(&app).wait_signed_in("Karin Konsulent (demo)");
    // The start is the inbox of bevakningar: the demo's concern report is overdue.
    app.wait_text("Orosanmälan väntar");
    nav.persons();
    app.wait_text("Personer");
    app.wait_text("Lindqvist");
    assert!(store.join("akta.db").exists());
    assert!(!std::fs::read(store.join("akta.db"))
        .unwrap()
        .starts_with(b"SQLite format 3"));

    // Search.
    persons.search("lindqvist");
    persons.wait_every_row_shows("Lindqvist");

    // A new person with mistakes: every field error is shown in Swedish, nothing saved.
    persons.add();
    app.wait_text("Ny person");
    form.fill("personal_number", "811218-9875");
    form.fill("family_name", "Öberg-Testsson");
    form.fill("email", "inte-en-adress");
    form.save();
    let e = form.error("personal_number");
    assert!(e.contains("fel kontrollsiffra"), "{e}");
    assert!(form.error("given_name").contains("måste fyllas i"));
    assert!(form.error("email").contains("fel format"));
    assert_eq!(
        app.focused(),
        PersonForm::field_id("personal_number"),
        "focus moves to the first wrong field"
    );
    assert_eq!(
        form.aria_invalid("personal_number").as_deref(),
        Some("true")
    );
    // What was typed is still there.
    assert_eq!(form.value("family_name").as_deref(), Some("Öberg-Testsson"));

    form.fill("personal_number", "19811218-9876");
    form.fill("given_name", "Åsa");
    form.fill("email", "asa@example.se");
    form.save();
    assert_eq!(person.name(), "Åsa Öberg-Testsson");
    app.wait_text("Personen är sparad.");
    assert_eq!(person.number(), "19811218-9876");

    // Back in the list, the new person is there.
    person.back();
    persons.search("Öberg-Testsson");
    persons.wait_only_row("Öberg-Testsson, Åsa");
    app.screenshot(&std::env::temp_dir().join("akta-e2e-persons.png"));

    // Lock: the screen is cleared back to unlock.
    nav.lock();
    app.wait_text("Lås upp Akta");
    let body = app.visible_text();
    assert!(
        !body.contains("Lindqvist") && !body.contains("Öberg"),
        "locked screen shows data: {body}"
    );

    // Wrong passphrase: a clear Swedish message; the right one opens the store.
    unlock.unlock_with("fel lösenfras");
    assert_eq!(unlock.error(), "Fel lösenfras. Försök igen.");
    unlock.unlock_with(PASS);
    app.wait_text("Försenade");
    nav.persons();
    app.wait_text("Öberg-Testsson");

    // English is one choice away.
    nav.choose_language("en");
    app.wait_text("People");
    app.wait_text("New person");

    app.close();
}
