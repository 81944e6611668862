//! Interest notices: registered, taken up as a home under investigation, deleted
//! completely on request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, HomeStatus};
use akta_core::interest::{self, InterestNoticeInput};
use akta_core::user::Actor;
use common::*;

fn notice(given: &str) -> InterestNoticeInput {
    InterestNoticeInput {
        given_name: given.into(),
        family_name: "Intressesson".into(),
        email: Some("intresse@example.se".into()),
        phone: None,
        city: Some("Alingsås".into()),
        message: Some("Vi vill bli familjehem.".into()),
        received_on: "2026-11-20".parse().unwrap(),
    }
}

#[tokio::test]
async fn a_notice_is_taken_up_as_a_home_under_investigation() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let n = interest::add(&store, &a, &notice("Ida"), today())
        .await
        .unwrap();
    let home_id = interest::take_up(&store, &a, n.id, today()).await.unwrap();
    let file = foster_home::get(&store, &a, home_id).await.unwrap();
    assert_eq!(file.home.status, HomeStatus::Utreds);
    assert_eq!(file.home.name, "Familjen Intressesson");
    assert_eq!(file.members[0].person.given_name, "Ida");
    assert_eq!(
        interest::list(&store).await.unwrap()[0].home_id,
        Some(home_id)
    );
    let e = interest::take_up(&store, &a, n.id, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    store.close().await;
}

#[tokio::test]
async fn a_notice_is_deleted_completely_on_request_and_bad_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let mut bad = notice(" ");
    bad.email = Some("nej".into());
    bad.received_on = "2027-01-01".parse().unwrap();
    let e = interest::add(&store, &a, &bad, today()).await.unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["given_name", "email", "received_on"]);
    assert!(interest::list(&store).await.unwrap().is_empty());

    let n = interest::add(&store, &a, &notice("Jonna"), today())
        .await
        .unwrap();
    interest::delete(&store, &a, n.id).await.unwrap();
    assert!(interest::list(&store).await.unwrap().is_empty());
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM interest_notices")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        interest::delete(&store, &a, n.id).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    let events = akta_core::audit::list(&store, 10).await.unwrap();
    assert_eq!(
        (events[0].action.as_str(), events[0].entity_kind.as_str()),
        ("delete", "interest_notice")
    );
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;
}
