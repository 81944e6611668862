//! Adding, listing, opening and saving a copy of documents.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::blob::{self, Sealed, Source};
use super::owner::{self, Place};
use super::{
    Direction, Document, DocumentDescription, DocumentInput, DocumentOwner, DocumentPerson,
    MediaType, MAX_COUNTERPART_CHARS, MAX_REASON_CHARS, MAX_TITLE_CHARS,
};
use crate::access::Actor;
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::validate::{self, Problems};

/// Where an added document's bytes come from.
pub enum AddedFrom<'a> {
    /// A file the user chose or dropped (read in pieces; the original stays where it is
    /// until the user asks to remove it).
    File(&'a Path),
    /// Bytes Akta made or a test hands over.
    Bytes(&'a [u8]),
}

/// The checked metadata of a new document.
pub(super) struct Checked {
    pub place: Place,
    pub title: String,
    pub counterpart: Option<String>,
    pub criminal_reason: Option<String>,
    pub persons: Vec<i64>,
}

/// Checks a document's description (shared by adding and changing).
pub(super) async fn check_fields(
    conn: &mut SqliteConnection,
    p: &mut Problems,
    place: &Place,
    input: &DocumentDescription,
    today: NaiveDate,
) -> Result<(Option<String>, Option<String>, Vec<i64>)> {
    let title = p.check(validate::required_text(
        "title",
        &input.title,
        MAX_TITLE_CHARS,
    ));
    let counterpart = p
        .check(validate::optional_text(
            "counterpart",
            input.counterpart.as_deref(),
            MAX_COUNTERPART_CHARS,
        ))
        .flatten();
    if input.dated_on > today {
        p.push("dated_on", Reason::Future);
    }
    let known_type: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM document_types WHERE code = ? AND retired = 0)",
    )
    .bind(&input.doc_type)
    .fetch_one(&mut *conn)
    .await?;
    if !known_type {
        p.push("doc_type", Reason::Unknown);
    }
    if let Some(org) = input.counterpart_org_id {
        let found: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ?)")
                .bind(org)
                .fetch_one(&mut *conn)
                .await?;
        if !found {
            p.push("counterpart_org_id", Reason::Unknown);
        }
    }
    let mut persons = input.persons.clone();
    persons.sort_unstable();
    persons.dedup();
    let allowed = owner::file_persons(conn, place).await?;
    if persons.iter().any(|id| !allowed.contains(id)) {
        p.push("persons", Reason::Unknown);
    }
    Ok((title, counterpart, persons))
}

async fn check(
    conn: &mut SqliteConnection,
    input: &DocumentInput,
    today: NaiveDate,
) -> Result<Checked> {
    let place = input.owner.resolve(conn).await?;
    let mut p = Problems::new();
    let (title, counterpart, persons) =
        check_fields(conn, &mut p, &place, &input.description, today).await?;
    let criminal_reason = p
        .check(validate::optional_multiline(
            "criminal_reason",
            input.criminal_reason.as_deref(),
            MAX_REASON_CHARS,
        ))
        .flatten();
    // GDPR Art. 10: the check is recorded on the checklist; the extract itself is kept
    // only for a reason the caseworker writes down.
    if (input.criminal_record || place.criminal_item) && criminal_reason.is_none() {
        p.push("criminal_reason", Reason::Required);
    }
    if let Some(old) = input.supersedes_id {
        // A sent drawn-up document of the same file.
        let fits: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND home_id IS ?2
                AND child_id IS ?3 AND direction = 'drawn_up' AND sent_on IS NOT NULL)",
        )
        .bind(old)
        .bind(place.home_id)
        .bind(place.child_id)
        .fetch_one(&mut *conn)
        .await?;
        if !fits || input.description.direction != Direction::DrawnUp {
            p.push("supersedes_id", Reason::NotAllowed);
        }
    }
    p.finish()?;
    owner::ensure_unrestricted(conn, &place, &persons).await?;
    Ok(Checked {
        place,
        title: title.ok_or_else(|| Error::Internal("validation state".into()))?,
        counterpart,
        criminal_reason: criminal_reason.filter(|_| input.criminal_record || place.criminal_item),
        persons,
    })
}

/// Adds a document from a file on disk. The metadata is checked first, then the file
/// (its kind from its bytes, its size), then it is encrypted into the store's folder
/// and its row written with the audit event. Nothing is left on any refusal.
pub async fn add(
    store: &Store,
    actor: &Actor,
    from: &Path,
    input: &DocumentInput,
    today: NaiveDate,
) -> Result<Document> {
    add_from(store, actor, AddedFrom::File(from), input, today).await
}

/// Adds a document from bytes in memory (see [`add`]).
pub async fn add_bytes(
    store: &Store,
    actor: &Actor,
    bytes: &[u8],
    input: &DocumentInput,
    today: NaiveDate,
) -> Result<Document> {
    add_from(store, actor, AddedFrom::Bytes(bytes), input, today).await
}

async fn add_from(
    store: &Store,
    actor: &Actor,
    from: AddedFrom<'_>,
    input: &DocumentInput,
    today: NaiveDate,
) -> Result<Document> {
    let author = actor.user_id().ok_or(Error::ProfileRequired)?;
    let checked = {
        let mut conn = store.pool().acquire().await?;
        check(&mut conn, input, today).await?
    };
    let dir = store.dir().clone();
    let sealed = match from {
        AddedFrom::File(p) => {
            let p = p.to_path_buf();
            tokio::task::spawn_blocking(move || blob::seal(&dir, Source::File(&p)))
                .await
                .map_err(|e| Error::Internal(format!("document: {e}")))??
        }
        AddedFrom::Bytes(b) => blob::seal(&dir, Source::Bytes(b))?,
    };
    match insert(store, actor, author, &checked, input, &sealed).await {
        Ok(id) => get(store, actor, id).await,
        Err(e) => {
            blob::remove(store.dir(), std::slice::from_ref(&sealed.blob));
            Err(e)
        }
    }
}

async fn insert(
    store: &Store,
    actor: &Actor,
    author: i64,
    c: &Checked,
    input: &DocumentInput,
    s: &Sealed,
) -> Result<i64> {
    let now = Utc::now();
    let mut tx = store.begin().await?;
    // Checked again inside the write lock: a restriction may have come in between.
    owner::ensure_unrestricted(&mut tx, &c.place, &c.persons).await?;
    let id = sqlx::query(
        "INSERT INTO documents (home_id, child_id, investigation_id, item_id, placement_id, title,
             direction, doc_type, dated_on, counterpart, counterpart_org_id, media_type, bytes, sha256,
             blob, secret, supersedes_id, criminal_reason, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(c.place.home_id)
    .bind(c.place.child_id)
    .bind(c.place.investigation_id)
    .bind(c.place.item_id)
    .bind(c.place.placement_id)
    .bind(&c.title)
    .bind(input.description.direction)
    .bind(&input.description.doc_type)
    .bind(input.description.dated_on)
    .bind(&c.counterpart)
    .bind(input.description.counterpart_org_id)
    .bind(s.media)
    .bind(s.bytes as i64)
    .bind(&s.sha256)
    .bind(&s.blob)
    .bind(s.secret.as_str())
    .bind(input.supersedes_id)
    .bind(&c.criminal_reason)
    .bind(author)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    set_persons(&mut tx, id, &c.persons).await?;
    audit::record_and_commit(tx, actor, AuditAction::Create, EntityKind::Document, id).await?;
    Ok(id)
}

pub(super) async fn set_persons(
    conn: &mut SqliteConnection,
    id: i64,
    persons: &[i64],
) -> Result<()> {
    sqlx::query("DELETE FROM document_persons WHERE document_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for p in persons {
        sqlx::query("INSERT INTO document_persons (document_id, person_id) VALUES (?, ?)")
            .bind(id)
            .bind(p)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    home_id: Option<i64>,
    child_id: Option<i64>,
    investigation_id: Option<i64>,
    item_id: Option<i64>,
    placement_id: Option<i64>,
    title: String,
    direction: Direction,
    doc_type: String,
    doc_type_label: String,
    dated_on: NaiveDate,
    counterpart: Option<String>,
    counterpart_org_id: Option<i64>,
    counterpart_org_name: Option<String>,
    media_type: MediaType,
    bytes: i64,
    sha256: String,
    sent_on: Option<NaiveDate>,
    supersedes_id: Option<i64>,
    superseded_by: Option<i64>,
    criminal_reason: Option<String>,
    created_by_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT d.id, d.home_id, d.child_id, d.investigation_id, d.item_id, d.placement_id,
        d.title, d.direction, d.doc_type, coalesce(t.label, d.doc_type) AS doc_type_label, d.dated_on,
        d.counterpart, d.counterpart_org_id, o.name AS counterpart_org_name, d.media_type, d.bytes,
        d.sha256, d.sent_on, d.supersedes_id,
        (SELECT max(n.id) FROM documents n WHERE n.supersedes_id = d.id) AS superseded_by,
        d.criminal_reason, u.name AS created_by_name, d.created_at, d.updated_at
    FROM documents d
    JOIN users u ON u.id = d.created_by
    LEFT JOIN document_types t ON t.code = d.doc_type
    LEFT JOIN organisations o ON o.id = d.counterpart_org_id";

async fn rows(conn: &mut SqliteConnection, condition: &str, id: i64) -> Result<Vec<Document>> {
    let sql = format!("{SELECT} WHERE {condition} ORDER BY d.dated_on DESC, d.id DESC");
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(id).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let persons: Vec<(i64, String)> = sqlx::query_as(
            "SELECT p.id, p.given_name || ' ' || p.family_name FROM document_persons dp
             JOIN persons p ON p.id = dp.person_id WHERE dp.document_id = ?
             ORDER BY p.family_name, p.given_name, p.id",
        )
        .bind(r.id)
        .fetch_all(&mut *conn)
        .await?;
        out.push(Document {
            id: r.id,
            home_id: r.home_id,
            child_id: r.child_id,
            investigation_id: r.investigation_id,
            item_id: r.item_id,
            placement_id: r.placement_id,
            title: r.title,
            direction: r.direction,
            doc_type: r.doc_type,
            doc_type_label: r.doc_type_label,
            dated_on: r.dated_on,
            counterpart: r.counterpart,
            counterpart_org_id: r.counterpart_org_id,
            counterpart_org_name: r.counterpart_org_name,
            viewable: r.media_type.viewable(),
            media_type: r.media_type,
            bytes: r.bytes,
            sha256: r.sha256,
            sent_on: r.sent_on,
            supersedes_id: r.supersedes_id,
            superseded_by: r.superseded_by,
            criminal_record: r.criminal_reason.is_some(),
            criminal_reason: r.criminal_reason,
            persons: persons
                .into_iter()
                .map(|(id, name)| DocumentPerson { id, name })
                .collect(),
            created_by_name: r.created_by_name,
            created_at: r.created_at,
            updated_at: r.updated_at,
        });
    }
    Ok(out)
}

/// The documents of a file or context, newest first (by date, then as added).
pub async fn list(store: &Store, actor: &Actor, owner: DocumentOwner) -> Result<Vec<Document>> {
    actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut conn = store.pool().acquire().await?;
    owner.resolve(&mut conn).await?;
    let (cond, id) = owner.condition();
    rows(&mut conn, cond, id).await
}

/// One document's description.
pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Document> {
    actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut conn = store.pool().acquire().await?;
    rows(&mut conn, "d.id = ?1", id)
        .await?
        .pop()
        .ok_or(Error::NotFound("document"))
}

/// The documents rows of a condition, in a connection the caller holds (the extract
/// and the hand-over list a file's documents with this).
pub async fn rows_where(
    conn: &mut SqliteConnection,
    condition: &str,
    id: i64,
) -> Result<Vec<Document>> {
    rows(conn, condition, id).await
}

/// Decrypts a document (checking its hash) in memory: the viewer's bytes. Audited as
/// read. Nothing is written to disk.
pub async fn open(store: &Store, actor: &Actor, id: i64) -> Result<(Document, Vec<u8>)> {
    let doc = get(store, actor, id).await?;
    let bytes = content(store, id).await?;
    let tx = store.begin().await?;
    audit::record_and_commit(tx, actor, AuditAction::Read, EntityKind::Document, id).await?;
    Ok((doc, bytes))
}

/// The plaintext of a document, checked against its stored hash (for callers that
/// audit themselves: a saved copy, an extract, a hand-over).
pub async fn content(store: &Store, id: i64) -> Result<Vec<u8>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT blob, secret, sha256 FROM documents WHERE id = ?")
            .bind(id)
            .fetch_optional(store.pool())
            .await?;
    let (name, secret, sha) = row.ok_or(Error::NotFound("document"))?;
    let dir = store.dir().clone();
    let secret = zeroize::Zeroizing::new(secret);
    let bytes = tokio::task::spawn_blocking(move || blob::open(&dir, &name, &secret))
        .await
        .map_err(|e| Error::Internal(format!("document: {e}")))??;
    use sha2::Digest;
    if hex::encode(sha2::Sha256::digest(&bytes)) != sha {
        return Err(Error::StoreDamaged("a document does not match its hash"));
    }
    Ok(bytes)
}

/// Saves a copy of a document at `out`, a place the user chose: a new file only (never
/// over an existing one), owner-only. Audited as an export; the place is not logged.
pub async fn export(store: &Store, actor: &Actor, id: i64, out: &Path) -> Result<Document> {
    let doc = get(store, actor, id).await?;
    crate::files::check_chosen(&[out])?;
    let bytes = content(store, id).await?;
    crate::files::save_chosen(&[(out, &bytes)])?;
    let tx = store.begin().await;
    let audited = match tx {
        Ok(tx) => {
            audit::record_and_commit(tx, actor, AuditAction::Export, EntityKind::Document, id).await
        }
        Err(e) => Err(e),
    };
    if let Err(e) = audited {
        let _ = std::fs::remove_file(out);
        return Err(e);
    }
    Ok(doc)
}
