//! Persons: the register of children, foster parents and others.

use std::sync::Arc;

use akta_core::person::{self, Person, PersonInput, PersonPage};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_persons(
    session: State<'_, Arc<Session>>,
    query: Option<String>,
    limit: Option<u32>,
) -> Res<PersonPage> {
    let w = work(&session).await?;
    person::page(&w.store, query.as_deref(), limit)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn get_person(session: State<'_, Arc<Session>>, id: i64) -> Res<Person> {
    let w = work(&session).await?;
    person::get(&w.store, &w.actor, id).await.map_err(ui)
}

#[tauri::command]
pub async fn add_person(session: State<'_, Arc<Session>>, input: PersonInput) -> Res<Person> {
    let w = work(&session).await?;
    person::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}
