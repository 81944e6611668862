//! The rules of supporting active homes: the next contact of each plan line, the month's
//! report of each placement, the year's training below its target, and an agreement
//! that ends soon. Each reads its data as of `cx.as_of` and returns its lines.

mod agreements;
mod plan;
mod reports;
mod training;

#[cfg(test)]
mod tests;

use crate::due::{Ctx, DueItem, Group};
use crate::error::Result;

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let (mut items, reports, training, agreements) = tokio::try_join!(
        plan::items(cx),
        reports::items(cx),
        training::items(cx),
        agreements::items(cx),
    )?;
    for more in [reports, training, agreements] {
        items.extend(more);
    }
    Ok(items)
}

/// The group of a home's lines.
fn home_group(home_id: i64, name: String) -> Group {
    Group::Home { home_id, name }
}

/// A person's name as the inbox shows it.
fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}
