//! Files that leave the store go only where the user chooses: the native save dialog
//! (proposing a name without personal data), then "Visa i mappen". The window never
//! names a place by itself: a command that writes a file takes only a path this
//! dialog returned, once, for that kind of file; and only files the app saved can be
//! shown in their folder.
//!
//! In test builds (`akta_core::files::injected_save_dir`) the dialog is answered by
//! `$AKTA_E2E_SAVE_DIR` with the proposed name, so that the end-to-end tests need no
//! native dialog.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use akta_core::error::{Error, Reason};
use akta_core::files::{self, SaveKind};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::{ui, Res};

/// The places the save dialog gave and not yet used, and the files saved this run.
#[derive(Default)]
pub struct SaveGrants {
    chosen: Mutex<Vec<(SaveKind, String)>>,
    saved: Mutex<Vec<String>>,
}

impl SaveGrants {
    /// The place the dialog gave for `kind`, used up now; a path the dialog did not
    /// give (for that kind) is refused.
    pub fn take(&self, kind: SaveKind, path: &str) -> Res<PathBuf> {
        let mut chosen = self.chosen.lock().map_err(|_| poisoned())?;
        let at = chosen
            .iter()
            .position(|(k, p)| *k == kind && p == path)
            .ok_or_else(|| ui(Error::NotPermitted("save where the user did not choose")))?;
        chosen.swap_remove(at);
        Ok(PathBuf::from(path))
    }

    /// Saves one file with `save` at `path`, the place the dialog gave for `kind` (used
    /// up now; see [`SaveGrants::take`]), remembers it as saved and returns it.
    pub async fn save_one(
        &self,
        kind: SaveKind,
        path: &str,
        save: impl AsyncFnOnce(&Path) -> akta_core::error::Result<()>,
    ) -> Res<String> {
        let path = self.take(kind, path)?;
        save(&path).await.map_err(ui)?;
        self.saved(&[&path]);
        Ok(path.display().to_string())
    }

    /// Remembers files the app saved, so that they may be shown in their folder.
    pub fn saved(&self, paths: &[&Path]) {
        if let Ok(mut saved) = self.saved.lock() {
            saved.extend(paths.iter().map(|p| p.display().to_string()));
        }
    }

    fn grant(&self, kind: SaveKind, path: String) -> Res<()> {
        self.chosen
            .lock()
            .map_err(|_| poisoned())?
            .push((kind, path));
        Ok(())
    }

    fn was_saved(&self, path: &str) -> bool {
        self.saved
            .lock()
            .is_ok_and(|saved| saved.iter().any(|p| p == path))
    }
}

fn poisoned() -> akta_core::UiError {
    ui(Error::Internal("save grants lock poisoned".into()))
}

/// Shows the save dialog for `kind` with a proposed name without personal data and
/// returns the place chosen (with the kind's extension), or null when cancelled.
#[tauri::command]
pub async fn choose_save_path(
    app: AppHandle,
    grants: State<'_, SaveGrants>,
    kind: SaveKind,
) -> Res<Option<String>> {
    let today = akta_core::today();
    let chosen = match files::injected_save_dir() {
        Some(dir) => Some(dir.join(kind.proposed_name(today, Some(&dir)))),
        None => ask_save(&app, |dir| kind.proposed_name(today, dir), kind.extension()).await?,
    };
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = kind
        .with_extension(&chosen)
        .to_str()
        .ok_or_else(|| ui(Error::invalid("file", Reason::Characters)))?
        .to_owned();
    grants.grant(kind, path.clone())?;
    Ok(Some(path))
}

/// The native save dialog, modal to the main window, starting in the Documents folder,
/// proposing `name` (in that folder, the first name not taken: `dir` → name).
pub(super) async fn ask_save(
    app: &AppHandle,
    name: impl FnOnce(Option<&Path>) -> String,
    ext: &str,
) -> Res<Option<PathBuf>> {
    let start = app.path().document_dir().ok();
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(name(start.as_deref()))
        .add_filter(ext.to_uppercase(), &[ext])
        .set_can_create_directories(true);
    if let Some(dir) = &start {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog.save_file(move |answer| {
        let _ = tx.send(answer);
    });
    match rx.await.ok().flatten() {
        None => Ok(None),
        Some(answer) => answer
            .into_path()
            .map(Some)
            .map_err(|_| ui(Error::invalid("file", Reason::Format))),
    }
}

/// "Visa i mappen": opens the folder of a file the app saved, with the file selected.
#[tauri::command]
pub async fn reveal_saved_file(grants: State<'_, SaveGrants>, path: String) -> Res<()> {
    if !grants.was_saved(&path) {
        return Err(ui(Error::NotPermitted("show a file the app did not save")));
    }
    tauri::async_runtime::spawn_blocking(move || tauri_plugin_opener::reveal_item_in_dir(&path))
        .await
        .map_err(|_| ui(Error::Internal("reveal task failed".into())))?
        .map_err(|_| {
            ui(Error::Internal(
                "the file manager could not show the file".into(),
            ))
        })
}
