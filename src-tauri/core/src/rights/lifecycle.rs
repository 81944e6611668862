//! A request's steps: registering it, verifying the requester's identity (the clock
//! starts), extending the deadline, and closing it; each audited.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::requests::one;
use super::{CompletionInput, ExtensionInput, Request, RequestInput, RequestStatus};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate::{self, Problems};

const MAX_TEXT: usize = 2_000;

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
