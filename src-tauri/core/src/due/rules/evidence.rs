//! (being written)

use crate::due::{Ctx, DueItem};
use crate::error::Result;

pub(super) async fn items(_cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    Ok(Vec::new())
}
