//! The written familjehemsutredning: the report the agency hands the placing
//! municipality as supporting material for its own decision. It is drafted from an
//! investigation by the method's template (an ordered list of sections, headings and a
//! guiding text for the writer; the built-in default per method, or the agency's own),
//! the facts the store knows filled in under their sections and kept in sync until
//! signing (members and ages, home visits and interviews, references, register checks,
//! BRA-Fam, the checklist, the method), the rest written by the caseworker and saved as
//! she writes. Signing locks a version; a change after that is a new version, and the
//! earlier one stays legible. The PDF (Swedish, A4, a cover) is recorded as sent to the
//! municipality with its SHA-256.
//!
//! Sections about one adult (background, health) name that adult (`person_id`): a
//! register extract for another member of the home leaves them out.

mod facts;
mod new_sections;
mod pdf;
mod repo;
mod service;
pub mod template;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::foster_home::HomeKind;
use crate::investigation::{Decision, Method};
pub use crate::report::ReportStatus;

pub use pdf::{mark_sent, pdf, render_pdf, save_pdf};
pub use service::{draft, for_investigation, get, save, sign};
pub use template::{default_template, reset_template, set_template, template};

/// Longest accepted written section, in characters.
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest accepted heading of a template section, in characters.
pub const MAX_HEADING_CHARS: usize = 200;
/// Longest accepted guiding text of a template section, in characters.
pub const MAX_GUIDANCE_CHARS: usize = 2_000;
/// Most sections a template may have.
pub const MAX_SECTIONS: usize = 60;

/// The facts the store fills in under a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum FactsKind {
    /// The assignment: the home, its kind, the method, the round, when it started.
    Assignment,
    /// The members of the home and their ages.
    Members,
    /// The home visits and interviews, with their dates.
    Visits,
    /// The references and when they were taken.
    References,
    /// The register checks: which register, for whom, the extract's date, whether it
    /// is too old (never the extract itself).
    RegisterChecks,
    /// BRA-Fam and the health declaration: done or not, when.
    BraFam,
    /// The checklist: complete, or what is missing.
    Checklist,
}

impl crate::label::SwedishLabel for FactsKind {
    fn sv(self) -> &'static str {
        match self {
            FactsKind::Assignment => "uppdraget",
            FactsKind::Members => "hemmets medlemmar",
            FactsKind::Visits => "hembesök och intervjuer",
            FactsKind::References => "referenser",
            FactsKind::RegisterChecks => "registerkontroller",
            FactsKind::BraFam => "BRA-Fam och hälsodeklaration",
            FactsKind::Checklist => "checklistan",
        }
    }
}

/// The report's recommendation to the municipality (which decides itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Recommendation {
    Recommended,
    NotRecommended,
}

impl crate::label::SwedishLabel for Recommendation {
    fn sv(self) -> &'static str {
        match self {
            Recommendation::Recommended => "rekommenderas",
            Recommendation::NotRecommended => "rekommenderas inte",
        }
    }
}

/// A section of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateSection {
    /// Stable name within the template: lower-case a–z, 0–9 and `_`.
    pub key: String,
    pub heading: String,
    /// A short guiding text for the writer (not printed).
    pub guidance: String,
    pub facts: Option<FactsKind>,
    /// One section per adult member of the home, the heading followed by their name.
    pub per_adult: bool,
}

/// A method's template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Template {
    pub method: Method,
    pub sections: Vec<TemplateSection>,
    /// The agency's own (false: the built-in default).
    pub customised: bool,
}

/// A section of a report version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSection {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub position: i64,
    pub key: String,
    pub heading: String,
    pub guidance: String,
    pub facts: Option<FactsKind>,
    /// The adult a per-adult section is about.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// The facts filled in by the store (Swedish, a line each): current in a draft,
    /// frozen at signing.
    pub facts_text: Option<String>,
    /// The caseworker's text.
    pub body: String,
}

/// An earlier or later version of the same investigation's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportVersion {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub version: i64,
    pub status: ReportStatus,
    pub signed_at: Option<DateTime<Utc>>,
    pub sent_on: Option<NaiveDate>,
}

/// A version of the written report, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvestigationReport {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub investigation_id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number")]
    pub round: i64,
    #[ts(type = "number")]
    pub version: i64,
    pub method: Method,
    /// The home's name (frozen at signing).
    pub home_name: String,
    pub home_kind: HomeKind,
    /// The home's address for the cover (frozen at signing); never given while a member
    /// of the home has a protected identity.
    pub home_address: Option<String>,
    pub started_on: NaiveDate,
    pub decision: Option<Decision>,
    pub decision_on: Option<NaiveDate>,
    pub co_investigator: Option<String>,
    pub recommendation: Option<Recommendation>,
    /// Why it was signed while the checklist was not complete.
    pub justification: Option<String>,
    #[ts(type = "number")]
    pub author_id: i64,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
    pub pdf_sha256: Option<String>,
    pub sent_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub sent_to: Option<i64>,
    pub sent_to_name: Option<String>,
    pub status: ReportStatus,
    pub sections: Vec<ReportSection>,
    /// Every version of this investigation's report, oldest first (this one included).
    pub versions: Vec<ReportVersion>,
    /// The investigation's checklist is complete today (a draft) or was at signing.
    pub checklist_complete: bool,
}

/// The written text of one section, to save.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SectionText {
    #[ts(type = "number")]
    pub id: i64,
    pub body: String,
}

/// What a save changes in a draft: the sections given (others stay as they are), and
/// the co-investigator and recommendation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSave {
    pub sections: Vec<SectionText>,
    pub co_investigator: Option<String>,
    pub recommendation: Option<Recommendation>,
}
