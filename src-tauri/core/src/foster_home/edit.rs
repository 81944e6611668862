//! Everyday edits of a home: its name, type (kind), address and municipality, as an
//! ordinary update audited as one. The lifecycle moves through `change_status`.

use chrono::Utc;

use super::{check_input, ensure_open, select, FosterHome, FosterHomeInput};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::Result;
use crate::store::Store;
use crate::user::Actor;

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
    let mut tx = store.begin().await?;
    let old = select(&mut tx, id).await?;
    let c = check_input(&mut tx, input, None).await?;
    ensure_open(&old)?;
    let members = crate::person::home_member_ids(&mut tx, id).await?;
    crate::person::ensure_unrestricted(&mut tx, &members).await?;
    let unchanged = old.name == c.name
        && old.kind == input.kind
        && old.street_address == c.street_address
        && old.postal_code == c.postal_code
        && old.city == c.city
        && old.municipality_id == input.municipality_id;
    if unchanged {
        return Ok(old);
    }
    let now = Utc::now();
    sqlx::query!(
        "UPDATE foster_homes SET name = ?, kind = ?, street_address = ?, postal_code = ?, city = ?,
                                 municipality_id = ?, updated_at = ?
         WHERE id = ?",
        c.name,
        input.kind,
        c.street_address,
        c.postal_code,
        c.city,
        input.municipality_id,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    let home = select(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::FosterHome, id).await?;
    Ok(home)
}
