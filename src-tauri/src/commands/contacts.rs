//! Contacts with homes: a home's contacts, recording and changing one (a draft entry of
//! the home's journal with its structure), and the list of themes. Signing is the
//! journal's `sign_journal_entry`.

use std::sync::Arc;

use akta_core::contact::{self, ContactInput, ContactTheme};
use akta_core::journal::JournalEntry;
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn contacts_list(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<JournalEntry>> {
    let w = work(&session).await?;
    contact::list(&w.store, &w.actor, home_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn contact_add(
    session: State<'_, Arc<Session>>,
    input: ContactInput,
) -> Res<JournalEntry> {
    let w = work(&session).await?;
    contact::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn contact_update(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ContactInput,
) -> Res<JournalEntry> {
    let w = work(&session).await?;
    contact::update(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn contact_themes(session: State<'_, Arc<Session>>) -> Res<Vec<ContactTheme>> {
    let w = work(&session).await?;
    contact::themes(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn contact_add_theme(
    session: State<'_, Arc<Session>>,
    label: String,
) -> Res<ContactTheme> {
    let w = work(&session).await?;
    contact::add_theme(&w.store, &w.actor, &label)
        .await
        .map_err(ui)
}
