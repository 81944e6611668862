//! Full-text search over journal text, and the one path by which entries leave the
//! store (purge, erasure) so that the index never keeps what was deleted.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::JournalFile;
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;

/// One search hit: where it is, and a short excerpt with the match marked by `[` `]`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub entry_id: i64,
    pub file: JournalFile,
    pub file_name: String,
    pub event_date: chrono::NaiveDate,
    pub excerpt: String,
}

/// Turns what a person typed into an FTS5 query: every word must occur (as a prefix),
/// and nothing typed is read as query syntax. A word of one letter or digit must occur
/// whole (an initial, "E Andersson"): as a beginning it would match nearly every note
/// and read most of the index, while beginnings of two and three letters are answered
/// from the index's prefix indexes (migration 0021).
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| {
            let star = if w.chars().nth(1).is_some() { "*" } else { "" };
            format!("\"{}\"{star}", w.replace('"', "\"\""))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// In which order search hits come: newest written first (the journal's own order,
/// and what a caseworker expects), or best match first (FTS5's bm25 rank).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchOrder {
    /// Newest written first. FTS5 walks its index in rowid order and stops at the
    /// limit, so a common word costs no more than a rare one.
    #[default]
    Newest,
    /// Best match first: every match is ranked before the first hit is known.
    Relevance,
}

/// One hit as the query returns it.
struct HitRow {
    id: i64,
    home_id: Option<i64>,
    child_id: Option<i64>,
    event_date: chrono::NaiveDate,
    excerpt: String,
    file_name: String,
}

/// Searches all journal text; at most `limit` hits in `order`. Audited as one read.
pub async fn search(
    store: &Store,
    actor: &Actor,
    query: &str,
    limit: i64,
    order: SearchOrder,
) -> Result<Vec<SearchHit>> {
    let mut tx = store.begin().await?;
    let hits = search_in(&mut tx, query, limit, order).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::JournalEntry,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(hits)
}

/// The search itself, not audited: the caller records the read (and `akta bench`
/// times it apart from the audit event).
pub async fn search_in(
    conn: &mut SqliteConnection,
    query: &str,
    limit: i64,
    order: SearchOrder,
) -> Result<Vec<SearchHit>> {
    let Some(q) = fts_query(query) else {
        return Err(Error::invalid("query", Reason::Required));
    };
    let limit = limit.clamp(1, 500);
    // Two statements rather than one built at run time, so that both are checked
    // against the schema when the core is compiled.
    let rows = match order {
        SearchOrder::Newest => {
            sqlx::query_as!(
                HitRow,
                r#"SELECT e.id AS "id!", e.home_id, e.child_id, e.event_date AS "event_date!: chrono::NaiveDate",
                          snippet(journal_fts, 0, '[', ']', '…', 12) AS "excerpt!: String",
                          coalesce(h.name, p.given_name || ' ' || p.family_name) AS "file_name!: String"
                   FROM journal_fts
                   JOIN journal_entries e ON e.id = journal_fts.rowid
                   LEFT JOIN foster_homes h ON h.id = e.home_id
                   LEFT JOIN persons p ON p.id = e.child_id
                   WHERE journal_fts MATCH ?1
                   ORDER BY journal_fts.rowid DESC
                   LIMIT ?2"#,
                q,
                limit
            )
            .fetch_all(&mut *conn)
            .await?
        }
        SearchOrder::Relevance => {
            sqlx::query_as!(
                HitRow,
                r#"SELECT e.id AS "id!", e.home_id, e.child_id, e.event_date AS "event_date!: chrono::NaiveDate",
                          snippet(journal_fts, 0, '[', ']', '…', 12) AS "excerpt!: String",
                          coalesce(h.name, p.given_name || ' ' || p.family_name) AS "file_name!: String"
                   FROM journal_fts
                   JOIN journal_entries e ON e.id = journal_fts.rowid
                   LEFT JOIN foster_homes h ON h.id = e.home_id
                   LEFT JOIN persons p ON p.id = e.child_id
                   WHERE journal_fts MATCH ?1
                   ORDER BY rank
                   LIMIT ?2"#,
                q,
                limit
            )
            .fetch_all(&mut *conn)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            entry_id: r.id,
            file: match (r.home_id, r.child_id) {
                (Some(h), _) => JournalFile::Home(h),
                (None, Some(c)) => JournalFile::Child(c),
                (None, None) => JournalFile::Home(0),
            },
            file_name: r.file_name,
            event_date: r.event_date,
            excerpt: r.excerpt,
        })
        .collect())
}

/// Deletes entries for good (retention purge, erasure): the rows, their amendments,
/// and — once the caller's `Store::scrub` has merged the index — every trace in the
/// full-text index. The
/// only way entries leave the store; signed or not. Runs inside the caller's
/// transaction; returns how many entries went.
pub async fn purge_entries(conn: &mut SqliteConnection, actor: &Actor, ids: &[i64]) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    // Amendments point at what they amend; checked at commit, when all are gone.
    sqlx::query!("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    let list = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    // A contact's structure goes with its entry (the file's purge may have taken it
    // already, table by table).
    sqlx::query!(
        "DELETE FROM contact_entry_themes WHERE entry_id IN (SELECT value FROM json_each(?1))",
        list
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "DELETE FROM contact_participants WHERE entry_id IN (SELECT value FROM json_each(?1))",
        list
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "DELETE FROM contacts WHERE entry_id IN (SELECT value FROM json_each(?1))",
        list
    )
    .execute(&mut *conn)
    .await?;
    // The entries and every amendment of them, however deep.
    let n = sqlx::query!(
        "WITH RECURSIVE chain(id) AS (
             SELECT value FROM json_each(?1)
             UNION
             SELECT e.id FROM journal_entries e JOIN chain c ON e.amends_id = c.id
         )
         DELETE FROM journal_entries WHERE id IN (SELECT id FROM chain)",
        list
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let events: Vec<_> = ids
        .iter()
        .map(|&id| (EntityKind::JournalEntry, Some(id)))
        .collect();
    audit::record_many(conn, actor, AuditAction::Delete, &events).await?;
    // The index keeps the deleted entries' tokens marked deleted until the caller's
    // `Store::scrub` merges it, once for all the files it purged.
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_never_becomes_query_syntax() {
        assert_eq!(
            fts_query("hembesök Åsa").as_deref(),
            Some("\"hembesök\"* \"Åsa\"*")
        );
        assert_eq!(
            fts_query("NEAR(a b) OR \"x\" -y *").as_deref(),
            Some("\"NEAR\"* \"a\" \"b\" \"OR\"* \"x\" \"y\"")
        );
        // A single letter is a word of its own (an initial), not a beginning.
        assert_eq!(fts_query("E Ö").as_deref(), Some("\"E\" \"Ö\""));
        assert_eq!(fts_query("  ** \" "), None);
    }
}
