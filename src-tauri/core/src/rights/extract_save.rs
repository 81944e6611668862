//! Saving a register extract where the user chose, and recording where and when it
//! was sent.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::ExtractDocuments;
use super::extract::{create_into, Progress, Review};
use super::extract_copies::{copies_folder, with_copies};
use crate::error::{Error, Reason, Result};
use crate::files::{self, Staged};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate;

/// Where the app saved an extract (or a hand-over package): the places the user chose.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct SavedExtract {
    pub documents: ExtractDocuments,
    pub pdf_path: String,
    pub json_path: String,
    /// The folder beside the PDF holding the included documents' copies, if any.
    pub copies_path: Option<String>,
}

/// Saves both documents: the PDF at `pdf`, the place the user chose in the save dialog,
/// and the JSON beside it under the same name (`.json`); new files only, owner-only,
/// both or neither (see [`crate::files::save_chosen`]).
pub fn save_to(docs: ExtractDocuments, pdf: &std::path::Path) -> Result<SavedExtract> {
    let json = pdf.with_extension("json");
    crate::files::save_chosen(&[(pdf, &docs.pdf), (&json, &docs.json)])?;
    Ok(SavedExtract {
        documents: docs,
        pdf_path: pdf.display().to_string(),
        json_path: json.display().to_string(),
        copies_path: None,
    })
}

/// Records where and when an extract was sent.
pub async fn mark_sent(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    document_id: &str,
    sent_to: &str,
    sent_on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::ManageRequests)?;
    let mut p = validate::Problems::new();
    let to = p.check(validate::required_text("sent_to", sent_to, 300));
    if sent_on > today {
        p.push("sent_on", Reason::Future);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let done = sqlx::query(
        "UPDATE dsr_disclosures SET sent_to = ?, sent_on = ? WHERE request_id = ? AND document_id = ?",
    )
    .bind(to)
    .bind(sent_on)
    .bind(request_id)
    .bind(document_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("document_id", Reason::Unknown));
    }
    crate::rights::audit_update(&mut tx, actor, request_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the extract straight into the files where it is saved: the PDF at `pdf` (the
/// place the user chose), the JSON beside it, and the included documents' copies in the
/// folder beside it ([`copies_folder`]). The places are checked first; the PDF and JSON
/// are written into hidden files beside their places as they are made (never whole in
/// memory), and put in place once the extract is recorded and the copies written: all
/// or none.
#[allow(clippy::too_many_arguments)] // the request, then where it goes
pub async fn create_saved(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
    review: Review,
    progress: Progress<'_>,
    pdf: &Path,
) -> Result<SavedExtract> {
    let json = pdf.with_extension("json");
    let folder = copies_folder(pdf);
    files::check_chosen(&[pdf, &json, &folder])?;
    let (staged_pdf, staged_json) = (Staged::new(pdf)?, Staged::new(&json)?);
    let (docs, staged_pdf, staged_json) = create_into(
        store,
        actor,
        request_id,
        today,
        review,
        progress,
        staged_pdf,
        staged_json,
    )
    .await?;
    with_copies(store, docs, pdf, |_| {
        files::place_all(vec![staged_pdf, staged_json])
    })
    .await
}
