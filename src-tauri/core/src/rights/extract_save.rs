//! Saving a register extract where the user chose, and recording where and when it
//! was sent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::ExtractDocuments;
use crate::error::{Error, Reason, Result};
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
