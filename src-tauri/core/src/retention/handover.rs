//! Hand-over of a placed child's file to the municipality that placed the child, before
//! the file is purged: the offer (the whole file as PDF and JSON, hashes recorded, and a
//! copy of every document the package lists, nothing withheld) and the municipality's
//! answer. The purge waits for the answer.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

use super::kinds;

/// Which placed children's files still wait for their hand-over: never offered to the
/// placing municipality, or the offer not answered yet.
pub(super) struct Handovers {
    placed: HashSet<i64>,
    /// Each child's latest hand-over: (offered on, decision).
    last: HashMap<i64, (String, Option<String>)>,
    /// Each child's latest unanswered hand-over.
    open: HashMap<i64, i64>,
}

impl Handovers {
    /// Read once for every file a survey looks at.
    pub(super) async fn load(conn: &mut SqliteConnection) -> Result<Handovers> {
        let placed: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT child_id FROM placements")
            .fetch_all(&mut *conn)
            .await?;
        let rows: Vec<(i64, i64, String, Option<String>)> =
            sqlx::query_as("SELECT id, child_id, offered_on, decision FROM handovers ORDER BY id")
                .fetch_all(&mut *conn)
                .await?;
        let mut last = HashMap::new();
        let mut open = HashMap::new();
        for (id, child, offered, decision) in rows {
            if decision.is_none() {
                open.insert(child, id);
            }
            last.insert(child, (offered, decision));
        }
        Ok(Handovers {
            placed: placed.into_iter().collect(),
            last,
            open,
        })
    }

    /// Why the child's file still waits, if it does.
    pub(super) fn pending(&self, child: i64) -> Option<String> {
        if !self.placed.contains(&child) {
            return None;
        }
        match self.last.get(&child) {
            None => Some("Väntar på överlämning till placerande kommun".to_owned()),
            Some((offered, None)) => {
                Some(format!("Överlämning erbjuden {offered}, väntar på svar"))
            }
            Some((_, Some(_))) => None,
        }
    }

    /// The child's latest unanswered hand-over, if any.
    pub(super) fn open(&self, child: i64) -> Option<i64> {
        self.open.get(&child).copied()
    }
}

/// A hand-over offered: the package's documents (for the caller to save), the copies of
/// the file's documents that go with it, and its id.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct HandoverOffer {
    #[ts(type = "number")]
    pub id: i64,
    pub documents: crate::rights::extract::ExtractDocuments,
    /// Every document the package lists (nothing withheld), to be written into
    /// [`copies_folder`] beside the PDF ([`save_handover`] does it all).
    pub copies: Vec<HandoverCopy>,
}

/// A copy of one of the file's documents in a hand-over package.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct HandoverCopy {
    #[ts(type = "number")]
    pub document_id: i64,
    /// The copy's name in the package's folder: `<document id>.<extension>`.
    pub file: String,
    /// SHA-256 of the copy: the checksum the package's JSON lists for the document,
    /// whose own hash the hand-over records.
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: i64,
}

/// The documents the package of child `child`'s file lists (the catalogue's rows of
/// `documents` about the child, as the JSON lists them), in id order.
async fn copies_of(conn: &mut SqliteConnection, child: i64) -> Result<Vec<HandoverCopy>> {
    let subject = crate::catalogue::table("documents")
        .and_then(|t| t.subject)
        .ok_or_else(|| Error::Internal("catalogue: documents".into()))?;
    let sql =
        format!("SELECT id, media_type, sha256, bytes FROM documents WHERE {subject} ORDER BY id");
    let rows: Vec<(i64, crate::document::MediaType, String, i64)> = sqlx::query_as(&sql)
        .bind(child)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, media, sha256, bytes)| HandoverCopy {
            document_id: id,
            file: format!("{id}.{}", media.extension()),
            sha256,
            bytes,
        })
        .collect())
}

/// The folder beside a hand-over package's PDF that holds the copies of the file's
/// documents: the PDF's name without its extension, then `-dokument`
/// (`overlamning-2026-11-23.pdf` → `overlamning-2026-11-23-dokument/`).
pub fn copies_folder(pdf: &Path) -> PathBuf {
    let stem = pdf
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    pdf.with_file_name(format!("{stem}-dokument"))
}

/// Writes the copies of an offer into `folder`, a new folder (owner-only): each
/// document decrypted in turn and checked against its hash. All or nothing: on any
/// failure what was written and the folder are removed. No copies, no folder.
pub async fn save_copies(store: &Store, copies: &[HandoverCopy], folder: &Path) -> Result<()> {
    if copies.is_empty() {
        return Ok(());
    }
    crate::files::check_chosen(&[folder])?;
    std::fs::create_dir(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700));
    }
    let written = async {
        for c in copies {
            let bytes = crate::document::content(store, c.document_id).await?;
            if hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)) != c.sha256 {
                return Err(Error::StoreDamaged("a document does not match its hash"));
            }
            crate::files::write_new_private(&folder.join(&c.file), &bytes)?;
        }
        Ok(())
    }
    .await;
    if written.is_err() {
        discard_copies(copies, folder);
    }
    written
}

/// Saves a whole hand-over package where the user chose: the PDF at `pdf`, the JSON
/// beside it (as [`crate::rights::extract::save_to`]) and the copies of the file's
/// documents in [`copies_folder`]; all or nothing.
pub async fn save_handover(
    store: &Store,
    offer: HandoverOffer,
    pdf: &Path,
) -> Result<crate::rights::extract::SavedExtract> {
    let folder = copies_folder(pdf);
    save_copies(store, &offer.copies, &folder).await?;
    match crate::rights::extract::save_to(offer.documents, pdf) {
        Ok(saved) => Ok(saved),
        Err(e) => {
            discard_copies(&offer.copies, &folder);
            Err(e)
        }
    }
}

/// Makes the hand-over package of a placed child's file (the whole file, PDF and JSON,
/// and the list of its documents' copies) for the municipality that placed the child
/// last, and records the offer (hashes, never a copy; each document copied is audited
/// as exported). The purge waits for [`decide_handover`]. The PDF and JSON are held in
/// memory: [`offer_saved`] writes a large file's package straight into its files.
pub async fn offer_handover(
    store: &Store,
    actor: &Actor,
    child_id: i64,
    today: NaiveDate,
) -> Result<HandoverOffer> {
    let (mut offer, pdf, json) =
        offer_into(store, actor, child_id, today, Vec::new(), Vec::new()).await?;
    offer.documents.pdf = pdf;
    offer.documents.json = json;
    Ok(offer)
}

/// A hand-over package saved where the user chose.
#[derive(Debug, Clone)]
pub struct SavedHandover {
    /// The hand-over's id.
    pub id: i64,
    pub saved: crate::rights::extract::SavedExtract,
    /// How many of the file's documents were copied into the folder beside the PDF.
    pub copies: usize,
}

/// Makes the hand-over package ([`offer_handover`]) straight into the places the user
/// chose: the PDF at `pdf`, the JSON at `json` and the copies of the file's documents
/// in [`copies_folder`] beside the PDF. The places are checked first; the PDF and JSON
/// are written into hidden files beside their places as they are made (never whole in
/// memory, however long the file) and put in place once the offer is recorded and the
/// copies written: all or none.
pub async fn offer_saved(
    store: &Store,
    actor: &Actor,
    child_id: i64,
    today: NaiveDate,
    pdf: &Path,
    json: &Path,
) -> Result<SavedHandover> {
    use crate::files::{check_chosen, place_all, Staged};
    let folder = copies_folder(pdf);
    check_chosen(&[pdf, json, &folder])?;
    let (staged_pdf, staged_json) = (Staged::new(pdf)?, Staged::new(json)?);
    let (offer, staged_pdf, staged_json) =
        offer_into(store, actor, child_id, today, staged_pdf, staged_json).await?;
    save_copies(store, &offer.copies, &folder).await?;
    if let Err(e) = place_all(vec![staged_pdf, staged_json]) {
        discard_copies(&offer.copies, &folder);
        return Err(e);
    }
    Ok(SavedHandover {
        id: offer.id,
        copies: offer.copies.len(),
        saved: crate::rights::extract::SavedExtract {
            documents: offer.documents,
            pdf_path: pdf.display().to_string(),
            json_path: json.display().to_string(),
            copies_path: (!offer.copies.is_empty()).then(|| folder.display().to_string()),
        },
    })
}

/// Removes the copies written into `folder`, and the folder.
fn discard_copies(copies: &[HandoverCopy], folder: &Path) {
    for c in copies {
        let _ = std::fs::remove_file(folder.join(&c.file));
    }
    let _ = std::fs::remove_dir(folder);
}

/// [`offer_handover`], writing the PDF into `pdf` and the JSON into `json`; the
/// returned offer carries their hashes, and the writers come back.
async fn offer_into<P: std::io::Write, J: std::io::Write>(
    store: &Store,
    actor: &Actor,
    child_id: i64,
    today: NaiveDate,
    pdf: P,
    json: J,
) -> Result<(HandoverOffer, P, J)> {
    actor.require(Permission::ManageRetention)?;
    let mut tx = store.begin().await?;
    let municipality: Option<i64> = sqlx::query_scalar(
        "SELECT municipality_id FROM placements WHERE child_id = ? ORDER BY start_date DESC, id DESC LIMIT 1",
    )
    .bind(child_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(municipality) = municipality else {
        return Err(Error::invalid("child_id", Reason::NotAllowed));
    };
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM handovers")
        .fetch_one(&mut *tx)
        .await?;
    let document_id = format!("OL-{child_id}-{}", n + 1);
    let (docs, pdf, json) =
        crate::rights::extract::handover_into(&mut tx, child_id, &document_id, today, pdf, json)
            .await?;
    let copies = copies_of(&mut tx, child_id).await?;
    let now = Utc::now();
    let user = actor.user_id();
    let id = sqlx::query(
        "INSERT INTO handovers (child_id, municipality_id, document_id, pdf_sha256, json_sha256, offered_on,
                                created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(child_id)
    .bind(municipality)
    .bind(&document_id)
    .bind(&docs.pdf_sha256)
    .bind(&docs.json_sha256)
    .bind(today)
    .bind(user)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Export,
        EntityKind::Person,
        Some(child_id),
    )
    .await?;
    for c in &copies {
        audit::record(
            &mut tx,
            actor,
            AuditAction::Export,
            EntityKind::Document,
            Some(c.document_id),
        )
        .await?;
    }
    tx.commit().await?;
    let offer = HandoverOffer {
        id,
        documents: docs,
        copies,
    };
    Ok((offer, pdf, json))
}

/// Records the municipality's answer to a hand-over: `confirmed` (received) or
/// `declined`. Either lets the purge go on.
pub async fn decide_handover(
    store: &Store,
    actor: &Actor,
    id: i64,
    decision: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::ManageRetention)?;
    let mut p = crate::validate::Problems::new();
    if !kinds::is::<kinds::HandoverDecision>(decision) {
        p.push("decision", Reason::Format);
    }
    if on > today {
        p.push("decided_on", Reason::Future);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let child: Option<Option<i64>> =
        sqlx::query_scalar("SELECT child_id FROM handovers WHERE id = ? AND decision IS NULL")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(child) = child else {
        return Err(Error::invalid("handover", Reason::Unknown));
    };
    sqlx::query("UPDATE handovers SET decision = ?, decided_on = ? WHERE id = ?")
        .bind(decision)
        .bind(on)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Person,
        child,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
