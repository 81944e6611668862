//! Interest notices (intresseanmälningar) from private persons. A notice can be taken
//! up: it becomes a person and a foster home, of the kind the caseworker chooses, under
//! investigation. On request it is deleted completely (with `secure_delete`, its bytes
//! are overwritten in the file), leaving only an audit event with its id.

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

/// What taking a notice up will create: shown to the caseworker before she confirms.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct TakeUpPlan {
    /// The new home's name.
    pub home_name: String,
    /// The status the new home starts in.
    pub status: HomeStatus,
    /// The new home's city (the notice's).
    pub city: Option<String>,
    /// The persons registered and made members of the home.
    pub persons: Vec<PlannedMember>,
}

/// A person a take-up registers, with their place in the new home.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PlannedMember {
    pub given_name: String,
    pub family_name: String,
    pub role: MemberRole,
}

/// The status a home taken up from a notice starts in.
const TAKEN_UP_STATUS: HomeStatus = HomeStatus::Utreds;

fn plan_for(n: &InterestNotice) -> TakeUpPlan {
    TakeUpPlan {
        home_name: format!("Familjen {}", n.family_name),
        status: TAKEN_UP_STATUS,
        city: n.city.clone(),
        persons: vec![PlannedMember {
            given_name: n.given_name.clone(),
            family_name: n.family_name.clone(),
            role: MemberRole::Vuxen,
        }],
    }
}

/// A notice that can still be taken up: refused when it already was.
async fn open_notice(store: &Store, id: i64) -> Result<InterestNotice> {
    let n = one(store, id).await?;
    if n.home_id.is_some() {
        return Err(Error::invalid("notice", Reason::NotAllowed));
    }
    Ok(n)
}

/// What taking the notice up would create, without creating anything. Refused, like
/// the take-up itself, for a notice already taken up.
pub async fn plan(store: &Store, id: i64) -> Result<TakeUpPlan> {
    Ok(plan_for(&open_notice(store, id).await?))
}

/// Takes a notice up as the plan says: its person is registered and a home of `kind`
/// is opened under investigation with them as an adult. Returns the home's id. A notice
/// already taken up is refused (`notice`: not allowed) and nothing is created.
pub async fn take_up(
    store: &Store,
    actor: &Actor,
    id: i64,
    kind: HomeKind,
    today: NaiveDate,
) -> Result<i64> {
    let n = open_notice(store, id).await?;
    let plan = plan_for(&n);
    let mut person_ids = Vec::with_capacity(plan.persons.len());
    for m in &plan.persons {
        let person = person::add(
            store,
            actor,
            &PersonInput {
                given_name: m.given_name.clone(),
                family_name: m.family_name.clone(),
                email: n.email.clone(),
                phone: n.phone.clone(),
                city: n.city.clone(),
                ..Default::default()
            },
            today,
        )
        .await?;
        person_ids.push((person.id, m.role));
    }
    let home = foster_home::add_with_status(
        store,
        actor,
        &FosterHomeInput {
            name: plan.home_name.clone(),
            kind,
            street_address: None,
            postal_code: None,
            city: plan.city.clone(),
            municipality_id: None,
        },
        plan.status,
        today,
    )
    .await?;
    for (person_id, role) in person_ids {
        foster_home::add_member(store, actor, home.id, person_id, role).await?;
    }
    let mut tx = store.begin().await?;
    let claimed = sqlx::query!(
        "UPDATE interest_notices SET home_id = ? WHERE id = ? AND home_id IS NULL",
        home.id,
        id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        // Taken up by another take-up while this one ran (the person, home and member
        // above are separate transactions): the notice keeps the first home.
        return Err(Error::invalid("notice", Reason::NotAllowed));
    }
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
