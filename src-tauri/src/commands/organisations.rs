//! Organisations: municipalities and other bodies the files refer to.

use std::sync::Arc;

use akta_core::organisation::{self, Organisation};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_organisations(session: State<'_, Arc<Session>>) -> Res<Vec<Organisation>> {
    let w = work(&session).await?;
    organisation::list(&w.store).await.map_err(ui)
}
