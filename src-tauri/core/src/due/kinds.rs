//! The closed sets of bevakningar: what kind of thing falls due, and which evidence of an
//! approved home's adults is renewed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a line is in the inbox: one rule each, and `Manual` for those set by hand. The
/// UI's filter and the CLI's `--kind` take these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DueKind {
    /// The next contact a home's or placement's plan asks for (overdue: behind plan).
    PlanContact,
    /// The month's report of a placement to its municipality, not yet signed.
    MonthlyReport,
    /// The yearly register check of an adult of an approved or active home.
    RegisterCheck,
    /// Another renewed piece of evidence (the health declaration).
    HealthDeclaration,
    /// The home's training below the year's target by the deadline.
    Training,
    /// A placement's agreement that ends soon.
    AgreementEnds,
    /// An investigation open longer than usual.
    InvestigationOpen,
    /// A register extract of an open investigation that ages past its limit.
    EvidenceAges,
    /// A data-subject request's deadline (and the day an extension must be told).
    Request,
    /// A concern report without receipt or feedback.
    Concern,
    /// A journal draft unsigned for longer than 14 days.
    StaleDraft,
    /// A file that will be purged.
    Purge,
    /// A hand-over offered to a municipality and not answered.
    Handover,
    /// A bevakning set by hand.
    Manual,
}

impl DueKind {
    pub const ALL: [DueKind; 14] = [
        DueKind::PlanContact,
        DueKind::MonthlyReport,
        DueKind::RegisterCheck,
        DueKind::HealthDeclaration,
        DueKind::Training,
        DueKind::AgreementEnds,
        DueKind::InvestigationOpen,
        DueKind::EvidenceAges,
        DueKind::Request,
        DueKind::Concern,
        DueKind::StaleDraft,
        DueKind::Purge,
        DueKind::Handover,
        DueKind::Manual,
    ];

    /// The name as serde, the CLI and the UI write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::PlanContact => "plan_contact",
            DueKind::MonthlyReport => "monthly_report",
            DueKind::RegisterCheck => "register_check",
            DueKind::HealthDeclaration => "health_declaration",
            DueKind::Training => "training",
            DueKind::AgreementEnds => "agreement_ends",
            DueKind::InvestigationOpen => "investigation_open",
            DueKind::EvidenceAges => "evidence_ages",
            DueKind::Request => "request",
            DueKind::Concern => "concern",
            DueKind::StaleDraft => "stale_draft",
            DueKind::Purge => "purge",
            DueKind::Handover => "handover",
            DueKind::Manual => "manual",
        }
    }

    /// The kind of a name.
    pub fn parse(s: &str) -> Option<DueKind> {
        DueKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl crate::label::SwedishLabel for DueKind {
    fn sv(self) -> &'static str {
        match self {
            DueKind::PlanContact => "kontakt enligt plan",
            DueKind::MonthlyReport => "månadsrapport",
            DueKind::RegisterCheck => "registerkontroll",
            DueKind::HealthDeclaration => "hälsodeklaration",
            DueKind::Training => "utbildning",
            DueKind::AgreementEnds => "uppdragsavtal som upphör",
            DueKind::InvestigationOpen => "utredning som dragit ut",
            DueKind::EvidenceAges => "registerutdrag som blir för gammalt",
            DueKind::Request => "begäran från registrerad",
            DueKind::Concern => "orosanmälan",
            DueKind::StaleDraft => "osignerat utkast",
            DueKind::Purge => "gallring",
            DueKind::Handover => "överlämning",
            DueKind::Manual => "egen bevakning",
        }
    }
}

/// Evidence of an approved home's adult that the agency renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceKind {
    RegisterExtract,
    HealthDeclaration,
}

impl crate::label::SwedishLabel for EvidenceKind {
    fn sv(self) -> &'static str {
        match self {
            EvidenceKind::RegisterExtract => "registerutdrag",
            EvidenceKind::HealthDeclaration => "hälsodeklaration",
        }
    }
}
