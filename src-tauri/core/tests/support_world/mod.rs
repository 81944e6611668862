//! The world the support rules' tests share: Familjen Lind with an adult member and
//! Liam placed there since 2026-01-01, and reading the inbox of it on a day.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use akta_core::contact::{self, ContactInput, ContactKind, PlanInput, PlanPer};
use akta_core::due::{self, DueItem, DueKind};
use akta_core::foster_home::{self, MemberRole};
use akta_core::person;
use akta_core::settings::Settings;
use chrono::NaiveDate;

use crate::common::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Familjen Lind (an adult member) with Liam placed since 2026-01-01 by Göteborg.
pub struct World {
    pub staff: Staff,
    pub home: i64,
    pub adult: i64,
    pub kommun: i64,
    pub liam: i64,
    pub placement: i64,
}

pub async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let (s, k) = (&staff.store, &staff.karin);
    let home = approved_home(s, k, "Familjen Lind").await;
    let adult = person::add(s, k, &anna(), today()).await.unwrap().id;
    foster_home::add_member(s, k, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let kommun = kommun(s, k).await;
    let liam = person::add(s, k, &named("Liam", "Lind"), today())
        .await
        .unwrap()
        .id;
    let placement = place(s, k, liam, home, kommun, "2026-01-01").await;
    World {
        staff,
        home,
        adult,
        kommun,
        liam,
        placement,
    }
}

pub async fn inbox(w: &World, as_of: &str) -> Vec<DueItem> {
    due::build(
        &w.staff.store,
        &w.staff.karin,
        d(as_of),
        &Settings::default(),
    )
    .await
    .unwrap()
    .items
}

/// The lines of one kind.
pub async fn lines(w: &World, kind: DueKind, as_of: &str) -> Vec<DueItem> {
    inbox(w, as_of)
        .await
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

pub async fn line(w: &World, key: &str, as_of: &str) -> Option<DueItem> {
    inbox(w, as_of).await.into_iter().find(|i| i.key == key)
}

pub async fn plan_line(
    w: &World,
    placement: Option<i64>,
    kind: Option<ContactKind>,
    times: u32,
    per: PlanPer,
    from: &str,
) -> i64 {
    let input = PlanInput {
        home_id: w.home,
        placement_id: placement,
        kind,
        times,
        per,
        valid_from: d(from),
        valid_to: None,
    };
    contact::add_line(&w.staff.store, &w.staff.karin, &input)
        .await
        .unwrap()
        .id
}

/// Records a contact on `date` (the service's "today" is that day, so any date works).
pub async fn contact(w: &World, child: Option<i64>, kind: ContactKind, date: &str) {
    let input = ContactInput {
        home_id: w.home,
        child_id: child,
        kind,
        date: d(date),
        starts_at: "10:00".into(),
        minutes: Some(30),
        participants: Vec::new(),
        themes: Vec::new(),
        text: "Samtal om hur veckan har gått.".into(),
    };
    contact::add(&w.staff.store, &w.staff.karin, &input, d(date))
        .await
        .unwrap();
}
