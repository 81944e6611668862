//! Every main screen passes axe-core (no serious or critical finding) and shows where
//! the keyboard focus is (docs/TESTING.md, Accessibility).

use std::time::Duration;

use crate::pages::concerns::Concerns;
use crate::pages::home::Home;
use crate::pages::homes::Homes;
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

    let screens: [(Link, &str); 9] = [
        (Link::Dashboard, "dashboard"),
        (Link::Persons, "persons"),
        (Link::Homes, "foster homes"),
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

    // The screens behind a row: a foster home with its journal, a person, a concern report.
    nav.homes();
    app.wait_text("Familjen Lindqvist");
    Homes::on(&app).open_first();
    Home::on(&app).wait_shown();
    std::thread::sleep(SETTLE);
    assert_accessible(&app, "foster home with its journal");
    nav.persons();
    Persons::on(&app).open_only("Anna");
    app.wait_text("Kontaktuppgifter");
    assert_accessible(&app, "person");
    nav.concerns();
    Concerns::on(&app).open_first();
    std::thread::sleep(SETTLE);
    assert_accessible(&app, "concern report");

    // Tab moves through the page, focus always visible.
    nav.dashboard();
    for i in 0..12 {
        app.keys(TAB);
        assert_focus_visible(&app, &format!("dashboard, tab {i}"));
    }
    app.close();
}
