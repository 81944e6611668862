//! Concern reports (orosanmälningar) to a municipality's social services, and their PDF.

use std::sync::Arc;

use akta_core::concern::{self, ConcernInput, ConcernReport, ConcernStep};
use akta_core::files::SaveKind;
use akta_core::session::Session;
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

#[tauri::command]
pub async fn list_concerns(session: State<'_, Arc<Session>>) -> Res<Vec<ConcernReport>> {
    let w = work(&session).await?;
    concern::list(&w.store, &w.actor, w.today, &w.settings())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_concern(
    session: State<'_, Arc<Session>>,
    input: ConcernInput,
) -> Res<ConcernReport> {
    let w = work(&session).await?;
    concern::create(&w.store, &w.actor, &input, w.today, &w.settings())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn advance_concern(
    session: State<'_, Arc<Session>>,
    id: i64,
    step: ConcernStep,
) -> Res<ConcernReport> {
    let w = work(&session).await?;
    concern::advance(&w.store, &w.actor, id, &step, w.today, &w.settings())
        .await
        .map_err(ui)
}

/// Saves the PDF at `path`, the place the user chose in the save dialog
/// (`choose_save_path`), and returns it.
#[tauri::command]
pub async fn save_concern_pdf(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    id: i64,
    path: String,
) -> Res<String> {
    let w = work(&session).await?;
    grants
        .save_one(SaveKind::ConcernPdf, &path, async |p| {
            concern::save_pdf(&w.store, &w.actor, id, p, w.today, &w.settings()).await
        })
        .await
}
