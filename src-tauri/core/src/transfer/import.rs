//! Importing a checked transfer document: every row written in one transaction under
//! its own savepoint, rows already in the store matched by their natural key, and the
//! schema's constraint failures reported per row.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{Row, SqliteConnection};

use super::check::{check_file, text_of, Cell, CheckedRow, Refusals};
use super::ImportReport;
use crate::audit::{self, AuditAction};
use crate::catalogue::Table;
use crate::error::{Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// Which column a constraint message names, and why it refused: SQLite says
/// `NOT NULL constraint failed: t.col`, `UNIQUE constraint failed: t.a, t.b`,
/// `CHECK constraint failed: <expression>`. Messages name columns, never values.
fn constraint_field(table: &Table, message: &str) -> (String, Reason) {
    let after = |prefix: &str| message.split_once(prefix).map(|(_, rest)| rest.trim());
    let first_col = |rest: &str| {
        rest.split(',')
            .next()
            .and_then(|s| s.trim().rsplit('.').next())
            .map(str::to_owned)
    };
    if let Some(rest) = after("NOT NULL constraint failed:") {
        if let Some(c) = first_col(rest) {
            return (c, Reason::Required);
        }
    }
    if let Some(rest) = after("UNIQUE constraint failed:") {
        if let Some(c) = first_col(rest) {
            return (c, Reason::Duplicate);
        }
    }
    if let Some(expr) = after("CHECK constraint failed:") {
        let words: Vec<&str> = expr
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .collect();
        if let Some(col) = table.columns.iter().find(|c| words.contains(&c.name)) {
            return (col.name.to_owned(), Reason::Format);
        }
    }
    ("row".to_owned(), Reason::NotAllowed)
}

fn bind_cells<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    cells: &'q [(&'static str, Cell, Option<&'static str>)],
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    for (_, cell, _) in cells {
        q = match cell {
            Cell::Null => q.bind(None::<i64>),
            Cell::Int(v) => q.bind(*v),
            Cell::Bool(v) => q.bind(*v),
            Cell::Text(v) => q.bind(v.as_str()),
            Cell::Date(v) => q.bind(*v),
            Cell::Time(v) => q.bind(*v),
        };
    }
    q
}

const SQLITE_CONSTRAINT: i32 = 19;

/// A constraint failure's message, or `None` for any other error (disk full, busy…),
/// which aborts the import as it is.
fn constraint_message(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db)
            if db
                .code()
                .and_then(|c| c.parse::<i32>().ok())
                .map(|c| c & 0xff)
                == Some(SQLITE_CONSTRAINT) =>
        {
            Some(db.message().to_owned())
        }
        _ => None,
    }
}

/// The store's row that a natural key names, if there is one.
async fn existing_row(
    conn: &mut SqliteConnection,
    table: &Table,
    key: &str,
    value: &str,
) -> Result<Option<i64>> {
    // `rowid`: the id where the table has one, and still there where its key is the
    // primary key (`document_types.code`).
    let sql = format!("SELECT rowid FROM {} WHERE {} = ?", table.name, key);
    Ok(sqlx::query_scalar::<_, i64>(&sql)
        .bind(value)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Imports a transfer document into the store: all of it, or (with the refusals named)
/// nothing. Rows already in the store by their natural key are matched, not copied; a
/// person matched by personnummer must carry the same name. Needs the data-protection
/// role; every new row with an audit name is recorded as created.
///
/// A plain document cannot bring documents (their files travel only in a sealed
/// transfer file, [`import_sealed`]): a `documents` row in one is refused.
pub async fn import(
    store: &Store,
    actor: &Actor,
    bytes: &[u8],
    today: NaiveDate,
) -> Result<ImportReport> {
    actor.require(Permission::TransferStore)?;
    let mut refusals = Refusals::default();
    let checked = check_file(bytes, today, &mut refusals);
    let Some(checked) = checked else {
        return Err(refusals.into_error());
    };
    for (table, rows) in &checked {
        if table.name == "documents" {
            for row in rows {
                refusals.push(table.name, row.index, "blob", Reason::Unknown);
            }
        }
    }
    if refusals.total > 0 {
        return Err(refusals.into_error());
    }
    write_checked(store, actor, &checked).await
}

/// Writes checked rows in one transaction: all, or (with every refusal named) none.
pub(super) async fn write_checked(
    store: &Store,
    actor: &Actor,
    checked: &[(&'static Table, Vec<CheckedRow>)],
) -> Result<ImportReport> {
    let mut refusals = Refusals::default();
    let mut report = ImportReport::default();
    let mut tx = store.begin().await?;
    // file id → store id, per table.
    let mut map: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    let mut events = Vec::new();
    for (table, rows) in checked {
        let names: Vec<&str> = rows
            .first()
            .map(|r| r.cells.iter().map(|c| c.0).collect())
            .unwrap_or_default();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            names.join(", "),
            vec!["?"; names.len()].join(", ")
        );
        // A link row (no id of its own) that is already in the store is matched.
        let same_link = format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE {})",
            table.name,
            names
                .iter()
                .map(|n| format!("{n} IS ?"))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        for row in rows {
            let mut cells = row.cells.clone();
            let mut unresolved = false;
            for (name, cell, target) in &mut cells {
                if let (Some(t), Cell::Int(file_id)) = (*target, &*cell) {
                    match map.get(t).and_then(|m| m.get(file_id)) {
                        Some(id) => *cell = Cell::Int(*id),
                        None => {
                            // The row it refers to was itself refused.
                            refusals.push(table.name, row.index, name, Reason::Unknown);
                            unresolved = true;
                        }
                    }
                }
            }
            if unresolved {
                continue;
            }
            if let Some(key) = table.natural_key {
                if let Some(value) = text_of(&cells, key) {
                    if let Some(id) = existing_row(&mut tx, table, key, &value).await? {
                        if table.name == "persons" && !same_person(&mut tx, id, &cells).await? {
                            refusals.push(table.name, row.index, key, Reason::Duplicate);
                            continue;
                        }
                        if let Some(file_id) = row.file_id {
                            map.entry(table.name).or_default().insert(file_id, id);
                        }
                        *report.matched.entry(table.name.to_owned()).or_default() += 1;
                        continue;
                    }
                }
            }
            if !table.has_id() {
                let found = bind_cells(sqlx::query(&same_link), &cells)
                    .fetch_one(&mut *tx)
                    .await?;
                if found.try_get::<bool, _>(0)? {
                    *report.matched.entry(table.name.to_owned()).or_default() += 1;
                    continue;
                }
            }
            // A refused statement undoes only itself (SQLite's ABORT); the
            // transaction goes on, so that every refusal is found and named, and is
            // rolled back whole below.
            let result = bind_cells(sqlx::query(&sql), &cells)
                .execute(&mut *tx)
                .await;
            match result {
                Ok(done) => {
                    let id = done.last_insert_rowid();
                    if let Some(file_id) = row.file_id {
                        map.entry(table.name).or_default().insert(file_id, id);
                    }
                    if let Some(kind) = table.entity {
                        events.push((kind, Some(id)));
                    }
                    *report.added.entry(table.name.to_owned()).or_default() += 1;
                }
                Err(e) => {
                    let Some(message) = constraint_message(&e) else {
                        return Err(e.into());
                    };
                    let (field, reason) = constraint_field(table, &message);
                    refusals.push(table.name, row.index, &field, reason);
                }
            }
        }
    }
    if refusals.total > 0 {
        tx.rollback().await?;
        return Err(refusals.into_error());
    }
    // One event per row added, in the order added, as `audit::record` would chain them.
    audit::record_many(&mut tx, actor, AuditAction::Create, &events).await?;
    tx.commit().await?;
    Ok(report)
}

/// A person matched by personnummer is the same person only under the same name.
async fn same_person(
    conn: &mut SqliteConnection,
    id: i64,
    cells: &[(&'static str, Cell, Option<&'static str>)],
) -> Result<bool> {
    let row = sqlx::query!(
        "SELECT given_name, family_name FROM persons WHERE id = ?",
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(
        text_of(cells, "given_name").as_deref() == Some(row.given_name.as_str())
            && text_of(cells, "family_name").as_deref() == Some(row.family_name.as_str()),
    )
}
