//! Every main screen passes axe-core (no serious or critical finding) and shows where
//! the keyboard focus is (docs/TESTING.md, Accessibility).

use std::time::Duration;

use crate::pages::concerns::Concerns;
use crate::pages::file::{File, QuickFind};
use crate::pages::home::Home;
use crate::pages::homes::Homes;
use crate::pages::investigation_report::InvestigationReport;
use crate::pages::nav::{Link, Nav};
use crate::pages::persons::Persons;
use crate::pages::session::{Profile, Unlock};
use crate::pages::TAB;
use crate::support::a11y::{assert_accessible, assert_focus_visible};
use crate::support::{cli, App, PASS};

/// How long a screen is given to settle (fonts, transitions) before axe reads it.
const SETTLE: Duration = Duration::from_millis(300);

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn every_main_screen_passes_axe_and_shows_keyboard_focus() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo_and_dpo(&store);
    let (app, _) = App::start(4454, &store);
    let nav = Nav::on(&app);

    assert_accessible(&app, "unlock");
    Unlock::on(&app).unlock_with(PASS);
    app.wait_text("Dana Dataskydd");
    assert_accessible(&app, "profile choice");
    Profile::on(&app).choose("Dana");
    Nav::on(&app).wait_signed_in("Dana Dataskydd");

    let screens: [(Link, &str); 10] = [
        (Link::Inbox, "inbox"),
        (Link::Persons, "persons"),
        (Link::Homes, "foster homes"),
        (Link::MonthlyReports, "monthly reports"),
        (Link::Concerns, "concern reports"),
        (Link::Notices, "interest notices"),
        (Link::Search, "journal search"),
        (Link::Requests, "requests"),
        (Link::Retention, "retention"),
        (Link::Settings, "settings"),
    ];
    for (link, screen) in screens {
        nav.open(link);
        nav.wait_screen_shown(screen);
        std::thread::sleep(SETTLE);
        assert_accessible(&app, screen);
        // The next control is reached by keyboard, and its focus shows.
        app.keys(TAB);
        assert_focus_visible(&app, screen);
    }

    // The screens behind a row: a foster home and a person, every part of each file,
    // and a concern report.
    let file = File::on(&app);
    nav.homes();
    app.wait_text("Familjen Lindqvist");
    Homes::on(&app).open("Familjen Lindqvist");
    Home::on(&app).wait_shown();
    for tab in [
        "overview",
        "journal",
        "investigation",
        "placements",
        "history",
    ] {
        file.tab(tab);
        std::thread::sleep(SETTLE);
        assert_accessible(&app, &format!("foster home, {tab}"));
    }
    // The written investigation of the home under investigation (a draft).
    nav.homes();
    Homes::on(&app).open("Familjen Öberg");
    file.tab("investigation");
    let report = InvestigationReport::on(&app);
    report.open();
    report.wait_shown();
    std::thread::sleep(SETTLE);
    assert_accessible(&app, "written investigation");
    nav.persons();
    Persons::on(&app).open_only("Anna");
    app.wait_text("Kontaktuppgifter");
    for tab in ["overview", "journal", "placements", "history", "rights"] {
        file.tab(tab);
        std::thread::sleep(SETTLE);
        assert_accessible(&app, &format!("person, {tab}"));
    }
    // Quick find with its list of hits open.
    let quick = QuickFind::on(&app);
    quick.find("lind");
    quick.wait_hit("Lindqvist");
    assert_accessible(&app, "quick find");
    app.keys("\u{E00C}"); // Escape
    nav.concerns();
    Concerns::on(&app).open_first();
    std::thread::sleep(SETTLE);
    assert_accessible(&app, "concern report");

    // Tab moves through the page, focus always visible.
    nav.inbox();
    for i in 0..12 {
        app.keys(TAB);
        assert_focus_visible(&app, &format!("inbox, tab {i}"));
    }
    app.close();
}
