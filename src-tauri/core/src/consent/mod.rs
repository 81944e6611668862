//! The register of processing activities (what the agency processes, why, on which
//! legal basis, for whom and how long), each person's link to the processings their
//! data serves, and consents. Withdrawing a consent stops the processing that rests on
//! it: the person's link to it ends, and the person shows it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// The legal basis of a processing (GDPR Art. 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum LegalBasis {
    Avtal,
    RattsligForpliktelse,
    BerattigatIntresse,
    Samtycke,
}

impl LegalBasis {
    /// The basis as a register extract names it, in Swedish.
    pub fn describe(self) -> &'static str {
        match self {
            LegalBasis::Avtal => "Avtal (artikel 6.1 b)",
            LegalBasis::RattsligForpliktelse => "Rättslig förpliktelse (artikel 6.1 c)",
            LegalBasis::BerattigatIntresse => "Berättigat intresse (artikel 6.1 f)",
            LegalBasis::Samtycke => "Samtycke (artikel 6.1 a)",
        }
    }
}

/// One processing activity of the register.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ProcessingActivity {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub purpose: String,
    pub legal_basis: LegalBasis,
    pub data_categories: String,
    pub recipients: String,
    pub retention: String,
}

/// A consent as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Consent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    #[ts(type = "number")]
    pub activity_id: i64,
    pub purpose: String,
    pub given_on: NaiveDate,
    pub evidence: String,
    pub withdrawn_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// A person's processings and consents, as shown on the person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PersonConsents {
    /// The processings the person's data serves now.
    pub processings: Vec<ProcessingActivity>,
    pub consents: Vec<Consent>,
}

/// What a form gives to record a consent.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsentInput {
    #[ts(type = "number")]
    pub person_id: i64,
    #[ts(type = "number")]
    pub activity_id: i64,
    pub given_on: NaiveDate,
    /// How the consent was given (e.g. "Underskriven blankett, arkiverad i akten").
    pub evidence: String,
}

/// The whole register.
pub async fn activities(store: &Store) -> Result<Vec<ProcessingActivity>> {
    let mut conn = store.pool().acquire().await?;
    activities_in(&mut conn).await
}

/// The whole register, inside the caller's connection or transaction.
pub(crate) async fn activities_in(conn: &mut SqliteConnection) -> Result<Vec<ProcessingActivity>> {
    Ok(sqlx::query_as!(
        ProcessingActivity,
        r#"SELECT id, code, purpose, legal_basis AS "legal_basis: LegalBasis", data_categories, recipients, retention
           FROM processing_activities ORDER BY id"#
    )
    .fetch_all(&mut *conn)
    .await?)
}

async fn link(conn: &mut SqliteConnection, person_id: i64, activity_id: i64) -> Result<()> {
    sqlx::query!(
        "INSERT OR IGNORE INTO person_processings (person_id, activity_id) VALUES (?, ?)",
        person_id,
        activity_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Links a person's data to the processing with `code` (inside the caller's
/// transaction): done by the services whose data serves it (a home's members and placed
/// children: `vardverksamhet`; the people of a concern report: `administration`).
pub(crate) async fn link_code(
    conn: &mut SqliteConnection,
    person_id: i64,
    code: &str,
) -> Result<()> {
    sqlx::query!(
        "INSERT OR IGNORE INTO person_processings (person_id, activity_id)
         SELECT ?, id FROM processing_activities WHERE code = ?",
        person_id,
        code
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Links a person's data to a processing it serves (not one resting on consent: that
/// link comes with the consent).
pub async fn link_person(
    store: &Store,
    actor: &Actor,
    person_id: i64,
    activity_id: i64,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let basis = sqlx::query_scalar!(
        r#"SELECT legal_basis AS "b: LegalBasis" FROM processing_activities WHERE id = ?"#,
        activity_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::invalid("activity_id", Reason::Unknown))?;
    if basis == LegalBasis::Samtycke {
        return Err(Error::invalid("activity_id", Reason::NotAllowed));
    }
    let person = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if person == 0 {
        return Err(Error::invalid("person_id", Reason::Unknown));
    }
    link(&mut tx, person_id, activity_id).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Person,
        Some(person_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a consent to a processing that rests on consent; the processing of the
/// person's data may then go on.
pub async fn give(
    store: &Store,
    actor: &Actor,
    input: &ConsentInput,
    today: NaiveDate,
) -> Result<Consent> {
    let mut tx = store.begin().await?;
    let mut p = Problems::new();
    let person = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        input.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if person == 0 {
        p.push("person_id", Reason::Unknown);
    }
    let basis = sqlx::query_scalar!(
        r#"SELECT legal_basis AS "b: LegalBasis" FROM processing_activities WHERE id = ?"#,
        input.activity_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match basis {
        None => p.push("activity_id", Reason::Unknown),
        Some(b) if b != LegalBasis::Samtycke => p.push("activity_id", Reason::NotAllowed),
        Some(_) => {}
    }
    let active = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM consents WHERE person_id = ? AND activity_id = ? AND withdrawn_on IS NULL"#,
        input.person_id,
        input.activity_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if active > 0 {
        p.push("activity_id", Reason::Duplicate);
    }
    if input.given_on > today {
        p.push("given_on", Reason::Future);
    }
    let evidence = p.check(validate::required_text("evidence", &input.evidence, 500));
    p.finish()?;
    let evidence = evidence.ok_or(Error::Internal("validation state".into()))?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO consents (person_id, activity_id, given_on, evidence, created_at) VALUES (?, ?, ?, ?, ?)",
        input.person_id,
        input.activity_id,
        input.given_on,
        evidence,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    link(&mut tx, input.person_id, input.activity_id).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Consent,
        Some(id),
    )
    .await?;
    let consent = select(&mut tx, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("consent"))?;
    tx.commit().await?;
    Ok(consent)
}

/// Withdraws a consent: the processing that rests on it stops for this person.
pub async fn withdraw(
    store: &Store,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Consent> {
    let mut tx = store.begin().await?;
    let c = select(&mut tx, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("consent"))?;
    let mut p = Problems::new();
    if c.withdrawn_on.is_some() {
        p.push("consent", Reason::NotAllowed);
    }
    if on > today {
        p.push("withdrawn_on", Reason::Future);
    } else if on < c.given_on {
        p.push("withdrawn_on", Reason::Date);
    }
    p.finish()?;
    sqlx::query!("UPDATE consents SET withdrawn_on = ? WHERE id = ?", on, id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "DELETE FROM person_processings WHERE person_id = ? AND activity_id = ?",
        c.person_id,
        c.activity_id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Consent,
        Some(id),
    )
    .await?;
    let consent = select(&mut tx, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("consent"))?;
    tx.commit().await?;
    Ok(consent)
}

async fn select(
    conn: &mut SqliteConnection,
    person_id: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<Consent>> {
    Ok(sqlx::query_as!(
        Consent,
        r#"SELECT c.id AS "id!", c.person_id, c.activity_id, a.purpose, c.given_on AS "given_on: NaiveDate", c.evidence,
                  c.withdrawn_on AS "withdrawn_on: NaiveDate", c.created_at AS "created_at: DateTime<Utc>"
           FROM consents c JOIN processing_activities a ON a.id = c.activity_id
           WHERE (?1 IS NOT NULL AND c.id = ?1) OR (?1 IS NULL AND c.person_id = ?2)
           ORDER BY c.given_on DESC, c.id DESC"#,
        id,
        person_id
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A person's processings and consents (shown with the person, whose read is audited).
pub async fn for_person(store: &Store, person_id: i64) -> Result<PersonConsents> {
    let mut conn = store.pool().acquire().await?;
    let processings = sqlx::query_as!(
        ProcessingActivity,
        r#"SELECT a.id AS "id!", a.code, a.purpose, a.legal_basis AS "legal_basis: LegalBasis", a.data_categories,
                  a.recipients, a.retention
           FROM person_processings pp JOIN processing_activities a ON a.id = pp.activity_id
           WHERE pp.person_id = ? ORDER BY a.id"#,
        person_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let consents = select(&mut conn, Some(person_id), None).await?;
    Ok(PersonConsents {
        processings,
        consents,
    })
}

/// May the person's data be processed for `code` now? For a processing resting on
/// consent only while the consent stands.
pub async fn processing_allowed(store: &Store, person_id: i64, code: &str) -> Result<bool> {
    let n = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM person_processings pp JOIN processing_activities a ON a.id = pp.activity_id
           WHERE pp.person_id = ? AND a.code = ?"#,
        person_id,
        code
    )
    .fetch_one(store.pool())
    .await?;
    Ok(n > 0)
}
