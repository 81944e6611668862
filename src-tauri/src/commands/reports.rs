//! Monthly reports (månadsrapporter) to the placing municipality: list, draft one or
//! the month's, write, sign, save the PDF where the user chose, record as sent.

use std::sync::Arc;

use akta_core::files::SaveKind;
use akta_core::report::{self, DraftAllOutcome, MonthlyReport, ReportSections, YearMonth};
use akta_core::session::Session;
use chrono::NaiveDate;
use tauri::State;

use super::files::SaveGrants;
use super::{ui, work, Res};

fn month(text: &str) -> Res<YearMonth> {
    YearMonth::parse("month", text).map_err(ui)
}

/// The reports of a placement and/or a month (`YYYY-MM`).
#[tauri::command]
pub async fn reports_list(
    session: State<'_, Arc<Session>>,
    placement: Option<i64>,
    month: Option<String>,
) -> Res<Vec<MonthlyReport>> {
    let month = month.as_deref().map(self::month).transpose()?;
    let w = work(&session).await?;
    report::list(&w.store, &w.actor, placement, month)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn report_draft(
    session: State<'_, Arc<Session>>,
    placement_id: i64,
    month: String,
) -> Res<MonthlyReport> {
    let month = self::month(&month)?;
    let w = work(&session).await?;
    report::draft(&w.store, &w.actor, placement_id, month, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn report_draft_all(
    session: State<'_, Arc<Session>>,
    month: String,
) -> Res<DraftAllOutcome> {
    let month = self::month(&month)?;
    let w = work(&session).await?;
    report::draft_all(&w.store, &w.actor, month, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn report_update(
    session: State<'_, Arc<Session>>,
    id: i64,
    sections: ReportSections,
) -> Res<MonthlyReport> {
    let w = work(&session).await?;
    report::update(&w.store, &w.actor, id, &sections, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn report_sign(session: State<'_, Arc<Session>>, id: i64) -> Res<MonthlyReport> {
    let w = work(&session).await?;
    report::sign(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

/// Saves the signed report's PDF at `path`, the place the user chose in the save
/// dialog (`choose_save_path` with `monthly_report`), and returns it.
#[tauri::command]
pub async fn report_save_pdf(
    session: State<'_, Arc<Session>>,
    grants: State<'_, SaveGrants>,
    id: i64,
    path: String,
) -> Res<String> {
    let w = work(&session).await?;
    grants
        .save_one(SaveKind::MonthlyReport, &path, async |p| {
            report::save_pdf(&w.store, &w.actor, id, p, w.today).await
        })
        .await
}

#[tauri::command]
pub async fn report_mark_sent(
    session: State<'_, Arc<Session>>,
    id: i64,
    sent_on: NaiveDate,
    sent_to: String,
) -> Res<MonthlyReport> {
    let w = work(&session).await?;
    report::mark_sent(&w.store, &w.actor, id, sent_on, &sent_to, w.today)
        .await
        .map_err(ui)
}
