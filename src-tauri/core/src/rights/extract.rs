//! The register extract (registerutdrag, Art. 15): everything the store holds about a
//! person, found and labelled through the catalogue, with other persons' data withheld
//! (Art. 15(4)), the information Art. 15(1) requires, and the audit events about the
//! person's data. The same content is written as a PDF and as JSON (portability, Art.
//! 20; schema in docs/RIGHTS.md). The store keeps each document's SHA-256 and where it
//! was sent, never a copy. The documents about the person (their files' received and
//! drawn-up papers) are listed with the reviewer's decision on each, and the included
//! ones go out as copies beside the PDF (`extract_copies`), recorded by hash.
//!
//! Making one takes three steps, so that no writer waits for the renderer: gather in a
//! read (one snapshot), lay out the PDF and JSON outside any transaction and off the
//! async runtime, then record hashes, redactions and the audit event in a short write.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;
use std::io::Write;

use super::{Request, RequestKind};
use crate::audit::{self, AuditAction, EntityKind};
use crate::catalogue::TABLES;
use crate::error::{Error, Reason, Result};
use crate::files::Hashing;
use crate::settings::{Agency, Settings};
use crate::store::Store;
use crate::user::{Actor, Permission};

use super::withhold::review;
pub use super::withhold::review::{
    confirm as confirm_review, review, withhold, ExtractReview, PassagePlace, RedactionInput,
    Review, ReviewPassage,
};

use super::extract_copies as copies;
pub use super::extract_copies::{
    copies_folder, decide_document, save_with_copies, write_copies, DocumentDecisionInput,
    ReviewDocument, NOT_REVIEWED,
};

pub use super::document::*;
pub use super::extract_info::CONTROLLER;

use super::extract_gather::gather;
pub(crate) use super::extract_gather::{capitalised, merged, subject_rows};
pub use super::extract_save::{create_saved, mark_sent, save_to, SavedExtract};

/// The kinds of request an extract answers.
pub const EXTRACT_KINDS: &[RequestKind] = &[RequestKind::Access, RequestKind::Portability];

pub(crate) async fn request_for_extract(
    conn: &mut SqliteConnection,
    request_id: i64,
    today: NaiveDate,
) -> Result<Request> {
    super::workable(conn, request_id, EXTRACT_KINDS, today).await
}

/// The whole file of a placed child, for the placing municipality before the file is
/// purged (retention's hand-over): the PDF written into `pdf` and the JSON into `json`
/// as they are made (files being saved, or memory), hashed on the way; document id,
/// pages and hashes returned with the writers. Nothing is withheld; nothing is recorded
/// here (the caller records the offer).
pub(crate) async fn handover_into<P: Write, J: Write>(
    conn: &mut SqliteConnection,
    child_id: i64,
    document_id: &str,
    today: NaiveDate,
    pdf: P,
    json: J,
) -> Result<(ExtractDocuments, P, J)> {
    let (extract, _) = gather(
        conn,
        child_id,
        0,
        document_id,
        today,
        &|_, _| {},
        Audience::Municipality,
    )
    .await?;
    let (json, json_sha256) = write_json(&extract, json)?;
    let mut p = Hashing::new(pdf);
    let pages = super::extract_pdf::render_to(&extract, &Agency::default(), &mut p)?;
    let (pdf, pdf_sha256, _) = p.finish()?;
    let docs = ExtractDocuments {
        document_id: document_id.to_owned(),
        pages,
        pdf_sha256,
        json_sha256,
        withheld_passages: 0,
        withheld: Vec::new(),
        documents: Vec::new(),
        pdf: Vec::new(),
        json: Vec::new(),
    };
    Ok((docs, pdf, json))
}

/// Writes the extract as JSON into `w`, hashing it on the way; a failed write (a full
/// disk) is its I/O error.
fn write_json<J: Write>(extract: &RegisterExtract, w: J) -> Result<(J, String)> {
    let mut j = Hashing::new(w);
    serde_json::to_writer_pretty(&mut j, extract).map_err(|e| match e.io_error_kind() {
        Some(kind) => Error::from_io(&std::io::Error::from(kind)),
        None => Error::Internal("extract: json".into()),
    })?;
    let (w, sha256, _) = j.finish()?;
    Ok((w, sha256))
}

/// Reports how far a long extract has come: (steps done, steps in all).
pub type Progress<'a> = &'a (dyn Fn(u32, u32) + Send + Sync);

/// Makes the extract for an open access or portability request whose requester's
/// identity is verified: the PDF and the JSON, their hashes recorded in the request,
/// automatic redactions recorded, the disclosure audited. The caller saves the bytes.
/// With candidates that no reviewer has confirmed, `Review::Required` refuses
/// (`review`: required) and writes nothing.
pub async fn create(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
    review: Review,
) -> Result<ExtractDocuments> {
    create_with_progress(store, actor, request_id, today, review, &|_, _| {}).await
}

/// [`create`], reporting its progress.
pub async fn create_with_progress(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
    review: Review,
    progress: Progress<'_>,
) -> Result<ExtractDocuments> {
    let (mut docs, pdf, json) = create_into(
        store,
        actor,
        request_id,
        today,
        review,
        progress,
        Vec::new(),
        Vec::new(),
    )
    .await?;
    docs.pdf = pdf;
    docs.json = json;
    Ok(docs)
}

/// [`create_with_progress`], writing the PDF into `pdf` and the JSON into `json` as they
/// are made (the files being saved, or memory) and hashing them on the way: however
/// large the file, neither is held whole in memory. The returned documents carry the
/// hashes; the writers come back to be placed (or kept).
#[allow(clippy::too_many_arguments)] // the request, then where it goes
pub async fn create_into<P, J>(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
    review: Review,
    progress: Progress<'_>,
    pdf: P,
    json: J,
) -> Result<(ExtractDocuments, P, J)>
where
    P: Write + Send + 'static,
    J: Write + Send + 'static,
{
    actor.require(Permission::ManageRequests)?;
    // 1. Gather in a read: one snapshot, no lock on the store.
    let mut read = store.pool().begin().await?;
    let r = request_for_extract(&mut read, request_id, today).await?;
    let person_id = r.person_id.ok_or(Error::NotFound("person"))?;
    let n = documents_made(&mut read, request_id).await?;
    let document_id = format!("RU-{request_id}-{}", n + 1);
    let (mut extract, found) = gather(
        &mut read,
        person_id,
        request_id,
        &document_id,
        today,
        progress,
        Audience::Subject,
    )
    .await?;
    let digest = review::digest(&found.candidates);
    let unreviewed =
        !found.candidates.is_empty() && !review::confirmed(&mut read, request_id, &digest).await?;
    read.rollback().await?;
    if unreviewed && review == Review::Required {
        return Err(Error::invalid("review", Reason::Required));
    }
    // A document no one has decided on is withheld only on the automatic rules alone.
    if found.undecided > 0 && review == Review::Required {
        return Err(Error::invalid("documents", Reason::Required));
    }
    let documents = extract.documents.clone();
    // The letter is from the agency the settings name.
    let agency = Settings::load(store.dir()).agency;
    extract.controller = super::extract_letter::controller(&agency, CONTROLLER);

    // 2. Lay out the documents outside any transaction, off the async runtime.
    let steps = TABLES.len() as u32 + 2;
    progress(steps - 1, steps);
    let written = tokio::task::spawn_blocking(move || -> Result<_> {
        let (json, json_sha256) = write_json(&extract, json)?;
        let mut p = Hashing::new(pdf);
        let pages = super::extract_pdf::render_to(&extract, &agency, &mut p)?;
        let (pdf, pdf_sha256, _) = p.finish()?;
        Ok((pdf, json, pages, pdf_sha256, json_sha256))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    let (pdf, json, pages, pdf_sha256, json_sha256) = written;

    // 3. Record it in a short write. Another extract of the request made meanwhile has
    // taken this document id: try again.
    let mut tx = store.begin().await?;
    request_for_extract(&mut tx, request_id, today).await?;
    if documents_made(&mut tx, request_id).await? != n {
        return Err(Error::StoreBusy);
    }
    if unreviewed {
        review::record(&mut tx, actor, request_id, &found.candidates, true).await?;
    }
    let now = Utc::now();
    let user = actor.user_id();
    for (t, row, c, s, e, why) in &found.automatic {
        let reason = why.reason();
        sqlx::query!(
            "INSERT INTO dsr_redactions (request_id, table_name, row_id, column_name, start_char, end_char,
                                         reason, automatic, user_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            request_id,
            t,
            row,
            c,
            s,
            e,
            reason,
            user,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    for (format, sha) in [("pdf", &pdf_sha256), ("json", &json_sha256)] {
        sqlx::query!(
            "INSERT INTO dsr_disclosures (request_id, document_id, format, sha256, user_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?)",
            request_id,
            document_id,
            format,
            sha,
            user,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    copies::record(&mut tx, actor, request_id, &document_id, &documents).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Export,
        EntityKind::Person,
        Some(person_id),
    )
    .await?;
    tx.commit().await?;
    progress(steps, steps);
    let docs = ExtractDocuments {
        document_id,
        pages,
        pdf_sha256,
        json_sha256,
        withheld_passages: found.withheld.len() as u32,
        withheld: found.withheld,
        documents,
        pdf: Vec::new(),
        json: Vec::new(),
    };
    Ok((docs, pdf, json))
}

/// How many extracts (document ids) the request has made.
async fn documents_made(conn: &mut SqliteConnection, request_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(DISTINCT document_id) AS "n!: i64" FROM dsr_disclosures WHERE request_id = ?"#,
        request_id
    )
    .fetch_one(&mut *conn)
    .await?)
}
