//! The closed sets of contacts and plans: what kind of contact, who took part by role,
//! and the period a plan counts in.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of contact it was (the CLI's `--kind` takes these names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ContactKind {
    Hembesok,
    OanmaltHembesok,
    Telefon,
    Video,
    HandledningEnskild,
    HandledningGrupp,
    MoteSocialtjansten,
    Ovrigt,
}

impl ContactKind {
    pub const ALL: [ContactKind; 8] = [
        ContactKind::Hembesok,
        ContactKind::OanmaltHembesok,
        ContactKind::Telefon,
        ContactKind::Video,
        ContactKind::HandledningEnskild,
        ContactKind::HandledningGrupp,
        ContactKind::MoteSocialtjansten,
        ContactKind::Ovrigt,
    ];

    /// The stored name (as serde and the CLI write it).
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Hembesok => "hembesok",
            ContactKind::OanmaltHembesok => "oanmalt_hembesok",
            ContactKind::Telefon => "telefon",
            ContactKind::Video => "video",
            ContactKind::HandledningEnskild => "handledning_enskild",
            ContactKind::HandledningGrupp => "handledning_grupp",
            ContactKind::MoteSocialtjansten => "mote_socialtjansten",
            ContactKind::Ovrigt => "ovrigt",
        }
    }

    /// The kind of a stored name.
    pub fn parse(s: &str) -> Option<ContactKind> {
        ContactKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl crate::label::SwedishLabel for ContactKind {
    fn sv(self) -> &'static str {
        match self {
            ContactKind::Hembesok => "hembesök",
            ContactKind::OanmaltHembesok => "oanmält hembesök",
            ContactKind::Telefon => "telefonsamtal",
            ContactKind::Video => "videosamtal",
            ContactKind::HandledningEnskild => "handledningssamtal, enskilt",
            ContactKind::HandledningGrupp => "handledning i grupp",
            ContactKind::MoteSocialtjansten => "möte med socialtjänsten",
            ContactKind::Ovrigt => "övrig kontakt",
        }
    }
}

/// Someone who took part, named only by role (never by another person's personnummer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ParticipantRole {
    /// The placing municipality's socialsekreterare.
    Socialsekreterare,
    /// Someone of the child's birth family.
    Ursprungsfamilj,
    Skola,
    HalsoOchSjukvard,
    Tolk,
    /// A colleague at the agency.
    Kollega,
    Annan,
}

impl crate::label::SwedishLabel for ParticipantRole {
    fn sv(self) -> &'static str {
        match self {
            ParticipantRole::Socialsekreterare => "socialsekreterare",
            ParticipantRole::Ursprungsfamilj => "någon ur ursprungsfamiljen",
            ParticipantRole::Skola => "skolan",
            ParticipantRole::HalsoOchSjukvard => "hälso- och sjukvården",
            ParticipantRole::Tolk => "tolk",
            ParticipantRole::Kollega => "kollega på familjehemsenheten",
            ParticipantRole::Annan => "annan",
        }
    }
}

/// The period a plan line's count is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanPer {
    Week,
    Month,
    Quarter,
    Year,
}

impl crate::label::SwedishLabel for PlanPer {
    fn sv(self) -> &'static str {
        match self {
            PlanPer::Week => "i veckan",
            PlanPer::Month => "i månaden",
            PlanPer::Quarter => "i kvartalet",
            PlanPer::Year => "om året",
        }
    }
}
