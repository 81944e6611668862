//! Data-subject requests: their deadlines, identity checks and closing, and the work
//! they ask for besides the extract (rectification, restriction, erasure).

use std::sync::Arc;

use akta_core::person::{Person, PersonInput};
use akta_core::rights::erasure::{self, ErasureStatement};
use akta_core::rights::rectify::{self, Rectification};
use akta_core::rights::{self, CompletionInput, ExtensionInput, Request, RequestInput};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_requests(session: State<'_, Arc<Session>>) -> Res<Vec<Request>> {
    let w = work(&session).await?;
    rights::list(&w.store, &w.actor, w.today).await.map_err(ui)
}

#[tauri::command]
pub async fn get_request(session: State<'_, Arc<Session>>, id: i64) -> Res<Request> {
    let w = work(&session).await?;
    rights::get(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn person_requests(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<Vec<Request>> {
    let w = work(&session).await?;
    rights::for_person(&w.store, &w.actor, person_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_request(session: State<'_, Arc<Session>>, input: RequestInput) -> Res<Request> {
    let w = work(&session).await?;
    rights::create(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn verify_request_identity(
    session: State<'_, Arc<Session>>,
    id: i64,
    method: String,
    on: chrono::NaiveDate,
) -> Res<Request> {
    let w = work(&session).await?;
    rights::verify_identity(&w.store, &w.actor, id, &method, on, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn extend_request(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ExtensionInput,
) -> Res<Request> {
    let w = work(&session).await?;
    rights::extend(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn complete_request(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: CompletionInput,
) -> Res<Request> {
    let w = work(&session).await?;
    rights::complete(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn rectify_person(
    session: State<'_, Arc<Session>>,
    person_id: i64,
    input: PersonInput,
    request_id: Option<i64>,
) -> Res<Person> {
    let w = work(&session).await?;
    rectify::rectify_person(&w.store, &w.actor, person_id, &input, request_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn person_rectifications(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<Vec<Rectification>> {
    let w = work(&session).await?;
    rectify::history(&w.store, person_id).await.map_err(ui)
}

#[tauri::command]
pub async fn set_restriction(
    session: State<'_, Arc<Session>>,
    person_id: i64,
    restricted: bool,
) -> Res<Person> {
    let w = work(&session).await?;
    let on = restricted.then_some(w.today);
    rectify::set_restriction(&w.store, &w.actor, person_id, on, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn preview_erasure(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ErasureStatement> {
    let w = work(&session).await?;
    erasure::preview(&w.store, &w.actor, request_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn erase_person(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ErasureStatement> {
    let w = work(&session).await?;
    erasure::erase(&w.store, &w.actor, request_id, w.today)
        .await
        .map_err(ui)
}
