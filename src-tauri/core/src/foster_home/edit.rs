//! Everyday edits of a home: its name, type (kind), address and municipality, as an
//! ordinary update audited as one. The lifecycle moves through `change_status`.

use chrono::Utc;

use super::{municipality_exists, select, FosterHome, FosterHomeInput, HomeStatus};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// Changes a home's name, kind, address and municipality in one transaction, audited as
/// an update; checked as when the home was added. Refused, with nothing changed:
/// invalid input (every field named), a closed home (`home`), a home whose members'
/// processing is restricted. Unchanged values write nothing.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &FosterHomeInput,
) -> Result<FosterHome> {
    let mut p = Problems::new();
    let name = p.check(validate::required_text("name", &input.name, 200));
    let street = p.check(validate::optional_text(
        "street_address",
        input.street_address.as_deref(),
        200,
    ));
    let postal = p.check(validate::optional_postal_code(
        "postal_code",
        input.postal_code.as_deref(),
    ));
    let city = p.check(validate::optional_text("city", input.city.as_deref(), 100));
    let mut tx = store.begin().await?;
    let old = select(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("foster home"))?;
    if let Some(m) = input.municipality_id {
        if !municipality_exists(&mut tx, m).await? {
            p.push("municipality_id", Reason::Unknown);
        }
    }
    p.finish()?;
    let (Some(name), Some(street), Some(postal), Some(city)) = (name, street, postal, city) else {
        return Err(Error::Internal("validation state".into()));
    };
    if old.status == HomeStatus::Avslutad {
        return Err(Error::invalid("home", Reason::NotAllowed));
    }
    let members = crate::person::home_member_ids(&mut tx, id).await?;
    crate::person::ensure_unrestricted(&mut tx, &members).await?;
    let unchanged = old.name == name
        && old.kind == input.kind
        && old.street_address == street
        && old.postal_code == postal
        && old.city == city
        && old.municipality_id == input.municipality_id;
    if unchanged {
        return Ok(old);
    }
    let now = Utc::now();
    sqlx::query!(
        "UPDATE foster_homes SET name = ?, kind = ?, street_address = ?, postal_code = ?, city = ?,
                                 municipality_id = ?, updated_at = ?
         WHERE id = ?",
        name,
        input.kind,
        street,
        postal,
        city,
        input.municipality_id,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::FosterHome,
        Some(id),
    )
    .await?;
    let home = select(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("foster home"))?;
    tx.commit().await?;
    Ok(home)
}
