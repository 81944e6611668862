//! Placements: a child placed in a foster home, and the placement's end.

use std::sync::Arc;

use akta_core::placement::{self, EndPlacementInput, Placement, PlacementInput};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn home_placements(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<Placement>> {
    let w = work(&session).await?;
    placement::for_home(&w.store, home_id).await.map_err(ui)
}

#[tauri::command]
pub async fn child_placements(
    session: State<'_, Arc<Session>>,
    child_id: i64,
) -> Res<Vec<Placement>> {
    let w = work(&session).await?;
    placement::for_child(&w.store, child_id).await.map_err(ui)
}

#[tauri::command]
pub async fn place_child(
    session: State<'_, Arc<Session>>,
    input: PlacementInput,
) -> Res<Placement> {
    let w = work(&session).await?;
    placement::place(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn end_placement(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EndPlacementInput,
) -> Res<Placement> {
    let w = work(&session).await?;
    placement::end(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}
