//! Processing activities and each person's consents.

use std::sync::Arc;

use akta_core::consent::{self, Consent, ConsentInput, PersonConsents, ProcessingActivity};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn processing_activities(
    session: State<'_, Arc<Session>>,
) -> Res<Vec<ProcessingActivity>> {
    let w = work(&session).await?;
    consent::activities(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn person_consents(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<PersonConsents> {
    let w = work(&session).await?;
    consent::for_person(&w.store, person_id).await.map_err(ui)
}

#[tauri::command]
pub async fn give_consent(session: State<'_, Arc<Session>>, input: ConsentInput) -> Res<Consent> {
    let w = work(&session).await?;
    consent::give(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn withdraw_consent(
    session: State<'_, Arc<Session>>,
    id: i64,
    withdrawn_on: chrono::NaiveDate,
) -> Res<Consent> {
    let w = work(&session).await?;
    consent::withdraw(&w.store, &w.actor, id, withdrawn_on, w.today)
        .await
        .map_err(ui)
}
