//! The written familjehemsutredning: draft (or the open draft) from an investigation,
//! read a version, write and autosave its sections, sign, save the PDF where the user
//! chose, record as sent; and the templates per method (settings).

use std::sync::Arc;

use akta_core::files::SaveKind;
use akta_core::investigation::Method;
use akta_core::investigation_report::{
    self as report, InvestigationReport, ReportSave, ReportVersion, Template, TemplateSection,
};
use akta_core::session::Session;
use chrono::NaiveDate;
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

/// The open draft of the investigation's report, made if there is none (version 1, or
/// the next version after a signed one).
#[tauri::command]
pub async fn investigation_report_draft(
    session: State<'_, Arc<Session>>,
    investigation_id: i64,
) -> Res<InvestigationReport> {
    let w = work(&session).await?;
    report::draft(&w.store, &w.actor, investigation_id, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn investigation_report_get(
    session: State<'_, Arc<Session>>,
    id: i64,
) -> Res<InvestigationReport> {
    let w = work(&session).await?;
    report::get(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

/// The versions of the investigation's report, oldest first (none: not written yet).
#[tauri::command]
pub async fn investigation_report_versions(
    session: State<'_, Arc<Session>>,
    investigation_id: i64,
) -> Res<Vec<ReportVersion>> {
    let w = work(&session).await?;
    report::for_investigation(&w.store, &w.actor, investigation_id)
        .await
        .map_err(ui)
}

/// Saves the sections given (the others stay), the co-investigator and the
/// recommendation of a draft: what autosave sends.
#[tauri::command]
pub async fn investigation_report_save(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ReportSave,
) -> Res<InvestigationReport> {
    let w = work(&session).await?;
    report::save(&w.store, &w.actor, id, &input, w.today)
        .await
        .map_err(ui)
}

/// Signs the draft; `justification` is needed while the checklist is not complete.
#[tauri::command]
pub async fn investigation_report_sign(
    session: State<'_, Arc<Session>>,
    id: i64,
    justification: Option<String>,
) -> Res<InvestigationReport> {
    let w = work(&session).await?;
    report::sign(&w.store, &w.actor, id, justification.as_deref(), w.today)
        .await
        .map_err(ui)
}

/// Saves the signed version's PDF at `path`, the place the user chose in the save
/// dialog (`choose_save_path` with `investigation_report`), and returns it.
#[tauri::command]
pub async fn investigation_report_save_pdf(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    id: i64,
    path: String,
) -> Res<String> {
    let w = work(&session).await?;
    grants
        .save_one(SaveKind::InvestigationReport, &path, async |p| {
            report::save_pdf(&w.store, &w.actor, id, p, w.today).await
        })
        .await
}

/// Records that the signed version was sent on `on` to the municipality
/// `municipality_id` (an organisation of kind kommun).
#[tauri::command]
pub async fn investigation_report_mark_sent(
    session: State<'_, Arc<Session>>,
    id: i64,
    on: NaiveDate,
    municipality_id: i64,
) -> Res<InvestigationReport> {
    let w = work(&session).await?;
    report::mark_sent(&w.store, &w.actor, id, on, municipality_id, w.today)
        .await
        .map_err(ui)
}

/// The method's template as it applies now (the agency's own, or the default).
#[tauri::command]
pub async fn report_template_get(
    session: State<'_, Arc<Session>>,
    method: Method,
) -> Res<Template> {
    let w = work(&session).await?;
    report::template(&w.store, method).await.map_err(ui)
}

/// Replaces the method's template with the agency's own sections.
#[tauri::command]
pub async fn report_template_set(
    session: State<'_, Arc<Session>>,
    method: Method,
    sections: Vec<TemplateSection>,
) -> Res<Template> {
    let w = work(&session).await?;
    report::set_template(&w.store, &w.actor, method, &sections)
        .await
        .map_err(ui)
}

/// Goes back to the built-in template of the method.
#[tauri::command]
pub async fn report_template_reset(
    session: State<'_, Arc<Session>>,
    method: Method,
) -> Res<Template> {
    let w = work(&session).await?;
    report::reset_template(&w.store, &w.actor, method)
        .await
        .map_err(ui)
}
