//! Foster homes: the register, status changes and members.

use std::sync::Arc;

use akta_core::foster_home::{
    self, FosterHome, FosterHomeFile, FosterHomeInput, FosterHomeSummary, MemberRole,
    StatusChangeInput,
};
use akta_core::session::Session;
use chrono::NaiveDate;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_homes(session: State<'_, Arc<Session>>) -> Res<Vec<FosterHomeSummary>> {
    let w = work(&session).await?;
    foster_home::list(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn get_home(session: State<'_, Arc<Session>>, id: i64) -> Res<FosterHomeFile> {
    let w = work(&session).await?;
    foster_home::get(&w.store, &w.actor, id).await.map_err(ui)
}

#[tauri::command]
pub async fn add_home(session: State<'_, Arc<Session>>, input: FosterHomeInput) -> Res<FosterHome> {
    let w = work(&session).await?;
    foster_home::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn change_home_status(
    session: State<'_, Arc<Session>>,
    id: i64,
    change: StatusChangeInput,
) -> Res<FosterHome> {
    let w = work(&session).await?;
    foster_home::change_status(&w.store, &w.actor, id, &change, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_home_member(
    session: State<'_, Arc<Session>>,
    id: i64,
    person_id: i64,
    role: MemberRole,
) -> Res<()> {
    let w = work(&session).await?;
    foster_home::add_member(&w.store, &w.actor, id, person_id, role)
        .await
        .map_err(ui)
}

/// An everyday edit of a home's name, type and address (audited as an update).
#[tauri::command]
pub async fn update_home(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: FosterHomeInput,
) -> Res<FosterHome> {
    let w = work(&session).await?;
    foster_home::update(&w.store, &w.actor, id, &input)
        .await
        .map_err(ui)
}

/// A member leaves the home on `left_on` (kept in the home's history).
#[tauri::command]
pub async fn remove_home_member(
    session: State<'_, Arc<Session>>,
    id: i64,
    person_id: i64,
    left_on: NaiveDate,
) -> Res<()> {
    let w = work(&session).await?;
    foster_home::remove_member(&w.store, &w.actor, id, person_id, left_on, w.today)
        .await
        .map_err(ui)
}
