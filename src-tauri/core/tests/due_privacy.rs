//! The promises on bevakningar set by hand and renewed checks, on real encrypted stores:
//! a home member's register extract shows the home's bevakningar (with their
//! postponements) and their own renewed checks, a placed child's shows the
//! placement's and not the home's own, and neither shows another home's; the hand-over
//! of the child's file carries the placement's; a purged home leaves none of its
//! bevakningar in any decrypted page; the demo's move to another device carries them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::due::checks::{self, CheckInput};
use akta_core::due::manual::{self, FollowUpInput, FollowUpSubject};
use akta_core::due::EvidenceKind;
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::Register;
use akta_core::person;
use akta_core::retention;
use akta_core::rights::extract::{self, Review};
use akta_core::rights::RequestKind;
use akta_core::transfer;
use akta_core::user::Actor;
use chrono::{Days, Months};
use common::*;

const HOME_TEXT: &str = "Ring familjen om avlastningshelgen";
const PLACEMENT_TEXT: &str = "Begär vårdplanen inför mötet";
const REASON: &str = "Handläggaren på kommunen är sjuk";
const OTHER_TEXT: &str = "Boka uppföljning med Bertil";

struct World {
    staff: Staff,
    home: i64,
    astrid: i64,
    liv: i64,
    other_home: i64,
    bertil: i64,
}

async fn member(staff: &Staff, home: i64, given: &str, family: &str) -> i64 {
    let id = person::add(&staff.store, &staff.karin, &named(given, family), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&staff.store, &staff.karin, home, id, MemberRole::Vuxen)
        .await
        .unwrap();
    id
}

async fn follow_up(staff: &Staff, subject: FollowUpSubject, text: &str) -> i64 {
    let input = FollowUpInput {
        subject,
        due_on: today() + Days::new(5),
        text: text.into(),
        assignee_id: None,
    };
    manual::add(&staff.store, &staff.karin, &input)
        .await
        .unwrap()
        .id
}

async fn check(staff: &Staff, home: i64, person_id: i64) {
    let input = CheckInput {
        person_id,
        kind: EvidenceKind::RegisterExtract,
        register: Some(Register::Belastningsregistret),
        checked_on: today(),
    };
    checks::add(&staff.store, &staff.karin, home, &input, today())
        .await
        .unwrap();
}

async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let home = approved_home(&staff.store, &staff.karin, "Familjen Gran").await;
    let astrid = member(&staff, home, "Astrid", "Gran").await;
    let liv = person::add(&staff.store, &staff.karin, &named("Liv", "Ek"), today())
        .await
        .unwrap()
        .id;
    let kommun = kommun(&staff.store, &staff.karin).await;
    let from = (today() - Days::new(30)).to_string();
    let placement = place(&staff.store, &staff.karin, liv, home, kommun, &from).await;
    let other_home = approved_home(&staff.store, &staff.karin, "Familjen Sten").await;
    let bertil = member(&staff, other_home, "Bertil", "Sten").await;

    follow_up(&staff, FollowUpSubject::Home { home_id: home }, HOME_TEXT).await;
    let moved = follow_up(
        &staff,
        FollowUpSubject::Placement {
            placement_id: placement,
        },
        PLACEMENT_TEXT,
    )
    .await;
    manual::postpone(
        &staff.store,
        &staff.karin,
        moved,
        today() + Days::new(12),
        REASON,
    )
    .await
    .unwrap();
    follow_up(
        &staff,
        FollowUpSubject::Home {
            home_id: other_home,
        },
        OTHER_TEXT,
    )
    .await;
    check(&staff, home, astrid).await;
    check(&staff, other_home, bertil).await;
    World {
        staff,
        home,
        astrid,
        liv,
        other_home,
        bertil,
    }
}

async fn extract_json(w: &World, person: i64) -> String {
    let s = &w.staff;
    let request = verified_request(&s.store, &s.dpo, person, RequestKind::Access, today()).await;
    let docs = extract::create(&s.store, &s.dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    String::from_utf8(docs.json).unwrap()
}

#[tokio::test]
async fn each_extract_shows_its_own_bevakningar_and_checks_and_nothing_of_another_home() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;

    let astrid = extract_json(&w, w.astrid).await;
    for shown in [HOME_TEXT, PLACEMENT_TEXT, REASON, "evidence_checks"] {
        assert!(
            astrid.contains(shown),
            "{shown:?} missing from the member's extract"
        );
    }
    assert!(!astrid.contains(OTHER_TEXT), "another home's bevakning");

    let liv = extract_json(&w, w.liv).await;
    assert!(liv.contains(PLACEMENT_TEXT) && liv.contains(REASON));
    assert!(
        !liv.contains(HOME_TEXT),
        "the home's own bevakning in the child's extract"
    );
    assert!(!liv.contains(OTHER_TEXT));
    assert!(
        !liv.contains("evidence_checks"),
        "the adults' checks are not the child's"
    );

    let bertil = extract_json(&w, w.bertil).await;
    assert!(bertil.contains(OTHER_TEXT));
    for hidden in [HOME_TEXT, PLACEMENT_TEXT, REASON, "Astrid"] {
        assert!(
            !bertil.contains(hidden),
            "{hidden:?} in another home's extract"
        );
    }
}

#[tokio::test]
async fn the_hand_over_of_the_childs_file_carries_the_placements_bevakningar() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let offer = retention::offer_handover(&w.staff.store, &w.staff.dpo, w.liv, today())
        .await
        .unwrap();
    let json = String::from_utf8(offer.documents.json.clone()).unwrap();
    assert!(json.contains(PLACEMENT_TEXT) && json.contains(REASON));
    assert!(!json.contains(HOME_TEXT) && !json.contains(OTHER_TEXT));
}

#[tokio::test]
async fn a_purged_home_leaves_none_of_its_bevakningar_or_checks_in_any_page() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let s = &w.staff;
    close_home(&s.store, &s.karin, w.other_home, today()).await;
    let due = today().checked_add_months(Months::new(24)).unwrap();
    retention::run(&s.store, &s.dpo, due).await.unwrap();
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(w.other_home)
            .fetch_one(s.store.pool())
            .await
            .unwrap()
    };
    assert_eq!(
        count("SELECT count(*) FROM follow_ups WHERE home_id = ?").await,
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM evidence_checks WHERE home_id = ?").await,
        0
    );
    // The other home's are untouched.
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM follow_ups WHERE home_id = ?")
        .bind(w.home)
        .fetch_one(s.store.pool())
        .await
        .unwrap();
    assert_eq!(kept, 1);
    let key = raw_key(tmp.path());
    w.staff.store.close().await;
    for (i, page) in decrypted_pages(&tmp.path().join("akta.db"), &key)
        .iter()
        .enumerate()
    {
        assert!(
            !contains(page, OTHER_TEXT.as_bytes()),
            "page {} holds a purged bevakning",
            i + 1
        );
    }
}

#[tokio::test]
async fn the_demo_moves_its_bevakningar_and_checks_to_another_device() {
    let tmp = tempfile::tempdir().unwrap();
    let a = new_store(&tmp.path().join("a")).await;
    akta_core::demo::populate(&a, &Actor::device(), today())
        .await
        .unwrap();
    let file = transfer::export(&a, &Actor::device()).await.unwrap();
    for table in ["follow_ups", "follow_up_postponements", "evidence_checks"] {
        let rows = file.tables[table].as_array().unwrap();
        assert!(
            !rows.is_empty(),
            "the demo's {table} are not in the transfer"
        );
    }
}
