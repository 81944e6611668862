//! The rows of a file, as the catalogue names them (`Table::home_file`,
//! `Table::child_file`): the preview counts them and the purge deletes them, so that a
//! file's count in the preview is what its purge deletes. The persons the file leaves
//! referenced by nothing go after it, counted apart. A file's documents go with their
//! rows (and with them their keys); their encrypted files are removed by the caller
//! once the purge has committed.

use sqlx::SqliteConnection;

use super::FileKind;
use crate::access::Actor;
use crate::audit::{self, AuditAction};
use crate::catalogue::{Table, Value, TABLES};
use crate::error::Result;

/// The condition selecting `table`'s rows of a file of `kind` (`?1` the file's id).
fn condition(table: &Table, kind: FileKind) -> Option<&'static str> {
    match kind {
        FileKind::Home => table.home_file,
        FileKind::Child => table.child_file,
    }
}

/// How many rows a purge of the file deletes (the persons left unreferenced aside).
pub(super) async fn count(conn: &mut SqliteConnection, kind: FileKind, id: i64) -> Result<i64> {
    let mut n = 0;
    for table in TABLES {
        if let Some(cond) = condition(table, kind) {
            let sql = format!("SELECT count(*) FROM {} WHERE {cond}", table.name);
            n += sqlx::query_scalar::<_, i64>(&sql)
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
        }
    }
    Ok(n)
}

/// How many documents a purge of the file deletes (part of [`count`]).
pub(super) async fn documents(conn: &mut SqliteConnection, kind: FileKind, id: i64) -> Result<i64> {
    let Some(cond) = crate::catalogue::table("documents").and_then(|t| condition(t, kind)) else {
        return Ok(0);
    };
    let sql = format!("SELECT count(*) FROM documents WHERE {cond}");
    Ok(sqlx::query_scalar::<_, i64>(&sql)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

/// What [`delete`] did.
pub(super) struct Deleted {
    /// Rows deleted (what [`count`] counted).
    pub rows: i64,
    /// Documents among them.
    pub documents: i64,
    /// The persons the file named (the child itself for a child's file).
    pub persons: Vec<i64>,
    /// The files of the deleted documents, to remove once the deletion has committed.
    pub blobs: Vec<String>,
}

async fn ids(conn: &mut SqliteConnection, sql: &str, id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?)
}

/// Deletes the file's rows in the caller's transaction, children before parents, each
/// row of an audited kind audited. Returns the rows deleted, the persons the file named
/// (for the caller to forget those nothing refers to any more) and the files of the
/// documents whose rows (and keys) went, for the caller to remove after the commit.
pub(super) async fn delete(
    conn: &mut SqliteConnection,
    actor: &Actor,
    kind: FileKind,
    id: i64,
) -> Result<Deleted> {
    let mut persons = Vec::new();
    if kind == FileKind::Child {
        persons.push(id);
    }
    let mut n = 0;
    let mut blobs = Vec::new();
    for table in TABLES.iter().rev() {
        let Some(cond) = condition(table, kind) else {
            continue;
        };
        for col in table
            .columns
            .iter()
            .filter(|c| c.value == Value::Ref("persons"))
        {
            let sql = format!(
                "SELECT DISTINCT {c} FROM {t} WHERE ({cond}) AND {c} IS NOT NULL",
                c = col.name,
                t = table.name
            );
            persons.extend(ids(conn, &sql, id).await?);
        }
        if table.name == "journal_entries" {
            // The journal's own delete path: each entry with its amendments, and the
            // search index's tokens scrubbed after the run.
            let sql =
                format!("SELECT id FROM journal_entries WHERE ({cond}) AND amends_id IS NULL");
            let entries = ids(conn, &sql, id).await?;
            n += crate::journal::purge_entries(conn, actor, &entries).await? as i64;
            continue;
        }
        if table.name == "documents" {
            blobs = crate::document::blobs_where(conn, cond, id).await?;
        }
        if let Some(entity) = table.entity.filter(|_| table.has_id()) {
            let sql = format!("SELECT id FROM {} WHERE {cond}", table.name);
            for row in ids(conn, &sql, id).await? {
                audit::record(conn, actor, AuditAction::Delete, entity, Some(row)).await?;
            }
        }
        let sql = format!("DELETE FROM {} WHERE {cond}", table.name);
        n += sqlx::query(&sql)
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected() as i64;
    }
    persons.sort_unstable();
    persons.dedup();
    Ok(Deleted {
        rows: n,
        documents: blobs.len() as i64,
        persons,
        blobs,
    })
}
