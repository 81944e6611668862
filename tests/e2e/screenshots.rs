//! Screenshots of the main screens at the app's default size (1100×760), written to
//! docs/screenshots/ so that a reader of the docs sees the app as it is. Every e2e run
//! makes them again; a screen that does not come up fails the story.

use std::path::PathBuf;

use crate::pages::documents::Documents;
use crate::pages::file::File;
use crate::pages::homes::Homes;
use crate::pages::investigation_report::InvestigationReport;
use crate::pages::nav::{Link, Nav};
use crate::pages::persons::Persons;
use crate::pages::session::{Profile, Unlock};
use crate::support::{cli, App, PASS};

fn shots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn screenshots_of_the_main_screens() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo_and_dpo(&store);
    let (app, _) = App::start(4462, &store);
    let nav = Nav::on(&app);
    let file = File::on(&app);
    let dir = shots();
    let v = app.script("return [window.innerWidth, window.innerHeight]");
    assert_eq!(
        v,
        serde_json::json!([1100, 760]),
        "the app's default window"
    );
    let shot = |name: &str| {
        std::thread::sleep(std::time::Duration::from_millis(400));
        app.screenshot(&dir.join(format!("{name}.png")));
    };

    Unlock::on(&app).unlock_with(PASS);
    app.wait_text("Dana Dataskydd");
    Profile::on(&app).choose("Dana");
    nav.wait_signed_in("Dana Dataskydd");
    // The header fits on one row at 1100 px for the role with the most entries.
    let rows = app.script(
        "const b = document.querySelector('header.top'); return b.getBoundingClientRect().height",
    );
    assert!(
        rows.as_f64().unwrap_or(999.0) < 70.0,
        "header height {rows}"
    );
    nav.wait_screen_shown("inbox");
    shot("inbox");

    nav.persons();
    app.wait_text("Liam");
    shot("persons");
    Persons::on(&app).open_only("Liam");
    app.wait_text("Placerad i");
    shot("person-file");
    file.tab("journal");
    shot("person-journal");

    nav.homes();
    app.wait_text("Familjen Lindqvist");
    shot("homes");
    Homes::on(&app).open("Familjen Lindqvist");
    app.wait_text("placerat barn");
    shot("home-file");
    file.tab("journal");
    shot("home-journal");
    file.tab("investigation");
    shot("home-investigation");
    file.tab("documents");
    let documents = Documents::on(&app);
    documents.wait_loaded();
    shot("home-documents");
    documents.open("Uppdragsavtal");
    documents.wait_first_page();
    shot("document-viewer");

    nav.homes();
    Homes::on(&app).open("Familjen Öberg");
    file.tab("investigation");
    let report = InvestigationReport::on(&app);
    report.open();
    report.wait_shown();
    shot("investigation-report");

    for (link, name) in [
        (Link::Concerns, "concerns"),
        (Link::Notices, "notices"),
        (Link::Requests, "requests"),
        (Link::Retention, "retention"),
        (Link::Settings, "settings"),
    ] {
        nav.open(link);
        nav.wait_screen_shown(name);
        shot(name);
    }
    app.close();
}
