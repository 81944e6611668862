//! The placement's agreement (uppdragsavtal) with the placing municipality: its
//! reference, when it was signed, the period it covers, the municipality's contact
//! person (an organisation contact: name, telephone, e-mail — not a person of the
//! registry) and, optionally, the signed copy as a document of the placement. The agreed
//! contact frequency is the placement's contact plan (`crate::contact`), not kept here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// Longest reference accepted, in characters.
pub const REFERENCE_MAX: usize = 100;
/// Longest contact name accepted, in characters.
pub const NAME_MAX: usize = 100;

/// What a form or the CLI gives for an agreement (to add one, or to replace one's
/// fields).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementInput {
    /// The municipality's reference (diarienummer).
    pub reference: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// The signed copy: a document with this placement as its context.
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
}

/// A placement's agreement as shown with the placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Agreement {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub placement_id: i64,
    pub reference: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    #[ts(type = "number | null")]
    pub document_id: Option<i64>,
    /// The signed copy's title, when there is one.
    pub document_title: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The input as saved (texts trimmed, empty ones left out), or every refusal at once.
struct Checked {
    reference: Option<String>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
}

/// Checks an agreement of `placement` (its child and home): refusals name the field —
/// `signed_on` in the future, `valid_to` before `valid_from` (date), a `reference` or
/// `contact_name` too long or with control characters, `contact_phone` or
/// `contact_email` not of their shape (format), a `document_id` that does not exist
/// (unknown) or is not a document of this placement (not allowed).
async fn check(
    conn: &mut SqliteConnection,
    placement: i64,
    input: &AgreementInput,
    today: NaiveDate,
) -> Result<Checked> {
    let mut p = Problems::new();
    let reference = p
        .check(validate::optional_text(
            "reference",
            input.reference.as_deref(),
            REFERENCE_MAX,
        ))
        .flatten();
    if input.signed_on.is_some_and(|d| d > today) {
        p.push("signed_on", Reason::Future);
    }
    if input.valid_to.is_some_and(|to| to < input.valid_from) {
        p.push("valid_to", Reason::Date);
    }
    let contact_name = p
        .check(validate::optional_text(
            "contact_name",
            input.contact_name.as_deref(),
            NAME_MAX,
        ))
        .flatten();
    let contact_phone = p
        .check(validate::optional_phone(
            "contact_phone",
            input.contact_phone.as_deref(),
        ))
        .flatten();
    let contact_email = p
        .check(validate::optional_email(
            "contact_email",
            input.contact_email.as_deref(),
        ))
        .flatten();
    if let Some(doc) = input.document_id {
        let owner = sqlx::query!(
            r#"SELECT d.placement_id, d.child_id, d.home_id,
                      pl.child_id AS "placement_child?", pl.home_id AS "placement_home?"
               FROM documents d LEFT JOIN placements pl ON pl.id = ?2
               WHERE d.id = ?1"#,
            doc,
            placement
        )
        .fetch_optional(&mut *conn)
        .await?;
        match owner {
            None => p.push("document_id", Reason::Unknown),
            Some(o) => {
                let in_file = o.child_id.is_some() && o.child_id == o.placement_child
                    || o.home_id.is_some() && o.home_id == o.placement_home;
                if o.placement_id != Some(placement) || !in_file {
                    p.push("document_id", Reason::NotAllowed);
                }
            }
        }
    }
    p.finish()?;
    Ok(Checked {
        reference,
        contact_name,
        contact_phone,
        contact_email,
    })
}

/// The placement's child (whose restriction stops new processing), or an unknown
/// `placement_id`.
async fn placement_child(conn: &mut SqliteConnection, placement: i64) -> Result<i64> {
    sqlx::query_scalar!("SELECT child_id FROM placements WHERE id = ?", placement)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::invalid("placement_id", Reason::Unknown))
}

/// Records a placement's agreement. Refused with the field named, nothing written: an
/// unknown `placement_id`, and what [`check`] refuses; a placed child whose processing
/// is restricted.
pub async fn add(
    store: &Store,
    actor: &Actor,
    placement_id: i64,
    input: &AgreementInput,
    today: NaiveDate,
) -> Result<Agreement> {
    let mut tx = store.begin().await?;
    let child = placement_child(&mut tx, placement_id).await?;
    crate::person::ensure_unrestricted(&mut tx, &[child]).await?;
    let c = check(&mut tx, placement_id, input, today).await?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO placement_agreements (placement_id, reference, signed_on, valid_from, valid_to,
                                           contact_name, contact_phone, contact_email, document_id,
                                           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        placement_id,
        c.reference,
        input.signed_on,
        input.valid_from,
        input.valid_to,
        c.contact_name,
        c.contact_phone,
        c.contact_email,
        input.document_id,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Agreement,
        Some(id),
    )
    .await?;
    let a = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

/// Replaces an agreement's fields (its placement stays). Refused as [`add`] is.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &AgreementInput,
    today: NaiveDate,
) -> Result<Agreement> {
    let mut tx = store.begin().await?;
    let placement = one(&mut tx, id).await?.placement_id;
    let child = placement_child(&mut tx, placement).await?;
    crate::person::ensure_unrestricted(&mut tx, &[child]).await?;
    let c = check(&mut tx, placement, input, today).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE placement_agreements SET reference = ?, signed_on = ?, valid_from = ?, valid_to = ?,
                contact_name = ?, contact_phone = ?, contact_email = ?, document_id = ?, updated_at = ?
         WHERE id = ?",
        c.reference,
        input.signed_on,
        input.valid_from,
        input.valid_to,
        c.contact_name,
        c.contact_phone,
        c.contact_email,
        input.document_id,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Agreement,
        Some(id),
    )
    .await?;
    let a = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

async fn select(
    conn: &mut SqliteConnection,
    placement: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<Agreement>> {
    let rows = sqlx::query!(
        r#"SELECT a.id AS "id!", a.placement_id, a.reference, a.signed_on AS "signed_on: NaiveDate",
                  a.valid_from AS "valid_from: NaiveDate", a.valid_to AS "valid_to: NaiveDate",
                  a.contact_name, a.contact_phone, a.contact_email, a.document_id,
                  d.title AS "document_title?",
                  a.created_at AS "created_at: DateTime<Utc>", a.updated_at AS "updated_at: DateTime<Utc>"
           FROM placement_agreements a LEFT JOIN documents d ON d.id = a.document_id
           WHERE (?1 IS NOT NULL AND a.id = ?1) OR (?1 IS NULL AND a.placement_id = ?2)
           ORDER BY a.valid_from DESC, a.id DESC"#,
        id,
        placement
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Agreement {
            id: r.id,
            placement_id: r.placement_id,
            reference: r.reference,
            signed_on: r.signed_on,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            contact_name: r.contact_name,
            contact_phone: r.contact_phone,
            contact_email: r.contact_email,
            document_id: r.document_id,
            document_title: r.document_title,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

async fn one(conn: &mut SqliteConnection, id: i64) -> Result<Agreement> {
    select(conn, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("agreement"))
}

/// One agreement.
pub async fn get(store: &Store, id: i64) -> Result<Agreement> {
    let mut conn = store.pool().acquire().await?;
    one(&mut conn, id).await
}

/// A placement's agreements, the newest period first. Shown with the placement, in the
/// home's or the child's file, whose read is audited.
pub async fn for_placement(store: &Store, placement_id: i64) -> Result<Vec<Agreement>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(placement_id), None).await
}
