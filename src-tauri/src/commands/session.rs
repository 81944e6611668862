//! The store's session: create, unlock, lock, the auto-lock clock and device settings.

use std::sync::Arc;

use akta_core::session::{Session, SessionStatus};
use akta_core::settings::Settings;
use tauri::State;

use super::{ui, Res};

#[tauri::command]
pub async fn session_status(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    Ok(session.status().await)
}

#[tauri::command]
pub async fn create_store(
    session: State<'_, Arc<Session>>,
    passphrase: String,
    demo: bool,
) -> Res<SessionStatus> {
    session
        .create(passphrase, demo)
        .await
        .map(|(s, _)| s)
        .map_err(ui)
}

#[tauri::command]
pub async fn unlock_keychain(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    session.unlock_with_keychain().await.map_err(ui)
}

#[tauri::command]
pub async fn unlock_passphrase(
    session: State<'_, Arc<Session>>,
    passphrase: String,
) -> Res<SessionStatus> {
    session.unlock_with_passphrase(passphrase).await.map_err(ui)
}

#[tauri::command]
pub async fn lock_store(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    Ok(session.lock().await)
}

#[tauri::command]
pub fn touch(session: State<'_, Arc<Session>>) {
    session.touch();
}

#[tauri::command]
pub async fn save_settings(
    session: State<'_, Arc<Session>>,
    settings: Settings,
) -> Res<SessionStatus> {
    session.save_settings(settings).await.map_err(ui)
}
