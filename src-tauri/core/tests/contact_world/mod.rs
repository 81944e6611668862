//! The world the contact tests share: a store with staff, a home with an adult member
//! and a child placed there since 2026-09-01, and another home with its own placed child.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use akta_core::contact::{ContactInput, ContactKind, Participant, ParticipantRole};
use akta_core::foster_home::{self, MemberRole};
use akta_core::person;
use akta_core::store::Store;
use chrono::NaiveDate;

use crate::common::*;

/// A home with an adult member and a child placed there since 2026-09-01, and another
/// home with its own placed child.
pub struct World {
    pub staff: Staff,
    pub home: i64,
    pub adult: i64,
    pub child: i64,
    pub other_home: i64,
    pub other_child: i64,
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let (s, a) = (&staff.store, &staff.karin);
    let kommun = kommun(s, a).await;
    let home = approved_home(s, a, "Familjen Lindqvist").await;
    let adult = person::add(s, a, &anna(), today()).await.unwrap().id;
    foster_home::add_member(s, a, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let child = person::add(s, a, &named("Liam", "Johansson"), today())
        .await
        .unwrap()
        .id;
    place(s, a, child, home, kommun, "2026-09-01").await;
    let other_home = approved_home(s, a, "Familjen Berg").await;
    let other_child = person::add(s, a, &named("Maja", "Berg"), today())
        .await
        .unwrap()
        .id;
    place(s, a, other_child, other_home, kommun, "2026-01-01").await;
    World {
        staff,
        home,
        adult,
        child,
        other_home,
        other_child,
    }
}

/// A home visit about the placed child, with the adult, the child and the
/// socialsekreterare, on school and health.
pub fn visit(w: &World) -> ContactInput {
    ContactInput {
        home_id: w.home,
        child_id: Some(w.child),
        kind: ContactKind::Hembesok,
        date: d("2026-11-20"),
        starts_at: "14:30".into(),
        minutes: Some(90),
        participants: vec![
            Participant::Person { person_id: w.adult },
            Participant::Person { person_id: w.child },
            Participant::Role {
                role: ParticipantRole::Socialsekreterare,
            },
        ],
        themes: vec!["skola".into(), "halsa".into()],
        text: "Hembesök. Liam trivs i skolan; tandläkartid bokad.".into(),
    }
}

/// Rows of every table a contact writes, and the audit log's length.
pub async fn counts(store: &Store) -> [i64; 5] {
    let mut out = [0; 5];
    for (i, t) in [
        "journal_entries",
        "contacts",
        "contact_participants",
        "contact_entry_themes",
        "audit_events",
    ]
    .iter()
    .enumerate()
    {
        out[i] = sqlx::query_scalar(&format!("SELECT count(*) FROM {t}"))
            .fetch_one(store.pool())
            .await
            .unwrap();
    }
    out
}
