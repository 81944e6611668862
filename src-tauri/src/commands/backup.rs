//! Encrypted backups of the store.

use std::sync::Arc;

use akta_core::backup::{self, BackupInfo};
use akta_core::crypto::Passphrase;
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_backups(session: State<'_, Arc<Session>>) -> Res<Vec<BackupInfo>> {
    let w = work(&session).await?;
    backup::list_for(&w.store, &w.actor).map_err(ui)
}

/// Makes a backup into the store's backup folder: sealed to the agency recovery
/// recipient when the store has one, else to the passphrase given (the store's own).
#[tauri::command]
pub async fn create_backup(
    session: State<'_, Arc<Session>>,
    passphrase: Option<String>,
) -> Res<String> {
    let w = work(&session).await?;
    let pass = passphrase.map(Passphrase::new);
    backup::make(&w.store, &w.actor, pass.as_ref(), None)
        .await
        .map(|p| p.display().to_string())
        .map_err(ui)
}
