//! Legal holds: a person's or a home's files kept past their retention (a complaint,
//! an IVO case, a hold set by hand), and why a file must stay on a given day.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

use super::kinds;

/// A legal hold as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct LegalHold {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    #[ts(type = "number | null")]
    pub home_id: Option<i64>,
    pub reason: String,
    pub until: Option<NaiveDate>,
    pub lifted_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// What a form gives to place a hold.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HoldInput {
    /// `complaint`, `ivo` or `manual`.
    pub kind: String,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    #[ts(type = "number | null")]
    pub home_id: Option<i64>,
    pub reason: String,
    pub until: Option<NaiveDate>,
}

/// Places a legal hold on a person's or a home's files.
pub async fn add_hold(
    store: &Store,
    actor: &Actor,
    input: &HoldInput,
    today: NaiveDate,
) -> Result<LegalHold> {
    actor.require(Permission::ManageRetention)?;
    let mut p = crate::validate::Problems::new();
    if !kinds::is::<kinds::HoldKind>(&input.kind) {
        p.push("kind", Reason::Format);
    }
    if input.person_id.is_some() == input.home_id.is_some() {
        p.push("person_id", Reason::Required);
    }
    let reason = p.check(crate::validate::required_multiline(
        "reason",
        &input.reason,
        1000,
    ));
    if input.until.is_some_and(|u| u < today) {
        p.push("until", Reason::Date);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let now = Utc::now();
    let user = actor.user_id();
    let id = sqlx::query!(
        "INSERT INTO legal_holds (kind, person_id, home_id, reason, until, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        input.kind,
        input.person_id,
        input.home_id,
        reason,
        input.until,
        user,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(|e| match Error::from(e) {
        Error::Internal(m) if m.contains("FOREIGN KEY") => {
            Error::invalid("person_id", Reason::Unknown)
        }
        other => other,
    })?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::LegalHold,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    holds(store)
        .await?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or(Error::NotFound("hold"))
}

/// Lifts a hold from `on`.
pub async fn lift_hold(store: &Store, actor: &Actor, id: i64, on: NaiveDate) -> Result<()> {
    actor.require(Permission::ManageRetention)?;
    let mut tx = store.begin().await?;
    let done = sqlx::query!(
        "UPDATE legal_holds SET lifted_on = ? WHERE id = ? AND lifted_on IS NULL",
        on,
        id
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("hold", Reason::Unknown));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::LegalHold,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every hold, newest first.
pub async fn holds(store: &Store) -> Result<Vec<LegalHold>> {
    Ok(sqlx::query_as!(
        LegalHold,
        r#"SELECT id AS "id!", kind, person_id, home_id, reason, until AS "until: NaiveDate",
                  lifted_on AS "lifted_on: NaiveDate", created_at AS "created_at: DateTime<Utc>"
           FROM legal_holds ORDER BY id DESC"#
    )
    .fetch_all(store.pool())
    .await?)
}

/// The holds in force on a day and the persons with an open request, read once for
/// every file a survey looks at.
pub(super) struct Holds {
    /// (person, home, reason as shown), in the order the holds were set.
    holds: Vec<(Option<i64>, Option<i64>, String)>,
    requests: HashSet<i64>,
}

impl Holds {
    pub(super) async fn load(conn: &mut SqliteConnection, as_of: NaiveDate) -> Result<Holds> {
        let holds: Vec<(Option<i64>, Option<i64>, String)> = sqlx::query_as(
            "SELECT person_id, home_id,
                    CASE kind WHEN 'complaint' THEN 'Klagomål: ' WHEN 'ivo' THEN 'IVO-ärende: ' ELSE 'Spärr: ' END || reason
             FROM legal_holds
             WHERE lifted_on IS NULL AND (until IS NULL OR until >= ?1)
             ORDER BY id",
        )
        .bind(as_of)
        .fetch_all(&mut *conn)
        .await?;
        let requests: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT person_id FROM dsr_requests WHERE status = 'open' AND person_id IS NOT NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        Ok(Holds {
            holds,
            requests: requests.into_iter().collect(),
        })
    }

    /// Why the files of these persons (and this home) must stay.
    pub(super) fn reasons(&self, persons: &[i64], home: Option<i64>) -> Vec<String> {
        let mut out: Vec<String> = self
            .holds
            .iter()
            .filter(|(p, h, _)| {
                (h.is_some() && *h == home) || p.is_some_and(|p| persons.contains(&p))
            })
            .map(|(_, _, reason)| reason.clone())
            .collect();
        if persons.iter().any(|p| self.requests.contains(p)) {
            out.push("Öppen begäran enligt dataskyddsförordningen".to_owned());
        }
        out
    }
}

/// Why the files of these persons (and this home) must stay on `as_of`.
pub(super) async fn hold_reasons(
    conn: &mut SqliteConnection,
    persons: &[i64],
    home: Option<i64>,
    as_of: NaiveDate,
) -> Result<Vec<String>> {
    Ok(Holds::load(conn, as_of).await?.reasons(persons, home))
}
