//! Retention on real encrypted stores, with hidden dates (`as_of`): the day a file
//! goes, holds and requests that keep it, children's files before homes, receipts
//! without personal data, and no trace of purged text in any decrypted page.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::ErrorCode;
use akta_core::foster_home::{
    self, FosterHomeInput, HomeKind, HomeStatus, MemberRole, StatusChangeInput,
};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::placement::{self, EndPlacementInput, PlacementInput};
use akta_core::retention::{self, FileKind, HoldInput};
use akta_core::rights::{self, CompletionInput, RequestInput, RequestKind, RequestStatus};
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::{Months, NaiveDate};
use common::*;

const SECRET: &str = "kvittensfritt-hemligt-ord";

struct World {
    store: Store,
    dpo: Actor,
    home: i64,
    adults: Vec<i64>,
    closed_on: NaiveDate,
}

fn ago(days: u64) -> NaiveDate {
    today() - chrono::Days::new(days)
}

async fn person(store: &Store, actor: &Actor, given: &str, number: &str) -> i64 {
    person::add(
        store,
        actor,
        &PersonInput {
            personal_number: Some(number.into()),
            given_name: given.into(),
            family_name: "Gallring".into(),
            email: Some(format!("{}@example.se", given.to_lowercase())),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap()
    .id
}

/// A home with two adults and a signed journal entry, approved and then closed 30 days
/// ago.
async fn world(dir: &std::path::Path) -> World {
    let store = new_store(dir).await;
    let dpo = Actor::user(
        user::add(
            &store,
            &Actor::device(),
            &UserInput {
                name: "Dana Dataskydd".into(),
                title: None,
                role: Role::Dataskyddsansvarig,
            },
        )
        .await
        .unwrap(),
    );
    let a = person(&store, &dpo, "Astrid", &pnr("19700101", "238")).await;
    let b = person(&store, &dpo, "Bertil", &pnr("19710202", "217")).await;
    let home = foster_home::add(
        &store,
        &dpo,
        &FosterHomeInput {
            name: "Familjen Gallring".into(),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: None,
            municipality_id: None,
        },
        today(),
    )
    .await
    .unwrap()
    .id;
    for (p, role) in [(a, MemberRole::Vuxen), (b, MemberRole::Vuxen)] {
        foster_home::add_member(&store, &dpo, home, p, role)
            .await
            .unwrap();
    }
    let e = journal::create_draft(
        &store,
        &dpo,
        JournalFile::Home(home),
        EntryKind::Note,
        &EntryInput {
            event_date: ago(40),
            text: format!("Hembesök. {SECRET} nämndes."),
        },
        today(),
    )
    .await
    .unwrap();
    journal::sign(&store, &dpo, e.id, today()).await.unwrap();
    for (to, days) in [(HomeStatus::Utreds, 60), (HomeStatus::Godkand, 50)] {
        move_home(&store, &dpo, home, to, ago(days), None).await;
    }
    World {
        store,
        dpo,
        home,
        adults: vec![a, b],
        closed_on: ago(30),
    }
}

async fn move_home(
    store: &Store,
    actor: &Actor,
    home: i64,
    to: HomeStatus,
    on: NaiveDate,
    reason: Option<&str>,
) {
    foster_home::change_status(
        store,
        actor,
        home,
        &StatusChangeInput {
            to,
            on_date: Some(on),
            reason: reason.map(Into::into),
        },
        today(),
    )
    .await
    .unwrap();
}

async fn close(w: &World) {
    move_home(
        &w.store,
        &w.dpo,
        w.home,
        HomeStatus::Avslutad,
        w.closed_on,
        Some("Flyttat"),
    )
    .await;
}

fn two_years_after(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(Months::new(24)).unwrap()
}

async fn homes(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM foster_homes")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_file_closed_two_years_minus_a_day_stays_and_on_the_day_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    close(&w).await;
    let due = two_years_after(w.closed_on);
    let eve = due - chrono::Days::new(1);

    // The day before: coming, not due; a run purges nothing and says so.
    let p = retention::preview(&w.store, &w.dpo, eve).await.unwrap();
    assert!(p.due.is_empty());
    assert_eq!(p.upcoming.len(), 1);
    assert_eq!(p.upcoming[0].due_on, due);
    let r = retention::run(&w.store, &w.dpo, eve).await.unwrap();
    assert!(r.lines.is_empty() && r.file_hashes.is_empty());
    assert_eq!(homes(&w.store).await, 1);

    // On the day: the preview lists it (and changes nothing), the run purges it.
    let p = retention::preview(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(p.due.len(), 1);
    assert_eq!((p.due[0].kind, p.due[0].id), (FileKind::Home, w.home));
    assert_eq!(p.due[0].label, "Familjen Gallring");
    assert_eq!(homes(&w.store).await, 1, "a preview changes nothing");
    let r = retention::run(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(r.lines.len(), 1);
    assert_eq!(
        (r.lines[0].rule.as_str(), r.lines[0].files),
        ("home_files", 1)
    );
    assert!(r.lines[0].rows >= 6);
    assert_eq!(r.file_hashes.len(), 1);
    assert_eq!(homes(&w.store).await, 0);
    // The adults had nothing else here: they go too.
    assert_eq!(person::count(&w.store).await.unwrap(), 0);
    // Search and index know nothing of it.
    assert!(
        journal::search(&w.store, &w.dpo, SECRET, 10, journal::SearchOrder::Newest)
            .await
            .unwrap()
            .is_empty()
    );
    // The receipt holds no personal data, and is kept.
    let text = serde_json::to_string(&retention::receipts(&w.store).await.unwrap()).unwrap();
    for bad in ["Gallring", "Astrid", "Bertil", SECRET, "19700101"] {
        assert!(!text.contains(bad), "receipt shows {bad:?}");
    }
    assert_eq!(retention::receipts(&w.store).await.unwrap().len(), 2);
    assert!(akta_core::audit::verify(&w.store).await.unwrap().intact);
    // Nothing of the purged file is in any decrypted page of the database.
    let key = raw_key(tmp.path());
    w.store.close().await;
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    assert!(pages.len() > 3);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            !contains(page, SECRET.as_bytes()),
            "page {} holds purged text",
            i + 1
        );
        assert!(
            !contains(page, b"Astrid"),
            "page {} holds a purged name",
            i + 1
        );
    }
}

#[tokio::test]
async fn the_page_check_sees_text_that_is_there() {
    // The decryption in these tests is real: before a purge the text is found.
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let key = raw_key(tmp.path());
    w.store.close().await;
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    assert!(pages.iter().any(|p| contains(p, SECRET.as_bytes())));
}

#[tokio::test]
async fn a_hold_or_an_open_request_keeps_a_due_file() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    close(&w).await;
    let due = two_years_after(w.closed_on);
    // A caseworker does not run retention.
    let karin = Actor::user(
        user::add(
            &w.store,
            &w.dpo,
            &UserInput {
                name: "Karin".into(),
                title: None,
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    );
    assert_eq!(
        retention::run(&w.store, &karin, due)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotPermitted
    );
    // A hold without a reason is refused.
    let e = retention::add_hold(
        &w.store,
        &w.dpo,
        &HoldInput {
            kind: "complaint".into(),
            person_id: Some(w.adults[0]),
            home_id: None,
            reason: " ".into(),
            until: None,
        },
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "reason");
    let hold = retention::add_hold(
        &w.store,
        &w.dpo,
        &HoldInput {
            kind: "complaint".into(),
            person_id: Some(w.adults[0]),
            home_id: None,
            reason: "Klagomål till IVO om placeringen".into(),
            until: None,
        },
        today(),
    )
    .await
    .unwrap();
    let p = retention::preview(&w.store, &w.dpo, due).await.unwrap();
    assert!(p.due.is_empty());
    assert_eq!(p.held.len(), 1);
    assert!(p.held[0].holds[0].starts_with("Klagomål:"));
    retention::run(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(homes(&w.store).await, 1, "held");

    // Lifted, but an open data-subject request keeps it too.
    retention::lift_hold(&w.store, &w.dpo, hold.id, today())
        .await
        .unwrap();
    let req = rights::create(
        &w.store,
        &w.dpo,
        &RequestInput {
            person_id: w.adults[1],
            kind: RequestKind::Access,
            received_on: today(),
            identity_method: None,
            identity_verified_on: None,
        },
        today(),
    )
    .await
    .unwrap();
    let p = retention::preview(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(
        p.held[0].holds,
        vec!["Öppen begäran enligt dataskyddsförordningen"]
    );
    retention::run(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(homes(&w.store).await, 1, "held by the request");
    rights::complete(
        &w.store,
        &w.dpo,
        req.id,
        &CompletionInput {
            status: RequestStatus::Completed,
            outcome: "Utdrag skickat.".into(),
            completed_on: today(),
        },
        today(),
    )
    .await
    .unwrap();
    let r = retention::run(&w.store, &w.dpo, due).await.unwrap();
    assert_eq!(r.lines[0].files, 1);
    assert_eq!(homes(&w.store).await, 0);
    // The request stays, without the person.
    let kept = rights::get(&w.store, &w.dpo, req.id, today())
        .await
        .unwrap();
    assert_eq!(kept.person_id, None);
    w.store.close().await;
}

#[tokio::test]
async fn a_child_file_goes_two_years_after_it_closed_and_the_home_waits_for_it() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let org = organisation::add(
        &w.store,
        &w.dpo,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Gallrings kommun".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap();
    let child = person(&w.store, &w.dpo, "Cecilia", &pnr("20150303", "264")).await;
    let placement = placement::place(
        &w.store,
        &w.dpo,
        &PlacementInput {
            child_id: child,
            home_id: w.home,
            municipality_id: org.id,
            start_date: ago(45),
        },
        today(),
    )
    .await
    .unwrap();
    placement::end(
        &w.store,
        &w.dpo,
        placement.id,
        &EndPlacementInput {
            end_date: ago(35),
            reason: "Hem till vårdnadshavare".into(),
        },
        today(),
    )
    .await
    .unwrap();
    close(&w).await;
    // A later note in the child's file keeps the child's file open longer.
    journal::create_draft(
        &w.store,
        &w.dpo,
        JournalFile::Child(child),
        EntryKind::Note,
        &EntryInput {
            event_date: ago(10),
            text: "Uppföljning efter hemflytt.".into(),
        },
        today(),
    )
    .await
    .unwrap();
    let home_due = two_years_after(w.closed_on);
    let child_due = two_years_after(ago(10));
    let p = retention::preview(&w.store, &w.dpo, home_due)
        .await
        .unwrap();
    assert!(p.due.is_empty());
    let held = p.held.iter().find(|f| f.kind == FileKind::Home).unwrap();
    assert_eq!(held.holds, vec!["Ett placerat barns akt sparas ännu"]);
    assert!(p
        .upcoming
        .iter()
        .any(|f| f.kind == FileKind::Child && f.due_on == child_due));

    // Due, but a placed child's file is first offered to the placing municipality.
    let p = retention::preview(&w.store, &w.dpo, child_due)
        .await
        .unwrap();
    let child_file = p.held.iter().find(|f| f.kind == FileKind::Child).unwrap();
    assert_eq!(
        child_file.holds,
        vec!["Väntar på överlämning till placerande kommun"]
    );
    retention::run(&w.store, &w.dpo, child_due).await.unwrap();
    assert_eq!(
        homes(&w.store).await,
        1,
        "nothing goes before the hand-over"
    );
    let offer = retention::offer_handover(&w.store, &w.dpo, child, today())
        .await
        .unwrap();
    let text = pdftotext(&offer.documents.pdf, tmp.path());
    assert!(
        text.contains("Överlämning av akt") && text.contains("Cecilia Gallring"),
        "{text}"
    );
    assert!(
        text.contains("Uppföljning efter hemflytt."),
        "the whole file, nothing withheld"
    );
    let p = retention::preview(&w.store, &w.dpo, child_due)
        .await
        .unwrap();
    let child_file = p.held.iter().find(|f| f.kind == FileKind::Child).unwrap();
    assert!(child_file.holds[0].starts_with("Överlämning erbjuden"));
    let e = retention::decide_handover(&w.store, &w.dpo, offer.id, "kanske", today(), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "decision");
    retention::decide_handover(&w.store, &w.dpo, offer.id, "confirmed", today(), today())
        .await
        .unwrap();

    let r = retention::run(&w.store, &w.dpo, child_due).await.unwrap();
    let rules: Vec<(&str, i64)> = r.lines.iter().map(|l| (l.rule.as_str(), l.files)).collect();
    assert_eq!(rules, vec![("child_files", 1), ("home_files", 1)]);
    assert_eq!(homes(&w.store).await, 0);
    assert_eq!(person::count(&w.store).await.unwrap(), 0);
    // The record of the hand-over stays, without the child.
    let kept: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT child_id, decision FROM handovers")
            .fetch_all(w.store.pool())
            .await
            .unwrap();
    assert_eq!(kept, vec![(None, "confirmed".to_owned())]);
    assert!(akta_core::audit::verify(&w.store).await.unwrap().intact);
    w.store.close().await;
}

fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("handover.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn bad_rule_and_hold_input_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let before = retention::rules(&w.store).await.unwrap();
    for (code, months, days, field) in [
        ("home_files", -1, 0, "period_months"),
        ("home_files", 0, 0, "period_months"),
        ("home_files", 0, 40_000, "period_days"),
        ("no_such_rule", 12, 0, "rule"),
        ("interest_notices", 12, 0, "rule"),
    ] {
        let e = retention::set_period(&w.store, &w.dpo, code, months, days)
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, field, "{code} {months} {days}");
    }
    assert_eq!(retention::rules(&w.store).await.unwrap(), before);
    // A hold names exactly one of a person or a home, and a real one.
    for (person, home, field) in [
        (None, None, "person_id"),
        (Some(w.adults[0]), Some(w.home), "person_id"),
        (Some(999_999), None, "person_id"),
    ] {
        let e = retention::add_hold(
            &w.store,
            &w.dpo,
            &HoldInput {
                kind: "manual".into(),
                person_id: person,
                home_id: home,
                reason: "Skäl".into(),
                until: None,
            },
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(e.fields()[0].field, field);
    }
    assert!(retention::holds(&w.store).await.unwrap().is_empty());
    let e = retention::lift_hold(&w.store, &w.dpo, 42, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "hold");
    w.store.close().await;
}

/// Every row of every catalogued table.
async fn all_rows(store: &Store) -> i64 {
    let mut n = 0;
    for t in akta_core::catalogue::TABLES {
        let sql = format!("SELECT count(*) FROM {}", t.name);
        n += sqlx::query_scalar::<_, i64>(&sql)
            .fetch_one(store.pool())
            .await
            .unwrap();
    }
    n
}

#[tokio::test]
async fn the_preview_counts_exactly_the_rows_a_run_deletes() {
    // The demo store (a closed home, a child whose placement ended) and this file's
    // world (a closed home with a journal), far enough ahead that every closed file is
    // due: per rule, the rows the preview counted are the rows the run deleted; every
    // other row that went belonged to a person the purge left referenced by nothing.
    let tmp = tempfile::tempdir().unwrap();
    let demo_store = new_store(&tmp.path().join("demo")).await;
    akta_core::demo::populate(&demo_store, &Actor::device(), today())
        .await
        .unwrap();
    let w = world(&tmp.path().join("world")).await;
    close(&w).await;
    let as_of = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
    for (store, actor) in [(&demo_store, Actor::device()), (&w.store, w.dpo.clone())] {
        let preview = retention::preview(store, &actor, as_of).await.unwrap();
        assert!(!preview.due.is_empty());
        let mut counted = std::collections::BTreeMap::new();
        for f in &preview.due {
            assert!(f.rows > 0, "{:?} {} has rows", f.kind, f.id);
            *counted.entry(f.rule.clone()).or_insert(0) += f.rows;
        }
        let before = all_rows(store).await;
        let receipt = retention::run(store, &actor, as_of).await.unwrap();
        let deleted: std::collections::BTreeMap<String, i64> = receipt
            .lines
            .iter()
            .filter(|l| l.rows > 0)
            .map(|l| (l.rule.clone(), l.rows))
            .collect();
        assert_eq!(deleted, counted);
        let persons: i64 = receipt.lines.iter().map(|l| l.persons).sum();
        assert_eq!(
            before - all_rows(store).await,
            counted.values().sum::<i64>() + persons
        );
    }
    demo_store.close().await;
    w.store.close().await;
}
