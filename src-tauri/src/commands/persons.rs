//! Persons: the register of children, foster parents and others.

use std::sync::Arc;

use akta_core::person::relations::Relations;
use akta_core::person::{self, ContactInput, Person, PersonInput, PersonPage, PersonSort};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_persons(
    session: State<'_, Arc<Session>>,
    query: Option<String>,
    limit: Option<u32>,
    sort: Option<PersonSort>,
) -> Res<PersonPage> {
    let w = work(&session).await?;
    person::page(
        &w.store,
        query.as_deref(),
        limit,
        sort.unwrap_or_default(),
        w.today,
    )
    .await
    .map_err(ui)
}

#[tauri::command]
pub async fn get_person(session: State<'_, Arc<Session>>, id: i64) -> Res<Person> {
    let w = work(&session).await?;
    person::get(&w.store, &w.actor, id).await.map_err(ui)
}

/// The homes a person belongs to and is placed in (the personakt's header).
#[tauri::command]
pub async fn person_relations(session: State<'_, Arc<Session>>, id: i64) -> Res<Relations> {
    let w = work(&session).await?;
    person::relations::of(&w.store, id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_person(session: State<'_, Arc<Session>>, input: PersonInput) -> Res<Person> {
    let w = work(&session).await?;
    person::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

/// An everyday edit of a person's contact details (audited as an update).
#[tauri::command]
pub async fn update_person_contact(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ContactInput,
) -> Res<Person> {
    let w = work(&session).await?;
    person::update_contact(&w.store, &w.actor, id, &input)
        .await
        .map_err(ui)
}
