//! Journals: drafts, signing, amendments and search.

use std::sync::Arc;

use akta_core::journal::{
    self, EntryInput, EntryKind, JournalEntry, JournalFile, SearchHit, SearchOrder,
};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

/// The most hits a journal search returns.
const SEARCH_LIMIT: i64 = 100;

#[tauri::command]
pub async fn list_journal(
    session: State<'_, Arc<Session>>,
    file: JournalFile,
) -> Res<Vec<JournalEntry>> {
    let w = work(&session).await?;
    journal::list(&w.store, &w.actor, file, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_journal_entry(
    session: State<'_, Arc<Session>>,
    file: JournalFile,
    kind: EntryKind,
    input: EntryInput,
) -> Res<JournalEntry> {
    let w = work(&session).await?;
    journal::create_draft(&w.store, &w.actor, file, kind, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn update_journal_entry(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EntryInput,
) -> Res<JournalEntry> {
    let w = work(&session).await?;
    journal::update_draft(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn sign_journal_entry(session: State<'_, Arc<Session>>, id: i64) -> Res<JournalEntry> {
    let w = work(&session).await?;
    journal::sign(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn amend_journal_entry(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EntryInput,
) -> Res<JournalEntry> {
    let w = work(&session).await?;
    journal::amend(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn search_journals(
    session: State<'_, Arc<Session>>,
    query: String,
    order: Option<SearchOrder>,
) -> Res<Vec<SearchHit>> {
    let w = work(&session).await?;
    journal::search(
        &w.store,
        &w.actor,
        &query,
        SEARCH_LIMIT,
        order.unwrap_or_default(),
    )
    .await
    .map_err(ui)
}
