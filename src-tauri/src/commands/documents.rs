//! Documents of a personakt: the files the user chooses (open dialog) or drops on the
//! window are remembered here and the window gets only a token and a name for each
//! (`akta_core::document::PickedFiles`); a document is opened as bytes the window
//! shows itself (nothing is written to a temporary file) and saved as a copy only where
//! the user chose in the save dialog, proposed as `dokument-<id>.<ext>`.
//!
//! In test builds (`akta_core::files::injected_open_files`) the open dialog is
//! answered by `$AKTA_E2E_OPEN_FILES`, as `$AKTA_E2E_SAVE_DIR` answers the save dialog.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use akta_core::document::{
    self, Document, DocumentDescription, DocumentInput, DocumentOwner, DocumentType, PickedFile,
    PickedFiles,
};
use akta_core::error::{Error, Reason};
use akta_core::files;
use akta_core::session::Session;
use chrono::NaiveDate;
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, Manager, State, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

use super::files::{ask_save, SaveGrants};
use super::{ui, work, Res};

/// The event that tells the window files were dropped on it: a [`PickedFile`] each.
pub const DROPPED_EVENT: &str = "akta://files-dropped";

/// The files the user chose to add, and the places the save dialog gave for copies.
#[derive(Default)]
pub struct DocumentFiles {
    picked: PickedFiles,
    /// (document id, place) the save dialog gave and not yet used.
    copies: Mutex<Vec<(i64, String)>>,
}

impl DocumentFiles {
    fn grant_copy(&self, id: i64, path: String) -> Res<()> {
        self.copies.lock().map_err(|_| poisoned())?.push((id, path));
        Ok(())
    }

    /// The place the dialog gave for a copy of document `id`, used up now.
    fn take_copy(&self, id: i64, path: &str) -> Res<PathBuf> {
        let mut copies = self.copies.lock().map_err(|_| poisoned())?;
        let at = copies
            .iter()
            .position(|(d, p)| *d == id && p == path)
            .ok_or_else(|| ui(Error::NotPermitted("save where the user did not choose")))?;
        copies.swap_remove(at);
        Ok(PathBuf::from(path))
    }
}

fn poisoned() -> akta_core::UiError {
    ui(Error::Internal("document grants lock poisoned".into()))
}

/// Tauri's window events: files dropped on the window go to [`files_dropped`].
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        // A failure is logged by `ui`; there is no one to answer.
        let _ = files_dropped(window, paths.clone());
    }
}

/// Files dropped on the window: remembered, and the window told their tokens and names
/// ([`DROPPED_EVENT`]; nothing when none is given).
pub fn files_dropped(window: &Window, paths: Vec<PathBuf>) -> Res<Vec<PickedFile>> {
    let dropped = window
        .state::<DocumentFiles>()
        .picked
        .grant(paths)
        .map_err(ui)?;
    if !dropped.is_empty() {
        window
            .emit(DROPPED_EVENT, &dropped)
            .map_err(|_| ui(Error::Internal("files-dropped event not sent".into())))?;
    }
    Ok(dropped)
}

/// A stand-in for the OS's drag-and-drop, for the end-to-end tests only: WebDriver
/// cannot drop a file on a window, so a test asks for a drop of the files
/// `$AKTA_E2E_DROP_FILES` names, handled by [`files_dropped`] like a real one. Only
/// in debug builds; it drops only in those with `akta-core/bench`, how the tests build
/// the app ([`files::injected_drop_files`]), and is refused otherwise. The UI never
/// calls it.
#[cfg(debug_assertions)]
#[tauri::command]
pub fn e2e_drop_files(window: Window) -> Res<Vec<PickedFile>> {
    let paths = files::injected_drop_files()
        .ok_or_else(|| ui(Error::NotPermitted("drop stand-in outside a test build")))?;
    files_dropped(&window, paths)
}

/// The documents of a file or context, newest first.
#[tauri::command]
pub async fn documents_list(
    session: State<'_, Arc<Session>>,
    owner: DocumentOwner,
) -> Res<Vec<Document>> {
    let w = work(&session).await?;
    document::list(&w.store, &w.actor, owner).await.map_err(ui)
}

#[tauri::command]
pub async fn document_types(session: State<'_, Arc<Session>>) -> Res<Vec<DocumentType>> {
    let w = work(&session).await?;
    document::types(&w.store).await.map_err(ui)
}

/// The native open dialog (several files); the chosen files as tokens and names, none
/// when cancelled.
#[tauri::command]
pub async fn document_choose_files(
    app: AppHandle,
    state: State<'_, DocumentFiles>,
) -> Res<Vec<PickedFile>> {
    let chosen = match files::injected_open_files() {
        Some(paths) => paths,
        None => ask_open(&app).await?,
    };
    state.picked.grant(chosen).map_err(ui)
}

async fn ask_open(app: &AppHandle) -> Res<Vec<PathBuf>> {
    let mut dialog = app.dialog().file();
    if let Ok(dir) = app.path().document_dir() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog.pick_files(move |answer| {
        let _ = tx.send(answer);
    });
    let answer = rx.await.ok().flatten().unwrap_or_default();
    answer
        .into_iter()
        .map(|f| {
            f.into_path()
                .map_err(|_| ui(Error::invalid("file", Reason::Format)))
        })
        .collect()
}

/// Adds the chosen file `token` as a document.
#[tauri::command]
pub async fn document_add(
    session: State<'_, Arc<Session>>,
    state: State<'_, DocumentFiles>,
    token: u64,
    input: DocumentInput,
) -> Res<Document> {
    let w = work(&session).await?;
    let path = state.picked.path(token).map_err(ui)?;
    let doc = document::add(&w.store, &w.actor, &path, &input, w.today)
        .await
        .map_err(ui)?;
    state.picked.added(token).map_err(ui)?;
    Ok(doc)
}

/// Removes the original of an added file from the disk, when the user asks.
#[tauri::command]
pub async fn document_remove_original(state: State<'_, DocumentFiles>, token: u64) -> Res<()> {
    state.picked.remove_original(token).map_err(ui)
}

/// The document's bytes, as raw binary for the viewer (audited as read).
#[tauri::command]
pub async fn document_open(session: State<'_, Arc<Session>>, id: i64) -> Res<Response> {
    let w = work(&session).await?;
    let (_, bytes) = document::open(&w.store, &w.actor, id).await.map_err(ui)?;
    Ok(Response::new(bytes))
}

/// The save dialog for a copy of document `id`, proposing `dokument-<id>.<ext>`; the
/// place chosen (with the type's extension), or null when cancelled.
#[tauri::command]
pub async fn document_choose_save_path(
    app: AppHandle,
    session: State<'_, Arc<Session>>,
    state: State<'_, DocumentFiles>,
    id: i64,
) -> Res<Option<String>> {
    let ext = {
        let w = work(&session).await?;
        document::get(&w.store, &w.actor, id)
            .await
            .map_err(ui)?
            .media_type
            .extension()
    };
    let chosen = match files::injected_save_dir() {
        Some(dir) => Some(dir.join(files::document_copy_name(id, ext, Some(&dir)))),
        None => ask_save(&app, |dir| files::document_copy_name(id, ext, dir), ext).await?,
    };
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = files::with_extension(&chosen, ext)
        .to_str()
        .ok_or_else(|| ui(Error::invalid("file", Reason::Characters)))?
        .to_owned();
    state.grant_copy(id, path.clone())?;
    Ok(Some(path))
}

/// Saves a copy of document `id` at `path`, a place `document_choose_save_path` gave
/// for it (never over an existing file; audited), and returns it.
#[tauri::command]
pub async fn document_save_copy(
    session: State<'_, Arc<Session>>,
    state: State<'_, DocumentFiles>,
    grants: State<'_, SaveGrants>,
    id: i64,
    path: String,
) -> Res<String> {
    let w = work(&session).await?;
    let path = state.take_copy(id, &path)?;
    document::export(&w.store, &w.actor, id, &path)
        .await
        .map_err(ui)?;
    grants.saved(&[&path]);
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn document_update(
    session: State<'_, Arc<Session>>,
    id: i64,
    change: DocumentDescription,
) -> Res<Document> {
    let w = work(&session).await?;
    document::update(&w.store, &w.actor, id, &change, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn document_mark_sent(
    session: State<'_, Arc<Session>>,
    id: i64,
    sent_on: NaiveDate,
) -> Res<Document> {
    let w = work(&session).await?;
    document::mark_sent(&w.store, &w.actor, id, sent_on, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn document_delete(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    document::delete(&w.store, &w.actor, id).await.map_err(ui)
}
