//! Interest notices: registered, taken up as a home under investigation, deleted
//! completely on request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, HomeKind, HomeStatus, MemberRole};
use akta_core::interest::{self, InterestNoticeInput, PlannedMember};
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
async fn a_notice_is_taken_up_as_a_home_of_the_chosen_kind_as_the_plan_says() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let n = interest::add(&store, &a, &notice("Ida"), today())
        .await
        .unwrap();
    let plan = interest::plan(&store, n.id).await.unwrap();
    assert_eq!(plan.home_name, "Familjen Intressesson");
    assert_eq!(plan.status, HomeStatus::Utreds);
    assert_eq!(plan.city.as_deref(), Some("Alingsås"));
    assert_eq!(
        plan.persons,
        vec![PlannedMember {
            given_name: "Ida".into(),
            family_name: "Intressesson".into(),
            role: MemberRole::Vuxen,
        }]
    );
    // The plan creates nothing.
    assert!(foster_home::list(&store).await.unwrap().is_empty());

    let home_id = interest::take_up(&store, &a, n.id, HomeKind::Jourhem, today())
        .await
        .unwrap();
    let file = foster_home::get(&store, &a, home_id).await.unwrap();
    assert_eq!(file.home.kind, HomeKind::Jourhem, "the chosen kind is used");
    assert_eq!(file.home.status, plan.status);
    assert_eq!(file.home.name, plan.home_name);
    assert_eq!(file.home.city, plan.city);
    assert_eq!(file.members.len(), 1);
    assert_eq!(file.members[0].person.given_name, "Ida");
    assert_eq!(file.members[0].role, MemberRole::Vuxen);
    assert_eq!(
        interest::list(&store).await.unwrap()[0].home_id,
        Some(home_id)
    );
    store.close().await;
}

#[tokio::test]
async fn a_notice_taken_up_twice_is_refused_and_nothing_more_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let n = interest::add(&store, &a, &notice("Ida"), today())
        .await
        .unwrap();
    let home_id = interest::take_up(&store, &a, n.id, HomeKind::Familjehem, today())
        .await
        .unwrap();
    let persons = akta_core::person::count(&store).await.unwrap();

    let e = interest::take_up(&store, &a, n.id, HomeKind::Kontaktfamilj, today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert_eq!(e.fields()[0].field, "notice");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    // Nor can the plan be asked for again.
    let e = interest::plan(&store, n.id).await.unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);

    let homes = foster_home::list(&store).await.unwrap();
    assert_eq!(homes.len(), 1, "no second home");
    assert_eq!(homes[0].id, home_id);
    assert_eq!(akta_core::person::count(&store).await.unwrap(), persons);
    assert_eq!(
        interest::list(&store).await.unwrap()[0].home_id,
        Some(home_id),
        "the notice keeps its first home"
    );
    // An unknown notice is not found, for the plan and the take-up alike.
    assert_eq!(
        interest::plan(&store, 9999).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        interest::take_up(&store, &a, 9999, HomeKind::Familjehem, today())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
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
