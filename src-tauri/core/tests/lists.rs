//! What the lists show, worked out by the core on a real encrypted store: a person's age
//! and roles, a home's placed children, how late a concern report's reminder is.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::concern::{self, Channel, ConcernInput, ConcernStatus, ConcernStep, Reminder};
use akta_core::foster_home::{
    self, FosterHomeInput, HomeKind, HomeStatus, MemberRole, StatusChangeInput,
};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput, PersonRole, PersonRow, PersonSort, PersonSortKey};
use akta_core::placement::{self, EndPlacementInput, PlacementInput};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::NaiveDate;
use common::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn add_person(store: &Store, given: &str, family: &str, number: Option<String>) -> i64 {
    let input = PersonInput {
        personal_number: number,
        given_name: given.into(),
        family_name: family.into(),
        ..Default::default()
    };
    person::add(store, &Actor::device(), &input, today())
        .await
        .unwrap()
        .id
}

async fn rows(store: &Store, sort: PersonSort, on: NaiveDate) -> Vec<PersonRow> {
    person::page(store, None, None, sort, on)
        .await
        .unwrap()
        .persons
}

async fn row_of(store: &Store, id: i64, on: NaiveDate) -> PersonRow {
    rows(store, PersonSort::default(), on)
        .await
        .into_iter()
        .find(|r| r.summary.id == id)
        .unwrap()
}

async fn kommun(store: &Store) -> i64 {
    organisation::add(
        store,
        &Actor::device(),
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id
}

async fn approved_home(store: &Store, name: &str) -> i64 {
    let a = Actor::device();
    let input = FosterHomeInput {
        name: name.into(),
        kind: HomeKind::Familjehem,
        street_address: None,
        postal_code: None,
        city: None,
        municipality_id: None,
    };
    let id = foster_home::add(store, &a, &input, today())
        .await
        .unwrap()
        .id;
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(store, &a, id, &change, today())
            .await
            .unwrap();
    }
    id
}

#[tokio::test]
async fn a_person_is_a_year_older_on_the_birthday_and_not_the_day_before() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let liam = add_person(&store, "Liam", "Berg", Some(pnr("20120427", "123"))).await;
    let none = add_person(&store, "Kim", "Ek", None).await;
    let before = row_of(&store, liam, day("2026-04-26")).await;
    assert_eq!(before.age, Some(13));
    assert_eq!(before.birth_date, Some(day("2012-04-27")));
    assert_eq!(row_of(&store, liam, day("2026-04-27")).await.age, Some(14));
    let kim = row_of(&store, none, today()).await;
    assert_eq!((kim.age, kim.birth_date), (None, None));
    store.close().await;
}

#[tokio::test]
async fn a_samordningsnummer_gives_the_age_from_the_day_less_sixty() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    // Born 3 October 1970: the number carries day 63.
    let id = add_person(&store, "Ana", "Silva", Some(pnr("19701063", "238"))).await;
    let r = row_of(&store, id, day("2026-10-02")).await;
    assert_eq!(
        r.summary.number_kind,
        Some(person::NumberKind::Samordningsnummer)
    );
    assert_eq!(r.birth_date, Some(day("1970-10-03")));
    assert_eq!(r.age, Some(55));
    assert_eq!(row_of(&store, id, day("2026-10-03")).await.age, Some(56));
    store.close().await;
}

#[tokio::test]
async fn roles_follow_memberships_placements_and_concern_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let kommun = kommun(&store).await;
    let home = approved_home(&store, "Familjen Lind").await;
    let adult = add_person(&store, "Eva", "Lind", None).await;
    let own = add_person(&store, "Oskar", "Lind", None).await;
    let child = add_person(&store, "Alva", "Ödegård", Some(pnr("20150203", "146"))).await;
    let mother = add_person(&store, "Åsa", "Ödegård", None).await;
    let nobody = add_person(&store, "Kim", "Ek", None).await;
    foster_home::add_member(&store, &a, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    foster_home::add_member(&store, &a, home, own, MemberRole::EgetBarn)
        .await
        .unwrap();
    let placed = PlacementInput {
        child_id: child,
        home_id: home,
        municipality_id: kommun,
        start_date: day("2026-09-01"),
    };
    let placement = placement::place(&store, &a, &placed, today())
        .await
        .unwrap();
    let karin = Actor::user(
        user::add(
            &store,
            &a,
            &UserInput {
                name: "Karin Konsulent".into(),
                title: None,
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    );
    let report = ConcernInput {
        child_id: child,
        guardian_ids: vec![mother],
        municipality_id: kommun,
        observed: "Alva var ledsen.".into(),
        hearsay: None,
        guardians_informed: Some(true),
        guardians_not_informed_reason: None,
        reporter_phone: "070-123 45 67".into(),
        reporter_email: None,
    };
    concern::create(&store, &karin, &report, today(), &Settings::default())
        .await
        .unwrap();

    let role = |id| {
        let store = &store;
        async move { row_of(store, id, today()).await.roles }
    };
    assert_eq!(role(adult).await, [PersonRole::HomeAdult]);
    assert_eq!(role(own).await, [PersonRole::HomeChild]);
    assert_eq!(role(child).await, [PersonRole::PlacedChild]);
    assert_eq!(role(mother).await, [PersonRole::Guardian]);
    assert!(role(nobody).await.is_empty());

    // Sorted by role: adult, own child, placed child, guardian, then those without one.
    let by_role = PersonSort {
        key: PersonSortKey::Role,
        descending: false,
    };
    let order: Vec<i64> = rows(&store, by_role, today())
        .await
        .iter()
        .map(|r| r.summary.id)
        .collect();
    assert_eq!(order, [adult, own, child, mother, nobody]);
    // A page sorted by role holds the first rows of the whole order, roles included.
    let first = person::page(&store, None, Some(2), by_role, today())
        .await
        .unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(
        first
            .persons
            .iter()
            .map(|r| r.roles.clone())
            .collect::<Vec<_>>(),
        [vec![PersonRole::HomeAdult], vec![PersonRole::HomeChild]]
    );

    // The placement ends: no longer a placed child, and the home has none placed.
    let count = || {
        let store = &store;
        async move {
            foster_home::list(store)
                .await
                .unwrap()
                .into_iter()
                .find(|h| h.id == home)
                .unwrap()
        }
    };
    let h = count().await;
    assert_eq!((h.members, h.placed), (2, 1));
    let end = EndPlacementInput {
        end_date: today(),
        reason: "Flyttat hem".into(),
    };
    placement::end(&store, &a, placement.id, &end, today())
        .await
        .unwrap();
    assert!(role(child).await.is_empty());
    let h = count().await;
    assert_eq!((h.members, h.placed), (2, 0));

    // A closed home's members are no longer its adults and children.
    let close = StatusChangeInput {
        to: HomeStatus::Avslutad,
        on_date: None,
        reason: Some("Upphört".into()),
    };
    foster_home::change_status(&store, &a, home, &close, today())
        .await
        .unwrap();
    assert!(role(adult).await.is_empty());
    store.close().await;
}

#[tokio::test]
async fn sorting_by_age_puts_the_youngest_first_and_those_without_a_number_last() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let old = add_person(&store, "Gun", "Alm", Some(pnr("19500101", "123"))).await;
    let none = add_person(&store, "Kim", "Berg", None).await;
    let young = add_person(&store, "Liv", "Ceder", Some(pnr("20200101", "123"))).await;
    let ids = |rows: Vec<PersonRow>| rows.iter().map(|r| r.summary.id).collect::<Vec<_>>();
    let sort = |descending| PersonSort {
        key: PersonSortKey::Age,
        descending,
    };
    assert_eq!(
        ids(rows(&store, sort(false), today()).await),
        [young, old, none]
    );
    assert_eq!(
        ids(rows(&store, sort(true), today()).await),
        [old, young, none]
    );
    let by_name_down = PersonSort {
        key: PersonSortKey::Name,
        descending: true,
    };
    assert_eq!(
        ids(rows(&store, by_name_down, today()).await),
        [young, none, old]
    );
    // A search sorts its matches the same way.
    let found = person::page(&store, Some("i"), None, sort(false), today())
        .await
        .unwrap();
    assert_eq!(ids(found.persons), [young, none]);
    store.close().await;
}

#[tokio::test]
async fn a_concern_report_counts_the_days_past_its_reminder_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let d = Actor::device();
    let kommun = kommun(&store).await;
    let child = add_person(&store, "Alva", "Ödegård", None).await;
    let karin = Actor::user(
        user::add(
            &store,
            &d,
            &UserInput {
                name: "Karin Konsulent".into(),
                title: None,
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    );
    let settings = Settings::default();
    let input = ConcernInput {
        child_id: child,
        guardian_ids: vec![],
        municipality_id: kommun,
        observed: "Alva var ledsen.".into(),
        hearsay: None,
        guardians_informed: Some(true),
        guardians_not_informed_reason: None,
        reporter_phone: "070-123 45 67".into(),
        reporter_email: None,
    };
    let r = concern::create(&store, &karin, &input, today(), &settings)
        .await
        .unwrap();
    assert_eq!((r.reminder, r.days_overdue, r.sent_on), (None, None, None));
    let sent_on = day("2026-11-01");
    let sent = ConcernStep {
        to: ConcernStatus::Sent,
        on_date: sent_on,
        channel: Some(Channel::Epost),
    };
    concern::advance(&store, &karin, r.id, &sent, today(), &settings)
        .await
        .unwrap();
    let on = |today: NaiveDate| {
        let store = &store;
        let karin = &karin;
        let settings = &settings;
        async move {
            let r = concern::list(store, karin, today, settings)
                .await
                .unwrap()
                .pop()
                .unwrap();
            (r.sent_on, r.reminder, r.days_overdue)
        }
    };
    let limit = i64::from(settings.concern_receipt_days);
    // On the last day of the limit: not late.
    let last = sent_on + chrono::Days::new(limit as u64);
    assert_eq!(on(last).await, (Some(sent_on), None, None));
    // A day later: one day late; three days later: three.
    assert_eq!(
        on(last + chrono::Days::new(1)).await,
        (Some(sent_on), Some(Reminder::ReceiptOverdue), Some(1))
    );
    assert_eq!(on(last + chrono::Days::new(3)).await.2, Some(3));
    // The receipt confirmed: the feedback's limit counts from it.
    let receipt_on = day("2026-11-10");
    let receipt = ConcernStep {
        to: ConcernStatus::ReceiptConfirmed,
        on_date: receipt_on,
        channel: None,
    };
    concern::advance(&store, &karin, r.id, &receipt, today(), &settings)
        .await
        .unwrap();
    let feedback_due = receipt_on + chrono::Days::new(u64::from(settings.concern_feedback_days));
    assert_eq!(on(feedback_due).await.2, None);
    assert_eq!(
        on(feedback_due + chrono::Days::new(2)).await,
        (Some(sent_on), Some(Reminder::FeedbackOverdue), Some(2))
    );
    store.close().await;
}
