//! Retention: the preview and the run, receipts, rules, legal holds and the hand-over
//! of a child's file.

use std::sync::Arc;

use akta_core::files::SaveKind;
use akta_core::retention::{self, HoldInput, LegalHold, Preview, Receipt, RetentionRule};
use akta_core::rights::extract::SavedExtract;
use akta_core::session::Session;
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

#[tauri::command]
pub async fn retention_preview(
    session: State<'_, Arc<Session>>,
    as_of: Option<chrono::NaiveDate>,
) -> Res<Preview> {
    let w = work(&session).await?;
    retention::preview(&w.store, &w.actor, as_of.unwrap_or(w.today))
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn run_retention(session: State<'_, Arc<Session>>) -> Res<Receipt> {
    let w = work(&session).await?;
    retention::run(&w.store, &w.actor, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn retention_receipts(session: State<'_, Arc<Session>>) -> Res<Vec<Receipt>> {
    let w = work(&session).await?;
    retention::receipts(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn retention_rules(session: State<'_, Arc<Session>>) -> Res<Vec<RetentionRule>> {
    let w = work(&session).await?;
    retention::rules(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn set_retention_rule(
    session: State<'_, Arc<Session>>,
    code: String,
    months: i64,
    days: i64,
) -> Res<RetentionRule> {
    let w = work(&session).await?;
    retention::set_period(&w.store, &w.actor, &code, months, days)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn legal_holds(session: State<'_, Arc<Session>>) -> Res<Vec<LegalHold>> {
    let w = work(&session).await?;
    retention::holds(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn add_legal_hold(session: State<'_, Arc<Session>>, input: HoldInput) -> Res<LegalHold> {
    let w = work(&session).await?;
    retention::add_hold(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn lift_legal_hold(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    retention::lift_hold(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

/// Makes the hand-over package of a child's file and saves it: the PDF at `path`, the
/// place the user chose in the save dialog (`choose_save_path`), the JSON beside it,
/// and the copies of the file's documents in a folder beside them (`…-dokument`).
/// The places are checked before the package is made.
#[tauri::command]
pub async fn offer_handover(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    child_id: i64,
    path: String,
) -> Res<SavedExtract> {
    let w = work(&session).await?;
    let path = grants.take(SaveKind::Handover, &path)?;
    let json = path.with_extension("json");
    // The PDF, the JSON beside it, and the copies of the file's documents, made
    // straight into their places (checked first).
    let saved = retention::offer_saved(&w.store, &w.actor, child_id, w.today, &path, &json)
        .await
        .map_err(ui)?;
    grants.saved(&[&path]);
    Ok(saved.saved)
}

#[tauri::command]
pub async fn decide_handover(
    session: State<'_, Arc<Session>>,
    id: i64,
    decision: String,
) -> Res<()> {
    let w = work(&session).await?;
    retention::decide_handover(&w.store, &w.actor, id, &decision, w.today, w.today)
        .await
        .map_err(ui)
}
