//! Contacts with active homes (kontakter): a contact is a journal entry of the home's
//! file with structure beside it (kind, time, length, who took part, themes), so it is
//! drafted, signed, amended, objected to, searched, purged and erased exactly like every
//! other entry. The agreed contact plans (per home or per placement) and what was done
//! against them in a month and a year.

mod check;
mod details;
mod kinds;
pub mod plan;
pub mod progress;
mod repo;
mod themes;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use kinds::{ContactKind, ParticipantRole, PlanPer};
pub use plan::{add_line, end_line, lines, PlanInput, PlanLine};
pub use progress::{
    behind, glance, progress_in, BehindHome, BehindLine, HomePlanGlance, LineGlance, PlanProgress,
};
pub use repo::{add, list, update};
pub use themes::{add_theme, themes};

pub(crate) use check::check_new_date;
pub(crate) use details::details_of;

/// Longest accepted theme label, in characters.
pub const MAX_THEME_LABEL_CHARS: usize = 60;

/// Someone who took part: a person of the registry (a member of the home, adults and
/// its own children, or a child placed there) or, for everyone else, a role — never a
/// typed personnummer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Participant {
    Person {
        #[ts(type = "number")]
        person_id: i64,
    },
    Role {
        role: ParticipantRole,
    },
}

/// What a form (or `akta contact add`) gives for a contact with a home.
///
/// Exported to TypeScript as `HomeContactInput`: `ContactInput` there is a person's
/// contact details (`person::ContactInput`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, rename = "HomeContactInput")]
pub struct ContactInput {
    #[ts(type = "number")]
    pub home_id: i64,
    /// The placed child the contact concerns (none: the home as a whole).
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    pub kind: ContactKind,
    /// The day it happened (the entry's event date).
    pub date: NaiveDate,
    /// Local wall-clock time it started, `HH:MM`.
    pub starts_at: String,
    /// How long it lasted, in minutes (1–1440).
    pub minutes: Option<u32>,
    pub participants: Vec<Participant>,
    /// Codes of the contact themes.
    pub themes: Vec<String>,
    /// The note.
    pub text: String,
}

/// One theme of the editable list. A retired theme is no longer offered but is still
/// shown on the contacts that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactTheme {
    pub code: String,
    pub label: String,
    pub retired: bool,
}

/// Someone who took part, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ContactParticipant {
    Person {
        #[ts(type = "number")]
        person_id: i64,
        name: String,
    },
    Role {
        role: ParticipantRole,
    },
}

/// A contact's structure, shown with its journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactDetails {
    pub kind: ContactKind,
    #[ts(type = "number | null")]
    pub child_id: Option<i64>,
    pub child_name: Option<String>,
    /// Local wall-clock time it started, `HH:MM`.
    pub starts_at: String,
    pub minutes: Option<u32>,
    /// Persons first, in the order given, then roles.
    pub participants: Vec<ContactParticipant>,
    /// In the list's order.
    pub themes: Vec<ContactTheme>,
}
