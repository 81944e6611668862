//! A caseworker records a hembesök with the adults and the placed child and two themes,
//! signs it, sees the home's contact plan count it, drafts the month's reports for every
//! placement at once, writes and signs the child's report, and saves it as a PDF that
//! says what the store knows and what she wrote — and nothing of another child.

use crate::pages::file::File;
use crate::pages::homes::Homes;
use crate::pages::nav::Nav;
use crate::pages::session::Unlock;
use crate::pages::support::{Contacts, NewContact, PlanCard, Reports};
use crate::support::app::{choose_save_place, SAVE_DIR};
use crate::support::cli::{akta_json, store_with_demo};
use crate::support::files::{paths_in, pdf_text};
use crate::support::{App, PASS};

/// The number of contacts done this month in a plan line ("november: 2 av 1, …").
fn done_this_month(line: &str, month: &str) -> u32 {
    let after = line
        .split(&format!("{month}: "))
        .nth(1)
        .unwrap_or_else(|| panic!("no count for {month} in {line:?}"));
    after
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {line:?}"))
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_hembesok_counts_against_the_plan_and_the_months_report_is_signed_and_saved_as_pdf() {
    use chrono::Datelike;
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let saved = tmp.path().join("saved");
    store_with_demo(&store);
    let placements = akta_json(&store, &["placement", "list"]);
    let liam = placements
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["child"]["given_name"] == "Liam")
        .expect("the demo's placed child");
    let (liam_id, home_id) = (
        liam["child"]["id"].as_i64().unwrap(),
        liam["home_id"].as_i64().unwrap(),
    );
    let home = akta_json(&store, &["home", "show", &home_id.to_string()]);
    let adults: Vec<i64> = home["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "vuxen")
        .map(|m| m["person"]["id"].as_i64().unwrap())
        .collect();
    let today = akta_core::today();
    let month_name = MONTHS[today.month0() as usize];

    let app = App::start_with(
        4470,
        &[
            ("AKTA_STORE", &store),
            (SAVE_DIR, &saved),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let file = File::on(&app);
    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");
    nav.homes();
    Homes::on(&app).open("Familjen Lindqvist");
    let before = done_this_month(&PlanCard::on(&app).line("Hembesök"), month_name);

    // 1. The hembesök: kind, day, time, length, who took part, themes and the note.
    file.tab("contacts");
    let contacts = Contacts::on(&app);
    contacts.wait_loaded();
    let mut participants = adults.clone();
    participants.push(liam_id);
    contacts.record(&NewContact {
        kind: "hembesok",
        date: &today.to_string(),
        time: "18:30",
        minutes: "75",
        child: liam_id,
        participants: &participants,
        themes: &["skola", "halsa"],
        text: "Hembesök. Liam visade läxboken och berättade om nya klassen.",
    });
    let id = contacts.wait_draft();
    contacts.sign(id);

    // 2. The plan counts it.
    file.tab("overview");
    app.wait_for("the plan to count the hembesök", || {
        let line = PlanCard::on(&app).line("Hembesök");
        (done_this_month(&line, month_name) == before + 1).then_some(())
    });

    // 3. This month's reports for every placement, then the child's report.
    nav.monthly_reports();
    let reports = Reports::on(&app);
    let month = format!("{:04}-{:02}", today.year(), today.month());
    reports.draft_all(&month);
    reports.open("Johansson, Liam");
    let facts = reports.facts();
    assert!(
        facts.contains("18:30"),
        "the new contact in the facts: {facts}"
    );
    reports.write(
        "Liam har kommit in i den nya klassen och trivs.",
        "Familjehemmet önskar stöd kring läxläsningen.",
        "Nytt hembesök i början av nästa månad.",
    );
    reports.sign();
    reports.save_pdf();
    choose_save_place(&app);

    // 4. The PDF says it, and nothing of the other child placed in the home before.
    let files = paths_in(&saved);
    assert_eq!(files.len(), 1, "{files:?}");
    let text = pdf_text(&files[0]);
    for needle in [
        "Månadsrapport",
        "Liam Johansson",
        "Familjen Lindqvist",
        "18:30",
        "Hälsa",
        "Liam har kommit in i den nya klassen och trivs.",
        "Nytt hembesök i början av nästa månad.",
        "inte en bedömning av barnet",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the PDF:\n{text}");
    }
    assert!(!text.contains("Alva"), "another child in the report");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        !name.contains("Liam") && !name.contains("Lindqvist"),
        "{name}"
    );
    app.close();
}
