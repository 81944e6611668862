//! The data-protection bevakningar on real encrypted stores, with hidden dates
//! (`as_of`): data-subject requests, files the retention rules will purge, hand-overs
//! waiting for an answer; only for the data-protection role. Each line falls due on its
//! calendar edge (31 January plus a month in a leap year, a week over a year end) and
//! goes when its data no longer makes it due.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod due_lines;

use akta_core::due::{Bucket, DueKind, Group, Place};
use akta_core::person;
use akta_core::retention::{self, FileKind};
use akta_core::rights::{
    self, CompletionInput, ExtensionInput, RequestInput, RequestKind, RequestStatus,
};
use akta_core::settings::Settings;
use common::*;
use due_lines::{d, line, lines};

#[tokio::test]
async fn a_request_is_due_on_its_deadline_and_says_while_an_extension_can_be_told() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, dpo, karin } = store_with_staff(tmp.path()).await;
    let p = person::add(&store, &dpo, &named("Rut", "Begäran"), today())
        .await
        .unwrap()
        .id;
    let s = Settings::default();
    let id = verified_request(&store, &dpo, p, RequestKind::Access, d("2028-01-31")).await;
    let key = format!("request:{id}");
    // 31 January and a month: 29 February 2028.
    let l = line(&store, &dpo, d("2028-02-29"), &s, &key).await.unwrap();
    assert_eq!(l.due_on, d("2028-02-29"));
    assert_eq!(l.bucket, Bucket::Today);
    assert!(l.why.flagged, "an extension can still be told today");
    assert_eq!(l.why.detail.as_deref(), Some("access"));
    assert_eq!(l.why.since, Some(d("2028-01-31")));
    assert_eq!(
        l.group,
        Group::Person {
            person_id: p,
            name: "Rut Begäran".into()
        }
    );
    assert_eq!(l.place, Place::Request { request_id: id });
    let l = line(&store, &dpo, d("2028-03-01"), &s, &key).await.unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    assert!(!l.why.flagged, "too late to extend");

    // Extended by two months: due on the last of April, nothing more to tell.
    rights::extend(
        &store,
        &dpo,
        id,
        &ExtensionInput {
            months: 2,
            reason: "Omfattande material.".into(),
            told_on: d("2028-02-20"),
        },
        d("2028-02-20"),
    )
    .await
    .unwrap();
    let l = line(&store, &dpo, d("2028-02-21"), &s, &key).await.unwrap();
    assert_eq!(l.due_on, d("2028-04-30"));
    assert!(!l.why.flagged);

    // Waiting for identity: due the day it came in, on the agency.
    let waiting = rights::create(
        &store,
        &dpo,
        &RequestInput {
            person_id: p,
            kind: RequestKind::Erasure,
            received_on: d("2028-02-10"),
            identity_method: None,
            identity_verified_on: None,
        },
        d("2028-02-10"),
    )
    .await
    .unwrap()
    .id;
    let l = line(
        &store,
        &dpo,
        d("2028-02-21"),
        &s,
        &format!("request:{waiting}"),
    )
    .await
    .unwrap();
    assert_eq!(l.due_on, d("2028-02-10"));
    assert_eq!(l.bucket, Bucket::Overdue);
    assert!(!l.why.flagged);
    assert_eq!(l.why.detail.as_deref(), Some("erasure"));

    // A caseworker without the data-protection role sees no requests.
    assert!(lines(&store, &karin, d("2028-02-21"), &s, DueKind::Request)
        .await
        .is_empty());

    // Completed: gone.
    rights::complete(
        &store,
        &dpo,
        id,
        &CompletionInput {
            status: RequestStatus::Completed,
            outcome: "Registerutdrag skickat.".into(),
            completed_on: d("2028-02-22"),
        },
        d("2028-02-22"),
    )
    .await
    .unwrap();
    let left: Vec<String> = lines(&store, &dpo, d("2028-02-22"), &s, DueKind::Request)
        .await
        .into_iter()
        .map(|l| l.key)
        .collect();
    assert_eq!(left, vec![format!("request:{waiting}")]);
    store.close().await;
}

#[tokio::test]
async fn a_file_shows_within_the_purge_notice_and_a_handover_waits_for_its_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, dpo, karin } = store_with_staff(tmp.path()).await;
    let s = Settings::default();

    // A home closed today falls due when the retention rules say.
    let home = approved_home(&store, &karin, "Familjen Gallring").await;
    close_home(&store, &karin, home, today()).await;
    let far = retention::preview(&store, &dpo, today() + chrono::Months::new(240))
        .await
        .unwrap();
    let purge_on = far
        .due
        .into_iter()
        .chain(far.held)
        .find(|f| f.kind == FileKind::Home && f.id == home)
        .unwrap()
        .due_on;
    let key = format!("purge:home:{home}");
    let notice = u64::from(s.due.purge_notice_days);
    assert!(line(
        &store,
        &dpo,
        purge_on - chrono::Days::new(notice + 1),
        &s,
        &key
    )
    .await
    .is_none());
    let l = line(&store, &dpo, purge_on - chrono::Days::new(notice), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, purge_on);
    assert_eq!(l.place, Place::Retention);
    assert_eq!(
        l.group,
        Group::Home {
            home_id: home,
            name: "Familjen Gallring".into()
        }
    );
    assert_eq!(l.why.since, Some(today()));
    let l = line(&store, &dpo, purge_on, &s, &key).await.unwrap();
    assert_eq!(l.bucket, Bucket::Today);
    assert!(lines(&store, &karin, purge_on, &s, DueKind::Purge)
        .await
        .is_empty());

    // A hand-over offered on 2 December 2027 waits thirty days: New Year's Day.
    let placed_home = approved_home(&store, &karin, "Familjen Placering").await;
    let child = person::add(&store, &karin, &named("Ebba", "Placering"), today())
        .await
        .unwrap()
        .id;
    let kommun = kommun(&store, &karin).await;
    place(&store, &karin, child, placed_home, kommun, "2026-11-01").await;
    let offer = retention::offer_handover(&store, &dpo, child, d("2027-12-02"))
        .await
        .unwrap();
    let key = format!("handover:{}", offer.id);
    let l = line(&store, &dpo, d("2027-12-29"), &s, &key).await.unwrap();
    assert_eq!(l.due_on, d("2028-01-01"));
    assert_eq!(l.bucket, Bucket::ThisWeek);
    assert_eq!(l.why.since, Some(d("2027-12-02")));
    assert_eq!(l.place, Place::Retention);
    assert_eq!(
        l.group,
        Group::Person {
            person_id: child,
            name: "Ebba Placering".into()
        }
    );
    let l = line(&store, &dpo, d("2028-01-02"), &s, &key).await.unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    assert!(
        lines(&store, &karin, d("2028-01-02"), &s, DueKind::Handover)
            .await
            .is_empty()
    );
    retention::decide_handover(
        &store,
        &dpo,
        offer.id,
        "confirmed",
        d("2028-01-03"),
        d("2028-01-03"),
    )
    .await
    .unwrap();
    assert!(lines(&store, &dpo, d("2028-01-03"), &s, DueKind::Handover)
        .await
        .is_empty());
    store.close().await;
}
