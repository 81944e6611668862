//! Interest notices (intressenotiser) from private persons. A notice can be taken up:
//! it becomes a person and a foster home under investigation. On request it is deleted
//! completely (with `secure_delete`, its bytes are overwritten in the file), leaving only
//! an audit event with its id.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, MemberRole};
use crate::person::{self, PersonInput};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// A notice as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct InterestNotice {
    #[ts(type = "number")]
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub message: Option<String>,
    pub received_on: NaiveDate,
    /// The home it became, once taken up.
    #[ts(type = "number | null")]
    pub home_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// What a form gives for a new notice.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InterestNoticeInput {
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub message: Option<String>,
    pub received_on: NaiveDate,
}

async fn one(store: &Store, id: i64) -> Result<InterestNotice> {
    sqlx::query_as!(
        InterestNotice,
        r#"SELECT id, given_name, family_name, email, phone, city, message,
                  received_on AS "received_on: NaiveDate", home_id, created_at AS "created_at: DateTime<Utc>"
           FROM interest_notices WHERE id = ?"#,
        id
    )
    .fetch_optional(store.pool())
    .await?
    .ok_or(Error::NotFound("interest notice"))
}

/// Registers a notice; invalid input writes nothing.
pub async fn add(
    store: &Store,
    actor: &Actor,
    input: &InterestNoticeInput,
    today: NaiveDate,
) -> Result<InterestNotice> {
    let mut p = Problems::new();
    let given = p.check(validate::required_text(
        "given_name",
        &input.given_name,
        100,
    ));
    let family = p.check(validate::required_text(
        "family_name",
        &input.family_name,
        100,
    ));
    let email = p
        .check(validate::optional_email("email", input.email.as_deref()))
        .flatten();
    let phone = p
        .check(validate::optional_phone("phone", input.phone.as_deref()))
        .flatten();
    let city = p
        .check(validate::optional_text("city", input.city.as_deref(), 100))
        .flatten();
    let message = p
        .check(validate::optional_multiline(
            "message",
            input.message.as_deref(),
            10_000,
        ))
        .flatten();
    if input.received_on > today {
        p.push("received_on", Reason::Future);
    }
    p.finish()?;
    let (Some(given), Some(family)) = (given, family) else {
        return Err(Error::Internal("validation state".into()));
    };
    let now = Utc::now();
    let mut tx = store.begin().await?;
    let id = sqlx::query!(
        "INSERT INTO interest_notices (given_name, family_name, email, phone, city, message, received_on, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        given,
        family,
        email,
        phone,
        city,
        message,
        input.received_on,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::InterestNotice,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    one(store, id).await
}

/// Every notice, newest first.
pub async fn list(store: &Store) -> Result<Vec<InterestNotice>> {
    Ok(sqlx::query_as!(
        InterestNotice,
        r#"SELECT id, given_name, family_name, email, phone, city, message,
                  received_on AS "received_on: NaiveDate", home_id, created_at AS "created_at: DateTime<Utc>"
           FROM interest_notices ORDER BY received_on DESC, id DESC"#
    )
    .fetch_all(store.pool())
    .await?)
}

/// Takes a notice up: its person is registered and a foster home is opened under
/// investigation with them as an adult. Returns the home's id.
pub async fn take_up(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<i64> {
    let n = one(store, id).await?;
    if n.home_id.is_some() {
        return Err(Error::invalid("notice", Reason::NotAllowed));
    }
    let person = person::add(
        store,
        actor,
        &PersonInput {
            given_name: n.given_name.clone(),
            family_name: n.family_name.clone(),
            email: n.email.clone(),
            phone: n.phone.clone(),
            city: n.city.clone(),
            ..Default::default()
        },
        today,
    )
    .await?;
    let home = foster_home::add_with_status(
        store,
        actor,
        &FosterHomeInput {
            name: format!("Familjen {}", n.family_name),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: n.city.clone(),
            municipality_id: None,
        },
        HomeStatus::Utreds,
        today,
    )
    .await?;
    foster_home::add_member(store, actor, home.id, person.id, MemberRole::Vuxen).await?;
    let mut tx = store.begin().await?;
    sqlx::query!(
        "UPDATE interest_notices SET home_id = ? WHERE id = ?",
        home.id,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::InterestNotice,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(home.id)
}

/// Deletes a notice completely, at once (the person's request). What it became when it
/// was taken up (a person and a home under investigation) is casework and stays.
pub async fn delete(store: &Store, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let gone = sqlx::query!("DELETE FROM interest_notices WHERE id = ?", id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(Error::NotFound("interest notice"));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Delete,
        EntityKind::InterestNotice,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    // Leave no freed page with the notice in the WAL or the database file.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    Ok(())
}
