//! The data-protection officer's day: a register extract (reviewed, made, sent, the
//! request closed), a restriction, an erasure, a refused rule change, a retention run,
//! a refused and a made backup. Then no personal data may be anywhere it does not
//! belong (docs/TESTING.md).

use crate::pages::file::File;
use crate::pages::nav::Nav;
use crate::pages::person::{Person, Rights};
use crate::pages::persons::Persons;
use crate::pages::request::Request;
use crate::pages::retention::Retention;
use crate::pages::review::Review;
use crate::pages::session::Unlock;
use crate::support::a11y::assert_accessible;
use crate::support::app::{choose_save_place, SAVE_DIR};
use crate::support::files::{names_in, paths_in, pdf_text};
use crate::support::privacy::{capture_ui_errors, files_holding, personal_data_of, ui_errors};
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn the_data_protection_officer_answers_requests_and_runs_retention() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    cli::store_with_demo_and_dpo(&store);
    // The data set, before the story changes it (Gunnel is erased below).
    let needles = personal_data_of(&store);
    // Where personal data must never appear: the app's temp folder, its WebKit data,
    // config and cache, and everything the processes print.
    let app_tmp = tmp.path().join("apptmp");
    let xdg = tmp.path().join("xdg");
    std::fs::create_dir_all(&app_tmp).unwrap();
    let printed = tmp.path().join("printed.txt");
    let app = App::start_with(
        4452,
        &[
            ("AKTA_STORE", &store),
            (SAVE_DIR, &exports),
            ("TMPDIR", &app_tmp),
            ("XDG_DATA_HOME", &xdg.join("data")),
            ("XDG_CONFIG_HOME", &xdg.join("config")),
            ("XDG_CACHE_HOME", &xdg.join("cache")),
        ],
        Some(&printed),
    );
    let nav = Nav::on(&app);
    let persons = Persons::on(&app);
    let person = Person::on(&app);
    let rights = Rights::on(&app);
    let request = Request::on(&app);
    let review = Review::on(&app);
    let retention = Retention::on(&app);
    let today = akta_core::today().to_string();

    // Every error the core sends to the UI is kept for the scan at the end.
    capture_ui_errors(&app);
    // Two profiles: choose the data-protection officer.
    Unlock::on(&app).unlock_as("Dana Dataskydd");

    // Anna Lindqvist asks for her register extract; identity checked with BankID.
    nav.persons();
    persons.open_only("Anna");
    File::on(&app).tab("rights");
    app.wait_text("Den registrerades rättigheter");
    // A received date in the future is refused in Swedish; nothing registered.
    rights.received_on("2999-01-01");
    rights.register();
    app.wait_text("ligger i framtiden");
    rights.received_on(&today);
    rights.identity_checked_by("BankID");
    rights.identity_checked_on(&today);
    rights.register();
    app.wait_text("Registerutdrag (art. 15)");
    app.wait_text("Svara senast");

    // Review: other people in her files are already withheld; mark one more passage.
    review.open();
    app.wait_text("Fritexten att granska visas nedan.");
    let previews = review.previews();
    assert!(previews.iter().any(|p| p.contains("[…]")), "{previews:?}");
    // Nothing selected: told to select first.
    review.withhold_selection();
    app.wait_text("Markera först texten");
    review.give_reason("Uppgift om annan person");
    review.select_in_first_passage(0, 4);
    review.withhold_selection();
    app.wait_text("Passagen maskeras i utdraget.");
    assert!(review.first_preview().starts_with("[…]"));

    // Candidates (a mentor and an interpreter the store does not know, a telephone
    // number): the extract waits for the review; one is withheld, the rest confirmed.
    assert!(review.status().contains("kandidater att granska"));
    assert_accessible(&app, "extract review with candidates");
    request.make_extract();
    app.wait_text("Fritexten har kandidater som ingen har granskat");
    let candidates = review.candidate_count();
    assert!(candidates >= 3, "{candidates} candidates");
    review.withhold_first_candidate();
    review.wait_candidate_count(candidates - 1);
    // Her documents: each needs a decision before the review is confirmed. A copy of
    // the first goes out; the others are withheld with a reason.
    let documents = review.document_ids();
    assert!(
        !documents.is_empty(),
        "the demo files hold documents about Anna"
    );
    for (i, id) in documents.iter().enumerate() {
        let withhold = (i > 0).then_some("Uppgifter om annan person");
        review.decide_document(id, withhold);
    }
    review.confirm();
    app.wait_text("Granskningen är registrerad.");
    assert!(review.status().starts_with("Granskad"));

    // The extract: PDF and JSON saved where the user chose (the dialog proposes a name
    // without personal data), read back.
    request.make_extract();
    choose_save_place(&app);
    app.wait_text("Registerutdraget är skapat och sparat.");
    assert!(request.saved_extract().contains("RU-"));
    let files = names_in(&exports);
    // The PDF, the JSON, and the folder with the included document's copy.
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files[0].starts_with("registerutdrag-") && files[0].ends_with("-dokument"));
    let copies = names_in(&exports.join(&files[0]));
    assert_eq!(copies.len(), 1, "only the included copy: {copies:?}");
    assert!(
        copies[0].starts_with(&format!("{}.", documents[0])),
        "{copies:?}"
    );
    let files: Vec<String> = files[1..].to_vec();
    assert!(files[0].starts_with("registerutdrag-") && files[0].ends_with(".json"));
    assert!(
        files.iter().all(|f| !f.contains("Anna")),
        "no names in file names"
    );
    let text = pdf_text(&exports.join(&files[1]));
    assert!(
        text.contains("Anna") && text.contains("Integritetsskyddsmyndigheten"),
        "{text}"
    );
    request.mark_sent("Rekommenderat brev till folkbokföringsadressen");
    app.wait_text("Markerat som skickat.");
    request.close_with("Registerutdrag skickat.");
    app.wait_text("Begäran är avslutad.");
    request.wait_status("Klar");

    // Restriction from her file: a banner says so.
    request.open_person();
    File::on(&app).tab("rights");
    rights.toggle_restriction();
    app.wait_text("Behandlingen är begränsad sedan");
    assert!(person.shows_restriction_banner());

    // Gunnel Ek asks to be erased: everything goes, and the statement says what.
    nav.persons();
    persons.open_only("Gunnel");
    File::on(&app).tab("rights");
    app.wait_text("Den registrerades rättigheter");
    rights.choose_kind("erasure");
    rights.identity_checked_by("Legitimation");
    rights.identity_checked_on(&today);
    rights.register();
    app.wait_text("Radering (art. 17)");
    request.erase();
    app.wait_text("Redovisning av raderingen");
    request.wait_outcome("Raderat");
    nav.requests();
    app.wait_text("(raderad person)");

    // Retention: the automatic run at unlock left a receipt; the closed demo home
    // falls due next year; a bad period is refused in Swedish; a run is confirmed.
    nav.retention();
    app.wait_text("Det kommande året");
    app.wait_text("inget gallrades");
    assert!(retention.upcoming().contains("Familjen Karlsson"));
    retention.save_rule("home_files", "x");
    app.wait_text("Ange antalet månader som ett heltal från 1 till 1200.");
    // Nothing is due now: the run cannot be started, and the screen says why.
    assert!(!retention.can_run());
    app.wait_text("Inget ska gallras nu.");

    // A backup: this store's key is also wrapped to the agency's recovery recipient
    // (a data-protection profile needs one), so no passphrase is asked for.
    retention.make_backup("");
    app.wait_text("Säkerhetskopian är skapad.");
    retention.wait_backup_count(1);
    let errors = ui_errors(&app);
    app.close();

    // No personal data where it does not belong: not in any error sent to the UI (the
    // refused date and the unreviewed extract above are among them), not in what the
    // processes printed, not in temp files or WebKit's folders, and not in plain text
    // anywhere in the store's folder (database, key files, backups, logs).
    assert!(
        !errors.is_empty() && errors.iter().all(|e| e.contains("\"code\"")),
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
    let logs = paths_in(&store.join("logs"));
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
