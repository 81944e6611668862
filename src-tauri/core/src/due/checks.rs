//! Renewals of an approved home's evidence: that an adult of the home had a register
//! extract (from which register) or a health declaration taken again, and when. Never
//! the extract itself. The rules in `rules/evidence.rs` count these beside the
//! investigation's own items; recording one moves the adult's next check on.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::EvidenceKind;
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::investigation::Register;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::Problems;

/// What a form or the CLI gives for one renewed check of a home's adult.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckInput {
    /// An adult member of the home (who had not left before `checked_on`).
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: EvidenceKind,
    /// The register of a register extract; none for a health declaration.
    pub register: Option<Register>,
    /// The day the extract or declaration was taken (not in the future).
    pub checked_on: NaiveDate,
}

/// One renewed check, as the home's file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceCheck {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    /// The adult's name (given and family name).
    pub person_name: String,
    pub kind: EvidenceKind,
    pub register: Option<Register>,
    pub checked_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// The earliest date a check may carry.
fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Records a renewed check of an adult of `home_id`. Refused, field named and nothing
/// written: an unknown home (`home_id`: unknown) or a closed one (`home_id`: not
/// allowed); an unknown person (`person_id`: unknown) or one who is not an adult member
/// of the home, or had left it before the date (`person_id`: not allowed); a register
/// extract without its register (`register`: required) or a health declaration with one
/// (`register`: not allowed); a date in the future (`checked_on`: future) or before 1900
/// (`checked_on`: date). A person whose processing is restricted is refused; so is an
/// actor without a profile (the row names who recorded it).
pub async fn add(
    store: &Store,
    actor: &Actor,
    home_id: i64,
    input: &CheckInput,
    today: NaiveDate,
) -> Result<EvidenceCheck> {
    let author = actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let mut p = Problems::new();
    let status: Option<String> =
        sqlx::query_scalar!("SELECT status FROM foster_homes WHERE id = ?", home_id)
            .fetch_optional(&mut *tx)
            .await?;
    match status.as_deref() {
        None => p.push("home_id", Reason::Unknown),
        Some("avslutad") => p.push("home_id", Reason::NotAllowed),
        Some(_) => {}
    }
    let person = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        input.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if person == 0 {
        p.push("person_id", Reason::Unknown);
    } else if status.is_some()
        && crate::foster_home::role_on(&mut tx, home_id, input.person_id, input.checked_on).await?
            != Some(crate::foster_home::MemberRole::Vuxen)
    {
        p.push("person_id", Reason::NotAllowed);
    }
    match (input.kind, input.register) {
        (EvidenceKind::RegisterExtract, None) => p.push("register", Reason::Required),
        (EvidenceKind::HealthDeclaration, Some(_)) => p.push("register", Reason::NotAllowed),
        _ => {}
    }
    if input.checked_on > today {
        p.push("checked_on", Reason::Future);
    } else if input.checked_on < earliest() {
        p.push("checked_on", Reason::Date);
    }
    p.finish()?;
    crate::person::ensure_unrestricted(&mut tx, &[input.person_id]).await?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO evidence_checks (home_id, person_id, kind, register, checked_on, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        home_id,
        input.person_id,
        input.kind,
        input.register,
        input.checked_on,
        author,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::EvidenceCheck,
        Some(id),
    )
    .await?;
    let row = select(&mut tx, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("evidence check"))?;
    tx.commit().await?;
    Ok(row)
}

/// Deletes a check recorded by mistake (the audit log keeps that it was). Refused for a
/// person whose processing is restricted.
pub async fn delete(store: &Store, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let person = sqlx::query_scalar!("SELECT person_id FROM evidence_checks WHERE id = ?", id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("evidence check"))?;
    crate::person::ensure_unrestricted(&mut tx, &[person]).await?;
    sqlx::query!("DELETE FROM evidence_checks WHERE id = ?", id)
        .execute(&mut *tx)
        .await?;
    audit::record_and_commit(
        tx,
        actor,
        AuditAction::Delete,
        EntityKind::EvidenceCheck,
        id,
    )
    .await
}

/// The checks of a home, or the one with `id`; the latest first.
async fn select(
    conn: &mut SqliteConnection,
    home: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<EvidenceCheck>> {
    let rows = sqlx::query!(
        r#"SELECT c.id AS "id!", c.home_id, c.person_id, p.given_name, p.family_name,
                  c.kind AS "kind: EvidenceKind", c.register AS "register: Register",
                  c.checked_on AS "checked_on: NaiveDate", c.created_at AS "created_at: DateTime<Utc>"
           FROM evidence_checks c JOIN persons p ON p.id = c.person_id
           WHERE (?1 IS NOT NULL AND c.id = ?1) OR (?1 IS NULL AND c.home_id = ?2)
           ORDER BY c.checked_on DESC, c.id DESC"#,
        id,
        home
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EvidenceCheck {
            id: r.id,
            home_id: r.home_id,
            person_id: r.person_id,
            person_name: format!("{} {}", r.given_name, r.family_name),
            kind: r.kind,
            register: r.register,
            checked_on: r.checked_on,
            created_at: r.created_at,
        })
        .collect())
}

/// A home's renewed checks, the latest first. Shown in the home's file, whose read is
/// audited.
pub async fn list_for_home(store: &Store, home_id: i64) -> Result<Vec<EvidenceCheck>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(home_id), None).await
}
