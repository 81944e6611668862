//! The register extract: its review (withheld passages, decisions on documents), making
//! it (with the included documents' copies) and marking it sent.

use std::sync::Arc;

use akta_core::files::SaveKind;
use akta_core::rights::extract::{
    self, DocumentDecisionInput, ExtractReview, RedactionInput, Review, ReviewDocument,
    SavedExtract,
};
use akta_core::session::Session;
use tauri::{Emitter, State};

use super::files::SaveGrants;
use super::{ui, work, Res};

/// The event that reports a register extract's progress to the window.
const PROGRESS_EVENT: &str = "extract-progress";

#[tauri::command]
pub async fn review_extract(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ExtractReview> {
    let w = work(&session).await?;
    extract::review(&w.store, &w.actor, request_id, w.today)
        .await
        .map_err(ui)
}

/// The reviewer has decided every candidate the extract's review shows.
#[tauri::command]
pub async fn confirm_extract_review(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ExtractReview> {
    let w = work(&session).await?;
    extract::confirm_review(&w.store, &w.actor, request_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn withhold_passage(
    session: State<'_, Arc<Session>>,
    request_id: i64,
    input: RedactionInput,
) -> Res<()> {
    let w = work(&session).await?;
    extract::withhold(&w.store, &w.actor, request_id, &input, w.today)
        .await
        .map_err(ui)
}

/// Includes a copy of a document about the person in the extract, or withholds it with
/// a reason. Returns the review's documents with their decisions.
#[tauri::command]
pub async fn decide_extract_document(
    session: State<'_, Arc<Session>>,
    request_id: i64,
    input: DocumentDecisionInput,
) -> Res<Vec<ReviewDocument>> {
    let w = work(&session).await?;
    extract::decide_document(&w.store, &w.actor, request_id, &input, w.today)
        .await
        .map_err(ui)
}

/// Progress of a register extract, sent to the window as [`PROGRESS_EVENT`].
#[derive(Clone, serde::Serialize)]
struct ExtractProgress {
    done: u32,
    total: u32,
}

/// Makes the extract off the UI thread, reporting progress, straight into where it is
/// saved: the PDF at `path`, the place the user chose in the save dialog
/// (`choose_save_path`), the JSON beside it, and the included documents' copies in the
/// folder beside it (`<name>-dokument`). The places are checked before the extract is
/// made ([`extract::create_saved`]).
#[tauri::command]
pub async fn create_extract(
    app: tauri::AppHandle,
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    request_id: i64,
    path: String,
) -> Res<SavedExtract> {
    let w = work(&session).await?;
    let path = grants.take(SaveKind::Extract, &path)?;
    let report = move |done: u32, total: u32| {
        let _ = app.emit(PROGRESS_EVENT, ExtractProgress { done, total });
    };
    let saved = extract::create_saved(
        &w.store,
        &w.actor,
        request_id,
        w.today,
        Review::Required,
        &report,
        &path,
    )
    .await
    .map_err(ui)?;
    grants.saved(&[&path]);
    Ok(saved)
}

#[tauri::command]
pub async fn mark_extract_sent(
    session: State<'_, Arc<Session>>,
    request_id: i64,
    document_id: String,
    sent_to: String,
    sent_on: chrono::NaiveDate,
) -> Res<()> {
    let w = work(&session).await?;
    extract::mark_sent(
        &w.store,
        &w.actor,
        request_id,
        &document_id,
        &sent_to,
        sent_on,
        w.today,
    )
    .await
    .map_err(ui)
}
