//! Familjehemsutredning on a real encrypted store: checklist, stale extracts, decision
//! rules, and the home's lifecycle following the investigation.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, MemberRole};
use akta_core::investigation::{
    self, Decision, DecisionInput, DetailsInput, ItemInput, ItemKind, Method, Missing, Register,
};
use akta_core::person::{self, PersonInput};
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use common::*;

const AGE: u32 = 3;

struct World {
    store: Store,
    karin: Actor,
    home: i64,
    adults: [i64; 2],
    child: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let store = new_store(dir).await;
    let d = Actor::device();
    let karin = Actor::user(
        user::add(
            &store,
            &d,
            &UserInput {
                name: "Karin".into(),
                title: None,
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    );
    let home = foster_home::add(
        &store,
        &d,
        &FosterHomeInput {
            name: "Familjen Öberg".into(),
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
    let mut ids = Vec::new();
    for (given, role) in [
        ("Mikael", MemberRole::Vuxen),
        ("Sara", MemberRole::Vuxen),
        ("Ebba", MemberRole::EgetBarn),
    ] {
        let p = person::add(
            &store,
            &d,
            &PersonInput {
                given_name: given.into(),
                family_name: "Öberg".into(),
                ..Default::default()
            },
            today(),
        )
        .await
        .unwrap();
        foster_home::add_member(&store, &d, home, p.id, role)
            .await
            .unwrap();
        ids.push(p.id);
    }
    World {
        store,
        karin,
        home,
        adults: [ids[0], ids[1]],
        child: ids[2],
    }
}

fn item(kind: ItemKind, person: Option<i64>, register: Option<Register>, date: &str) -> ItemInput {
    ItemInput {
        kind,
        person_id: person,
        register,
        done_on: date.parse().unwrap(),
        note: None,
    }
}

#[tokio::test]
async fn the_checklist_names_what_is_missing_until_everything_is_there_then_approval_approves_the_home(
) {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let k = &w.karin;
    let inv = investigation::start(
        &w.store,
        k,
        w.home,
        Method::Kalvesten,
        "2026-09-01".parse().unwrap(),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(inv.round, 1);
    assert_eq!(
        foster_home::get_status(&w.store, w.home).await.unwrap(),
        HomeStatus::Utreds,
        "intresse → utreds"
    );
    let m = &inv.checklist.missing;
    assert!(m.contains(&Missing::HomeVisit));
    assert!(m.contains(&Missing::References { have: 0, need: 2 }));
    assert_eq!(
        m.iter()
            .filter(|x| matches!(x, Missing::InterviewAdult { .. }))
            .count(),
        2
    );
    assert_eq!(
        m.iter()
            .filter(|x| matches!(x, Missing::InterviewChild { .. }))
            .count(),
        1
    );
    assert_eq!(
        m.iter()
            .filter(|x| matches!(x, Missing::RegisterExtract { .. }))
            .count(),
        10,
        "5 registers × 2 adults"
    );
    assert!(!inv.checklist.complete);

    // A decision while items are missing needs a recorded reason.
    let e = investigation::decide(
        &w.store,
        k,
        inv.id,
        &DecisionInput {
            decision: Decision::Approved,
            decision_on: today(),
            missing_items_reason: None,
        },
        today(),
        AGE,
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("missing_items_reason", Reason::Required)
    );

    let mut last = inv;
    for i in [
        item(ItemKind::HomeVisit, None, None, "2026-09-10"),
        item(
            ItemKind::InterviewAdult,
            Some(w.adults[0]),
            None,
            "2026-09-15",
        ),
        item(
            ItemKind::InterviewAdult,
            Some(w.adults[1]),
            None,
            "2026-09-15",
        ),
        item(ItemKind::InterviewChild, Some(w.child), None, "2026-09-16"),
        item(ItemKind::Reference, None, None, "2026-09-20"),
        item(ItemKind::Reference, None, None, "2026-09-21"),
    ] {
        last = investigation::add_item(&w.store, k, last.id, &i, today(), AGE)
            .await
            .unwrap();
    }
    for adult in w.adults {
        for r in Register::ALL {
            last = investigation::add_item(
                &w.store,
                k,
                last.id,
                &item(
                    ItemKind::RegisterExtract,
                    Some(adult),
                    Some(r),
                    "2026-10-01",
                ),
                today(),
                AGE,
            )
            .await
            .unwrap();
        }
    }
    let details = DetailsInput {
        bra_fam_on: Some("2026-10-05".parse().unwrap()),
        health_declaration_on: Some("2026-10-06".parse().unwrap()),
        summary_assessment: Some("Familjen bedöms ha goda förutsättningar.".into()),
    };
    let ready = investigation::update_details(&w.store, k, last.id, &details, today(), AGE)
        .await
        .unwrap();
    assert!(ready.checklist.complete, "{:?}", ready.checklist);

    let decided = investigation::decide(
        &w.store,
        k,
        ready.id,
        &DecisionInput {
            decision: Decision::Approved,
            decision_on: today(),
            missing_items_reason: Some("ignored".into()),
        },
        today(),
        AGE,
    )
    .await
    .unwrap();
    assert_eq!(decided.decision, Some(Decision::Approved));
    assert_eq!(decided.decided_by_name.as_deref(), Some("Karin"));
    assert_eq!(
        decided.missing_items_reason, None,
        "no reason is kept when nothing was missing"
    );
    assert_eq!(
        foster_home::get_status(&w.store, w.home).await.unwrap(),
        HomeStatus::Godkand
    );
    // Decided: closed for changes.
    let e = investigation::add_item(
        &w.store,
        k,
        decided.id,
        &item(ItemKind::HomeVisit, None, None, "2026-11-01"),
        today(),
        AGE,
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    // A new round may start (a renewed investigation).
    let r2 = investigation::start(&w.store, k, w.home, Method::Pride, today(), today())
        .await
        .unwrap();
    assert_eq!(r2.round, 2);
    w.store.close().await;
}

#[tokio::test]
async fn extracts_older_than_the_limit_at_decision_time_are_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let inv = investigation::start(
        &w.store,
        &w.karin,
        w.home,
        Method::Pride,
        "2026-06-01".parse().unwrap(),
        today(),
    )
    .await
    .unwrap();
    let inv = investigation::add_item(
        &w.store,
        &w.karin,
        inv.id,
        &item(
            ItemKind::RegisterExtract,
            Some(w.adults[0]),
            Some(Register::Kronofogden),
            "2026-08-22",
        ),
        today(),
        AGE,
    )
    .await
    .unwrap();
    // Issued 2026-08-22; three months before 2026-11-23 is 2026-08-23: one day too old.
    assert_eq!(inv.checklist.stale_extracts.len(), 1);
    assert_eq!(
        inv.checklist.stale_extracts[0].register,
        Register::Kronofogden
    );
    // With a six-month limit it is fine.
    let all = investigation::for_home(&w.store, w.home, today(), 6)
        .await
        .unwrap();
    assert!(all[0].checklist.stale_extracts.is_empty());
    // A newer extract of the same register replaces it.
    let inv = investigation::add_item(
        &w.store,
        &w.karin,
        inv.id,
        &item(
            ItemKind::RegisterExtract,
            Some(w.adults[0]),
            Some(Register::Kronofogden),
            "2026-11-01",
        ),
        today(),
        AGE,
    )
    .await
    .unwrap();
    assert!(inv.checklist.stale_extracts.is_empty());
    w.store.close().await;
}

#[tokio::test]
async fn wrong_components_and_second_open_rounds_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let k = &w.karin;
    let inv = investigation::start(&w.store, k, w.home, Method::Annan, today(), today())
        .await
        .unwrap();
    let e = investigation::start(&w.store, k, w.home, Method::Annan, today(), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Duplicate);
    for (i, field, why) in [
        (
            item(ItemKind::InterviewAdult, Some(w.child), None, "2026-11-01"),
            "person_id",
            Reason::NotAllowed,
        ),
        (
            item(ItemKind::InterviewChild, None, None, "2026-11-01"),
            "person_id",
            Reason::Required,
        ),
        (
            item(
                ItemKind::RegisterExtract,
                Some(w.adults[0]),
                None,
                "2026-11-01",
            ),
            "register",
            Reason::Required,
        ),
        (
            item(ItemKind::HomeVisit, None, None, "2027-01-01"),
            "done_on",
            Reason::Future,
        ),
    ] {
        let e = investigation::add_item(&w.store, k, inv.id, &i, today(), AGE)
            .await
            .unwrap_err();
        assert_eq!(
            (e.fields()[0].field.as_str(), e.fields()[0].reason),
            (field, why),
            "{:?}",
            i.kind
        );
    }
    assert!(investigation::for_home(&w.store, w.home, today(), AGE)
        .await
        .unwrap()[0]
        .items
        .is_empty());
    // The device itself cannot decide: a decision has a decider.
    let e = investigation::decide(
        &w.store,
        &Actor::device(),
        inv.id,
        &DecisionInput {
            decision: Decision::NotApproved,
            decision_on: today(),
            missing_items_reason: Some("x".into()),
        },
        today(),
        AGE,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
    // Not approved, with the reason for deciding despite missing items.
    let d = investigation::decide(
        &w.store,
        k,
        inv.id,
        &DecisionInput {
            decision: Decision::NotApproved,
            decision_on: today(),
            missing_items_reason: Some("Familjen avbröt utredningen.".into()),
        },
        today(),
        AGE,
    )
    .await
    .unwrap();
    assert_eq!(
        d.missing_items_reason.as_deref(),
        Some("Familjen avbröt utredningen.")
    );
    assert_eq!(
        foster_home::get_status(&w.store, w.home).await.unwrap(),
        HomeStatus::Utreds,
        "not approved leaves the status to the caseworker"
    );
    w.store.close().await;
}
