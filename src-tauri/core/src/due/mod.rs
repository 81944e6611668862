//! Bevakningar: one inbox of everything that falls due. Most lines are computed by a
//! rule from the data it reads (`rules/`), never stored, so a line disappears when its
//! data no longer makes it due; the rest are set by hand (`manual`). The inbox
//! (`inbox::build`) is the start screen, `akta due` and the desktop notification's count.
//! docs/FOLLOW-UPS.md describes every rule.

pub mod checks;
mod describe;
mod inbox;
pub mod kinds;
pub mod manual;
pub mod notify;
mod rules;
pub mod settings;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use inbox::build;
pub use kinds::{DueKind, EvidenceKind};
pub use notify::{notice, Lang, Notice};
pub use settings::DueSettings;

use crate::journal::JournalFile;
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;

/// What a rule reads besides the store: who asks, on which day, with which clocks.
pub(crate) struct Ctx<'a> {
    pub store: &'a Store,
    pub actor: &'a Actor,
    pub as_of: NaiveDate,
    pub settings: &'a Settings,
}

/// Where a line is dealt with (what the inbox opens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Place {
    /// A home's file.
    Home {
        #[ts(type = "number")]
        home_id: i64,
    },
    /// A person's file (a placed child's, an adult's).
    Person {
        #[ts(type = "number")]
        person_id: i64,
    },
    /// A placement, in its home's file.
    Placement {
        #[ts(type = "number")]
        placement_id: i64,
        #[ts(type = "number")]
        home_id: i64,
    },
    /// An investigation, in its home's file.
    Investigation {
        #[ts(type = "number")]
        investigation_id: i64,
        #[ts(type = "number")]
        home_id: i64,
    },
    /// A data-subject request.
    Request {
        #[ts(type = "number")]
        request_id: i64,
    },
    /// A concern report.
    Concern {
        #[ts(type = "number")]
        report_id: i64,
    },
    /// A journal entry (a draft), in its file.
    Entry {
        #[ts(type = "number")]
        entry_id: i64,
        file: JournalFile,
    },
    /// The monthly reports page, at a placement's month (`YYYY-MM`).
    MonthlyReport {
        #[ts(type = "number")]
        placement_id: i64,
        month: String,
        #[ts(type = "number | null")]
        report_id: Option<i64>,
    },
    /// The retention page.
    Retention,
}

/// What a line is grouped under: the home or the child (or other person) it is about,
/// or the agency as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Group {
    Home {
        #[ts(type = "number")]
        home_id: i64,
        name: String,
    },
    Person {
        #[ts(type = "number")]
        person_id: i64,
        name: String,
    },
    Agency,
}

/// The facts a line's sentence is made of: the UI words them from its translations,
/// the CLI in Swedish (`DueItem::describe`). Only what the rule needs is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Why {
    /// The person the line is about within its group (an adult to check, a child).
    pub person: Option<String>,
    /// The month (`YYYY-MM`) of a report or a plan.
    pub month: Option<String>,
    /// Done so far, against `expected` (contacts, training occasions).
    #[ts(type = "number | null")]
    pub done: Option<i64>,
    #[ts(type = "number | null")]
    pub expected: Option<i64>,
    /// The date the clock runs from (the last check, the start, the offer, the draft).
    pub since: Option<NaiveDate>,
    /// A sub-kind, as its closed set names it (a contact kind, a request kind, a
    /// concern reminder, a register, a plan period).
    pub detail: Option<String>,
    /// Whether the line is already late in a way its date alone does not say (a plan
    /// short last month).
    pub flagged: bool,
    /// A plan line's period (`week`, `month`, `quarter`, `year`).
    pub period: Option<String>,
    /// Contacts the plan's previous period asked for and did not get, not yet made up.
    #[ts(type = "number | null")]
    pub owed: Option<i64>,
    /// A hand-made bevakning's own text.
    pub text: Option<String>,
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueItem {
    /// Stable while the line's data is: `<kind>:<ids>` (the UI's key and test id).
    pub key: String,
    pub kind: DueKind,
    pub due_on: NaiveDate,
    pub bucket: Bucket,
    pub group: Group,
    pub place: Place,
    pub why: Why,
    /// The profile the line is for (a hand-made bevakning's, a draft's author); none:
    /// anyone's.
    #[ts(type = "number | null")]
    pub profile_id: Option<i64>,
    /// A hand-made bevakning's id (done, postponed, removed by it).
    #[ts(type = "number | null")]
    pub follow_up_id: Option<i64>,
}

/// When a line falls due, seen from `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Bucket {
    Overdue,
    Today,
    /// After today, up to and including Sunday of `as_of`'s week (Monday first).
    ThisWeek,
    Later,
}

impl Bucket {
    pub fn of(due_on: NaiveDate, as_of: NaiveDate) -> Bucket {
        let sunday =
            as_of + chrono::Days::new(u64::from(6 - as_of.weekday().num_days_from_monday()));
        if due_on < as_of {
            Bucket::Overdue
        } else if due_on == as_of {
            Bucket::Today
        } else if due_on <= sunday {
            Bucket::ThisWeek
        } else {
            Bucket::Later
        }
    }
}

/// How many lines are in each bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    #[ts(type = "number")]
    pub overdue: i64,
    #[ts(type = "number")]
    pub today: i64,
    #[ts(type = "number")]
    pub this_week: i64,
    #[ts(type = "number")]
    pub later: i64,
}

/// The inbox: every line that falls due for the acting profile, the earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Inbox {
    pub as_of: NaiveDate,
    pub items: Vec<DueItem>,
    pub counts: Counts,
}

impl DueItem {
    /// A line as a rule makes it; its bucket is set by the inbox.
    pub(crate) fn new(
        kind: DueKind,
        key: String,
        due_on: NaiveDate,
        group: Group,
        place: Place,
    ) -> Self {
        DueItem {
            key,
            kind,
            due_on,
            bucket: Bucket::Later,
            group,
            place,
            why: Why::default(),
            profile_id: None,
            follow_up_id: None,
        }
    }

    pub(crate) fn why(mut self, why: Why) -> Self {
        self.why = why;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn buckets_run_to_sunday_across_a_year_end() {
        // Wednesday 30 December 2026: the week ends Sunday 3 January 2027.
        let as_of = d(2026, 12, 30);
        assert_eq!(Bucket::of(d(2026, 12, 29), as_of), Bucket::Overdue);
        assert_eq!(Bucket::of(as_of, as_of), Bucket::Today);
        assert_eq!(Bucket::of(d(2027, 1, 3), as_of), Bucket::ThisWeek);
        assert_eq!(Bucket::of(d(2027, 1, 4), as_of), Bucket::Later);
        // On a Sunday the week holds only today.
        let sunday = d(2027, 1, 3);
        assert_eq!(Bucket::of(d(2027, 1, 4), sunday), Bucket::Later);
    }
}
