//! The plan lines of the bevakningar inbox on a real encrypted store: the next contact
//! of each plan line on calendar edges (the last day of a month, 29 February 2028, a
//! week spanning a year end), a contact the last period missed owed until it is made,
//! and each line moving as contacts are recorded.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod support_world;

use akta_core::contact::{ContactKind, PlanPer};
use akta_core::due::{Bucket, DueKind, Group, Place};
use akta_core::placement::{self, EndPlacementInput};
use support_world::*;

#[tokio::test]
async fn a_home_plan_line_is_due_when_the_month_asks_and_moves_as_contacts_are_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let id = plan_line(&w, None, None, 2, PlanPer::Month, "2026-11-01").await;
    let key = format!("plan_contact:plan:{id}");

    // Twice in November (30 days), none done: the first by day 15.
    let l = line(&w, &key, "2026-11-10").await.unwrap();
    assert_eq!(l.kind, DueKind::PlanContact);
    assert_eq!(l.due_on, d("2026-11-15"));
    assert_eq!(l.bucket, Bucket::ThisWeek, "Sunday of as_of's week");
    assert_eq!(
        l.group,
        Group::Home {
            home_id: w.home,
            name: "Familjen Lind".into()
        }
    );
    assert_eq!(l.place, Place::Home { home_id: w.home });
    assert_eq!((l.why.done, l.why.expected), (Some(0), Some(2)));
    assert_eq!(l.why.detail.as_deref(), Some("month"));
    assert_eq!(l.why.month.as_deref(), Some("2026-11"));
    assert_eq!(l.why.person, None);
    assert!(!l.why.flagged, "the line began in November");
    // Past the 15th with nothing done: overdue.
    let l = line(&w, &key, "2026-11-20").await.unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);

    // One contact (any day of the month up to as_of) moves it to the month's last day.
    contact(&w, None, ContactKind::Hembesok, "2026-11-03").await;
    let l = line(&w, &key, "2026-11-20").await.unwrap();
    assert_eq!((l.due_on, l.why.done), (d("2026-11-30"), Some(1)));
    assert_eq!(l.bucket, Bucket::Later);
    // A second: November is done, December (31 days) asks for its first by the 16th.
    contact(&w, None, ContactKind::Telefon, "2026-11-20").await;
    let l = line(&w, &key, "2026-11-20").await.unwrap();
    assert_eq!((l.due_on, l.why.done), (d("2026-12-16"), Some(2)));
    // On the last day of the month, the same.
    let l = line(&w, &key, "2026-11-30").await.unwrap();
    assert_eq!(l.due_on, d("2026-12-16"));
    // On the first of December the count starts again; November was met: not flagged.
    let l = line(&w, &key, "2026-12-01").await.unwrap();
    assert_eq!(
        (l.due_on, l.why.done, l.why.flagged),
        (d("2026-12-16"), Some(0), false)
    );
    assert_eq!(l.why.month.as_deref(), Some("2026-12"));
}

#[tokio::test]
async fn a_weekly_placement_line_runs_monday_to_sunday_across_the_year_end() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let id = plan_line(
        &w,
        Some(w.placement),
        Some(ContactKind::Telefon),
        1,
        PlanPer::Week,
        "2026-12-28",
    )
    .await;
    let key = format!("plan_contact:plan:{id}");
    // Wednesday 30 December 2026: the week of Monday 28 December ends Sunday 3 January.
    let l = line(&w, &key, "2026-12-30").await.unwrap();
    assert_eq!(l.due_on, d("2027-01-03"));
    assert_eq!(l.bucket, Bucket::ThisWeek);
    assert_eq!(
        l.place,
        Place::Placement {
            placement_id: w.placement,
            home_id: w.home
        }
    );
    assert_eq!(l.why.person.as_deref(), Some("Liam Lind"));
    assert_eq!(l.why.detail.as_deref(), Some("telefon"));
    assert_eq!(
        (l.why.done, l.why.expected, l.why.month.clone()),
        (Some(0), Some(1), None)
    );
    // A home visit is not a telephone call: nothing moves.
    contact(&w, Some(w.liam), ContactKind::Hembesok, "2026-12-28").await;
    assert_eq!(
        line(&w, &key, "2026-12-30").await.unwrap().due_on,
        d("2027-01-03")
    );
    // The call on Monday 28 December counts in the same week, on both sides of the new
    // year: the next is needed by Sunday 10 January.
    contact(&w, Some(w.liam), ContactKind::Telefon, "2026-12-28").await;
    for as_of in ["2026-12-30", "2027-01-02", "2027-01-03"] {
        let l = line(&w, &key, as_of).await.unwrap();
        assert_eq!(
            (l.due_on, l.why.done),
            (d("2027-01-10"), Some(1)),
            "{as_of}"
        );
    }
    // The next week starts from none.
    let l = line(&w, &key, "2027-01-04").await.unwrap();
    assert_eq!((l.due_on, l.why.done), (d("2027-01-10"), Some(0)));
    // A line of an ended placement asks for nothing.
    let end = EndPlacementInput {
        end_date: d("2027-01-05"),
        reason: "Flyttat hem".into(),
    };
    placement::end(
        &w.staff.store,
        &w.staff.karin,
        w.placement,
        &end,
        d("2027-01-05"),
    )
    .await
    .unwrap();
    assert!(line(&w, &key, "2027-01-06").await.is_none());
}

#[tokio::test]
async fn a_monthly_line_in_a_leap_february_is_due_on_the_29th() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let common = plan_line(
        &w,
        None,
        Some(ContactKind::Hembesok),
        1,
        PlanPer::Month,
        "2027-02-01",
    )
    .await;
    let leap = plan_line(
        &w,
        None,
        Some(ContactKind::Hembesok),
        1,
        PlanPer::Month,
        "2028-02-01",
    )
    .await;
    let (common, leap) = (
        format!("plan_contact:plan:{common}"),
        format!("plan_contact:plan:{leap}"),
    );
    let l = line(&w, &common, "2027-02-10").await.unwrap();
    assert_eq!(l.due_on, d("2027-02-28"));
    let l = line(&w, &leap, "2028-02-10").await.unwrap();
    assert_eq!(l.due_on, d("2028-02-29"));
    assert_eq!(l.why.month.as_deref(), Some("2028-02"));
    // The 29th itself: due today, not yet overdue.
    assert_eq!(
        line(&w, &leap, "2028-02-29").await.unwrap().bucket,
        Bucket::Today
    );
    // The visit February did not get is owed from 1 March: overdue, flagged, until made.
    let l = line(&w, &leap, "2028-03-01").await.unwrap();
    assert_eq!(
        (l.due_on, l.bucket, l.why.flagged),
        (d("2028-02-29"), Bucket::Overdue, true)
    );
    contact(&w, None, ContactKind::Hembesok, "2028-03-01").await;
    let l = line(&w, &leap, "2028-03-01").await.unwrap();
    assert_eq!((l.due_on, l.bucket), (d("2028-03-31"), Bucket::Later));
}

#[tokio::test]
async fn a_contact_the_last_period_did_not_get_is_owed_until_it_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    // Twice a month from October; October got none.
    let id = plan_line(&w, None, None, 2, PlanPer::Month, "2026-10-01").await;
    let key = format!("plan_contact:plan:{id}");
    let l = line(&w, &key, "2026-11-02").await.unwrap();
    assert_eq!(
        (l.due_on, l.bucket, l.why.flagged),
        (d("2026-10-31"), Bucket::Overdue, true)
    );
    // One made up: one still owed.
    contact(&w, None, ContactKind::Telefon, "2026-11-02").await;
    assert_eq!(
        line(&w, &key, "2026-11-02").await.unwrap().due_on,
        d("2026-10-31")
    );
    // Both made up: November's own first is due by the 15th.
    contact(&w, None, ContactKind::Hembesok, "2026-11-02").await;
    let l = line(&w, &key, "2026-11-02").await.unwrap();
    assert_eq!((l.due_on, l.bucket), (d("2026-11-15"), Bucket::Later));
    // A weekly line: last week's missed video call is overdue on Monday and until a call.
    let weekly = plan_line(
        &w,
        None,
        Some(ContactKind::Video),
        1,
        PlanPer::Week,
        "2026-11-02",
    )
    .await;
    let weekly = format!("plan_contact:plan:{weekly}");
    let l = line(&w, &weekly, "2026-11-09").await.unwrap();
    assert_eq!((l.due_on, l.bucket), (d("2026-11-08"), Bucket::Overdue));
    contact(&w, None, ContactKind::Video, "2026-11-10").await;
    let l = line(&w, &weekly, "2026-11-10").await.unwrap();
    assert_eq!((l.due_on, l.bucket), (d("2026-11-15"), Bucket::ThisWeek));
}
