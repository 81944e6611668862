//! The rules, one file per domain. Each reads its data and returns its lines; none
//! stores anything.

mod casework;
mod evidence;
mod rights;
mod support;

use super::{Ctx, DueItem};
use crate::error::Result;

/// Every rule's lines and the hand-made bevakningar. The rules read at the same time,
/// each on a connection of the pool (SQLite works on its own thread per connection),
/// so the inbox takes about as long as its slowest rules, not their sum.
pub(super) async fn all(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let (support, evidence, casework, rights, manual) = tokio::try_join!(
        support::items(cx),
        evidence::items(cx),
        casework::items(cx),
        rights::items(cx),
        super::manual::items(cx),
    )?;
    let mut items = support;
    for more in [evidence, casework, rights, manual] {
        items.extend(more);
    }
    Ok(items)
}
