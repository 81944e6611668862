//! Profiles: who works in the store.

use std::sync::Arc;

use akta_core::session::{Session, SessionStatus};
use akta_core::user::{User, UserInput};
use tauri::State;

use super::{ui, Res};

#[tauri::command]
pub async fn list_users(session: State<'_, Arc<Session>>) -> Res<Vec<User>> {
    session.users().await.map_err(ui)
}

#[tauri::command]
pub async fn create_user(session: State<'_, Arc<Session>>, input: UserInput) -> Res<SessionStatus> {
    session.create_user(input).await.map_err(ui)
}

#[tauri::command]
pub async fn select_user(session: State<'_, Arc<Session>>, id: i64) -> Res<SessionStatus> {
    session.select_user(id).await.map_err(ui)
}
