//! Foster homes on a real encrypted store: lifecycle, members, history, audit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{
    self, FosterHomeInput, HomeKind, HomeStatus, MemberRole, StatusChangeInput,
};
use akta_core::person::{self, PersonInput};
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::*;

fn to(status: HomeStatus, date: &str, reason: Option<&str>) -> StatusChangeInput {
    StatusChangeInput {
        to: status,
        on_date: Some(date.parse().unwrap()),
        reason: reason.map(Into::into),
    }
}

#[tokio::test]
async fn a_home_goes_through_its_lifecycle_and_keeps_its_history() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let h = foster_home::add(&store, &a, &home_input("Familjen Lindqvist"), today())
        .await
        .unwrap();
    assert_eq!(h.status, HomeStatus::Intresse);
    assert_eq!(h.postal_code.as_deref(), Some("431 37"));
    for (s, d) in [
        (HomeStatus::Utreds, "2026-01-10"),
        (HomeStatus::Godkand, "2026-04-01"),
        (HomeStatus::Aktiv, "2026-05-01"),
    ] {
        foster_home::change_status(&store, &a, h.id, &to(s, d, None), today())
            .await
            .unwrap();
    }
    let closed = foster_home::change_status(
        &store,
        &a,
        h.id,
        &to(
            HomeStatus::Avslutad,
            "2026-10-31",
            Some("Familjen flyttar utomlands"),
        ),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(closed.status, HomeStatus::Avslutad);
    assert_eq!(
        closed.closed_on,
        Some(NaiveDate::from_ymd_opt(2026, 10, 31).unwrap())
    );
    let file = foster_home::get(&store, &a, h.id).await.unwrap();
    let steps: Vec<HomeStatus> = file.history.iter().map(|c| c.to_status).collect();
    assert_eq!(
        steps,
        vec![
            HomeStatus::Intresse,
            HomeStatus::Utreds,
            HomeStatus::Godkand,
            HomeStatus::Aktiv,
            HomeStatus::Avslutad
        ]
    );
    assert!(file.next.is_empty(), "a closed home goes nowhere");
    store.close().await;
}

#[tokio::test]
async fn illegal_moves_future_dates_and_closing_without_reason_are_refused_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let h = foster_home::add(&store, &a, &home_input("Familjen Öberg"), today())
        .await
        .unwrap();

    // Straight to approved, skipping the investigation.
    let e = foster_home::change_status(
        &store,
        &a,
        h.id,
        &to(HomeStatus::Godkand, "2026-11-01", None),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "to");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    // A date in the future.
    let e = foster_home::change_status(
        &store,
        &a,
        h.id,
        &to(HomeStatus::Utreds, "2027-01-01", None),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Future);
    // Closing needs a reason.
    let e = foster_home::change_status(
        &store,
        &a,
        h.id,
        &to(HomeStatus::Avslutad, "2026-11-01", Some("  ")),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "reason");
    assert_eq!(e.fields()[0].reason, Reason::Required);

    let file = foster_home::get(&store, &a, h.id).await.unwrap();
    assert_eq!(file.home.status, HomeStatus::Intresse);
    assert_eq!(file.history.len(), 1);
    assert_eq!(file.home.updated_at, h.updated_at);

    // An unknown home.
    let e = foster_home::change_status(
        &store,
        &a,
        999,
        &to(HomeStatus::Utreds, "2026-11-01", None),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    store.close().await;
}

#[tokio::test]
async fn invalid_home_input_is_refused_with_every_field_named() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let bad = FosterHomeInput {
        name: " ".into(),
        kind: HomeKind::Jourhem,
        street_address: None,
        postal_code: Some("12".into()),
        city: None,
        municipality_id: Some(77),
    };
    let e = foster_home::add(&store, &Actor::device(), &bad, today())
        .await
        .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["name", "postal_code", "municipality_id"]);
    assert!(foster_home::list(&store).await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn members_are_listed_with_their_role_and_protected_identity_is_respected() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let h = foster_home::add(&store, &a, &home_input("Familjen Åberg"), today())
        .await
        .unwrap();
    let adult = person::add(
        &store,
        &a,
        &PersonInput {
            given_name: "Maria".into(),
            family_name: "Åberg".into(),
            city: Some("Kungälv".into()),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap();
    let child = person::add(
        &store,
        &a,
        &PersonInput {
            given_name: "Saga".into(),
            family_name: "Åberg".into(),
            city: Some("Hemligstad".into()),
            protected_identity: true,
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap();
    foster_home::add_member(&store, &a, h.id, adult.id, MemberRole::Vuxen)
        .await
        .unwrap();
    foster_home::add_member(&store, &a, h.id, child.id, MemberRole::EgetBarn)
        .await
        .unwrap();
    let e = foster_home::add_member(&store, &a, h.id, adult.id, MemberRole::Vuxen)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Duplicate);
    let e = foster_home::add_member(&store, &a, h.id, 4242, MemberRole::Vuxen)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Unknown);

    let file = foster_home::get(&store, &a, h.id).await.unwrap();
    assert_eq!(file.members.len(), 2);
    assert_eq!(file.members[0].role, MemberRole::Vuxen);
    assert_eq!(
        file.members[1].person.city, None,
        "protected identity hides the city"
    );
    assert_eq!(foster_home::list(&store).await.unwrap()[0].members, 2);
    store.close().await;
}

#[tokio::test]
async fn demo_data_has_homes_in_every_status_but_one_and_runs_twice_safely() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let r = akta_core::demo::populate(&store, &a, today())
        .await
        .unwrap();
    assert_eq!(r.foster_homes_added, 6);
    let again = akta_core::demo::populate(&store, &a, today())
        .await
        .unwrap();
    assert_eq!(again.foster_homes_added, 0);
    let homes = foster_home::list(&store).await.unwrap();
    for s in [
        HomeStatus::Intresse,
        HomeStatus::Utreds,
        HomeStatus::Godkand,
        HomeStatus::Aktiv,
        HomeStatus::Vilande,
        HomeStatus::Avslutad,
    ] {
        assert!(homes.iter().any(|h| h.status == s), "no demo home is {s:?}");
    }
    assert_eq!(
        homes.last().unwrap().status,
        HomeStatus::Avslutad,
        "closed homes last"
    );
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;
}
