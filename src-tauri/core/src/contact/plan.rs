//! The agreed contact plan of a home or of one of its placements: lines such as "one
//! hembesök a month" or "a telephone call a week". A line is never edited: the plan is
//! changed by ending a line (its `valid_to`) and adding a new one, so what was agreed
//! when stays readable, and the progress of a past month is counted against the plan of
//! that month.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{ContactKind, PlanPer};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::foster_home::HomeStatus;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::Problems;

/// The most contacts a line may ask for in its period.
pub const MAX_TIMES: u32 = 31;

/// One line of a contact plan.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PlanLine {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    /// The placement the line is for; `None`: the home's own plan.
    #[ts(type = "number | null")]
    pub placement_id: Option<i64>,
    /// The kind of contact that counts; `None`: a contact of any kind counts.
    pub kind: Option<ContactKind>,
    /// How many contacts per `per` (1–31).
    pub times: u32,
    pub per: PlanPer,
    pub valid_from: NaiveDate,
    /// The last day the line holds; `None`: until further notice.
    pub valid_to: Option<NaiveDate>,
}

/// What a form or the CLI gives to add a line.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanInput {
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number | null")]
    pub placement_id: Option<i64>,
    pub kind: Option<ContactKind>,
    pub times: u32,
    pub per: PlanPer,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// `person_restricted` when a member of the home, or the line's placed child, has their
/// data restricted: the plan is part of their files (as the journal refuses).
async fn ensure_unrestricted(
    conn: &mut SqliteConnection,
    home_id: i64,
    placement_id: Option<i64>,
) -> Result<()> {
    let mut ids = crate::person::home_member_ids(conn, home_id).await?;
    if let Some(p) = placement_id {
        let child = sqlx::query_scalar!("SELECT child_id FROM placements WHERE id = ?", p)
            .fetch_optional(&mut *conn)
            .await?;
        ids.extend(child);
    }
    crate::person::ensure_unrestricted(conn, &ids).await
}

/// Adds a line. Refused with the field named, nothing written: an unknown or closed
/// home (`home_id`), a placement that is not this home's or ended before the line starts
/// (`placement_id`), `times` outside 1–31, `valid_to` before `valid_from`.
pub async fn add_line(store: &Store, actor: &Actor, input: &PlanInput) -> Result<PlanLine> {
    let mut tx = store.begin().await?;
    let mut p = Problems::new();
    let status = sqlx::query_scalar!(
        r#"SELECT status AS "status: HomeStatus" FROM foster_homes WHERE id = ?"#,
        input.home_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match status {
        None => p.push("home_id", Reason::Unknown),
        Some(HomeStatus::Avslutad) => p.push("home_id", Reason::NotAllowed),
        Some(_) => {}
    }
    if let Some(pid) = input.placement_id {
        let placement = sqlx::query!(
            r#"SELECT home_id, end_date AS "end_date: NaiveDate" FROM placements WHERE id = ?"#,
            pid
        )
        .fetch_optional(&mut *tx)
        .await?;
        match placement {
            None => p.push("placement_id", Reason::Unknown),
            Some(pl) if pl.home_id != input.home_id => p.push("placement_id", Reason::NotAllowed),
            Some(pl) if pl.end_date.is_some_and(|e| e < input.valid_from) => {
                p.push("placement_id", Reason::NotAllowed)
            }
            Some(_) => {}
        }
    }
    if !(1..=MAX_TIMES).contains(&input.times) {
        p.push("times", Reason::Format);
    }
    if input.valid_to.is_some_and(|to| to < input.valid_from) {
        p.push("valid_to", Reason::Date);
    }
    p.finish()?;
    ensure_unrestricted(&mut tx, input.home_id, input.placement_id).await?;
    let now = Utc::now();
    let times = i64::from(input.times);
    let id = sqlx::query!(
        "INSERT INTO contact_plans (home_id, placement_id, kind, times, per, valid_from, valid_to,
                                    created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        input.home_id,
        input.placement_id,
        input.kind,
        times,
        input.per,
        input.valid_from,
        input.valid_to,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let line = one(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Create, EntityKind::ContactPlan, id).await?;
    Ok(line)
}

/// Ends a line: `on` is the last day it holds. Refused (`valid_to`): a day before the
/// line starts (`date`), or after the end it already has (`not_allowed`: a line's end
/// can be brought forward, never pushed back; add a new line instead).
pub async fn end_line(store: &Store, actor: &Actor, id: i64, on: NaiveDate) -> Result<PlanLine> {
    let mut tx = store.begin().await?;
    let line = one(&mut tx, id).await?;
    if on < line.valid_from {
        return Err(Error::invalid("valid_to", Reason::Date));
    }
    if line.valid_to.is_some_and(|to| on >= to) {
        return Err(Error::invalid("valid_to", Reason::NotAllowed));
    }
    ensure_unrestricted(&mut tx, line.home_id, line.placement_id).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE contact_plans SET valid_to = ?, updated_at = ? WHERE id = ?",
        on,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    let line = one(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::ContactPlan, id).await?;
    Ok(line)
}

/// Every line of a home's plan and of its placements' plans, ended ones included: the
/// home's own lines first, then by start.
pub async fn lines(store: &Store, home_id: i64) -> Result<Vec<PlanLine>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, home_id, None).await
}

/// One line, or `NotFound`.
async fn one(conn: &mut SqliteConnection, id: i64) -> Result<PlanLine> {
    let home_id = sqlx::query_scalar!("SELECT home_id FROM contact_plans WHERE id = ?", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound("contact plan line"))?;
    select(conn, home_id, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("contact plan line"))
}

/// The lines of a home (all, or the one with `id`).
pub(super) async fn select(
    conn: &mut SqliteConnection,
    home_id: i64,
    id: Option<i64>,
) -> Result<Vec<PlanLine>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", home_id, placement_id, kind AS "kind: ContactKind", times,
                  per AS "per: PlanPer", valid_from AS "valid_from: NaiveDate",
                  valid_to AS "valid_to: NaiveDate"
           FROM contact_plans WHERE home_id = ?1 AND (?2 IS NULL OR id = ?2)
           ORDER BY placement_id IS NOT NULL, placement_id, valid_from, id"#,
        home_id,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(PlanLine {
                id: r.id,
                home_id: r.home_id,
                placement_id: r.placement_id,
                kind: r.kind,
                times: u32::try_from(r.times)
                    .map_err(|_| Error::Internal("contact plan times".into()))?,
                per: r.per,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
            })
        })
        .collect()
}
