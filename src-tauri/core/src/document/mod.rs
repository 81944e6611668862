//! Documents of a personakt (SOSFS 2014:5, 4 kap. 6 §): what the agency received
//! (inkommen) or drew up (upprättad) — agreements, letters, certificates, references,
//! scanned forms, photos. Each belongs to a foster home's file or a placed child's
//! file, optionally in the context of an investigation, one of its checklist items, or
//! a placement, and names the persons it concerns.
//!
//! The bytes are encrypted to a key of their own beside the store ([`blob`]); the row
//! holds the key, so every promise that deletes rows (retention, erasure, a caseworker's
//! delete) destroys the document. Drawn-up documents that were sent are locked like
//! signed journal entries: a correction is a new version that supersedes them.

pub mod blob;
mod edit;
pub mod media;
mod owner;
pub mod picked;
mod repo;
mod types;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use blob::SweepReport;
pub use edit::{delete, forget_keys, mark_sent, update};
pub use media::{MediaType, MAX_BYTES};
pub use owner::DocumentOwner;
pub use picked::{PickedFile, PickedFiles};
pub use repo::{add, add_bytes, content, export, get, list, open, rows_where, AddedFrom};
pub use types::{add_type, types, DocumentType};

/// Received or drawn up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Direction {
    /// Inkommen: received by the agency.
    Incoming,
    /// Upprättad: drawn up by the agency.
    DrawnUp,
}

impl crate::label::SwedishLabel for Direction {
    fn sv(self) -> &'static str {
        match self {
            Direction::Incoming => "inkommen",
            Direction::DrawnUp => "upprättad",
        }
    }
}

/// A document's description: what adding one and changing one both give (the content
/// never changes).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentDescription {
    pub title: String,
    pub direction: Direction,
    /// A code of [`types`].
    pub doc_type: String,
    /// The day it was received or drawn up.
    pub dated_on: NaiveDate,
    /// The sender (received) or recipient (drawn up), in words.
    #[serde(default)]
    pub counterpart: Option<String>,
    /// Or an organisation of the registry.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub counterpart_org_id: Option<i64>,
    /// The persons it concerns, from the file's persons.
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub persons: Vec<i64>,
}

/// What a form or the CLI gives for a new document: where it belongs and its
/// description (one flat object in JSON and TypeScript), and what only a new document has.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentInput {
    pub owner: DocumentOwner,
    #[serde(flatten)]
    #[ts(flatten)]
    pub description: DocumentDescription,
    /// The user says this is an extract from the police's belastningsregister or
    /// misstankeregister (criminal-offence data, GDPR Art. 10). Also implied when the
    /// document belongs to such a checklist item.
    #[serde(default)]
    pub criminal_record: bool,
    /// Why such an extract itself must be kept, beyond recording the check.
    #[serde(default)]
    pub criminal_reason: Option<String>,
    /// A new version of a sent drawn-up document.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub supersedes_id: Option<i64>,
}

impl DocumentInput {
    /// A new document of `owner`: no criminal-record extract, no earlier version.
    pub fn new(owner: DocumentOwner, description: DocumentDescription) -> Self {
        DocumentInput {
            owner,
            description,
            criminal_record: false,
            criminal_reason: None,
            supersedes_id: None,
        }
    }
}

/// A person a document concerns.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct DocumentPerson {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// A document as listed and shown (never its bytes or key).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Document {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub home_id: Option<i64>,
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    #[ts(type = "number | null")]
    pub investigation_id: Option<i64>,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    #[ts(type = "number | null")]
    pub placement_id: Option<i64>,
    pub title: String,
    pub direction: Direction,
    pub doc_type: String,
    pub doc_type_label: String,
    pub dated_on: NaiveDate,
    pub counterpart: Option<String>,
    #[ts(type = "number | null")]
    pub counterpart_org_id: Option<i64>,
    pub counterpart_org_name: Option<String>,
    pub media_type: MediaType,
    /// Shown by the app itself (PDF, images, text); otherwise only saved as a copy.
    pub viewable: bool,
    #[ts(type = "number")]
    pub bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Sent (drawn-up documents): locked from then on.
    pub sent_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub supersedes_id: Option<i64>,
    /// The newer version, if a correction superseded this one.
    #[ts(type = "number | null")]
    pub superseded_by: Option<i64>,
    /// An extract from the police's registers, kept for the reason given.
    pub criminal_record: bool,
    pub criminal_reason: Option<String>,
    pub persons: Vec<DocumentPerson>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest sender/recipient text, in characters.
pub const MAX_COUNTERPART_CHARS: usize = 200;
/// Longest reason for keeping a criminal-record extract, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// Checks the document folder against the rows (once when a store opens): removes
/// files without a row left by an interrupted import or purge (older than
/// [`blob::SWEEP_GRACE`]) and counts rows whose file is missing. Logs counts only.
pub async fn check_folder(store: &crate::store::Store) -> crate::Result<SweepReport> {
    let known: Vec<String> = sqlx::query_scalar("SELECT blob FROM documents")
        .fetch_all(store.pool())
        .await?;
    let dir = store.dir().clone();
    let report = tokio::task::spawn_blocking(move || blob::sweep(&dir, &known, true))
        .await
        .map_err(|e| crate::Error::Internal(format!("document check: {e}")))??;
    if report.removed > 0 || report.missing > 0 {
        tracing::warn!(
            removed = report.removed,
            missing = report.missing,
            "document folder checked"
        );
    }
    Ok(report)
}

/// The file names of the documents a condition selects (`?1` bound to `id`), read in
/// the caller's transaction before their rows are deleted; remove them with
/// [`blob::remove`] after the commit.
pub async fn blobs_where(
    conn: &mut sqlx::SqliteConnection,
    condition: &str,
    id: i64,
) -> crate::Result<Vec<String>> {
    let sql = format!("SELECT blob FROM documents WHERE {condition}");
    Ok(sqlx::query_scalar(&sql)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?)
}
