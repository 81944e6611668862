//! The rules, one file per domain. Each reads its data and returns its lines; none
//! stores anything.

mod casework;
mod evidence;
mod rights;
mod support;

use super::{Ctx, DueItem};
use crate::error::Result;

/// Every rule's lines and the hand-made bevakningar.
pub(super) async fn all(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let mut items = Vec::new();
    items.extend(support::items(cx).await?);
    items.extend(evidence::items(cx).await?);
    items.extend(casework::items(cx).await?);
    items.extend(rights::items(cx).await?);
    items.extend(super::manual::items(cx).await?);
    Ok(items)
}
