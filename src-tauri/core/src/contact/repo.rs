//! Writing and reading contacts: the journal entry and its structure in one
//! transaction. Signing, amending, objecting, search and deletion are the journal's.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::check::check;
use super::{ContactInput, Participant};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::journal::{self, EntryKind, JournalEntry, JournalFile};
use crate::store::Store;
use crate::user::Actor;

fn author_of(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::ProfileRequired)
}

/// `person_restricted` when a member of the home, the child or a person who took part
/// has their data restricted.
async fn ensure_unrestricted(conn: &mut SqliteConnection, input: &ContactInput) -> Result<()> {
    journal::ensure_file_unrestricted(conn, JournalFile::Home(input.home_id)).await?;
    let persons: Vec<i64> = input
        .child_id
        .into_iter()
        .chain(input.participants.iter().filter_map(|p| match *p {
            Participant::Person { person_id } => Some(person_id),
            Participant::Role { .. } => None,
        }))
        .collect();
    crate::person::ensure_unrestricted(conn, &persons).await
}

/// Writes the contact's row, participants and themes beside entry `id`.
async fn write_structure(
    conn: &mut SqliteConnection,
    id: i64,
    input: &ContactInput,
    starts_at: &str,
) -> Result<()> {
    sqlx::query!(
        "INSERT INTO contacts (entry_id, kind, child_id, starts_at, minutes) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (entry_id) DO UPDATE SET kind = excluded.kind, child_id = excluded.child_id,
             starts_at = excluded.starts_at, minutes = excluded.minutes",
        id,
        input.kind,
        input.child_id,
        starts_at,
        input.minutes
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM contact_participants WHERE entry_id = ?", id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM contact_entry_themes WHERE entry_id = ?", id)
        .execute(&mut *conn)
        .await?;
    for p in &input.participants {
        let (person, role) = match *p {
            Participant::Person { person_id } => (Some(person_id), None),
            Participant::Role { role } => (None, Some(role)),
        };
        sqlx::query!(
            "INSERT INTO contact_participants (entry_id, person_id, role) VALUES (?, ?, ?)",
            id,
            person,
            role
        )
        .execute(&mut *conn)
        .await?;
    }
    for theme in &input.themes {
        sqlx::query!(
            "INSERT INTO contact_entry_themes (entry_id, theme) VALUES (?, ?)",
            id,
            theme
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records a contact with a home as a draft entry of the home's journal, with its
/// structure. Refused, each refusal naming its field and nothing written: an unknown
/// home (`home_id`); a child not placed in the home on the date (`child_id`); a person
/// who did not belong to the home then, or one named twice (`participants`); an
/// unknown or retired theme, or one named twice (`themes`); a date in the future
/// (`date`); a time that is not `HH:MM` (`starts_at`); a length outside 1–1440 minutes
/// (`minutes`); an empty or too long note (`text`); a person whose data is restricted.
pub async fn add(
    store: &Store,
    actor: &Actor,
    input: &ContactInput,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    let mut tx = store.begin().await?;
    let ok = check(&mut tx, input, None, today).await?;
    ensure_unrestricted(&mut tx, input).await?;
    let id = journal::insert_entry(
        &mut tx,
        JournalFile::Home(input.home_id),
        EntryKind::Note,
        input.date,
        &ok.text,
        author,
    )
    .await?;
    write_structure(&mut tx, id, input, &ok.starts_at).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::JournalEntry,
        Some(id),
    )
    .await?;
    let entry = journal::one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Changes a contact's draft: its note and its whole structure (participants and themes
/// are replaced). Only its author may, and only while it is unsigned (`entry`); it stays
/// in its home (`home_id`). Refused as [`add`] refuses.
pub async fn update(
    store: &Store,
    actor: &Actor,
    entry_id: i64,
    input: &ContactInput,
    today: NaiveDate,
) -> Result<JournalEntry> {
    let author = author_of(actor)?;
    let mut tx = store.begin().await?;
    let current = sqlx::query!(
        r#"SELECT e.home_id, e.author_id, e.signed_at IS NOT NULL AS "signed!: bool"
           FROM journal_entries e JOIN contacts c ON c.entry_id = e.id WHERE e.id = ?"#,
        entry_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound("contact"))?;
    if current.signed || current.author_id != author {
        return Err(Error::invalid("entry", Reason::NotAllowed));
    }
    if current.home_id != Some(input.home_id) {
        return Err(Error::invalid("home_id", Reason::NotAllowed));
    }
    let ok = check(&mut tx, input, Some(entry_id), today).await?;
    ensure_unrestricted(&mut tx, input).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE journal_entries SET event_date = ?, text = ?, updated_at = ? WHERE id = ?",
        input.date,
        ok.text,
        now,
        entry_id
    )
    .execute(&mut *tx)
    .await?;
    write_structure(&mut tx, entry_id, input, &ok.starts_at).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::JournalEntry,
        Some(entry_id),
    )
    .await?;
    let entry = journal::one(&mut tx, entry_id, today).await?;
    tx.commit().await?;
    Ok(entry)
}

/// A home's contacts with their structure, newest first (by date, then time): a read of
/// the home's file, audited.
pub async fn list(
    store: &Store,
    actor: &Actor,
    home_id: i64,
    today: NaiveDate,
) -> Result<Vec<JournalEntry>> {
    let mut tx = store.begin().await?;
    let known = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM foster_homes WHERE id = ?) AS "x!: bool""#,
        home_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if !known {
        return Err(Error::NotFound("foster home"));
    }
    let ids = sqlx::query_scalar!(
        r#"SELECT c.entry_id AS "id!" FROM contacts c JOIN journal_entries e ON e.id = c.entry_id
           WHERE e.home_id = ?"#,
        home_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut entries = journal::entries(&mut tx, &ids, today).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::FosterHome,
        Some(home_id),
    )
    .await?;
    tx.commit().await?;
    let key = |e: &JournalEntry| {
        (
            e.event_date,
            e.contact.as_ref().map(|c| c.starts_at.clone()),
            e.id,
        )
    };
    entries.sort_by_key(|e| std::cmp::Reverse(key(e)));
    Ok(entries)
}
