//! The support rules of the bevakningar inbox on a real encrypted store: the next
//! contact of each plan line, the month's report of each placement, the year's training
//! below its target and an agreement that ends soon — each on calendar edges (the last
//! day of a month, 31 January + 1 month, 29 February 2028, a week spanning a year end),
//! and each line moving or disappearing when its data changes (a contact recorded, a
//! report signed, training added, an agreement's end moved).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::agreement::{self, AgreementInput};
use akta_core::contact::{self, ContactInput, ContactKind, PlanInput, PlanPer};
use akta_core::due::{self, Bucket, DueItem, DueKind, Group, Place};
use akta_core::foster_home::{self, MemberRole};
use akta_core::person;
use akta_core::placement::{self, EndPlacementInput};
use akta_core::report::{self, ReportSections, YearMonth};
use akta_core::settings::Settings;
use akta_core::training::{self, TrainingInput};
use chrono::NaiveDate;
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Familjen Lind (an adult member) with Liam placed since 2026-01-01 by Göteborg.
struct World {
    staff: Staff,
    home: i64,
    adult: i64,
    kommun: i64,
    liam: i64,
    placement: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let (s, k) = (&staff.store, &staff.karin);
    let home = approved_home(s, k, "Familjen Lind").await;
    let adult = person::add(s, k, &anna(), today()).await.unwrap().id;
    foster_home::add_member(s, k, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let kommun = kommun(s, k).await;
    let liam = person::add(s, k, &named("Liam", "Lind"), today())
        .await
        .unwrap()
        .id;
    let placement = place(s, k, liam, home, kommun, "2026-01-01").await;
    World {
        staff,
        home,
        adult,
        kommun,
        liam,
        placement,
    }
}

async fn inbox(w: &World, as_of: &str) -> Vec<DueItem> {
    due::build(
        &w.staff.store,
        &w.staff.karin,
        d(as_of),
        &Settings::default(),
    )
    .await
    .unwrap()
    .items
}

/// The lines of one kind.
async fn lines(w: &World, kind: DueKind, as_of: &str) -> Vec<DueItem> {
    inbox(w, as_of)
        .await
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

async fn line(w: &World, key: &str, as_of: &str) -> Option<DueItem> {
    inbox(w, as_of).await.into_iter().find(|i| i.key == key)
}

async fn plan_line(
    w: &World,
    placement: Option<i64>,
    kind: Option<ContactKind>,
    times: u32,
    per: PlanPer,
    from: &str,
) -> i64 {
    let input = PlanInput {
        home_id: w.home,
        placement_id: placement,
        kind,
        times,
        per,
        valid_from: d(from),
        valid_to: None,
    };
    contact::add_line(&w.staff.store, &w.staff.karin, &input)
        .await
        .unwrap()
        .id
}

/// Records a contact on `date` (the service's "today" is that day, so any date works).
async fn contact(w: &World, child: Option<i64>, kind: ContactKind, date: &str) {
    let input = ContactInput {
        home_id: w.home,
        child_id: child,
        kind,
        date: d(date),
        starts_at: "10:00".into(),
        minutes: Some(30),
        participants: Vec::new(),
        themes: Vec::new(),
        text: "Samtal om hur veckan har gått.".into(),
    };
    contact::add(&w.staff.store, &w.staff.karin, &input, d(date))
        .await
        .unwrap();
}

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

#[tokio::test]
async fn a_months_report_is_due_on_the_fifth_of_the_next_month_until_it_is_signed() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let p = w.placement;
    // 31 January 2027: December's report was due 5 January, January's is due 5 February.
    let reports = lines(&w, DueKind::MonthlyReport, "2027-01-31").await;
    let keys: Vec<(&str, NaiveDate)> = reports.iter().map(|l| (l.key.as_str(), l.due_on)).collect();
    let (dec, jan) = (
        format!("monthly_report:{p}:2026-12"),
        format!("monthly_report:{p}:2027-01"),
    );
    assert_eq!(
        keys,
        vec![
            (dec.as_str(), d("2027-01-05")),
            (jan.as_str(), d("2027-02-05"))
        ]
    );
    assert_eq!(reports[0].bucket, Bucket::Overdue);
    assert_eq!(reports[1].why.person.as_deref(), Some("Liam Lind"));
    assert_eq!(reports[1].why.month.as_deref(), Some("2027-01"));
    // End of February: January's due 5 February, February's 5 March (2028: the 29th too).
    for (as_of, feb) in [("2027-02-28", "2027-02"), ("2028-02-29", "2028-02")] {
        let due: Vec<NaiveDate> = lines(&w, DueKind::MonthlyReport, as_of)
            .await
            .iter()
            .map(|l| l.due_on)
            .collect();
        let year = &feb[..4];
        assert_eq!(
            due,
            vec![d(&format!("{year}-02-05")), d(&format!("{year}-03-05"))],
            "{as_of}"
        );
    }
    // The report day is a setting.
    let mut settings = Settings::default();
    settings.due.report_day = 28;
    let inbox = due::build(s, k, d("2026-12-31"), &settings).await.unwrap();
    let dec_line = inbox.items.iter().find(|l| l.key == dec).unwrap();
    assert_eq!(dec_line.due_on, d("2027-01-28"));

    // A draft is opened where it is; signing it clears the line.
    let nov = YearMonth::parse("month", "2026-11").unwrap();
    let key = format!("monthly_report:{p}:2026-11");
    let draft = report::draft(s, k, p, nov, today()).await.unwrap();
    let l = line(&w, &key, "2026-11-23").await.unwrap();
    assert_eq!(
        l.place,
        Place::MonthlyReport {
            placement_id: p,
            month: "2026-11".into(),
            report_id: Some(draft.id)
        }
    );
    assert_eq!(l.due_on, d("2026-12-05"));
    let sections = ReportSections {
        child_situation: "Liam trivs i skolan.".into(),
        home_support: "Handledning varannan vecka.".into(),
        next_steps: "Fortsatt som planerat.".into(),
    };
    report::update(s, k, draft.id, &sections, today())
        .await
        .unwrap();
    assert!(
        line(&w, &key, "2026-11-23").await.is_some(),
        "a draft is not done"
    );
    report::sign(s, k, draft.id, today()).await.unwrap();
    assert!(line(&w, &key, "2026-11-23").await.is_none());
    assert!(line(&w, &key, "2026-12-10").await.is_none());
}

#[tokio::test]
async fn an_ended_placement_still_owes_the_report_of_its_last_month_only() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let maja = person::add(s, k, &named("Maja", "Lind"), today())
        .await
        .unwrap()
        .id;
    let p = place(s, k, maja, w.home, w.kommun, "2026-09-01").await;
    let end = EndPlacementInput {
        end_date: d("2026-10-31"),
        reason: "Flyttat till släkt".into(),
    };
    placement::end(s, k, p, &end, today()).await.unwrap();
    let keys: Vec<String> = lines(&w, DueKind::MonthlyReport, "2026-11-10")
        .await
        .into_iter()
        .map(|l| l.key)
        .filter(|key| key.starts_with(&format!("monthly_report:{p}:")))
        .collect();
    assert_eq!(keys, vec![format!("monthly_report:{p}:2026-10")]);
    // A placement that starts after as_of owes nothing yet.
    assert!(lines(&w, DueKind::MonthlyReport, "2025-12-31")
        .await
        .is_empty());
}

async fn train(w: &World, course: &str, on: &str) {
    let input = TrainingInput {
        home_id: w.home,
        person_id: w.adult,
        course: course.into(),
        provider: None,
        held_on: d(on),
        hours: Some(3.0),
    };
    training::add(&w.staff.store, &w.staff.karin, &input, today())
        .await
        .unwrap();
}

#[tokio::test]
async fn training_below_the_target_is_due_on_the_first_of_october_and_starts_again_each_year() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let key = format!("training:{}:2026", w.home);
    let l = line(&w, &key, "2026-11-23").await.unwrap();
    assert_eq!(l.kind, DueKind::Training);
    assert_eq!(l.due_on, d("2026-10-01"));
    assert_eq!(l.bucket, Bucket::Overdue);
    assert_eq!(l.place, Place::Home { home_id: w.home });
    assert_eq!((l.why.done, l.why.expected), (Some(0), Some(2)));
    // One occasion is not enough.
    train(&w, "Ett hem att växa i", "2026-03-10").await;
    let l = line(&w, &key, "2026-11-23").await.unwrap();
    assert_eq!(l.why.done, Some(1));
    // The second reaches the target: the line is gone.
    train(&w, "Temadag om trauma", "2026-09-15").await;
    assert!(line(&w, &key, "2026-11-23").await.is_none());
    // After 31 December it is a new year, counted from none.
    assert!(line(&w, &key, "2026-12-31").await.is_none());
    let l = line(&w, &format!("training:{}:2027", w.home), "2027-01-01")
        .await
        .unwrap();
    assert_eq!(
        (l.due_on, l.bucket, l.why.done),
        (d("2027-10-01"), Bucket::Later, Some(0))
    );
    // The deadline is a setting (29 February in a common year: the 28th).
    let mut settings = Settings::default();
    settings.due.training_deadline = "02-29".into();
    let inbox = due::build(&w.staff.store, &w.staff.karin, d("2027-01-01"), &settings)
        .await
        .unwrap();
    let training: Vec<&DueItem> = inbox
        .items
        .iter()
        .filter(|l| l.kind == DueKind::Training)
        .collect();
    assert_eq!(training.len(), 1, "only Familjen Lind");
    assert_eq!(training[0].due_on, d("2027-02-28"));
}

#[tokio::test]
async fn a_home_not_yet_approved_has_no_training_line() {
    let tmp = tempfile::tempdir().unwrap();
    let staff = store_with_staff(tmp.path()).await;
    foster_home::add(
        &staff.store,
        &staff.karin,
        &home_input("Familjen Ny"),
        today(),
    )
    .await
    .unwrap();
    let inbox = due::build(&staff.store, &staff.karin, today(), &Settings::default())
        .await
        .unwrap();
    assert!(
        inbox.items.iter().all(|l| l.kind != DueKind::Training),
        "{:?}",
        inbox.items
    );
}

fn agreement_input(from: &str, to: Option<&str>) -> AgreementInput {
    AgreementInput {
        reference: Some("SN 2026/114".into()),
        valid_from: d(from),
        valid_to: to.map(d),
        ..AgreementInput::default()
    }
}

#[tokio::test]
async fn an_agreement_shows_sixty_days_before_it_ends_and_goes_when_it_is_extended() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let a = agreement::add(
        s,
        k,
        w.placement,
        &agreement_input("2026-01-01", Some("2027-01-15")),
        today(),
    )
    .await
    .unwrap();
    let key = format!("agreement_ends:{}", a.id);
    // 60 days before 15 January 2027 is 16 November 2026.
    assert!(line(&w, &key, "2026-11-15").await.is_none());
    let l = line(&w, &key, "2026-11-16").await.unwrap();
    assert_eq!(l.kind, DueKind::AgreementEnds);
    assert_eq!(l.due_on, d("2027-01-15"));
    assert_eq!(
        l.place,
        Place::Placement {
            placement_id: w.placement,
            home_id: w.home
        }
    );
    assert_eq!(l.why.person.as_deref(), Some("Liam Lind"));
    // Ended while the placement runs on: overdue.
    assert_eq!(
        line(&w, &key, "2027-02-01").await.unwrap().bucket,
        Bucket::Overdue
    );
    // Extended to the summer: gone until 60 days before its new end.
    agreement::update(
        s,
        k,
        a.id,
        &agreement_input("2026-01-01", Some("2027-06-30")),
        today(),
    )
    .await
    .unwrap();
    assert!(line(&w, &key, "2026-11-16").await.is_none());
    assert_eq!(
        line(&w, &key, "2027-05-01").await.unwrap().due_on,
        d("2027-06-30")
    );
    // A new agreement that follows it, until further notice: nothing ends.
    agreement::add(
        s,
        k,
        w.placement,
        &agreement_input("2027-07-01", None),
        today(),
    )
    .await
    .unwrap();
    assert!(lines(&w, DueKind::AgreementEnds, "2027-05-01")
        .await
        .is_empty());
    // The notice is a setting.
    let mut settings = Settings::default();
    settings.due.agreement_notice_days = 1;
    assert!(due::build(s, k, d("2027-01-10"), &settings)
        .await
        .unwrap()
        .items
        .iter()
        .all(|l| l.kind != DueKind::AgreementEnds));
}

#[tokio::test]
async fn a_closed_home_and_its_ended_placement_have_no_support_lines_later() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    plan_line(&w, None, None, 1, PlanPer::Month, "2026-01-01").await;
    let end = EndPlacementInput {
        end_date: d("2026-09-30"),
        reason: "Flyttat hem".into(),
    };
    placement::end(s, k, w.placement, &end, today())
        .await
        .unwrap();
    close_home(s, k, w.home, d("2026-10-15")).await;
    let support = [
        DueKind::PlanContact,
        DueKind::MonthlyReport,
        DueKind::Training,
        DueKind::AgreementEnds,
    ];
    let items: Vec<DueItem> = inbox(&w, "2027-01-10")
        .await
        .into_iter()
        .filter(|l| support.contains(&l.kind))
        .collect();
    assert!(items.is_empty(), "{items:?}");
}
