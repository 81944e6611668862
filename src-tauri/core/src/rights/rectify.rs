//! Rectification (Art. 16) of registry data, keeping what each value was, and
//! restriction (Art. 18): the person's data stays and is shown with a banner, but
//! nothing new is written about them until the restriction is lifted. (A signed journal
//! entry is rectified by an amendment: `journal::amend`, which a restriction allows.)

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::person::{self, Person, PersonInput};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// One earlier value of a rectified field.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Rectification {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub at: chrono::DateTime<Utc>,
    #[ts(type = "number | null")]
    pub request_id: Option<i64>,
}

/// Corrects a person's registry data. Every changed field is kept in the history with
/// its old value; invalid input or a number another person has changes nothing.
pub async fn rectify_person(
    store: &Store,
    actor: &Actor,
    person_id: i64,
    input: &PersonInput,
    request_id: Option<i64>,
    today: NaiveDate,
) -> Result<Person> {
    let new = input.validate(today)?;
    let mut tx = store.begin().await?;
    let old = person::repo::get(&mut tx, person_id)
        .await?
        .ok_or(Error::NotFound("person"))?;
    if let Some(r) = request_id {
        let belongs: Option<i64> =
            sqlx::query_scalar("SELECT id FROM dsr_requests WHERE id = ? AND person_id = ?")
                .bind(r)
                .bind(person_id)
                .fetch_optional(&mut *tx)
                .await?;
        if belongs.is_none() {
            return Err(Error::invalid("request_id", Reason::Unknown));
        }
    }
    let digits = new.number.as_ref().map(|n| n.digits().to_owned());
    if let Some(d) = &digits {
        if let Some(other) = person::repo::id_by_number(&mut tx, d).await? {
            if other != person_id {
                return Err(Error::invalid("personal_number", Reason::Duplicate));
            }
        }
    }
    let kind = new.number.as_ref().map(|n| n.kind());
    let yes_no = |b: bool| Some(if b { "ja" } else { "nej" }.to_owned());
    let changes: Vec<(&str, Option<String>, Option<String>)> = [
        (
            "personal_number",
            old.personal_number.clone(),
            digits.clone(),
        ),
        (
            "given_name",
            Some(old.given_name.clone()),
            Some(new.given_name.clone()),
        ),
        (
            "family_name",
            Some(old.family_name.clone()),
            Some(new.family_name.clone()),
        ),
        ("email", old.email.clone(), new.email.clone()),
        ("phone", old.phone.clone(), new.phone.clone()),
        (
            "street_address",
            old.street_address.clone(),
            new.street_address.clone(),
        ),
        (
            "postal_code",
            old.postal_code.clone(),
            new.postal_code.clone(),
        ),
        ("city", old.city.clone(), new.city.clone()),
        (
            "protected_identity",
            yes_no(old.protected_identity),
            yes_no(new.protected_identity),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .collect();
    if changes.is_empty() {
        return Ok(old);
    }
    let now = Utc::now();
    let user = actor.user_id();
    for (field, old_value, new_value) in &changes {
        sqlx::query!(
            "INSERT INTO person_rectifications (person_id, request_id, field, old_value, new_value, user_id, at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            person_id,
            request_id,
            field,
            old_value,
            new_value,
            user,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    let key = person::name_key(&new.given_name, &new.family_name);
    sqlx::query!(
        "UPDATE persons SET personal_number = ?, number_kind = ?, given_name = ?, family_name = ?, name_key = ?,
                            email = ?, phone = ?, street_address = ?, postal_code = ?, city = ?,
                            protected_identity = ?, updated_at = ?
         WHERE id = ?",
        digits,
        kind,
        new.given_name,
        new.family_name,
        key,
        new.email,
        new.phone,
        new.street_address,
        new.postal_code,
        new.city,
        new.protected_identity,
        now,
        person_id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Person,
        Some(person_id),
    )
    .await?;
    let p = person::repo::get(&mut tx, person_id)
        .await?
        .ok_or(Error::NotFound("person"))?;
    tx.commit().await?;
    Ok(p)
}

/// The history of a person's rectified fields, newest first.
pub async fn history(store: &Store, person_id: i64) -> Result<Vec<Rectification>> {
    Ok(sqlx::query_as!(
        Rectification,
        r#"SELECT field, old_value, new_value, at AS "at: chrono::DateTime<Utc>", request_id
           FROM person_rectifications WHERE person_id = ? ORDER BY id DESC"#,
        person_id
    )
    .fetch_all(store.pool())
    .await?)
}

/// Restricts the processing of a person's data from `on` (Art. 18), or lifts it
/// (`None`). Handled by the data-protection role.
pub async fn set_restriction(
    store: &Store,
    actor: &Actor,
    person_id: i64,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Person> {
    actor.require(Permission::ManageRequests)?;
    if on.is_some_and(|d| d > today) {
        return Err(Error::invalid("restricted_on", Reason::Future));
    }
    let mut tx = store.begin().await?;
    let now = Utc::now();
    let done = sqlx::query!(
        "UPDATE persons SET restricted_on = ?, updated_at = ? WHERE id = ?",
        on,
        now,
        person_id
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("person"));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Person,
        Some(person_id),
    )
    .await?;
    let p = person::repo::get(&mut tx, person_id)
        .await?
        .ok_or(Error::NotFound("person"))?;
    tx.commit().await?;
    Ok(p)
}
