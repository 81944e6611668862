//! Writing a transfer document: every catalogue table read in one snapshot, and the
//! document as JSON text (refused when it holds documents' keys).

use chrono::{SecondsFormat, Utc};
use serde_json::{Map, Value as Json};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::{TransferFile, FORMAT, FORMAT_VERSION};
use crate::audit::{self, AuditAction, EntityKind};
use crate::catalogue::{self, Table, Value};
use crate::error::{Error, Reason, Result};
use crate::store::{known_schema_version, Store};
use crate::user::{Actor, Permission};

/// Reads every catalogue table in one read transaction (a consistent snapshot) and
/// records the export in the audit log. Needs the data-protection role.
pub async fn export(store: &Store, actor: &Actor) -> Result<TransferFile> {
    actor.require(Permission::TransferStore)?;
    let mut tx = store.begin().await?;
    let mut tables = Map::new();
    for table in catalogue::transferred() {
        let cols: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY rowid",
            cols.join(", "),
            table.name
        );
        let rows = sqlx::query(&sql).fetch_all(&mut *tx).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(Json::Object(row_to_json(table, row)?));
        }
        tables.insert(table.name.to_owned(), Json::Array(out));
    }
    audit::record(&mut tx, actor, AuditAction::Export, EntityKind::Store, None).await?;
    tx.commit().await?;
    Ok(TransferFile {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        schema_version: known_schema_version(),
        exported_at: Utc::now(),
        tables,
    })
}

fn row_to_json(table: &Table, row: &SqliteRow) -> Result<Map<String, Json>> {
    let mut m = Map::new();
    for (i, col) in table.columns.iter().enumerate() {
        let v = match col.value {
            Value::Id | Value::Ref(_) | Value::Int => {
                row.try_get::<Option<i64>, _>(i)?.map(Json::from)
            }
            Value::Bool => row.try_get::<Option<bool>, _>(i)?.map(Json::from),
            Value::Text
            | Value::Closed(_)
            | Value::Date
            | Value::Timestamp
            | Value::PersonalNumber
            | Value::OrgNumber => row.try_get::<Option<String>, _>(i)?.map(Json::from),
        };
        m.insert(col.name.to_owned(), v.unwrap_or(Json::Null));
    }
    Ok(m)
}

/// Whether the document holds documents (their keys among its rows): then it goes only
/// into a sealed transfer file ([`export_sealed`]).
pub fn holds_documents(file: &TransferFile) -> bool {
    file.tables
        .get("documents")
        .and_then(Json::as_array)
        .is_some_and(|rows| !rows.is_empty())
}

/// The document as pretty JSON text. One that holds documents is refused (`seal`:
/// required): their keys never go out in plain text.
pub fn to_json(file: &TransferFile) -> Result<String> {
    if holds_documents(file) {
        return Err(Error::invalid("seal", Reason::Required));
    }
    serde_json::to_string_pretty(file).map_err(|e| Error::Internal(format!("json: {e}")))
}

/// The export time, as the CLI reports it.
pub fn stamp(file: &TransferFile) -> String {
    file.exported_at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
