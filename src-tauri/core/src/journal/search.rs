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
/// and nothing typed is read as query syntax.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Searches all journal text; at most `limit` hits, best first. Audited as one read.
pub async fn search(
    store: &Store,
    actor: &Actor,
    query: &str,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let Some(q) = fts_query(query) else {
        return Err(Error::invalid("query", Reason::Required));
    };
    let limit = limit.clamp(1, 500);
    let mut tx = store.begin().await?;
    let rows = sqlx::query!(
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
    .fetch_all(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::JournalEntry,
        None,
    )
    .await?;
    tx.commit().await?;
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
    // Amendments point at what they amend; checked at commit, when all are gone.
    sqlx::query!("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    let mut n = 0;
    for &id in ids {
        // A contact's structure goes with its entry (the file's purge may have taken it
        // already, table by table).
        sqlx::query!("DELETE FROM contact_entry_themes WHERE entry_id = ?", id)
            .execute(&mut *conn)
            .await?;
        sqlx::query!("DELETE FROM contact_participants WHERE entry_id = ?", id)
            .execute(&mut *conn)
            .await?;
        sqlx::query!("DELETE FROM contacts WHERE entry_id = ?", id)
            .execute(&mut *conn)
            .await?;
        // The entry and every amendment of it, however deep.
        n += sqlx::query!(
            "WITH RECURSIVE chain(id) AS (
                 SELECT ?1
                 UNION ALL
                 SELECT e.id FROM journal_entries e JOIN chain c ON e.amends_id = c.id
             )
             DELETE FROM journal_entries WHERE id IN (SELECT id FROM chain)",
            id
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
        audit::record(
            conn,
            actor,
            AuditAction::Delete,
            EntityKind::JournalEntry,
            Some(id),
        )
        .await?;
    }
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
            Some("\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query("  ** \" "), None);
    }
}
