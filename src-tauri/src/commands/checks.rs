//! Renewed checks of an approved home's adults (register extracts, health declarations):
//! listed in the home's file, recorded, and removed when recorded by mistake.

use std::sync::Arc;

use akta_core::due::checks::{self, CheckInput, EvidenceCheck};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

/// A home's renewed checks, the latest first.
#[tauri::command]
pub async fn home_checks(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<EvidenceCheck>> {
    let w = work(&session).await?;
    checks::list_for_home(&w.store, home_id).await.map_err(ui)
}

#[tauri::command]
pub async fn add_check(
    session: State<'_, Arc<Session>>,
    home_id: i64,
    input: CheckInput,
) -> Res<EvidenceCheck> {
    let w = work(&session).await?;
    checks::add(&w.store, &w.actor, home_id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn delete_check(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    checks::delete(&w.store, &w.actor, id).await.map_err(ui)
}
