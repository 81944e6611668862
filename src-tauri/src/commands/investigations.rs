//! Investigations of a foster home: items, details and the decision.

use std::sync::Arc;

use akta_core::investigation::{
    self, DecisionInput, DetailsInput, Investigation, ItemInput, Method,
};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn home_investigations(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<Investigation>> {
    let w = work(&session).await?;
    let max_age = w.settings().extract_max_age_months;
    investigation::for_home(&w.store, home_id, w.today, max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn start_investigation(
    session: State<'_, Arc<Session>>,
    home_id: i64,
    method: Method,
    started_on: chrono::NaiveDate,
) -> Res<Investigation> {
    let w = work(&session).await?;
    investigation::start(&w.store, &w.actor, home_id, method, started_on, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_investigation_item(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ItemInput,
) -> Res<Investigation> {
    let w = work(&session).await?;
    let max_age = w.settings().extract_max_age_months;
    investigation::add_item(&w.store, &w.actor, id, &input, w.today, max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn update_investigation_details(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: DetailsInput,
) -> Res<Investigation> {
    let w = work(&session).await?;
    let max_age = w.settings().extract_max_age_months;
    investigation::update_details(&w.store, &w.actor, id, &input, w.today, max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn decide_investigation(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: DecisionInput,
) -> Res<Investigation> {
    let w = work(&session).await?;
    let max_age = w.settings().extract_max_age_months;
    investigation::decide(&w.store, &w.actor, id, &input, w.today, max_age)
        .await
        .map_err(ui)
}
