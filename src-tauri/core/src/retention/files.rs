//! The rows of a file, as the catalogue names them (`Table::home_file`,
//! `Table::child_file`): the preview counts them and the purge deletes them, so that a
//! file's count in the preview is what its purge deletes. The persons the file leaves
//! referenced by nothing go after it, counted apart. A file's documents go with their
//! rows (and with them their keys); their encrypted files are removed by the caller
//! once the purge has committed.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::FileKind;
use crate::access::Actor;
use crate::audit::{self, AuditAction};
use crate::catalogue::{Table, Value, TABLES};
use crate::error::{Error, Result};

/// The condition selecting `table`'s rows of a file of `kind` (`?1` the file's id).
fn condition(table: &Table, kind: FileKind) -> Option<&'static str> {
    match kind {
        FileKind::Home => table.home_file,
        FileKind::Child => table.child_file,
    }
}

/// How many rows, and documents among them, a purge of each file of `kind` in `ids`
/// deletes (the persons left unreferenced aside): one statement for all the files, the
/// catalogue's conditions with the file's id in place of `?1`.
pub(super) async fn counts(
    conn: &mut SqliteConnection,
    kind: FileKind,
    ids: &[i64],
) -> Result<HashMap<i64, (i64, i64)>> {
    let per_file = |table: &Table| {
        condition(table, kind).map(|cond| {
            format!(
                "(SELECT count(*) FROM {} WHERE {})",
                table.name,
                cond.replace("?1", "f.value")
            )
        })
    };
    let rows: Vec<String> = TABLES.iter().filter_map(per_file).collect();
    let documents = crate::catalogue::table("documents").and_then(per_file);
    let sql = format!(
        "SELECT f.value, {}, {} FROM json_each(?1) f",
        if rows.is_empty() {
            "0".to_owned()
        } else {
            rows.join(" + ")
        },
        documents.unwrap_or_else(|| "0".to_owned())
    );
    let ids = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    let found: Vec<(i64, i64, i64)> = sqlx::query_as(&sql).bind(ids).fetch_all(&mut *conn).await?;
    Ok(found.into_iter().map(|(id, n, d)| (id, (n, d))).collect())
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
            let events: Vec<_> = ids(conn, &sql, id)
                .await?
                .into_iter()
                .map(|row| (entity, Some(row)))
                .collect();
            audit::record_many(conn, actor, AuditAction::Delete, &events).await?;
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
