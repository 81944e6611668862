//! A placement's agreement (uppdragsavtal) with the placing municipality.

use std::sync::Arc;

use akta_core::agreement::{self, Agreement, AgreementInput};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

/// A placement's agreements, the newest period first.
#[tauri::command]
pub async fn placement_agreements(
    session: State<'_, Arc<Session>>,
    placement_id: i64,
) -> Res<Vec<Agreement>> {
    let w = work(&session).await?;
    agreement::for_placement(&w.store, placement_id)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_agreement(
    session: State<'_, Arc<Session>>,
    placement_id: i64,
    input: AgreementInput,
) -> Res<Agreement> {
    let w = work(&session).await?;
    agreement::add(&w.store, &w.actor, placement_id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn update_agreement(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: AgreementInput,
) -> Res<Agreement> {
    let w = work(&session).await?;
    agreement::update(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}
