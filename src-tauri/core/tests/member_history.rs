//! A member leaves a home on a date and stays in its history, on a real encrypted
//! store: the home's file, the homes list, the register extract and the transfer keep
//! her period. Everyday edits of persons and homes: `everyday_edits.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, MemberRole};
use akta_core::person::{self, Person};
use akta_core::rights::extract::{self, Review};
use akta_core::rights::{rectify, RequestKind};
use akta_core::transfer;
use akta_core::user::Actor;
use chrono::{Days, NaiveDate};
use common::*;

// The day the services are told it is: the clock's, as `add_member` records the day a
// member joined by the clock.
use akta_core::today as now;

/// `e` refuses `field` for `reason` (first of its fields).
fn refused(e: akta_core::Error, field: &str, reason: Reason) {
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        (field, reason)
    );
}

/// Staff, a home (its id), and Anna, one of the home's adults since today.
async fn home_with_anna(dir: &Path) -> (Staff, i64, Person) {
    let staff = store_with_staff(dir).await;
    let (store, karin) = (&staff.store, &staff.karin);
    let h = foster_home::add(store, karin, &home_input("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let anna = person::add(store, karin, &anna(), now()).await.unwrap();
    foster_home::add_member(store, karin, h.id, anna.id, MemberRole::Vuxen)
        .await
        .unwrap();
    (staff, h.id, anna)
}

#[tokio::test]
async fn a_member_leaves_a_home_on_a_date_and_stays_in_its_history() {
    let tmp = tempfile::tempdir().unwrap();
    let (Staff { store, karin, .. }, h, anna) = home_with_anna(tmp.path()).await;
    let mikael = person::add(&store, &karin, &named("Mikael", "Lindqvist"), now())
        .await
        .unwrap();
    foster_home::add_member(&store, &karin, h, mikael.id, MemberRole::Vuxen)
        .await
        .unwrap();
    let file = foster_home::get(&store, &karin, h).await.unwrap();
    assert_eq!(file.members.len(), 2);
    assert!(file.members.iter().all(|m| m.joined_on == Some(now())));
    assert!(file.former_members.is_empty());

    let before = audit_count(&store).await;
    foster_home::remove_member(&store, &karin, h, mikael.id, now(), now())
        .await
        .unwrap();
    assert_eq!(audit_count(&store).await, before + 1);
    let e = last_event(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("update", "foster_home", Some(h))
    );
    let file = foster_home::get(&store, &karin, h).await.unwrap();
    assert_eq!(
        file.members.iter().map(|m| m.person.id).collect::<Vec<_>>(),
        [anna.id]
    );
    assert_eq!(file.former_members.len(), 1);
    let former = &file.former_members[0];
    assert_eq!(former.person.id, mikael.id);
    assert_eq!(former.role, MemberRole::Vuxen);
    assert_eq!(
        (former.joined_on, former.left_on),
        (Some(now()), Some(now()))
    );
    // The homes list counts current members only.
    let listed = foster_home::list(&store).await.unwrap();
    assert_eq!(listed.iter().find(|s| s.id == h).unwrap().members, 1);
    // The person himself is still in the register.
    let still = person::get(&store, &Actor::device(), mikael.id).await;
    assert_eq!(still.unwrap().given_name, "Mikael");
}

#[tokio::test]
async fn a_wrong_leaving_is_refused_with_its_reason_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (Staff { store, dpo, karin }, h, anna) = home_with_anna(tmp.path()).await;
    let stranger = person::add(&store, &karin, &named("Sven", "Främling"), now())
        .await
        .unwrap();
    let tomorrow = now().checked_add_days(Days::new(1)).unwrap();
    let yesterday = now().checked_sub_days(Days::new(1)).unwrap();
    let leave =
        |who: i64, on: NaiveDate| foster_home::remove_member(&store, &karin, h, who, on, now());
    let before = audit_count(&store).await;
    // In the future; before she joined; someone who is no member; an unknown home.
    refused(
        leave(anna.id, tomorrow).await.unwrap_err(),
        "left_on",
        Reason::Future,
    );
    refused(
        leave(anna.id, yesterday).await.unwrap_err(),
        "left_on",
        Reason::Date,
    );
    refused(
        leave(stranger.id, now()).await.unwrap_err(),
        "person_id",
        Reason::Unknown,
    );
    let e = foster_home::remove_member(&store, &karin, 999, anna.id, now(), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(audit_count(&store).await, before);
    // Restricted processing.
    rectify::set_restriction(&store, &dpo, anna.id, Some(now()), now())
        .await
        .unwrap();
    let e = leave(anna.id, now()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    rectify::set_restriction(&store, &dpo, anna.id, None, now())
        .await
        .unwrap();
    let file = foster_home::get(&store, &karin, h).await.unwrap();
    assert_eq!(file.members.len(), 1, "still a member");
    assert!(file.former_members.is_empty());

    // Once left: leaving again and coming back are refused; her period stays as it was.
    leave(anna.id, now()).await.unwrap();
    let before = audit_count(&store).await;
    refused(
        leave(anna.id, now()).await.unwrap_err(),
        "person_id",
        Reason::NotAllowed,
    );
    refused(
        foster_home::add_member(&store, &karin, h, anna.id, MemberRole::Vuxen)
            .await
            .unwrap_err(),
        "person_id",
        Reason::NotAllowed,
    );
    assert_eq!(audit_count(&store).await, before);
    // A closed home's members are as they were when it closed.
    foster_home::add_member(&store, &karin, h, stranger.id, MemberRole::Vuxen)
        .await
        .unwrap();
    close_home(&store, &karin, h, now()).await;
    refused(
        leave(stranger.id, now()).await.unwrap_err(),
        "home",
        Reason::NotAllowed,
    );
}

#[tokio::test]
async fn a_former_member_is_in_the_register_extract_and_the_transfer_with_her_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let (Staff { store, dpo, karin }, h, anna) = home_with_anna(&tmp.path().join("a")).await;
    foster_home::remove_member(&store, &karin, h, anna.id, now(), now())
        .await
        .unwrap();
    let request = verified_request(&store, &dpo, anna.id, RequestKind::Access, now()).await;
    let docs = extract::create(&store, &dpo, request, now(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let json = String::from_utf8(docs.json.clone()).unwrap();
    for v in ["Din roll i familjehem", "Lämnade hemmet", "Medlem sedan"] {
        assert!(json.contains(v), "the extract lacks {v:?}");
    }
    assert!(json.contains(&now().to_string()));

    // The whole store moves with the member's dates.
    let file = transfer::export(&store, &Actor::device()).await.unwrap();
    let text = transfer::to_json(&file).unwrap();
    let b = new_store(&tmp.path().join("b")).await;
    transfer::import(&b, &Actor::device(), text.as_bytes(), now())
        .await
        .unwrap();
    let moved: Vec<(Option<NaiveDate>, Option<NaiveDate>)> =
        sqlx::query_as("SELECT joined_on, left_on FROM foster_home_members")
            .fetch_all(b.pool())
            .await
            .unwrap();
    assert_eq!(moved, [(Some(now()), Some(now()))]);
}
