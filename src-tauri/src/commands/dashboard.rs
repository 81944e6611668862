//! The dashboard: what needs the caseworker's attention now.

use std::sync::Arc;

use akta_core::dashboard::{self, Dashboard};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn dashboard(session: State<'_, Arc<Session>>) -> Res<Dashboard> {
    let w = work(&session).await?;
    dashboard::overview(&w.store, &w.actor, w.today, &w.settings())
        .await
        .map_err(ui)
}
