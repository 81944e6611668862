//! Placements on a real encrypted store.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::Reason;
use akta_core::foster_home::{
    self, FosterHomeInput, HomeKind, HomeStatus, MemberRole, StatusChangeInput,
};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::placement::{self, EndPlacementInput, PlacementInput};
use akta_core::store::Store;
use akta_core::user::Actor;
use common::*;

struct World {
    store: Store,
    child: i64,
    home: i64,
    kommun: i64,
    company: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let store = new_store(dir).await;
    let a = Actor::device();
    let child = person::add(
        &store,
        &a,
        &PersonInput {
            given_name: "Liam".into(),
            family_name: "Johansson".into(),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap()
    .id;
    let home = foster_home::add(
        &store,
        &a,
        &FosterHomeInput {
            name: "Familjen Lindqvist".into(),
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
    let kommun = organisation::add(
        &store,
        &a,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id;
    let company = organisation::add(
        &store,
        &a,
        &OrganisationInput {
            org_number: "556036-0793".into(),
            name: "Ett bolag AB".into(),
            kind: OrganisationKind::Foretag,
        },
    )
    .await
    .unwrap()
    .id;
    World {
        store,
        child,
        home,
        kommun,
        company,
    }
}

fn input(w: &World, start: &str) -> PlacementInput {
    PlacementInput {
        child_id: w.child,
        home_id: w.home,
        municipality_id: w.kommun,
        start_date: start.parse().unwrap(),
    }
}

async fn approve(w: &World) {
    let a = Actor::device();
    for s in [HomeStatus::Utreds, HomeStatus::Godkand] {
        foster_home::change_status(
            &w.store,
            &a,
            w.home,
            &StatusChangeInput {
                to: s,
                on_date: None,
                reason: None,
            },
            today(),
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_child_is_placed_in_an_approved_home_which_becomes_active_and_the_placement_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    approve(&w).await;
    let a = Actor::device();
    let p = placement::place(&w.store, &a, &input(&w, "2026-09-01"), today())
        .await
        .unwrap();
    assert_eq!(p.child.given_name, "Liam");
    assert_eq!(p.municipality_name, "Göteborgs Stad");
    assert_eq!(
        foster_home::get(&w.store, &a, w.home)
            .await
            .unwrap()
            .home
            .status,
        HomeStatus::Aktiv
    );
    // Placed already: a second open placement is refused.
    let e = placement::place(&w.store, &a, &input(&w, "2026-10-01"), today())
        .await
        .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("child_id", Reason::NotAllowed)
    );

    // Ending: before the start, in the future, or without a reason is refused.
    for (date, reason, field, why) in [
        ("2026-08-01", "x", "end_date", Reason::Date),
        ("2027-01-01", "x", "end_date", Reason::Future),
        ("2026-11-01", " ", "reason", Reason::Required),
    ] {
        let e = placement::end(
            &w.store,
            &a,
            p.id,
            &EndPlacementInput {
                end_date: date.parse().unwrap(),
                reason: reason.into(),
            },
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            (e.fields()[0].field.as_str(), e.fields()[0].reason),
            (field, why),
            "{date} {reason:?}"
        );
    }
    let ended = placement::end(
        &w.store,
        &a,
        p.id,
        &EndPlacementInput {
            end_date: "2026-11-01".parse().unwrap(),
            reason: "Flytt hem".into(),
        },
        today(),
    )
    .await
    .unwrap();
    assert_eq!(ended.end_reason.as_deref(), Some("Flytt hem"));
    assert!(placement::end(
        &w.store,
        &a,
        p.id,
        &EndPlacementInput {
            end_date: "2026-11-02".parse().unwrap(),
            reason: "igen".into()
        },
        today()
    )
    .await
    .is_err());
    // Placed again after the end.
    placement::place(&w.store, &a, &input(&w, "2026-11-10"), today())
        .await
        .unwrap();
    assert_eq!(
        placement::for_child(&w.store, w.child).await.unwrap().len(),
        2
    );
    assert_eq!(
        placement::for_home(&w.store, w.home).await.unwrap().len(),
        2
    );
    w.store.close().await;
}

#[tokio::test]
async fn placements_are_refused_into_unapproved_homes_by_non_municipalities_and_of_members() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let a = Actor::device();
    // The home is only at `intresse`.
    let e = placement::place(&w.store, &a, &input(&w, "2026-09-01"), today())
        .await
        .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("home_id", Reason::NotAllowed)
    );
    approve(&w).await;
    let e = placement::place(
        &w.store,
        &a,
        &PlacementInput {
            municipality_id: w.company,
            ..input(&w, "2026-09-01")
        },
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "municipality_id");
    let e = placement::place(&w.store, &a, &input(&w, "2027-01-01"), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Future);
    let e = placement::place(
        &w.store,
        &a,
        &PlacementInput {
            child_id: 999,
            home_id: 998,
            ..input(&w, "2026-09-01")
        },
        today(),
    )
    .await
    .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["child_id", "home_id"]);
    // The home's own child is not placed in it.
    foster_home::add_member(&w.store, &a, w.home, w.child, MemberRole::EgetBarn)
        .await
        .unwrap();
    let e = placement::place(&w.store, &a, &input(&w, "2026-09-01"), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "child_id");
    assert!(placement::for_home(&w.store, w.home)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        foster_home::get(&w.store, &a, w.home)
            .await
            .unwrap()
            .home
            .status,
        HomeStatus::Godkand
    );
    w.store.close().await;
}
