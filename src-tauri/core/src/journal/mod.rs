//! Journals (journalanteckningar) in a personakt: a foster home's file or a placed
//! child's file. Drafts can be edited by their author; signing locks an entry; a
//! correction is a new amendment linked to the signed entry, which stays readable with
//! who and when. Full-text search over FTS5.

mod search;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::Problems;

pub use search::{purge_entries, search, search_in, SearchHit, SearchOrder};

/// The FTS5 query the search builds from typed text (for `akta bench`).
#[cfg(feature = "bench")]
pub fn search_query_for_bench(input: &str) -> String {
    search::fts_query(input).unwrap_or_default()
}

/// Longest accepted entry, in characters (about 60 A4 pages).
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Drafts older than this many days are flagged.
pub const STALE_DRAFT_DAYS: i64 = 14;

/// Whose file an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum JournalFile {
    /// A foster home's file.
    Home(#[ts(type = "number")] i64),
    /// A placed child's file.
    Child(#[ts(type = "number")] i64),
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum EntryKind {
    /// An ordinary note.
    Note,
    /// A correction of a signed entry.
    Amendment,
    /// The data subject's own objection, stored as an addendum of its own kind.
    Objection,
}

impl crate::label::SwedishLabel for EntryKind {
    fn sv(self) -> &'static str {
        match self {
            EntryKind::Note => "anteckning",
            EntryKind::Amendment => "rättelse",
            EntryKind::Objection => "invändning från den registrerade",
        }
    }
}

/// An entry as shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct JournalEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: EntryKind,
    pub event_date: NaiveDate,
    pub text: String,
    #[ts(type = "number")]
    pub author_id: i64,
    pub author_name: String,
    #[ts(type = "number | null")]
    pub amends_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
    /// An unsigned draft older than 14 days.
    pub stale_draft: bool,
    /// A contact with the home: its structure (kind, time, who took part, themes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub contact: Option<crate::contact::ContactDetails>,
}

/// What a form gives for a new entry or a draft's new text.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EntryInput {
    pub event_date: NaiveDate,
    pub text: String,
}

fn author_of(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::ProfileRequired)
}

fn check(input: &EntryInput, today: NaiveDate) -> Result<String> {
    let mut p = Problems::new();
    let text = p.check(crate::validate::required_multiline(
        "text",
        &input.text,
        MAX_TEXT_CHARS,
    ));
    if input.event_date > today {
        p.push("event_date", Reason::Future);
    }
    p.finish()?;
    text.ok_or_else(|| Error::Internal("validation state".into()))
}

async fn file_exists(conn: &mut SqliteConnection, file: JournalFile) -> Result<bool> {
    let n = match file {
        JournalFile::Home(id) => {
            sqlx::query_scalar!(
                r#"SELECT count(*) AS "n!: i64" FROM foster_homes WHERE id = ?"#,
                id
            )
            .fetch_one(&mut *conn)
            .await?
        }
        JournalFile::Child(id) => {
            sqlx::query_scalar!(
                r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
                id
            )
            .fetch_one(&mut *conn)
            .await?
        }
    };
    Ok(n > 0)
}

fn split(file: JournalFile) -> (Option<i64>, Option<i64>) {
    match file {
        JournalFile::Home(id) => (Some(id), None),
        JournalFile::Child(id) => (None, Some(id)),
    }
}

struct Row {
    id: i64,
    kind: EntryKind,
    event_date: NaiveDate,
    text: String,
    author_id: i64,
    author_name: String,
    amends_id: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    signed_at: Option<DateTime<Utc>>,
    signed_by_name: Option<String>,
}

impl Row {
    fn into_entry(self, today: NaiveDate) -> JournalEntry {
        let stale_draft = self.signed_at.is_none()
            && (today - self.created_at.date_naive()).num_days() > STALE_DRAFT_DAYS;
        JournalEntry {
            id: self.id,
            kind: self.kind,
            event_date: self.event_date,
            text: self.text,
            author_id: self.author_id,
            author_name: self.author_name,
            amends_id: self.amends_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            signed_at: self.signed_at,
            signed_by_name: self.signed_by_name,
            stale_draft,
            contact: None,
        }
    }
}

/// Entries of a file (`home`/`child`), or the entries `ids` (a JSON array), oldest event
/// first.
async fn select(
    conn: &mut SqliteConnection,
    home: Option<i64>,
    child: Option<i64>,
    ids: Option<&str>,
) -> Result<Vec<Row>> {
    Ok(sqlx::query_as!(
        Row,
        r#"SELECT e.id, e.kind AS "kind: EntryKind", e.event_date AS "event_date: NaiveDate", e.text,
                  e.author_id, a.name AS author_name, e.amends_id,
                  e.created_at AS "created_at: DateTime<Utc>", e.updated_at AS "updated_at: DateTime<Utc>",
                  e.signed_at AS "signed_at: DateTime<Utc>", s.name AS "signed_by_name?"
           FROM journal_entries e
           JOIN users a ON a.id = e.author_id
           LEFT JOIN users s ON s.id = e.signed_by
           WHERE (?1 IS NOT NULL AND e.id IN (SELECT value FROM json_each(?1)))
              OR (?1 IS NULL AND (e.home_id = ?2 OR e.child_id = ?3))
           ORDER BY e.event_date, e.id"#,
        ids,
        home,
        child
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// The rows as shown, each contact with its structure (read for all of them at once).
async fn shown(
    conn: &mut SqliteConnection,
    rows: Vec<Row>,
    today: NaiveDate,
) -> Result<Vec<JournalEntry>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut contacts = crate::contact::details_of(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut e = r.into_entry(today);
            e.contact = contacts.remove(&e.id);
            e
        })
        .collect())
}

/// The entries `ids` as shown, oldest event first (ids that are no entry are left out).
pub(crate) async fn entries(
    conn: &mut SqliteConnection,
    ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<JournalEntry>> {
    let json = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    let rows = select(conn, None, None, Some(&json)).await?;
    shown(conn, rows, today).await
}

pub(crate) async fn one(
    conn: &mut SqliteConnection,
    id: i64,
    today: NaiveDate,
) -> Result<JournalEntry> {
    entries(conn, &[id], today)
        .await?
        .pop()
        .ok_or(Error::NotFound("journal entry"))
}

/// Writes a new entry's row (no audit event: the caller records it); its id.
pub(crate) async fn insert_entry(
    conn: &mut SqliteConnection,
    file: JournalFile,
    kind: EntryKind,
    event_date: NaiveDate,
    text: &str,
    author: i64,
) -> Result<i64> {
    let (home, child) = split(file);
    let now = Utc::now();
    Ok(sqlx::query!(
        "INSERT INTO journal_entries (home_id, child_id, kind, event_date, text, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        home,
        child,
        kind,
        event_date,
        text,
        author,
        now,
        now
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

/// Writes a new draft (a note, or the data subject's objection) in a file.
pub async fn create_draft(
    store: &Store,
    actor: &Actor,
    file: JournalFile,
    kind: EntryKind,
    input: &EntryInput,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    if kind == EntryKind::Amendment {
        return Err(Error::invalid("kind", Reason::NotAllowed));
    }
    let text = check(input, today)?;
    let mut tx = store.begin().await?;
    if !file_exists(&mut tx, file).await? {
        return Err(Error::invalid("file", Reason::Unknown));
    }
    ensure_file_unrestricted(&mut tx, file).await?;
    let id = insert_entry(&mut tx, file, kind, input.event_date, &text, author).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::JournalEntry,
        Some(id),
    )
    .await?;
    let entry = one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// `person_restricted` when the file's child, or any member of the file's home, has
/// their data restricted.
pub(crate) async fn ensure_file_unrestricted(
    conn: &mut SqliteConnection,
    file: JournalFile,
) -> Result<()> {
    let ids = match file {
        JournalFile::Child(id) => vec![id],
        JournalFile::Home(id) => crate::person::home_member_ids(conn, id).await?,
    };
    crate::person::ensure_unrestricted(conn, &ids).await
}

/// Changes a draft. Only its author may, and only while it is unsigned.
pub async fn update_draft(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &EntryInput,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    let text = check(input, today)?;
    let mut tx = store.begin().await?;
    let entry = one(&mut tx, id, today).await?;
    if entry.signed_at.is_some() || entry.author_id != author {
        return Err(Error::invalid("entry", Reason::NotAllowed));
    }
    // A contact's child and persons who took part must belong to the home on the new date.
    crate::contact::check_new_date(&mut tx, id, input.event_date).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE journal_entries SET event_date = ?, text = ?, updated_at = ? WHERE id = ?",
        input.event_date,
        text,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::JournalEntry,
        Some(id),
    )
    .await?;
    let entry = one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Signs a draft: from now on it is locked. Only its author signs.
pub async fn sign(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    let mut tx = store.begin().await?;
    let entry = one(&mut tx, id, today).await?;
    if entry.signed_at.is_some() || entry.author_id != author {
        return Err(Error::invalid("entry", Reason::NotAllowed));
    }
    let now = Utc::now();
    sqlx::query!(
        "UPDATE journal_entries SET signed_at = ?, signed_by = ? WHERE id = ?",
        now,
        author,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Sign,
        EntityKind::JournalEntry,
        Some(id),
    )
    .await?;
    let entry = one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Writes an amendment (as a draft) to a signed entry, in the same file.
pub async fn amend(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &EntryInput,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    let text = check(input, today)?;
    let mut tx = store.begin().await?;
    let target = sqlx::query!(
        r#"SELECT home_id, child_id, signed_at IS NOT NULL AS "signed!: bool" FROM journal_entries WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound("journal entry"))?;
    if !target.signed {
        // A draft is corrected by editing it.
        return Err(Error::invalid("entry", Reason::NotAllowed));
    }
    let now = Utc::now();
    let new_id = sqlx::query!(
        "INSERT INTO journal_entries (home_id, child_id, kind, event_date, text, author_id, amends_id,
                                      created_at, updated_at)
         VALUES (?, ?, 'amendment', ?, ?, ?, ?, ?, ?)",
        target.home_id,
        target.child_id,
        input.event_date,
        text,
        author,
        id,
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
        EntityKind::JournalEntry,
        Some(new_id),
    )
    .await?;
    let entry = one(&mut tx, new_id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// A file's journal, oldest event first: a read of a personakt, audited.
pub async fn list(
    store: &Store,
    actor: &Actor,
    file: JournalFile,
    today: NaiveDate,
) -> Result<Vec<JournalEntry>> {
    let mut tx = store.begin().await?;
    let (home, child) = split(file);
    let rows = select(&mut tx, home, child, None).await?;
    let (kind, id) = match file {
        JournalFile::Home(id) => (EntityKind::FosterHome, id),
        JournalFile::Child(id) => (EntityKind::Person, id),
    };
    audit::record(&mut tx, actor, AuditAction::Read, kind, Some(id)).await?;
    let entries = shown(&mut tx, rows, today).await?;
    tx.commit().await?;
    Ok(entries)
}
