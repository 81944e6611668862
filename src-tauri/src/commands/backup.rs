//! Encrypted backups of the store.

use std::sync::Arc;

use akta_core::backup::{self, BackupInfo};
use akta_core::crypto::Passphrase;
use akta_core::files::SaveKind;
use akta_core::session::Session;
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

#[tauri::command]
pub async fn list_backups(session: State<'_, Arc<Session>>) -> Res<Vec<BackupInfo>> {
    let w = work(&session).await?;
    backup::list_for(&w.store, &w.actor).map_err(ui)
}

/// Makes a backup: sealed to the agency recovery recipient when the store has one, else
/// to the passphrase given (the store's own). Without `path` into the store's backup
/// folder; with `path`, at the place the user chose in the save dialog
/// (`choose_save_path`), audited as an export.
#[tauri::command]
pub async fn create_backup(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    passphrase: Option<String>,
    path: Option<String>,
) -> Res<String> {
    let w = work(&session).await?;
    let pass = passphrase.map(Passphrase::new);
    let made = match path {
        None => backup::make(&w.store, &w.actor, pass.as_ref(), None).await,
        Some(path) => {
            let path = grants.take(SaveKind::Backup, &path)?;
            let made = backup::make_at(&w.store, &w.actor, pass.as_ref(), &path).await;
            if made.is_ok() {
                grants.saved(&[&path]);
            }
            made
        }
    };
    made.map(|p| p.display().to_string()).map_err(ui)
}
