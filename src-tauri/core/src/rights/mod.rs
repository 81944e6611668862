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
mod extract_info;
pub mod extract_letter;
mod extract_pdf;
pub mod rectify;
pub mod withhold;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate::{self, Problems};

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

const MAX_TEXT: usize = 2_000;

struct Row {
    id: i64,
    person_id: Option<i64>,
    person_name: Option<String>,
    kind: RequestKind,
    received_on: NaiveDate,
    identity_method: Option<String>,
    identity_verified_on: Option<NaiveDate>,
    extended_months: i64,
    extension_reason: Option<String>,
    extension_told_on: Option<NaiveDate>,
    status: RequestStatus,
    outcome: Option<String>,
    completed_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
}

fn with_deadline(r: Row, today: NaiveDate) -> Request {
    let months = u32::try_from(r.extended_months).unwrap_or(0);
    let first_due_on = due_date(r.received_on, r.identity_verified_on, 0);
    let due_on = due_date(r.received_on, r.identity_verified_on, months);
    let days_left = match (r.status, due_on) {
        (RequestStatus::Open, Some(d)) => Some((d - today).num_days()),
        _ => None,
    };
    Request {
        id: r.id,
        person_id: r.person_id,
        person_name: r.person_name,
        kind: r.kind,
        received_on: r.received_on,
        identity_method: r.identity_method,
        identity_verified_on: r.identity_verified_on,
        extended_months: r.extended_months,
        extension_reason: r.extension_reason,
        extension_told_on: r.extension_told_on,
        status: r.status,
        outcome: r.outcome,
        completed_on: r.completed_on,
        created_at: r.created_at,
        first_due_on,
        due_on,
        days_left,
    }
}

async fn select(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    person_id: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<Request>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT r.id AS "id!", r.person_id, p.given_name || ' ' || p.family_name AS "person_name: String",
                  r.kind AS "kind: RequestKind", r.received_on AS "received_on: NaiveDate",
                  r.identity_method, r.identity_verified_on AS "identity_verified_on: NaiveDate",
                  r.extended_months, r.extension_reason, r.extension_told_on AS "extension_told_on: NaiveDate",
                  r.status AS "status: RequestStatus", r.outcome, r.completed_on AS "completed_on: NaiveDate",
                  r.created_at AS "created_at: DateTime<Utc>"
           FROM dsr_requests r LEFT JOIN persons p ON p.id = r.person_id
           WHERE (?1 IS NULL OR r.id = ?1) AND (?2 IS NULL OR r.person_id = ?2)
           ORDER BY r.id"#,
        id,
        person_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<Request> = rows.into_iter().map(|r| with_deadline(r, today)).collect();
    // Open first, the most urgent first (overdue, then by deadline; waiting for identity
    // last among the open); then closed ones, newest first.
    out.sort_by_key(|r| {
        (
            r.status != RequestStatus::Open,
            r.due_on.is_none(),
            r.due_on,
            std::cmp::Reverse(r.id),
        )
    });
    Ok(out)
}

async fn one(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> Result<Request> {
    select(conn, Some(id), None, today)
        .await?
        .pop()
        .ok_or(Error::NotFound("request"))
}

/// Every request: open ones first, the most urgent first.
pub async fn list(store: &Store, actor: &Actor, today: NaiveDate) -> Result<Vec<Request>> {
    actor.require(Permission::ManageRequests)?;
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None, None, today).await
}

/// One person's requests.
pub async fn for_person(
    store: &Store,
    actor: &Actor,
    person_id: i64,
    today: NaiveDate,
) -> Result<Vec<Request>> {
    actor.require(Permission::ManageRequests)?;
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None, Some(person_id), today).await
}

/// One request.
pub async fn get(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<Request> {
    actor.require(Permission::ManageRequests)?;
    let mut conn = store.pool().acquire().await?;
    one(&mut conn, id, today).await
}

/// Whether `r` may be worked on now: open, of one of `kinds`, the requester's identity
/// verified. The refusal names the field that stops it.
fn check_workable(r: &Request, kinds: &[RequestKind]) -> Result<()> {
    if r.status != RequestStatus::Open {
        return Err(Error::invalid("status", Reason::NotAllowed));
    }
    if !kinds.contains(&r.kind) {
        return Err(Error::invalid("kind", Reason::NotAllowed));
    }
    if r.identity_verified_on.is_none() {
        return Err(Error::invalid("identity_verified_on", Reason::Required));
    }
    Ok(())
}

/// Request `id`, if it is open, of one of `kinds`, and its requester's identity is
/// verified: the one rule for every piece of work a request asks for.
pub(crate) async fn workable(
    conn: &mut SqliteConnection,
    id: i64,
    kinds: &[RequestKind],
    today: NaiveDate,
) -> Result<Request> {
    let r = one(conn, id, today).await?;
    check_workable(&r, kinds)?;
    Ok(r)
}

/// The person's newest request that may be worked on now (see [`workable`]), if any.
pub async fn open_verified(
    store: &Store,
    actor: &Actor,
    person_id: i64,
    kinds: &[RequestKind],
    today: NaiveDate,
) -> Result<Option<Request>> {
    let all = for_person(store, actor, person_id, today).await?;
    Ok(all
        .into_iter()
        .filter(|r| check_workable(r, kinds).is_ok())
        .max_by_key(|r| r.id))
}

/// Whether an open request holds the person's data (retention must not purge it).
pub async fn on_hold(conn: &mut SqliteConnection, person_id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM dsr_requests WHERE person_id = ? AND status = 'open') AS "held!: bool""#,
        person_id
    )
    .fetch_one(&mut *conn)
    .await?)
}

fn check_day(
    p: &mut Problems,
    field: &str,
    day: NaiveDate,
    not_before: NaiveDate,
    today: NaiveDate,
) {
    if day > today {
        p.push(field, Reason::Future);
    } else if day < not_before {
        p.push(field, Reason::Date);
    }
}

/// Registers a request. Identity may be verified now or later.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &RequestInput,
    today: NaiveDate,
) -> Result<Request> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let mut p = Problems::new();
    let exists = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?) AS "e!: bool""#,
        input.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        p.push("person_id", Reason::Unknown);
    }
    if input.received_on > today {
        p.push("received_on", Reason::Future);
    }
    let method = p.check(validate::optional_text(
        "identity_method",
        input.identity_method.as_deref(),
        200,
    ));
    match (&method, input.identity_verified_on) {
        (Some(Some(_)), None) => p.push("identity_verified_on", Reason::Required),
        (Some(None), Some(_)) => p.push("identity_method", Reason::Required),
        (_, Some(v)) => check_day(&mut p, "identity_verified_on", v, input.received_on, today),
        _ => {}
    }
    p.finish()?;
    let method = method.flatten();
    let now = Utc::now();
    let user = actor.user_id();
    let id = sqlx::query!(
        "INSERT INTO dsr_requests (person_id, kind, received_on, identity_method, identity_verified_on,
                                   created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        input.person_id,
        input.kind,
        input.received_on,
        method,
        input.identity_verified_on,
        user,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Request,
        Some(id),
    )
    .await?;
    let r = one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(r)
}

async fn open_request(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> Result<Request> {
    let r = one(conn, id, today).await?;
    if r.status != RequestStatus::Open {
        return Err(Error::invalid("status", Reason::NotAllowed));
    }
    Ok(r)
}

/// Audits a change of request `id` (its state, or what its extract withholds).
pub(crate) async fn audit_update(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i64,
) -> Result<()> {
    audit::record(
        conn,
        actor,
        AuditAction::Update,
        EntityKind::Request,
        Some(id),
    )
    .await
}

pub(crate) async fn updated(
    mut tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<Request> {
    audit_update(&mut tx, actor, id).await?;
    let r = one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(r)
}

/// Records how and when the requester's identity was verified: the clock starts.
pub async fn verify_identity(
    store: &Store,
    actor: &Actor,
    id: i64,
    method: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Request> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let r = open_request(&mut tx, id, today).await?;
    let mut p = Problems::new();
    let method = p.check(validate::required_text("identity_method", method, 200));
    check_day(&mut p, "identity_verified_on", on, r.received_on, today);
    p.finish()?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE dsr_requests SET identity_method = ?, identity_verified_on = ?, updated_at = ? WHERE id = ?",
        method,
        on,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    updated(tx, actor, id, today).await
}

/// Extends the deadline by one or two further months. The person must have been told,
/// with the reason, within the first month.
pub async fn extend(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &ExtensionInput,
    today: NaiveDate,
) -> Result<Request> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let r = open_request(&mut tx, id, today).await?;
    let mut p = Problems::new();
    if !(1..=2).contains(&input.months) || input.months <= r.extended_months {
        p.push("months", Reason::NotAllowed);
    }
    let reason = p.check(validate::required_multiline(
        "reason",
        &input.reason,
        MAX_TEXT,
    ));
    match r.first_due_on {
        // The clock has not started: there is nothing to extend yet.
        None => p.push("identity_verified_on", Reason::Required),
        Some(first_due) => {
            if input.told_on > today {
                p.push("told_on", Reason::Future);
            } else if input.told_on < r.received_on || input.told_on > first_due {
                p.push("told_on", Reason::NotAllowed);
            }
        }
    }
    p.finish()?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE dsr_requests SET extended_months = ?, extension_reason = ?, extension_told_on = ?, updated_at = ?
         WHERE id = ?",
        input.months,
        reason,
        input.told_on,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    updated(tx, actor, id, today).await
}

/// Closes a request as completed or refused, with its outcome.
pub async fn complete(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &CompletionInput,
    today: NaiveDate,
) -> Result<Request> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let r = open_request(&mut tx, id, today).await?;
    let mut p = Problems::new();
    if input.status == RequestStatus::Open {
        p.push("status", Reason::NotAllowed);
    }
    let outcome = p.check(validate::required_multiline(
        "outcome",
        &input.outcome,
        MAX_TEXT,
    ));
    check_day(
        &mut p,
        "completed_on",
        input.completed_on,
        r.received_on,
        today,
    );
    p.finish()?;
    close_in(
        &mut tx,
        id,
        input.status,
        outcome.as_deref(),
        input.completed_on,
    )
    .await?;
    updated(tx, actor, id, today).await
}

/// Writes a request's closing (inside the caller's transaction, which audits it).
pub(crate) async fn close_in(
    conn: &mut SqliteConnection,
    id: i64,
    status: RequestStatus,
    outcome: Option<&str>,
    on: NaiveDate,
) -> Result<()> {
    let now = Utc::now();
    sqlx::query!(
        "UPDATE dsr_requests SET status = ?, outcome = ?, completed_on = ?, updated_at = ? WHERE id = ?",
        status,
        outcome,
        on,
        now,
        id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Open requests that are overdue or due within `days` (the dashboard's list), most
/// urgent first, and those still waiting for identity.
pub async fn due_soon(store: &Store, today: NaiveDate, days: i64) -> Result<Vec<Request>> {
    let mut conn = store.pool().acquire().await?;
    Ok(select(&mut conn, None, None, today)
        .await?
        .into_iter()
        .filter(|r| r.status == RequestStatus::Open)
        .filter(|r| r.days_left.is_none_or(|d| d <= days))
        .collect())
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
