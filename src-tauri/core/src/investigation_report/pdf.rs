//! A signed version as a Swedish A4 PDF with a cover, and the record of its sending.

use chrono::NaiveDate;

use super::InvestigationReport;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::user::Actor;

/// Renders a version; `agency` is the agency's name for the cover, `made_on` goes in
/// every page's footer.
pub fn render_pdf(
    _r: &InvestigationReport,
    _agency: Option<&str>,
    _made_on: NaiveDate,
) -> Result<Vec<u8>> {
    Err(Error::Internal("not built yet".into()))
}

/// The signed version `id` as a PDF to send; records its SHA-256 until sent; audited.
pub async fn pdf(_store: &Store, _actor: &Actor, _id: i64, _today: NaiveDate) -> Result<Vec<u8>> {
    Err(Error::Internal("not built yet".into()))
}

/// Writes the PDF at `path` (a new file only, owner-only).
pub async fn save_pdf(
    _store: &Store,
    _actor: &Actor,
    _id: i64,
    _path: &std::path::Path,
    _today: NaiveDate,
) -> Result<()> {
    Err(Error::Internal("not built yet".into()))
}

/// Records that the version was sent on `on` to the municipality `municipality_id`.
pub async fn mark_sent(
    _store: &Store,
    _actor: &Actor,
    _id: i64,
    _on: NaiveDate,
    _municipality_id: i64,
    _today: NaiveDate,
) -> Result<InvestigationReport> {
    Err(Error::Internal("not built yet".into()))
}
