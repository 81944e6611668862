//! The audit log: events for creates and reads, no personal data in them, and a hash
//! chain that detects any single updated, inserted or deleted event.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::audit::{self, AuditAction, EntityKind};
use akta_core::person::{self, PersonInput};
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use common::*;

async fn store_with_events(dir: &std::path::Path) -> (Store, Actor) {
    let store = new_store(dir).await;
    let karin = user::add(
        &store,
        &Actor::device(),
        &UserInput {
            name: "Karin Konsulent".into(),
            title: Some("Familjehemskonsulent".into()),
            role: Role::Handlaggare,
        },
    )
    .await
    .unwrap();
    let actor = Actor::user(karin);
    for (i, name) in ["Åsa", "Bertil", "Cecilia"].iter().enumerate() {
        let p = person::add(
            &store,
            &actor,
            &PersonInput {
                personal_number: Some(pnr("19811218", &format!("{:03}", 100 + i))),
                given_name: (*name).into(),
                family_name: "Hemlig".into(),
                ..Default::default()
            },
            today(),
        )
        .await
        .unwrap();
        person::get(&store, &actor, p.id).await.unwrap();
    }
    (store, actor)
}

#[tokio::test]
async fn creates_and_reads_are_audited_with_who_and_what_but_no_personal_data() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, actor) = store_with_events(tmp.path()).await;
    let events = audit::list(&store, 100).await.unwrap();
    // user create + 3 × (person create + person read), newest first.
    assert_eq!(events.len(), 7);
    assert_eq!(events[0].action, "read");
    assert_eq!(events[0].entity_kind, "person");
    assert_eq!(events[0].user_id, actor.user_id());
    assert_eq!(events.last().unwrap().entity_kind, "user");
    assert_eq!(
        events.last().unwrap().user_id,
        None,
        "the first profile is created by the device"
    );
    let json = serde_json::to_string(&events).unwrap();
    for secret in ["Åsa", "Hemlig", "19811218", "Karin"] {
        assert!(!json.contains(secret), "audit shows {secret}");
    }
    let v = audit::verify(&store).await.unwrap();
    assert!(v.intact, "{v:?}");
    assert_eq!(v.events, 7);
    // A failed action leaves no event: the transaction rolled back as a whole.
    let bad = PersonInput {
        given_name: "".into(),
        family_name: "X".into(),
        ..Default::default()
    };
    person::add(&store, &actor, &bad, today())
        .await
        .unwrap_err();
    person::get(&store, &actor, 9999).await.unwrap_err();
    assert_eq!(audit::list(&store, 100).await.unwrap().len(), 7);
    let _ = (AuditAction::Create, EntityKind::Person);
    store.close().await;
}

async fn tamper(dir: &std::path::Path, sql: &str) -> audit::AuditVerification {
    let (store, _) = store_with_events(dir).await;
    sqlx::query(sql).execute(store.pool()).await.unwrap();
    let v = audit::verify(&store).await.unwrap();
    store.close().await;
    v
}

#[tokio::test]
async fn updating_any_single_event_is_detected_at_that_event() {
    for seq in 1..=7 {
        let tmp = tempfile::tempdir().unwrap();
        let v = tamper(
            tmp.path(),
            &format!("UPDATE audit_events SET entity_id = 42 WHERE seq = {seq}"),
        )
        .await;
        assert!(!v.intact);
        assert_eq!(v.first_broken, Some(seq), "{v:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let v = tamper(
        tmp.path(),
        "UPDATE audit_events SET action = 'create' WHERE seq = 3",
    )
    .await;
    assert_eq!(v.first_broken, Some(3));
}

#[tokio::test]
async fn deleting_any_single_event_is_detected() {
    for seq in 1..=7 {
        let tmp = tempfile::tempdir().unwrap();
        let v = tamper(
            tmp.path(),
            &format!("DELETE FROM audit_events WHERE seq = {seq}"),
        )
        .await;
        assert!(!v.intact, "deleting {seq} went unnoticed");
        assert_eq!(v.first_broken, Some(seq), "{v:?}");
    }
}

#[tokio::test]
async fn inserting_an_event_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    // Appended after the head, with a plausible link.
    let v = tamper(
        tmp.path(),
        "INSERT INTO audit_events (seq, at, user_id, action, entity_kind, entity_id, prev_hash, hash)
         SELECT seq + 1, at, user_id, 'read', 'person', 1, hash, hash FROM audit_events WHERE seq = 7",
    )
    .await;
    assert!(!v.intact);
    assert_eq!(v.first_broken, Some(8));
    // Slipped in between by renumbering the rest.
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = store_with_events(tmp.path()).await;
    sqlx::query("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 4")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 104")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO audit_events (seq, at, user_id, action, entity_kind, entity_id, prev_hash, hash)
         SELECT 4, at, user_id, 'read', 'person', 2, hash, hash FROM audit_events WHERE seq = 3",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let v = audit::verify(&store).await.unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_broken, Some(4), "{v:?}");
    store.close().await;
}

#[tokio::test]
async fn removing_the_newest_event_and_the_whole_log_are_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let v = tamper(tmp.path(), "DELETE FROM audit_events WHERE seq = 7").await;
    assert!(!v.intact);
    let tmp = tempfile::tempdir().unwrap();
    let v = tamper(tmp.path(), "DELETE FROM audit_events").await;
    assert!(!v.intact);
    assert_eq!(v.first_broken, Some(1));
}
