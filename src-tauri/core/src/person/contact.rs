//! Everyday edits of a person's contact details — address, telephone, e-mail — as an
//! ordinary update, audited as one. Name, personnummer and skyddad identitet are not
//! edited here: they change through rectification (`rights::rectify_person`), which
//! keeps every earlier value as the history of a data-subject request.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{find, Person, MAX_ADDRESS_CHARS, MAX_NAME_CHARS};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// A person's contact details as a form or the CLI gives them: the whole set, raw; an
/// empty field clears the value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactInput {
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl ContactInput {
    /// The person's present contact details, to edit.
    pub fn of(p: &Person) -> Self {
        ContactInput {
            street_address: p.street_address.clone(),
            postal_code: p.postal_code.clone(),
            city: p.city.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
        }
    }

    /// Checks every field as the add form does (the same rules and limits), and
    /// reports every refusal at once. The result is trimmed, empty as `None`.
    pub fn validate(&self) -> Result<ContactInput> {
        let mut p = Problems::new();
        let checked = self.check(&mut p);
        p.finish()?;
        Ok(checked)
    }

    /// Checks every field, each refusal into `p`: trimmed, empty (or refused) as `None`.
    pub(super) fn check(&self, p: &mut Problems) -> ContactInput {
        let email = p.check(validate::optional_email("email", self.email.as_deref()));
        let phone = p.check(validate::optional_phone("phone", self.phone.as_deref()));
        let street_address = p.check(validate::optional_text(
            "street_address",
            self.street_address.as_deref(),
            MAX_ADDRESS_CHARS,
        ));
        let postal_code = p.check(validate::optional_postal_code(
            "postal_code",
            self.postal_code.as_deref(),
        ));
        let city = p.check(validate::optional_text(
            "city",
            self.city.as_deref(),
            MAX_NAME_CHARS,
        ));
        ContactInput {
            street_address: street_address.flatten(),
            postal_code: postal_code.flatten(),
            city: city.flatten(),
            phone: phone.flatten(),
            email: email.flatten(),
        }
    }
}

/// Changes a person's contact details in one transaction, audited as an update. Invalid
/// input, a person whose processing is restricted (`person_restricted`) or who has been
/// erased (`person` not allowed: her contact details were erased on her request) change
/// nothing. Unchanged details write nothing.
pub async fn update_contact(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &ContactInput,
) -> Result<Person> {
    let new = input.validate()?;
    let mut tx = store.begin().await?;
    let old = find(&mut tx, id).await?;
    if erased(&mut tx, id).await? {
        return Err(Error::invalid("person", Reason::NotAllowed));
    }
    super::ensure_unrestricted(&mut tx, &[id]).await?;
    if ContactInput::of(&old) == new {
        return Ok(old);
    }
    let now = Utc::now();
    sqlx::query!(
        "UPDATE persons SET street_address = ?, postal_code = ?, city = ?, phone = ?, email = ?,
                            updated_at = ?
         WHERE id = ?",
        new.street_address,
        new.postal_code,
        new.city,
        new.phone,
        new.email,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    let person = find(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::Person, id).await?;
    Ok(person)
}

/// Whether the person's erasure request (Art. 17) has been carried out: her row is
/// kept only for the files a law keeps, and her contact details stay erased.
async fn erased(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM dsr_requests WHERE person_id = ? AND kind = 'erasure'
                          AND status = 'completed') AS "erased!: bool""#,
        id
    )
    .fetch_one(&mut *conn)
    .await?)
}
