//! The start screen is the inbox. On the demo store Familjen Lindqvist owes last week's
//! telephone call of its plan: the line is overdue, and the count beside the navigation
//! link says so. The caseworker marks the demo's overdue bevakning (set by hand) done
//! from the inbox, opens the plan's line, records the call in the home's contacts tab,
//! and back in the inbox the line is no longer overdue: recording the call cleared it.

use crate::pages::file::File;
use crate::pages::inbox::Inbox;
use crate::pages::nav::Nav;
use crate::pages::session::Unlock;
use crate::pages::support::{Contacts, NewContact};
use crate::support::cli::{akta_json, store_with_demo};
use crate::support::{App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn the_inbox_shows_a_home_behind_plan_and_recording_the_call_clears_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    store_with_demo(&store);
    // What the CLI says is due is what the screen must show.
    let due = akta_json(&store, &["due"]);
    let items = due["items"].as_array().unwrap();
    let call = items
        .iter()
        .find(|i| {
            i["kind"] == "plan_contact"
                && i["why"]["detail"] == "telefon"
                && i["group"]["name"] == "Familjen Lindqvist"
        })
        .expect("the demo's weekly call line");
    assert_eq!(call["bucket"], "overdue", "{call}");
    let call_key = call["key"].as_str().unwrap().to_owned();
    let home_id = call["group"]["home_id"].as_i64().unwrap();
    let manual = items
        .iter()
        .find(|i| i["kind"] == "manual" && i["bucket"] == "overdue")
        .expect("the demo's overdue bevakning");
    let (manual_key, manual_id) = (
        manual["key"].as_str().unwrap().to_owned(),
        manual["follow_up_id"].as_i64().unwrap(),
    );
    let overdue =
        due["counts"]["overdue"].as_i64().unwrap() + due["counts"]["today"].as_i64().unwrap();
    let home = akta_json(&store, &["home", "show", &home_id.to_string()]);
    let adults: Vec<i64> = home["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "vuxen")
        .map(|m| m["person"]["id"].as_i64().unwrap())
        .collect();
    let child = akta_json(&store, &["placement", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["home_id"] == home_id && p["end_date"].is_null())
        .map(|p| p["child"]["id"].as_i64().unwrap())
        .expect("a child placed in the home");

    let app = App::start_with(
        4474,
        &[
            ("AKTA_STORE", &store),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
        None,
    );
    let nav = Nav::on(&app);
    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");

    // 1. The start screen: the call is overdue, and so is the bevakning set by hand.
    let inbox = Inbox::on(&app);
    inbox.wait_in_section(&call_key, "overdue");
    inbox.wait_in_section(&manual_key, "overdue");
    assert!(
        inbox.line(&call_key).contains("Kontakt enligt plan"),
        "{}",
        inbox.line(&call_key)
    );
    assert_eq!(
        i64::from(inbox.count()),
        overdue,
        "the count beside the link"
    );

    // 2. Done from the inbox: it leaves the inbox.
    inbox.done(manual_id);
    app.wait_for("the done bevakning gone", || {
        inbox.section_of(&manual_key).is_none().then_some(())
    });
    app.wait_for("the count one less", || {
        (i64::from(inbox.count()) == overdue - 1).then_some(())
    });

    // 3. The line opens the home; the call is recorded in its contacts tab.
    inbox.open(&call_key);
    let file = File::on(&app);
    file.tab("contacts");
    let contacts = Contacts::on(&app);
    contacts.wait_loaded();
    let today = akta_core::today().to_string();
    contacts.record(&NewContact {
        kind: "telefon",
        date: &today,
        time: "08:15",
        minutes: "15",
        child,
        participants: &adults,
        themes: &["skola"],
        text: "Ringde Anna. Läxhjälpen har kommit igång två dagar i veckan.",
    });
    contacts.wait_draft();

    // 4. Back in the inbox: the call is no longer overdue (the next is due this week).
    nav.inbox();
    inbox.wait_not_in_section(&call_key, "overdue");
    assert!(
        inbox.section_of(&call_key).is_some(),
        "the plan's next call is still listed"
    );
    app.close();
}
