//! A caseworker finds a child with quick find and works in the personakt: the header
//! says who it is and where the child lives, the parts are tabs, a new draft appears
//! where she is looking, signing asks first, and dates read ÅÅÅÅ-MM-DD in either language.

use crate::pages::file::{File, QuickFind};
use crate::pages::home::Home;
use crate::pages::journal::Journal;
use crate::pages::nav::Nav;
use crate::pages::person::Person;
use crate::pages::session::Unlock;
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_finds_a_child_and_works_in_the_personakt() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo(&store);
    let (app, _) = App::start(4458, &store);
    let nav = Nav::on(&app);
    let file = File::on(&app);
    let journal = Journal::on(&app);

    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");

    // Quick find (Ctrl+K): persons first, then homes and journal text; Enter opens.
    let quick = QuickFind::on(&app);
    quick.find("liam");
    quick.wait_hit("Liam Johansson");
    assert_eq!(
        quick.hit_kinds().first().map(String::as_str),
        Some("person")
    );
    quick.open_first();
    assert_eq!(Person::on(&app).name(), "Liam Johansson");

    // The header says who this is and where he lives; the tabs are the file's parts.
    let facts = file.facts();
    assert!(
        facts.contains("20120427-383"),
        "the number in the header: {facts}"
    );
    assert!(facts.contains("år"), "age in the header: {facts}");
    assert!(facts.contains("Placerad i Familjen Lindqvist"), "{facts}");
    assert_eq!(
        file.tabs(),
        ["overview", "journal", "documents", "placements", "history"]
    );
    assert!(
        file.header_and_part_within(720),
        "header and first part within 720 px"
    );

    // A new draft appears where she is looking.
    file.tab("journal");
    assert!(file.header_and_part_within(720));
    journal.new_entry();
    let text = "Samtal med Liam om hur skolstarten har gått.";
    journal.write(text);
    journal.save();
    app.wait_text("Utkastet är sparat.");
    assert!(journal.entry_in_view(text), "the new draft is in view");

    // Signing asks first; "no" leaves the draft as it was.
    journal.ask_to_sign();
    app.wait_text("kan inte ändras efteråt");
    journal.answer_sign(false);
    assert!(journal.offers_edit(), "still a draft after answering no");
    journal.sign();
    app.wait_text("Anteckningen är signerad och låst.");

    // Dates are ÅÅÅÅ-MM-DD in both languages: no date input follows the system locale.
    let native_dates = "return document.querySelectorAll('input[type=date]').length";
    assert_eq!(app.script(native_dates), serde_json::json!(0));
    assert_eq!(
        app.attribute(
            &app.find("[data-testid=journal-filter-from]"),
            "placeholder"
        )
        .as_deref(),
        Some("ÅÅÅÅ-MM-DD")
    );
    nav.choose_language("en");
    app.wait_text("Journal");
    assert_eq!(
        app.attribute(
            &app.find("[data-testid=journal-filter-from]"),
            "placeholder"
        )
        .as_deref(),
        Some("YYYY-MM-DD")
    );
    nav.choose_language("sv");

    // The home in the header opens the home's file.
    file.tab("overview");
    file.open_home_in_header();
    assert_eq!(Home::on(&app).name(), "Familjen Lindqvist");
    assert!(
        file.facts().contains("Liam Johansson"),
        "placed children in the home's header"
    );
    app.close();
}
