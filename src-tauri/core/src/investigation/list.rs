//! Every investigation of the store in one list (the CLI's `akta investigation list`):
//! the home, the round and method, the decision, whether the checklist is complete, and
//! where its written report is.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Decision, Method};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::Result;
use crate::investigation_report::ReportStatus;
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;

/// A row of the list of investigations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvestigationSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    #[ts(type = "number")]
    pub round: i64,
    pub method: Method,
    pub started_on: NaiveDate,
    pub decision: Option<Decision>,
    pub decision_on: Option<NaiveDate>,
    /// The checklist at the decision date (or today while undecided) is complete.
    pub checklist_complete: bool,
    /// The written report's latest version, if one was drafted: its id, number and
    /// status (all three, or none).
    #[ts(type = "number | null")]
    pub report_id: Option<i64>,
    #[ts(type = "number | null")]
    pub report_version: Option<i64>,
    pub report_status: Option<ReportStatus>,
}

struct Row {
    id: i64,
    home_id: i64,
    home_name: String,
    round: i64,
    method: Method,
    started_on: NaiveDate,
    decision: Option<Decision>,
    decision_on: Option<NaiveDate>,
    report_id: Option<i64>,
    report_version: Option<i64>,
    signed: Option<bool>,
    sent: Option<bool>,
}

/// All investigations of the store, newest first (by the day they started, then by
/// id); audited as a read. Register extracts count as too old by the device's setting.
pub async fn list(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
) -> Result<Vec<InvestigationSummary>> {
    let max_age = Settings::load(store.dir()).extract_max_age_months;
    let mut tx = store.begin().await?;
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT i.id AS "id!", i.home_id, h.name AS home_name, i.round,
                  i.method AS "method: Method", i.started_on AS "started_on: NaiveDate",
                  i.decision AS "decision: Decision", i.decision_on AS "decision_on: NaiveDate",
                  r.id AS "report_id?: i64", r.version AS "report_version?: i64",
                  r.signed_at IS NOT NULL AS "signed?: bool", r.sent_on IS NOT NULL AS "sent?: bool"
           FROM investigations i
           JOIN foster_homes h ON h.id = i.home_id
           LEFT JOIN investigation_reports r ON r.id = (
               SELECT id FROM investigation_reports WHERE investigation_id = i.id
               ORDER BY version DESC LIMIT 1)
           ORDER BY i.started_on DESC, i.id DESC"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let inv = super::one(&mut tx, row.id, today, max_age).await?;
        let report_status = row.report_id.map(|_| match (row.signed, row.sent) {
            (_, Some(true)) => ReportStatus::Sent,
            (Some(true), _) => ReportStatus::Signed,
            _ => ReportStatus::Draft,
        });
        out.push(InvestigationSummary {
            id: row.id,
            home_id: row.home_id,
            home_name: row.home_name,
            round: row.round,
            method: row.method,
            started_on: row.started_on,
            decision: row.decision,
            decision_on: row.decision_on,
            checklist_complete: inv.checklist.complete,
            report_id: row.report_id,
            report_version: row.report_version,
            report_status,
        });
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::Investigation,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}
