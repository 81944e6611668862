//! Hand-over of a placed child's file to the municipality that placed the child, before
//! the file is purged: the offer (the whole file as PDF and JSON, hashes recorded) and
//! the municipality's answer. The purge waits for the answer.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

use super::kinds;

/// Why a placed child's file still waits for its hand-over, if it does: it was never
/// offered to the placing municipality, or the offer is not answered yet.
pub(super) async fn handover_pending(
    conn: &mut SqliteConnection,
    child: i64,
) -> Result<Option<String>> {
    let placed: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM placements WHERE child_id = ?)")
            .bind(child)
            .fetch_one(&mut *conn)
            .await?;
    if !placed {
        return Ok(None);
    }
    let last: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT offered_on, decision FROM handovers WHERE child_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(child)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match last {
        None => Some("Väntar på överlämning till placerande kommun".to_owned()),
        Some((offered, None)) => Some(format!("Överlämning erbjuden {offered}, väntar på svar")),
        Some((_, Some(_))) => None,
    })
}

/// A hand-over offered: the package's documents (for the caller to save) and its id.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct HandoverOffer {
    #[ts(type = "number")]
    pub id: i64,
    pub documents: crate::rights::extract::ExtractDocuments,
}

/// Makes the hand-over package of a placed child's file (the whole file, PDF and JSON)
/// for the municipality that placed the child last, and records the offer (hashes,
/// never a copy). The purge waits for [`decide_handover`].
pub async fn offer_handover(
    store: &Store,
    actor: &Actor,
    child_id: i64,
    today: NaiveDate,
) -> Result<HandoverOffer> {
    actor.require(Permission::ManageRetention)?;
    let mut tx = store.begin().await?;
    let municipality: Option<i64> = sqlx::query_scalar(
        "SELECT municipality_id FROM placements WHERE child_id = ? ORDER BY start_date DESC, id DESC LIMIT 1",
    )
    .bind(child_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(municipality) = municipality else {
        return Err(Error::invalid("child_id", Reason::NotAllowed));
    };
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM handovers")
        .fetch_one(&mut *tx)
        .await?;
    let document_id = format!("OL-{child_id}-{}", n + 1);
    let docs =
        crate::rights::extract::handover_documents(&mut tx, child_id, &document_id, today).await?;
    let now = Utc::now();
    let user = actor.user_id();
    let id = sqlx::query(
        "INSERT INTO handovers (child_id, municipality_id, document_id, pdf_sha256, json_sha256, offered_on,
                                created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(child_id)
    .bind(municipality)
    .bind(&document_id)
    .bind(&docs.pdf_sha256)
    .bind(&docs.json_sha256)
    .bind(today)
    .bind(user)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Export,
        EntityKind::Person,
        Some(child_id),
    )
    .await?;
    tx.commit().await?;
    Ok(HandoverOffer {
        id,
        documents: docs,
    })
}

/// Records the municipality's answer to a hand-over: `confirmed` (received) or
/// `declined`. Either lets the purge go on.
pub async fn decide_handover(
    store: &Store,
    actor: &Actor,
    id: i64,
    decision: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::ManageRetention)?;
    let mut p = crate::validate::Problems::new();
    if !kinds::is::<kinds::HandoverDecision>(decision) {
        p.push("decision", Reason::Format);
    }
    if on > today {
        p.push("decided_on", Reason::Future);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let child: Option<Option<i64>> =
        sqlx::query_scalar("SELECT child_id FROM handovers WHERE id = ? AND decision IS NULL")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(child) = child else {
        return Err(Error::invalid("handover", Reason::Unknown));
    };
    sqlx::query("UPDATE handovers SET decision = ?, decided_on = ? WHERE id = ?")
        .bind(decision)
        .bind(on)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Person,
        child,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
