//! Egenkontroll: a home's yearly answers, and the agency's summary without names (and
//! its PDF) for the data-protection profile.

use std::sync::Arc;

use akta_core::files::SaveKind;
use akta_core::session::Session;
use akta_core::survey::{self, Survey, SurveyInput, SurveySummary};
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

/// A home's answers, newest year first.
#[tauri::command]
pub async fn home_surveys(session: State<'_, Arc<Session>>, home_id: i64) -> Res<Vec<Survey>> {
    let w = work(&session).await?;
    survey::for_home(&w.store, home_id).await.map_err(ui)
}

#[tauri::command]
pub async fn record_survey(session: State<'_, Arc<Session>>, input: SurveyInput) -> Res<Survey> {
    let w = work(&session).await?;
    survey::record(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

/// The agency's summary of `year` (counts and averages, no home named).
#[tauri::command]
pub async fn survey_summary(session: State<'_, Arc<Session>>, year: i32) -> Res<SurveySummary> {
    let w = work(&session).await?;
    survey::summary(&w.store, &w.actor, year).await.map_err(ui)
}

/// Saves the summary's PDF at `path`, the place the user chose in the save dialog
/// (`choose_save_path`), and returns it.
#[tauri::command]
pub async fn save_survey_summary_pdf(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    year: i32,
    path: String,
) -> Res<String> {
    let w = work(&session).await?;
    let agency = w.settings().agency.name;
    grants
        .save_one(SaveKind::SurveySummary, &path, async |p| {
            survey::save_summary_pdf(&w.store, &w.actor, year, p, w.today, agency.as_deref()).await
        })
        .await
}
