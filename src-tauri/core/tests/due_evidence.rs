//! The renewed evidence of an approved home's adults, on real stores: the register check
//! and the health declaration fall due months after the last one (calendar edges: 31
//! January + 1 month, 29 February + 12 months, the last day of a month), on the approval
//! day when there is none; recording a check moves the line on; an adult who left and a
//! closed home have none; bad input is refused by field with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::due::checks::{self, CheckInput};
use akta_core::due::{self, Bucket, DueItem, DueKind, EvidenceKind, Group, Place};
use akta_core::error::{Error, Reason};
use akta_core::foster_home::{self, HomeStatus, MemberRole, StatusChangeInput};
use akta_core::investigation::{
    self, Decision, DecisionInput, DetailsInput, ItemInput, ItemKind, Method, Register,
};
use akta_core::person;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::{audit_count, close_home, last_event, refusals, store_with_family, today};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn settings(register_months: u32, health_months: u32) -> Settings {
    let mut s = Settings::default();
    s.due.register_check_months = register_months;
    s.due.health_declaration_months = health_months;
    s
}

/// Moves the family's home to approved on `common::today()` (2026-11-23).
async fn approve(store: &Store, actor: &Actor, home: i64) {
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: Some(today()),
            reason: None,
        };
        foster_home::change_status(store, actor, home, &change, today())
            .await
            .unwrap();
    }
}

fn extract(person: i64, on: &str) -> CheckInput {
    CheckInput {
        person_id: person,
        kind: EvidenceKind::RegisterExtract,
        register: Some(Register::Belastningsregistret),
        checked_on: d(on),
    }
}

/// The lines of `kind` as of `as_of`.
async fn lines(
    store: &Store,
    actor: &Actor,
    as_of: &str,
    s: &Settings,
    kind: DueKind,
) -> Vec<DueItem> {
    due::build(store, actor, d(as_of), s)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

#[tokio::test]
async fn a_register_check_falls_due_months_after_the_last_on_calendar_edges() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Lind").await;
    let (store, karin) = (&staff.store, &staff.karin);
    approve(store, karin, fam.home).await;
    let key = format!("register_check:{}:{}", fam.home, fam.adult);

    // 31 January 2027 + 1 month: 28 February 2027.
    checks::add(
        store,
        karin,
        fam.home,
        &extract(fam.adult, "2027-01-31"),
        d("2027-02-01"),
    )
    .await
    .unwrap();
    let got = lines(
        store,
        karin,
        "2027-02-01",
        &settings(1, 0),
        DueKind::RegisterCheck,
    )
    .await;
    assert_eq!(got.len(), 1);
    let line = &got[0];
    assert_eq!(line.key, key);
    assert_eq!(line.due_on, d("2027-02-28"));
    assert_eq!(line.bucket, Bucket::Later);
    assert_eq!(line.why.since, Some(d("2027-01-31")));
    assert_eq!(line.why.person.as_deref(), Some("Åsa Öberg"));
    assert_eq!(line.why.detail.as_deref(), Some("belastningsregistret"));
    assert_eq!(
        line.group,
        Group::Home {
            home_id: fam.home,
            name: "Familjen Lind".into()
        }
    );
    assert_eq!(line.place, Place::Home { home_id: fam.home });
    // On the day itself: today; the day after: overdue.
    let got = lines(
        store,
        karin,
        "2027-02-28",
        &settings(1, 0),
        DueKind::RegisterCheck,
    )
    .await;
    assert_eq!(got[0].bucket, Bucket::Today);
    let got = lines(
        store,
        karin,
        "2027-03-01",
        &settings(1, 0),
        DueKind::RegisterCheck,
    )
    .await;
    assert_eq!(got[0].bucket, Bucket::Overdue);

    // The last day of a 31-day month + 1 month: the last day of a 30-day month.
    checks::add(
        store,
        karin,
        fam.home,
        &extract(fam.adult, "2027-08-31"),
        d("2027-09-01"),
    )
    .await
    .unwrap();
    let got = lines(
        store,
        karin,
        "2027-09-01",
        &settings(1, 0),
        DueKind::RegisterCheck,
    )
    .await;
    assert_eq!(got[0].due_on, d("2027-09-30"));

    // 29 February 2028 + 12 months: 28 February 2029.
    let mut health = extract(fam.adult, "2028-02-29");
    health.kind = EvidenceKind::HealthDeclaration;
    health.register = None;
    checks::add(
        store,
        karin,
        fam.home,
        &extract(fam.adult, "2028-02-29"),
        d("2028-03-01"),
    )
    .await
    .unwrap();
    checks::add(store, karin, fam.home, &health, d("2028-03-01"))
        .await
        .unwrap();
    let s = settings(12, 12);
    let got = lines(store, karin, "2028-03-01", &s, DueKind::RegisterCheck).await;
    assert_eq!(got[0].due_on, d("2029-02-28"));
    let got = lines(store, karin, "2028-03-01", &s, DueKind::HealthDeclaration).await;
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].key,
        format!("health_declaration:{}:{}", fam.home, fam.adult)
    );
    assert_eq!(got[0].due_on, d("2029-02-28"));
    assert_eq!(got[0].why.detail, None);
    // No health declaration line when the agency does not renew them.
    assert!(lines(
        store,
        karin,
        "2028-03-01",
        &settings(12, 0),
        DueKind::HealthDeclaration
    )
    .await
    .is_empty());
}

#[tokio::test]
async fn recording_a_check_clears_the_overdue_line_and_the_investigation_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (store, karin) = (&staff.store, &staff.karin);
    approve(store, karin, fam.home).await;
    let s = settings(12, 36);

    // Never checked: due on the approval day, overdue a year later.
    let got = lines(store, karin, "2027-12-01", &s, DueKind::RegisterCheck).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].due_on, today());
    assert_eq!(got[0].bucket, Bucket::Overdue);
    assert_eq!(got[0].why.since, None);

    let c = checks::add(
        store,
        karin,
        fam.home,
        &extract(fam.adult, "2027-11-30"),
        d("2027-12-01"),
    )
    .await
    .unwrap();
    assert_eq!(c.person_name, "Åsa Öberg");
    let event = last_event(store).await;
    assert_eq!(
        (event.action.as_str(), event.entity_kind.as_str()),
        ("create", "evidence_check")
    );
    assert_eq!(event.entity_id, Some(c.id));
    let got = lines(store, karin, "2027-12-01", &s, DueKind::RegisterCheck).await;
    assert_eq!(got[0].due_on, d("2028-11-30"));
    assert_eq!(got[0].bucket, Bucket::Later);
    assert_eq!(
        checks::list_for_home(store, fam.home).await.unwrap(),
        vec![c.clone()]
    );

    // A check removed as a mistake: the line is back, and the removal is audited.
    checks::delete(store, karin, c.id).await.unwrap();
    let event = last_event(store).await;
    assert_eq!(
        (event.action.as_str(), event.entity_id),
        ("delete", Some(c.id))
    );
    let got = lines(store, karin, "2027-12-01", &s, DueKind::RegisterCheck).await;
    assert_eq!(got[0].bucket, Bucket::Overdue);
    assert!(checks::list_for_home(store, fam.home)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        checks::delete(store, karin, c.id).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn an_investigations_extracts_and_health_declaration_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Ek").await;
    let (store, karin) = (&staff.store, &staff.karin);
    let inv = investigation::start(
        store,
        karin,
        fam.home,
        Method::Kalvesten,
        d("2026-09-01"),
        today(),
    )
    .await
    .unwrap()
    .id;
    for (register, on) in [
        (Register::Socialtjansten, "2026-09-10"),
        (Register::Belastningsregistret, "2026-10-05"),
    ] {
        let item = ItemInput {
            kind: ItemKind::RegisterExtract,
            person_id: Some(fam.adult),
            register: Some(register),
            done_on: d(on),
            note: None,
        };
        investigation::add_item(store, karin, inv, &item, today(), 12)
            .await
            .unwrap();
    }
    let details = DetailsInput {
        bra_fam_on: None,
        health_declaration_on: Some(d("2026-09-15")),
        summary_assessment: None,
    };
    investigation::update_details(store, karin, inv, &details, today(), 12)
        .await
        .unwrap();
    // Not yet approved: no line.
    let s = settings(12, 36);
    assert!(
        lines(store, karin, "2026-11-01", &s, DueKind::RegisterCheck)
            .await
            .is_empty()
    );
    let decision = DecisionInput {
        decision: Decision::Approved,
        decision_on: d("2026-11-01"),
        missing_items_reason: Some("Referenser tas senare".into()),
    };
    investigation::decide(store, karin, inv, &decision, today(), 12)
        .await
        .unwrap();
    let got = lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].due_on, d("2027-10-05"));
    assert_eq!(got[0].why.detail.as_deref(), Some("belastningsregistret"));
    let got = lines(store, karin, "2026-11-23", &s, DueKind::HealthDeclaration).await;
    assert_eq!(got[0].due_on, d("2029-09-15"));
    assert_eq!(got[0].why.since, Some(d("2026-09-15")));
    // A renewal after the investigation moves it on; an older one does not.
    checks::add(
        store,
        karin,
        fam.home,
        &extract(fam.adult, "2026-08-01"),
        today(),
    )
    .await
    .unwrap();
    let got = lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck).await;
    assert_eq!(got[0].due_on, d("2027-10-05"));
}

#[tokio::test]
async fn an_adult_who_left_and_a_closed_home_have_no_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Al").await;
    let (store, karin) = (&staff.store, &staff.karin);
    approve(store, karin, fam.home).await;
    let s = settings(12, 36);
    assert_eq!(
        lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck)
            .await
            .len(),
        1
    );
    assert_eq!(
        lines(store, karin, "2026-11-23", &s, DueKind::HealthDeclaration)
            .await
            .len(),
        1
    );
    // An intresse home's adult has none either.
    let home2 = foster_home::add(store, karin, &common::home_input("Familjen Gran"), today())
        .await
        .unwrap()
        .id;
    let adult2 = person::add(store, karin, &common::named("Erik", "Gran"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(store, karin, home2, adult2, MemberRole::Vuxen)
        .await
        .unwrap();
    let keys: Vec<String> = lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck)
        .await
        .into_iter()
        .map(|l| l.key)
        .collect();
    assert!(!keys
        .iter()
        .any(|k| k.starts_with(&format!("register_check:{home2}:"))));

    // She leaves on the day she was added (the real today: the day joined bounds it).
    let real_today = akta_core::today();
    foster_home::remove_member(store, karin, fam.home, fam.adult, real_today, real_today)
        .await
        .unwrap();
    assert!(
        lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck)
            .await
            .is_empty()
    );

    // A second home, approved, then closed.
    approve(store, karin, home2).await;
    let got = lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].key, format!("register_check:{home2}:{adult2}"));
    close_home(store, karin, home2, today()).await;
    assert!(
        lines(store, karin, "2026-11-23", &s, DueKind::RegisterCheck)
            .await
            .is_empty()
    );
    assert!(
        lines(store, karin, "2026-11-23", &s, DueKind::HealthDeclaration)
            .await
            .is_empty()
    );
    let e = checks::add(store, karin, home2, &extract(adult2, "2026-11-23"), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("home_id", Reason::NotAllowed)]);
}

#[tokio::test]
async fn bad_checks_are_refused_by_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Asp").await;
    let (store, karin) = (&staff.store, &staff.karin);
    approve(store, karin, fam.home).await;
    let before = audit_count(store).await;
    let add = |home: i64, input: CheckInput| async move {
        checks::add(store, karin, home, &input, today())
            .await
            .unwrap_err()
    };

    let e = add(fam.home + 100, extract(fam.adult, "2026-11-01")).await;
    assert_eq!(refusals(&e), vec![("home_id", Reason::Unknown)]);
    // Lina is no member of the home; nobody is person 9999.
    let e = add(fam.home, extract(fam.child, "2026-11-01")).await;
    assert_eq!(refusals(&e), vec![("person_id", Reason::NotAllowed)]);
    let e = add(fam.home, extract(9999, "2026-11-01")).await;
    assert_eq!(refusals(&e), vec![("person_id", Reason::Unknown)]);
    let mut no_register = extract(fam.adult, "2026-11-01");
    no_register.register = None;
    let e = add(fam.home, no_register).await;
    assert_eq!(refusals(&e), vec![("register", Reason::Required)]);
    let mut health_with_register = extract(fam.adult, "2026-11-01");
    health_with_register.kind = EvidenceKind::HealthDeclaration;
    let e = add(fam.home, health_with_register).await;
    assert_eq!(refusals(&e), vec![("register", Reason::NotAllowed)]);
    let e = add(fam.home, extract(fam.adult, "2026-11-24")).await;
    assert_eq!(refusals(&e), vec![("checked_on", Reason::Future)]);
    let e = add(fam.home, extract(fam.adult, "1899-12-31")).await;
    assert_eq!(refusals(&e), vec![("checked_on", Reason::Date)]);
    // Every problem at once.
    let mut all = extract(fam.child, "2030-01-01");
    all.register = None;
    let e = add(fam.home, all).await;
    assert_eq!(
        refusals(&e),
        vec![
            ("person_id", Reason::NotAllowed),
            ("register", Reason::Required),
            ("checked_on", Reason::Future)
        ]
    );
    // The row names who recorded it: the device alone may not.
    let e = checks::add(
        store,
        &Actor::device(),
        fam.home,
        &extract(fam.adult, "2026-11-01"),
        today(),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::ProfileRequired));

    assert!(checks::list_for_home(store, fam.home)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(audit_count(store).await, before);
}
