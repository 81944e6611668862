//! The other support rules of the bevakningar inbox on a real encrypted store: the
//! month's report of each placement, the year's training below its target and an
//! agreement that ends soon — each on calendar edges (31 January + 1 month, 29 February
//! 2028) and each line disappearing when its data changes (a report signed, training
//! added, an agreement's end moved).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod support_world;

use akta_core::agreement::{self, AgreementInput};
use akta_core::contact::PlanPer;
use akta_core::due::{self, Bucket, DueItem, DueKind, Place};
use akta_core::foster_home;
use akta_core::person;
use akta_core::placement::{self, EndPlacementInput};
use akta_core::report::{self, ReportSections, YearMonth};
use akta_core::settings::Settings;
use akta_core::training::{self, TrainingInput};
use chrono::NaiveDate;
use common::*;
use support_world::*;

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
