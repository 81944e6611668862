//! The documents of a register extract (Art. 15): the data-protection officer's decision
//! per document about the person — include a copy, or withhold it with a reason
//! (another person's data, Art. 15(4)) — the list the PDF and JSON carry, and the
//! copies saved beside the PDF.
//!
//! A copy never goes out undecided: while a document has no decision the review is not
//! done (`ExtractReview::reviewed`), confirming it is refused and an extract is refused
//! (`documents`: required), unless it is made on the automatic rules alone
//! (`Review::AcceptAutomatic`), which withholds every undecided document as
//! [`NOT_REVIEWED`]. Which documents are about the person is the catalogue's condition
//! (their child file, the file of a home they are a member of, or naming them).
//!
//! The copies are the documents' plaintext, decrypted one at a time, each checked against
//! the SHA-256 the extract lists and records (`dsr_disclosed_documents`), written as new
//! owner-only files `<id>.<ext>` in a new folder beside the PDF (`<stem>-dokument`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::document::{ExtractDocument, ExtractDocuments, ExtractField, WITHHELD_PASSAGE};
use super::extract::{capitalised, request_for_extract, SavedExtract};
use crate::audit::{self, AuditAction, EntityKind};
use crate::document::{self, Document};
use crate::error::{Error, Reason, Result};
use crate::label::SwedishLabel;
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::{catalogue, files, validate};

/// The reason an undecided document is withheld with (an extract made on the automatic
/// rules alone).
pub const NOT_REVIEWED: &str = "Ej granskat";

/// Longest reason for withholding a document, in characters.
const MAX_REASON_CHARS: usize = 300;

/// The reviewer's decision on one document.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentDecisionInput {
    #[ts(type = "number")]
    pub document_id: i64,
    /// Include a copy (`true`) or withhold it (`false`, with a reason).
    pub include: bool,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A document about the person, as the review shows it, with the decision on it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ReviewDocument {
    pub document: Document,
    /// `None` while no one has decided.
    pub include: Option<bool>,
    /// Why it is withheld.
    pub reason: Option<String>,
}

/// The condition (on `documents d`, `?1` the person) for the documents about a person.
fn about_condition() -> Result<String> {
    let subject = catalogue::table("documents")
        .and_then(|t| t.subject)
        .ok_or_else(|| Error::Internal("catalogue: documents".into()))?;
    Ok(format!(
        "d.id IN (SELECT id FROM documents WHERE {subject})"
    ))
}

/// The documents about person `person_id`, newest first.
async fn about(conn: &mut SqliteConnection, person_id: i64) -> Result<Vec<Document>> {
    document::rows_where(conn, &about_condition()?, person_id).await
}

/// The request's decisions: document → (include, reason).
async fn decisions(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<HashMap<i64, (bool, Option<String>)>> {
    let rows: Vec<(i64, bool, Option<String>)> = sqlx::query_as(
        "SELECT document_id, include, reason FROM dsr_document_decisions WHERE request_id = ?",
    )
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(d, i, r)| (d, (i, r))).collect())
}

/// The documents about the person with the request's decisions, for the review.
pub(crate) async fn for_review(
    conn: &mut SqliteConnection,
    request_id: i64,
    person_id: i64,
) -> Result<Vec<ReviewDocument>> {
    let decided = decisions(conn, request_id).await?;
    Ok(about(conn, person_id)
        .await?
        .into_iter()
        .map(|document| {
            let (include, reason) = match decided.get(&document.id) {
                Some((include, reason)) => (Some(*include), reason.clone()),
                None => (None, None),
            };
            ReviewDocument {
                document,
                include,
                reason,
            }
        })
        .collect())
}

/// How many of the review's documents no one has decided on.
pub(crate) fn undecided(documents: &[ReviewDocument]) -> u32 {
    documents.iter().filter(|d| d.include.is_none()).count() as u32
}

/// Decides on one document of the request's extract: include a copy, or withhold it
/// with a reason. A later decision replaces an earlier one. The document must be about
/// the request's person (`document_id`: unknown otherwise); withholding needs a reason.
/// Audited as a change of the request (ids only). Returns the review's documents.
pub async fn decide_document(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    input: &DocumentDecisionInput,
    today: NaiveDate,
) -> Result<Vec<ReviewDocument>> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let r = request_for_extract(&mut tx, request_id, today).await?;
    let person_id = r.person_id.ok_or(Error::NotFound("person"))?;
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = ?2 AND {})",
        about_condition()?
    );
    let known: bool = sqlx::query_scalar(&sql)
        .bind(person_id)
        .bind(input.document_id)
        .fetch_one(&mut *tx)
        .await?;
    if !known {
        return Err(Error::invalid("document_id", Reason::Unknown));
    }
    let reason = if input.include {
        None
    } else {
        let text = input.reason.as_deref().unwrap_or_default();
        Some(
            validate::required_text("reason", text, MAX_REASON_CHARS)
                .map_err(|f| Error::Invalid(vec![f]))?,
        )
    };
    sqlx::query(
        "INSERT INTO dsr_document_decisions (request_id, document_id, include, reason, user_id, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (request_id, document_id) DO UPDATE SET
             include = excluded.include, reason = excluded.reason,
             user_id = excluded.user_id, decided_at = excluded.decided_at",
    )
    .bind(request_id)
    .bind(input.document_id)
    .bind(input.include)
    .bind(reason)
    .bind(actor.user_id())
    .bind(Utc::now())
    .execute(&mut *tx)
    .await?;
    super::audit_update(&mut tx, actor, request_id).await?;
    let out = for_review(&mut tx, request_id, person_id).await?;
    tx.commit().await?;
    Ok(out)
}

/// What an extract lists of the person's documents.
pub(super) struct Listing {
    pub documents: Vec<ExtractDocument>,
    /// How many were withheld because no one decided on them.
    pub undecided: usize,
}

/// The extract's list of the person's documents, each included or withheld as the
/// request's decisions say (undecided: withheld as [`NOT_REVIEWED`]). `shown` holds
/// each document's fields as the extract shows them (other persons withheld), by id.
pub(super) async fn listing(
    conn: &mut SqliteConnection,
    person_id: i64,
    request_id: i64,
    shown: &HashMap<i64, Vec<ExtractField>>,
) -> Result<Listing> {
    let decided = decisions(conn, request_id).await?;
    let mut undecided = 0;
    let mut documents = Vec::new();
    for d in about(conn, person_id).await? {
        let fields = shown.get(&d.id);
        let field = |column: &str| {
            fields
                .and_then(|f| f.iter().find(|f| f.column == column))
                .map(|f| f.value.clone())
        };
        let (included, reason) = match decided.get(&d.id) {
            Some((true, _)) => (true, None),
            Some((false, reason)) => (false, reason.clone()),
            None => {
                undecided += 1;
                (false, Some(NOT_REVIEWED.to_owned()))
            }
        };
        documents.push(ExtractDocument {
            id: d.id,
            // The title as the extract shows it; never the stored text unscanned.
            title: field("title").unwrap_or_else(|| WITHHELD_PASSAGE.to_owned()),
            kind: capitalised(d.direction.sv()),
            doc_type: d.doc_type_label.clone(),
            dated_on: d.dated_on,
            counterpart: field("counterpart").or_else(|| field("counterpart_org_id")),
            included,
            file: included.then(|| file_name(&d)),
            sha256: included.then(|| d.sha256.clone()),
            reason,
        });
    }
    Ok(Listing {
        documents,
        undecided,
    })
}

/// A copy's file name: the document's id and its kind's extension.
fn file_name(d: &Document) -> String {
    format!("{}.{}", d.id, d.media_type.extension())
}

/// Records, in the extract's write, each copy it includes by its hash
/// (`dsr_disclosed_documents`), each audited as an export of the document (ids only).
pub(super) async fn record(
    conn: &mut SqliteConnection,
    actor: &Actor,
    request_id: i64,
    extract_id: &str,
    documents: &[ExtractDocument],
) -> Result<()> {
    let now = Utc::now();
    for d in documents.iter().filter(|d| d.included) {
        sqlx::query(
            "INSERT INTO dsr_disclosed_documents (request_id, extract_id, document_id, sha256, user_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(request_id)
        .bind(extract_id)
        .bind(d.id)
        .bind(&d.sha256)
        .bind(actor.user_id())
        .bind(now)
        .execute(&mut *conn)
        .await?;
        audit::record(
            conn,
            actor,
            AuditAction::Export,
            EntityKind::Document,
            Some(d.id),
        )
        .await?;
    }
    Ok(())
}

/// The folder the copies go into, beside the PDF: `<the PDF's name>-dokument`.
pub fn copies_folder(pdf: &Path) -> PathBuf {
    let mut name = pdf.file_stem().unwrap_or_default().to_os_string();
    name.push("-dokument");
    pdf.with_file_name(name)
}

/// Writes the extract's included copies into `folder`, a new folder (owner-only; nothing
/// may be there yet): each as `<id>.<ext>`, decrypted one at a time and checked against
/// the hash the extract lists. All or none: a failure removes what this call wrote.
/// Returns the folder, or `None` (and makes none) when no copy is included.
pub async fn write_copies(
    store: &Store,
    docs: &ExtractDocuments,
    folder: &Path,
) -> Result<Option<PathBuf>> {
    let included: Vec<&ExtractDocument> = docs.documents.iter().filter(|d| d.included).collect();
    if included.is_empty() {
        return Ok(None);
    }
    files::check_chosen(&[folder])?;
    make_private_dir(folder)?;
    let mut written: Vec<PathBuf> = Vec::new();
    let result = async {
        for d in included {
            let (Some(name), Some(sha)) = (&d.file, &d.sha256) else {
                return Err(Error::Internal("an included copy without a name".into()));
            };
            let bytes = document::content(store, d.id).await?;
            if hex::encode(Sha256::digest(&bytes)) != *sha {
                return Err(Error::StoreDamaged("a document does not match its hash"));
            }
            let path = folder.join(name);
            files::save_chosen(&[(&path, &bytes)])?;
            written.push(path);
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        discard(folder, &written);
        return Err(e);
    }
    Ok(Some(folder.to_path_buf()))
}

/// Makes a new folder readable by its owner only; one already there is refused.
fn make_private_dir(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    let created = {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(folder)
    };
    // Windows: the folder inherits the access list of the one it is made in.
    #[cfg(not(unix))]
    let created = std::fs::DirBuilder::new().create(folder);
    created.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::FileExists,
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
            Error::FolderUnavailable
        }
        _ => Error::from_io(&e),
    })
}

/// Removes the copies this call wrote and their folder (if nothing else is in it).
fn discard(folder: &Path, written: &[PathBuf]) {
    for p in written {
        let _ = std::fs::remove_file(p);
    }
    let _ = std::fs::remove_dir(folder);
}

/// Saves an extract where the user chose: the PDF at `pdf`, the JSON beside it, and the
/// included copies in the folder beside it ([`copies_folder`]). Everything is checked
/// before anything is written (new files and folder only), and it is all or none.
pub async fn save_with_copies(
    store: &Store,
    docs: ExtractDocuments,
    pdf: &Path,
) -> Result<SavedExtract> {
    let json = pdf.with_extension("json");
    let folder = copies_folder(pdf);
    let mut places: Vec<&Path> = vec![pdf, &json];
    if docs.documents.iter().any(|d| d.included) {
        places.push(&folder);
    }
    files::check_chosen(&places)?;
    with_copies(store, docs, pdf, |d| {
        files::save_chosen(&[(pdf, &d.pdf), (&json, &d.json)])
    })
    .await
}

/// Writes the included copies into the folder beside `pdf` ([`write_copies`]), then
/// `save` (the PDF at `pdf` and the JSON beside it); if `save` fails, the copies are
/// removed again. Returns where it all went.
pub(super) async fn with_copies(
    store: &Store,
    docs: ExtractDocuments,
    pdf: &Path,
    save: impl FnOnce(&ExtractDocuments) -> Result<()>,
) -> Result<SavedExtract> {
    let folder = copies_folder(pdf);
    let copies = write_copies(store, &docs, &folder).await?;
    if let Err(e) = save(&docs) {
        if copies.is_some() {
            let written: Vec<PathBuf> = docs
                .documents
                .iter()
                .filter_map(|d| d.file.as_ref().map(|n| folder.join(n)))
                .collect();
            discard(&folder, &written);
        }
        return Err(e);
    }
    Ok(SavedExtract {
        documents: docs,
        pdf_path: pdf.display().to_string(),
        json_path: pdf.with_extension("json").display().to_string(),
        copies_path: copies.map(|f| f.display().to_string()),
    })
}
