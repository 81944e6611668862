//! Changing a document's description, recording it as sent, deleting it.

use chrono::{NaiveDate, Utc};

use super::repo::{self, check_fields};
use super::{blob, owner::Place, Direction, Document, DocumentDescription};
use crate::access::Actor;
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::validate::Problems;

struct Current {
    place: Place,
    sent: bool,
}

async fn current(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<Current> {
    let row: Option<(Option<i64>, Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT home_id, child_id, sent_on FROM documents WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let (home_id, child_id, sent_on) = row.ok_or(Error::NotFound("document"))?;
    Ok(Current {
        place: Place {
            home_id,
            child_id,
            ..Place::default()
        },
        sent: sent_on.is_some(),
    })
}

/// Renames, re-classifies or re-links a document: `change` is its new description
/// (every field given). A sent drawn-up document is locked (`sent_on`: not allowed):
/// correct it with a new version instead.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    change: &DocumentDescription,
    today: NaiveDate,
) -> Result<Document> {
    actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let cur = current(&mut tx, id).await?;
    if cur.sent {
        return Err(Error::invalid("sent_on", Reason::NotAllowed));
    }
    let mut p = Problems::new();
    let (title, counterpart, persons) =
        check_fields(&mut tx, &mut p, &cur.place, change, today).await?;
    p.finish()?;
    super::owner::ensure_unrestricted(&mut tx, &cur.place, &persons).await?;
    sqlx::query(
        "UPDATE documents SET title = ?, direction = ?, doc_type = ?, dated_on = ?, counterpart = ?,
             counterpart_org_id = ?, updated_at = ? WHERE id = ?",
    )
    .bind(title)
    .bind(change.direction)
    .bind(&change.doc_type)
    .bind(change.dated_on)
    .bind(counterpart)
    .bind(change.counterpart_org_id)
    .bind(Utc::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    repo::set_persons(&mut tx, id, &persons).await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::Document, id).await?;
    repo::get(store, actor, id).await
}

/// Records a drawn-up document as sent on `on`: from then on it is kept as it is, like
/// a signed journal entry.
pub async fn mark_sent(
    store: &Store,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Document> {
    actor.user_id().ok_or(Error::ProfileRequired)?;
    if on > today {
        return Err(Error::invalid("sent_on", Reason::Future));
    }
    let mut tx = store.begin().await?;
    let row: Option<(Direction, Option<String>)> =
        sqlx::query_as("SELECT direction, sent_on FROM documents WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (direction, sent) = row.ok_or(Error::NotFound("document"))?;
    if direction != Direction::DrawnUp || sent.is_some() {
        return Err(Error::invalid("sent_on", Reason::NotAllowed));
    }
    let cur = current(&mut tx, id).await?;
    super::owner::ensure_unrestricted(&mut tx, &cur.place, &[]).await?;
    sqlx::query("UPDATE documents SET sent_on = ?, updated_at = ? WHERE id = ?")
        .bind(on)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::Document, id).await?;
    repo::get(store, actor, id).await
}

/// Deletes a document: its row (and with it the only copy of its key) in one audited
/// transaction, then its file. A sent drawn-up document is kept (`sent_on`: not
/// allowed), and so is a document in the file of, or naming, a person whose data is
/// restricted (`person_restricted`). A placement agreement that named it as its signed
/// copy is kept without the copy.
pub async fn delete(store: &Store, actor: &Actor, id: i64) -> Result<()> {
    actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let cur = current(&mut tx, id).await?;
    if cur.sent {
        return Err(Error::invalid("sent_on", Reason::NotAllowed));
    }
    // A restricted person's data is kept as it is (Art. 18): nothing of their file, nor
    // a document naming them, is deleted until the restriction is lifted.
    let named: Vec<i64> =
        sqlx::query_scalar("SELECT person_id FROM document_persons WHERE document_id = ?")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    super::owner::ensure_unrestricted(&mut tx, &cur.place, &named).await?;
    let blobs = super::blobs_where(&mut tx, "id = ?1", id).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Delete,
        EntityKind::Document,
        Some(id),
    )
    .await?;
    sqlx::query("DELETE FROM document_persons WHERE document_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // An agreement that named it as its signed copy stays, without the copy.
    sqlx::query(
        "UPDATE placement_agreements SET document_id = NULL, updated_at = ? WHERE document_id = ?",
    )
    .bind(chrono::Utc::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM documents WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    forget_keys(store).await;
    blob::remove(store.dir(), &blobs);
    Ok(())
}

/// After rows holding document keys were deleted: moves the write-ahead log into the
/// database and truncates it, so that the old pages (with the keys) are not left in
/// the log file; `secure_delete` has zeroed them in the database. Best effort: a busy
/// store is checkpointed later by SQLite itself.
pub async fn forget_keys(store: &Store) {
    if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
    {
        tracing::warn!(code = ?Error::from(e).code(), "checkpoint after a document delete skipped");
    }
}
