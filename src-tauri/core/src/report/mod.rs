//! Monthly reports (månadsrapporter) to the placing municipality: one per placement and
//! month. Akta drafts the report from what the store knows (the period, the home's
//! contacts that concern the child or the home as a whole, the contact plan against
//! what was done, the home's training) and freezes those facts as Swedish text; the
//! caseworker writes three sections, signs (which locks it, like a journal entry),
//! makes the PDF (its SHA-256 recorded) and records when and to whom it was sent.
//!
//! Nothing of another child or another home goes into a placement's report: the
//! contacts are the home's with `child_id` this child or none, and the only persons
//! named are the home's adult members and this child.

mod facts;
mod month;
mod pdf;
mod repo;
mod service;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::person::PersonSummary;

pub use month::YearMonth;
pub use pdf::{mark_sent, pdf, render_pdf, save_pdf};
pub use service::{draft, draft_all, get, list, sign, update};

/// Longest accepted written section of a report, in characters.
pub const MAX_SECTION_CHARS: usize = 50_000;
/// Longest accepted recipient ("skickad till"), in characters.
pub const MAX_RECIPIENT_CHARS: usize = 200;

/// Where a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportStatus {
    /// Being written; the facts are refreshed on every save.
    Draft,
    /// Signed and locked.
    Signed,
    /// Signed, its PDF made and recorded as sent.
    Sent,
}

impl crate::label::SwedishLabel for ReportStatus {
    fn sv(self) -> &'static str {
        match self {
            ReportStatus::Draft => "utkast",
            ReportStatus::Signed => "signerad",
            ReportStatus::Sent => "skickad",
        }
    }
}

/// A monthly report as shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct MonthlyReport {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub placement_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    /// The days the report covers: the month, clipped to the placement's start and end.
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub child: PersonSummary,
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    #[ts(type = "number")]
    pub municipality_id: i64,
    pub municipality_name: String,
    /// The facts drawn from the store (frozen at signing), as Swedish text.
    pub contacts_text: String,
    pub plan_text: String,
    pub training_text: String,
    /// The caseworker's sections.
    pub child_situation: String,
    pub home_support: String,
    pub next_steps: String,
    #[ts(type = "number")]
    pub author_id: i64,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
    /// The SHA-256 (hex) of the PDF last made (once sent: of the PDF sent).
    pub pdf_sha256: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub sent_to: Option<String>,
    pub status: ReportStatus,
}

/// The three sections the caseworker writes (each may be empty in a draft).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSections {
    pub child_situation: String,
    pub home_support: String,
    pub next_steps: String,
}

/// What drafting a month's reports for every active placement did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct DraftAllOutcome {
    /// The new drafts' ids.
    #[ts(type = "number[]")]
    pub drafted: Vec<i64>,
    /// Placements that already had a report for the month.
    pub already: u32,
    /// Placements left out because the child's or a home member's data is restricted.
    pub restricted: u32,
}
