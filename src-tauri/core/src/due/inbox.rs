//! The inbox: every rule's lines and the hand-made ones, bucketed and sorted.

use chrono::NaiveDate;

use super::{rules, Bucket, Counts, Ctx, Inbox};
use crate::error::Result;
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;

/// Everything that falls due for `actor` as of `as_of`: overdue first, then by date,
/// home or child, kind. Lines a profile may not act on (requests and purges without
/// the data-protection role) are left out.
pub async fn build(
    store: &Store,
    actor: &Actor,
    as_of: NaiveDate,
    settings: &Settings,
) -> Result<Inbox> {
    let cx = Ctx {
        store,
        actor,
        as_of,
        settings,
    };
    let mut items = rules::all(&cx).await?;
    let mut counts = Counts::default();
    for item in &mut items {
        item.bucket = Bucket::of(item.due_on, as_of);
        match item.bucket {
            Bucket::Overdue => counts.overdue += 1,
            Bucket::Today => counts.today += 1,
            Bucket::ThisWeek => counts.this_week += 1,
            Bucket::Later => counts.later += 1,
        }
    }
    items.sort_by(|a, b| {
        (a.due_on, &a.group, a.kind, &a.key).cmp(&(b.due_on, &b.group, b.kind, &b.key))
    });
    Ok(Inbox {
        as_of,
        items,
        counts,
    })
}
