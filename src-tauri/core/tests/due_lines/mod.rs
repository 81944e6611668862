//! Reading the inbox in the bevakning tests: the lines of one kind, the line of one key,
//! and ISO dates written short.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use akta_core::due::{self, DueItem, DueKind};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::Actor;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The inbox's lines of `kind` for `actor` on `as_of`.
pub async fn lines(
    store: &Store,
    actor: &Actor,
    as_of: NaiveDate,
    settings: &Settings,
    kind: DueKind,
) -> Vec<DueItem> {
    due::build(store, actor, as_of, settings)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

/// The one line keyed `key` on `as_of`, if the inbox has it.
pub async fn line(
    store: &Store,
    actor: &Actor,
    as_of: NaiveDate,
    settings: &Settings,
    key: &str,
) -> Option<DueItem> {
    due::build(store, actor, as_of, settings)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.key == key)
}
