//! Contacts on the calendar and in the list, on a real encrypted store: a contact on
//! the last day of a month late in the evening keeps that date; times and month-end
//! dates are kept or refused as they are (a property test); the home's contacts newest
//! first; the editable list of themes; the journal's purge takes a contact's structure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod contact_world;

use akta_core::contact::{self, ContactInput, Participant};
use akta_core::error::{ErrorCode, Reason};
use akta_core::journal;
use chrono::NaiveDate;
use common::*;
use contact_world::*;

#[tokio::test]
async fn themes_are_an_editable_list_and_a_retired_one_stays_on_old_contacts() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let t = contact::add_theme(s, karin, "Umgänge med syskon")
        .await
        .unwrap();
    assert_eq!(t.code, "umgange_med_syskon");
    let offered = contact::themes(s).await.unwrap();
    assert_eq!(offered.last().unwrap().code, "umgange_med_syskon");
    assert_eq!(offered.len(), 10);
    for (label, reason) in [
        ("umgänge med SYSKON", Reason::Duplicate),
        ("Skola och förskola", Reason::Duplicate),
        ("   ", Reason::Required),
        ("???", Reason::Characters),
    ] {
        let e = contact::add_theme(s, karin, label).await.unwrap_err();
        assert_eq!(refusals(&e), [("label", reason)], "{label}");
    }
    assert_eq!(contact::themes(s).await.unwrap().len(), 10);

    let mut input = visit(&w);
    input.themes = vec!["skola".into(), "umgange_med_syskon".into()];
    let e = contact::add(s, karin, &input, today()).await.unwrap();
    sqlx::query("UPDATE contact_themes SET retired = 1 WHERE code = 'umgange_med_syskon'")
        .execute(s.pool())
        .await
        .unwrap();
    assert!(!contact::themes(s)
        .await
        .unwrap()
        .iter()
        .any(|t| t.code == "umgange_med_syskon"));
    let listed = contact::list(s, karin, w.home, today()).await.unwrap();
    let shown = &listed[0].contact.as_ref().unwrap().themes;
    assert_eq!(shown[1].label, "Umgänge med syskon");
    assert!(shown[1].retired);
    // Kept on the contact that has it when its draft is changed; not chosen anew.
    input.text = "Ändrad text.".into();
    contact::update(s, karin, e.id, &input, today())
        .await
        .unwrap();
    let err = contact::add(s, karin, &input, today()).await.unwrap_err();
    assert_eq!(refusals(&err), [("themes", Reason::Unknown)]);
}

#[tokio::test]
async fn a_contact_on_the_last_day_of_the_month_at_half_past_eleven_keeps_that_date() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let mut input = visit(&w);
    input.date = d("2026-10-31");
    input.starts_at = "23:30".into();
    let e = contact::add(s, karin, &input, today()).await.unwrap();
    assert_eq!(e.event_date, d("2026-10-31"));
    let stored: (String, String) = sqlx::query_as(
        "SELECT e.event_date, c.starts_at FROM journal_entries e JOIN contacts c ON c.entry_id = e.id
         WHERE e.id = ?",
    )
    .bind(e.id)
    .fetch_one(s.pool())
    .await
    .unwrap();
    assert_eq!(stored, ("2026-10-31".into(), "23:30".into()));
    let listed = contact::list(s, karin, w.home, today()).await.unwrap();
    assert_eq!(listed[0].event_date, d("2026-10-31"));
    assert_eq!(listed[0].contact.as_ref().unwrap().starts_at, "23:30");
}

#[tokio::test]
async fn contacts_are_listed_newest_first_and_purged_with_their_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let mut ids = Vec::new();
    for (date, time) in [
        ("2026-11-01", "09:00"),
        ("2026-11-02", "08:00"),
        ("2026-11-01", "16:15"),
    ] {
        let mut input = visit(&w);
        input.date = d(date);
        input.starts_at = time.into();
        ids.push(contact::add(s, karin, &input, today()).await.unwrap().id);
    }
    let listed: Vec<i64> = contact::list(s, karin, w.home, today())
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, [ids[1], ids[2], ids[0]]);
    // The other home has none; an unknown home is not found.
    assert!(contact::list(s, karin, w.other_home, today())
        .await
        .unwrap()
        .is_empty());
    let e = contact::list(s, karin, 9999, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);

    // The journal's one delete path takes the structure with the entry.
    let mut tx = s.begin().await.unwrap();
    let n = journal::purge_entries(&mut tx, karin, &ids).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 3);
    assert_eq!(counts(s).await[..4], [0, 0, 0, 0]);
}

/// Whether `t` is a wall-clock time `HH:MM` (an oracle apart from the core's own check).
fn is_hh_mm(t: &str) -> bool {
    let t = t.trim();
    t.len() == 5
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
        && chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

/// Times typed well and badly, on the last day of months across leap and common years:
/// a contact is written exactly when its time is `HH:MM` within the day and its date is
/// not in the future, and keeps its date and time as given.
#[test]
fn times_and_month_end_dates_are_kept_or_refused_as_they_are() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let w = rt.block_on(world(tmp.path()));
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let time = prop_oneof![
        (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h}:{m}")),
        "[0-9:. +-]{0,6}",
    ];
    let month_end = (1996i32..=2027, 1u32..=12).prop_map(|(y, m)| {
        let first_of_next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        };
        first_of_next.unwrap().pred_opt().unwrap()
    });
    let mut runner = TestRunner::new(Config::with_cases(96));
    runner
        .run(&(time, month_end), |(time, date)| {
            rt.block_on(async {
                let input = ContactInput {
                    child_id: None,
                    date,
                    starts_at: time.clone(),
                    participants: vec![Participant::Person { person_id: w.adult }],
                    ..visit(&w)
                };
                let before = counts(s).await;
                let r = contact::add(s, karin, &input, today()).await;
                let mut expected = Vec::new();
                if date > today() {
                    expected.push(("date", Reason::Future));
                }
                if !is_hh_mm(&time) {
                    expected.push(("starts_at", Reason::Format));
                }
                match r {
                    Ok(e) => {
                        prop_assert!(expected.is_empty(), "{time} {date} accepted");
                        prop_assert_eq!(e.event_date, date);
                        prop_assert_eq!(&e.contact.unwrap().starts_at, time.trim());
                    }
                    Err(e) => {
                        prop_assert_eq!(refusals(&e), expected);
                        prop_assert_eq!(counts(s).await, before);
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}
