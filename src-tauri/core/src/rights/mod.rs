//! Data-subject rights (GDPR Art. 12–21): requests with their legal deadlines, the
//! register extract, rectification, restriction and erasure. Managing requests is the
//! data-protection role's work.
//!
//! Deadline: one calendar month from the day the clock starts (Art. 12(3)), where the
//! clock starts on receipt, or on the day the requester's identity was verified if that
//! is later (Art. 12(6): the clock waits for it). A month later than a day that the next
//! month does not have is that month's last day (31 January → 28 or 29 February).
//! The deadline may be extended by up to two further months (three in all from the
//! start) when the person is told, with the reason, within the first month.

pub mod document;
pub mod erasure;
pub mod extract;
mod extract_copies;
mod extract_gather;
mod extract_info;
pub mod extract_letter;
mod extract_pdf;
mod extract_save;
mod lifecycle;
pub mod rectify;
mod requests;
pub mod withhold;

pub(crate) use lifecycle::{audit_update, close_in, updated};
pub use lifecycle::{complete, create, extend, verify_identity};
pub(crate) use requests::workable;
pub use requests::{due_soon, for_person, get, list, on_hold, open_verified};

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum RequestKind {
    /// Register extract (Art. 15).
    Access,
    /// A copy in a machine-readable format (Art. 20).
    Portability,
    /// Rectification (Art. 16).
    Rectification,
    /// Erasure (Art. 17).
    Erasure,
    /// Restriction of processing (Art. 18).
    Restriction,
    /// Objection (Art. 21).
    Objection,
    /// Withdrawal of a consent (Art. 7(3)).
    ConsentWithdrawal,
}

impl crate::label::SwedishLabel for RequestKind {
    fn sv(self) -> &'static str {
        match self {
            RequestKind::Access => "registerutdrag",
            RequestKind::Portability => "kopia i maskinläsbart format",
            RequestKind::Rectification => "rättelse",
            RequestKind::Erasure => "radering",
            RequestKind::Restriction => "begränsning",
            RequestKind::Objection => "invändning",
            RequestKind::ConsentWithdrawal => "återkallat samtycke",
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum RequestStatus {
    Open,
    Completed,
    Refused,
}

impl crate::label::SwedishLabel for RequestStatus {
    fn sv(self) -> &'static str {
        match self {
            RequestStatus::Open => "pågår",
            RequestStatus::Completed => "klar",
            RequestStatus::Refused => "avslagen",
        }
    }
}

/// A request as stored, with its deadline worked out.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Request {
    #[ts(type = "number")]
    pub id: i64,
    /// `None` once the person has been erased.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// The person's name for the list (`None` once erased).
    pub person_name: Option<String>,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    pub identity_method: Option<String>,
    pub identity_verified_on: Option<NaiveDate>,
    #[ts(type = "number")]
    pub extended_months: i64,
    pub extension_reason: Option<String>,
    pub extension_told_on: Option<NaiveDate>,
    pub status: RequestStatus,
    pub outcome: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// The first month's last day (`None` while identity is unverified).
    pub first_due_on: Option<NaiveDate>,
    /// The deadline, with any extension (`None` while identity is unverified).
    pub due_on: Option<NaiveDate>,
    /// Days left until the deadline (negative when overdue); `None` when not running.
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
}

/// What a form gives to register a request.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestInput {
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    /// How identity was verified, if it already was (e.g. "BankID", "Legitimation").
    pub identity_method: Option<String>,
    pub identity_verified_on: Option<NaiveDate>,
}

/// Extending the deadline.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExtensionInput {
    /// 1 or 2 further months.
    #[ts(type = "number")]
    pub months: i64,
    pub reason: String,
    /// When the person was told (within the first month).
    pub told_on: NaiveDate,
}

/// Closing a request.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompletionInput {
    /// `completed` or `refused`.
    pub status: RequestStatus,
    pub outcome: String,
    pub completed_on: NaiveDate,
}

/// `months` calendar months after `day`; a day the target month lacks becomes its last.
pub fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The day the clock starts: receipt, or verification of identity when later; `None`
/// while identity is unverified.
pub fn clock_start(received: NaiveDate, verified: Option<NaiveDate>) -> Option<NaiveDate> {
    verified.map(|v| v.max(received))
}

/// The deadline: one month from the clock's start, plus any extension.
pub fn due_date(
    received: NaiveDate,
    verified: Option<NaiveDate>,
    extended_months: u32,
) -> Option<NaiveDate> {
    clock_start(received, verified).map(|s| add_months(s, 1 + extended_months.min(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn one_calendar_month_ends_on_the_last_day_of_a_shorter_month() {
        assert_eq!(
            due_date(d("2026-01-31"), Some(d("2026-01-31")), 0),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            due_date(d("2028-01-31"), Some(d("2028-01-31")), 0),
            Some(d("2028-02-29"))
        );
        assert_eq!(
            due_date(d("2026-03-31"), Some(d("2026-03-31")), 0),
            Some(d("2026-04-30"))
        );
        assert_eq!(
            due_date(d("2026-12-15"), Some(d("2026-12-15")), 0),
            Some(d("2027-01-15"))
        );
        assert_eq!(
            due_date(d("2026-02-28"), Some(d("2026-02-28")), 0),
            Some(d("2026-03-28"))
        );
    }

    #[test]
    fn the_clock_waits_for_identity_and_extensions_count_from_the_start() {
        assert_eq!(due_date(d("2026-01-10"), None, 0), None);
        // Verified later: the month runs from verification.
        assert_eq!(
            due_date(d("2026-01-10"), Some(d("2026-01-31")), 0),
            Some(d("2026-02-28"))
        );
        // Verified before receipt (e.g. at an earlier meeting): from receipt.
        assert_eq!(
            due_date(d("2026-01-10"), Some(d("2026-01-02")), 0),
            Some(d("2026-02-10"))
        );
        // Two further months: three in all from the start.
        assert_eq!(
            due_date(d("2025-11-30"), Some(d("2025-11-30")), 2),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            due_date(d("2026-01-31"), Some(d("2026-01-31")), 2),
            Some(d("2026-04-30"))
        );
        assert_eq!(
            due_date(d("2026-01-31"), Some(d("2026-01-31")), 1),
            Some(d("2026-03-31"))
        );
        // Never more than two further months.
        assert_eq!(
            due_date(d("2026-01-31"), Some(d("2026-01-31")), 7),
            Some(d("2026-04-30"))
        );
    }
}
