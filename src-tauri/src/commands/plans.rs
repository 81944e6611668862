//! Contact plans: a home's plan at a glance (its lines and its placements', with this
//! month's and year's progress), adding and ending a line, and the active homes behind.

use std::sync::Arc;

use akta_core::contact::{self, BehindHome, HomePlanGlance, PlanInput, PlanLine};
use akta_core::session::Session;
use chrono::NaiveDate;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn plan_glance(session: State<'_, Arc<Session>>, home_id: i64) -> Res<HomePlanGlance> {
    let w = work(&session).await?;
    contact::glance(&w.store, home_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn plan_add(session: State<'_, Arc<Session>>, input: PlanInput) -> Res<PlanLine> {
    let w = work(&session).await?;
    contact::add_line(&w.store, &w.actor, &input)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn plan_end(session: State<'_, Arc<Session>>, id: i64, on: NaiveDate) -> Res<PlanLine> {
    let w = work(&session).await?;
    contact::end_line(&w.store, &w.actor, id, on)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn plans_behind(session: State<'_, Arc<Session>>) -> Res<Vec<BehindHome>> {
    let w = work(&session).await?;
    contact::behind(&w.store, w.today).await.map_err(ui)
}
