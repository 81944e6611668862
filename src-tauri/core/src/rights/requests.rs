//! Reading requests: the list (most urgent first), one person's, one, each with its
//! deadline worked out; which may be worked on now; and which hold a person's data.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{due_date, Request, RequestKind, RequestStatus};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

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

pub(super) async fn one(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> Result<Request> {
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
