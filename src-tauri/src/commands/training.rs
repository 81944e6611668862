//! Further training of a home's members, and a year's occasions against the agency's
//! target.

use std::sync::Arc;

use akta_core::session::Session;
use akta_core::training::{self, Training, TrainingInput, TrainingYear};
use tauri::State;

use super::{ui, work, Res};

/// A home's rows (in `year`, or all), newest first.
#[tauri::command]
pub async fn home_trainings(
    session: State<'_, Arc<Session>>,
    home_id: i64,
    year: Option<i32>,
) -> Res<Vec<Training>> {
    let w = work(&session).await?;
    training::for_home(&w.store, home_id, year)
        .await
        .map_err(ui)
}

/// A home's occasions in `year` against the agency's target (the settings).
#[tauri::command]
pub async fn home_training_year(
    session: State<'_, Arc<Session>>,
    home_id: i64,
    year: i32,
) -> Res<TrainingYear> {
    let w = work(&session).await?;
    let target = w.settings().training_target_per_year;
    training::year_summary(&w.store, home_id, year, target)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_training(session: State<'_, Arc<Session>>, input: TrainingInput) -> Res<Training> {
    let w = work(&session).await?;
    training::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn delete_training(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    training::delete(&w.store, &w.actor, id).await.map_err(ui)
}
