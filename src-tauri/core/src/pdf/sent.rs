//! What the signed documents sent to a municipality share (the monthly report, the
//! written investigation): a PDF only of a signed one, the SHA-256 of the PDF made last
//! recorded until the document is recorded as sent (then it is the sent PDF's and no
//! longer changes), every PDF made audited as an export, a sending not before the day
//! it was signed, and how the signature's time is written.

use chrono::{DateTime, Local, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::investigation_report::InvestigationReport;
use crate::report::MonthlyReport;
use crate::store::Store;
use crate::user::Actor;

/// A kind of signed document sent to a municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sendable {
    MonthlyReport,
    InvestigationReport,
}

impl Sendable {
    fn entity(self) -> EntityKind {
        match self {
            Sendable::MonthlyReport => EntityKind::MonthlyReport,
            Sendable::InvestigationReport => EntityKind::InvestigationReport,
        }
    }
}

/// What the shared rules read of a signed document.
pub(crate) trait Signed {
    fn signed_at(&self) -> Option<DateTime<Utc>>;
    fn sent_on(&self) -> Option<NaiveDate>;
}

impl Signed for MonthlyReport {
    fn signed_at(&self) -> Option<DateTime<Utc>> {
        self.signed_at
    }
    fn sent_on(&self) -> Option<NaiveDate> {
        self.sent_on
    }
}

impl Signed for InvestigationReport {
    fn signed_at(&self) -> Option<DateTime<Utc>> {
        self.signed_at
    }
    fn sent_on(&self) -> Option<NaiveDate> {
        self.sent_on
    }
}

/// `report`: not allowed, unless the document is signed (a draft is never sent).
pub(crate) fn ensure_signed(signed_at: Option<DateTime<Utc>>) -> Result<()> {
    if signed_at.is_none() {
        return Err(Error::invalid("report", Reason::NotAllowed));
    }
    Ok(())
}

/// The signed document `id` (as `load` reads it) as the PDF `render` makes of it, to
/// send (`report`: not allowed for a draft). Records the SHA-256 of exactly the bytes
/// returned, until the document is recorded as sent, and audits the export; one
/// transaction.
pub(crate) async fn export<T: Signed>(
    store: &Store,
    actor: &Actor,
    doc: Sendable,
    id: i64,
    load: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>,
    render: impl FnOnce(&T) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let mut tx = store.begin().await?;
    let r = load(&mut tx).await?;
    ensure_signed(r.signed_at())?;
    let bytes = render(&r)?;
    if r.sent_on().is_none() {
        let sha = hex::encode(Sha256::digest(&bytes));
        match doc {
            Sendable::MonthlyReport => {
                sqlx::query!(
                    "UPDATE monthly_reports SET pdf_sha256 = ? WHERE id = ?",
                    sha,
                    id
                )
                .execute(&mut *tx)
                .await?
            }
            Sendable::InvestigationReport => {
                sqlx::query!(
                    "UPDATE investigation_reports SET pdf_sha256 = ? WHERE id = ?",
                    sha,
                    id
                )
                .execute(&mut *tx)
                .await?
            }
        };
    }
    audit::record(&mut tx, actor, AuditAction::Export, doc.entity(), Some(id)).await?;
    tx.commit().await?;
    Ok(bytes)
}

/// `report`: not allowed once recorded as sent (a document is sent once); `pdf`:
/// required before its PDF was made.
pub(crate) fn ensure_sendable(sent_on: Option<NaiveDate>, pdf_sha256: Option<&str>) -> Result<()> {
    if sent_on.is_some() {
        return Err(Error::invalid("report", Reason::NotAllowed));
    }
    if pdf_sha256.is_none() {
        return Err(Error::invalid("pdf", Reason::Required));
    }
    Ok(())
}

/// Audits the recording of document `id` as sent.
pub(crate) async fn record_sent(
    conn: &mut SqliteConnection,
    actor: &Actor,
    doc: Sendable,
    id: i64,
) -> Result<()> {
    audit::record(conn, actor, AuditAction::Update, doc.entity(), Some(id)).await
}

/// The day a document signed at `signed_at` was signed (local time).
pub(crate) fn signed_on(signed_at: Option<DateTime<Utc>>) -> Option<NaiveDate> {
    signed_at.map(|s| s.with_timezone(&Local).date_naive())
}

/// Whether `on` is before the day the document was signed; that day is taken never to
/// be after `today`, the day the caller goes by.
pub(crate) fn sent_before_signing(
    signed_at: Option<DateTime<Utc>>,
    on: NaiveDate,
    today: NaiveDate,
) -> bool {
    signed_on(signed_at).is_some_and(|s| on < s.min(today))
}

/// The time of a signature as the documents write it ("2026-03-01 kl. 14:05", local).
pub(crate) fn signed_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d kl. %H:%M")
        .to_string()
}
