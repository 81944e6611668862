//! Moving a whole store's data in and out as one JSON document (`akta export --json`,
//! `akta import FILE.json`): migration from other systems and hand-over between
//! devices. The format is versioned and documented in docs/TRANSFER.md; its tables and
//! columns are the catalogue's ([`crate::catalogue`]).
//!
//! Import checks everything before anything stays: every row is checked on its own
//! (types, dates, numbers, references, the person registry's rules) and then written in
//! one transaction, each row under a savepoint so that the schema's own constraints
//! report every refused row too. Any refusal rolls the whole transaction back, and the
//! error names each record (`persons[3]`, its place in the file's array) and field.
//!
//! A store with documents is moved in a sealed transfer file ([`sealed`]): the JSON
//! document and each document's encrypted file, sealed with age. The JSON holds each
//! document's key, so it is never written in plain text ([`to_json`] refuses).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::audit::{self, AuditAction, EntityKind};
use crate::catalogue::{self, Table, Value};
use crate::error::{Error, FieldError, Reason, Result};
use crate::organisation::parse_org_number;
use crate::person::PersonInput;
use crate::store::{known_schema_version, Store};
use crate::user::{Actor, Permission};

mod sealed;
pub use sealed::{export_sealed, import_sealed, is_sealed, SealedExport, SEALED_MAGIC};

/// The `format` field of every transfer document.
pub const FORMAT: &str = "akta-transfer";
/// The version of the document's shape this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// At most this many refusals are reported (the count of all is in the last one).
pub const MAX_REPORTED: usize = 100;
/// The largest document `import` reads: it is checked whole in memory before anything
/// is written (about five times its size while parsed), so a larger one is refused
/// before it is read. 512 MiB holds about 500,000 journal entries.
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a transfer document from `path`: a missing file is `file` unknown, one over
/// `MAX_DOCUMENT_BYTES` is `file` too long, without reading it.
pub fn read_document(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid("file", Reason::Unknown),
        _ => Error::from_io(&e),
    };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::invalid("file", Reason::TooLong));
    }
    std::fs::read(path).map_err(io)
}

/// A whole store's data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransferFile {
    pub format: String,
    pub format_version: u32,
    /// The schema version of the store that wrote it.
    pub schema_version: i64,
    pub exported_at: DateTime<Utc>,
    /// Per catalogue table, its rows as objects keyed by column name.
    pub tables: Map<String, Json>,
}

/// What an import wrote.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImportReport {
    /// New rows per table.
    pub added: BTreeMap<String, u64>,
    /// Rows that were already in the store (same personnummer, organisationsnummer,
    /// profile name or processing code) and were used as they are.
    pub matched: BTreeMap<String, u64>,
}

impl ImportReport {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }
}

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

/// A checked value, ready to bind.
#[derive(Debug, Clone)]
enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

/// A checked row: its place in the file, its id in the file (if the table has ids),
/// and its cells in catalogue column order (the id column excluded).
struct CheckedRow {
    index: usize,
    file_id: Option<i64>,
    cells: Vec<(&'static str, Cell, Option<&'static str>)>,
}

/// Collects refusals, naming `table[index].field`.
#[derive(Default)]
struct Refusals {
    list: Vec<FieldError>,
    total: usize,
}

impl Refusals {
    fn push(&mut self, table: &str, index: usize, field: &str, reason: Reason) {
        self.total += 1;
        if self.list.len() < MAX_REPORTED {
            self.list.push(FieldError {
                field: format!("{table}[{index}].{field}"),
                reason,
            });
        }
    }

    fn push_top(&mut self, field: &str, reason: Reason) {
        self.total += 1;
        self.list.push(FieldError {
            field: field.to_owned(),
            reason,
        });
    }

    fn into_error(mut self) -> Error {
        if self.total > self.list.len() {
            self.list.push(FieldError {
                field: format!("and {} more", self.total - self.list.len()),
                reason: Reason::Format,
            });
        }
        Error::Invalid(self.list)
    }
}

/// Text of the data: no control characters except line breaks and tabs.
fn clean_text(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn check_cell(v: &Json, kind: Value) -> std::result::Result<Cell, Reason> {
    if v.is_null() {
        return Ok(Cell::Null);
    }
    match kind {
        Value::Id | Value::Ref(_) | Value::Int => v.as_i64().map(Cell::Int).ok_or(Reason::Format),
        Value::Bool => match v {
            Json::Bool(b) => Ok(Cell::Bool(*b)),
            Json::Number(n) if n.as_i64() == Some(0) => Ok(Cell::Bool(false)),
            Json::Number(n) if n.as_i64() == Some(1) => Ok(Cell::Bool(true)),
            _ => Err(Reason::Format),
        },
        Value::Closed(set) => {
            let s = v.as_str().ok_or(Reason::Format)?;
            set.label(s).ok_or(Reason::Format)?;
            Ok(Cell::Text(s.to_owned()))
        }
        Value::Text | Value::PersonalNumber | Value::OrgNumber => {
            let s = v.as_str().ok_or(Reason::Format)?;
            if !clean_text(s) {
                return Err(Reason::Characters);
            }
            if kind == Value::OrgNumber {
                return parse_org_number(s).map(Cell::Text);
            }
            Ok(Cell::Text(s.to_owned()))
        }
        Value::Date => {
            let s = v.as_str().ok_or(Reason::Format)?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Cell::Date)
                .map_err(|_| Reason::Date)
        }
        Value::Timestamp => {
            let s = v.as_str().ok_or(Reason::Format)?;
            DateTime::parse_from_rfc3339(s)
                .map(|t| Cell::Time(t.with_timezone(&Utc)))
                .map_err(|_| Reason::Date)
        }
    }
}

fn text_of(cells: &[(&'static str, Cell, Option<&'static str>)], name: &str) -> Option<String> {
    cells.iter().find(|c| c.0 == name).and_then(|c| match &c.1 {
        Cell::Text(s) => Some(s.clone()),
        _ => None,
    })
}

fn set_cell(cells: &mut [(&'static str, Cell, Option<&'static str>)], name: &str, v: Cell) {
    if let Some(c) = cells.iter_mut().find(|c| c.0 == name) {
        c.1 = v;
    }
}

/// A person row is checked by the person registry's own rules, and stored normalised
/// (12-digit number, its kind, trimmed text).
fn check_person(
    cells: &mut [(&'static str, Cell, Option<&'static str>)],
    index: usize,
    today: NaiveDate,
    refusals: &mut Refusals,
) {
    let protected = cells
        .iter()
        .any(|c| c.0 == "protected_identity" && matches!(c.1, Cell::Bool(true)));
    let input = PersonInput {
        personal_number: text_of(cells, "personal_number"),
        given_name: text_of(cells, "given_name").unwrap_or_default(),
        family_name: text_of(cells, "family_name").unwrap_or_default(),
        email: text_of(cells, "email"),
        phone: text_of(cells, "phone"),
        street_address: text_of(cells, "street_address"),
        postal_code: text_of(cells, "postal_code"),
        city: text_of(cells, "city"),
        protected_identity: protected,
    };
    match input.validate(today) {
        Err(e) => {
            for f in e.fields() {
                refusals.push("persons", index, &f.field, f.reason);
            }
        }
        Ok(p) => {
            let opt = |o: Option<String>| o.map(Cell::Text).unwrap_or(Cell::Null);
            let (number, kind) = match &p.number {
                Some(n) => (
                    Cell::Text(n.digits().to_owned()),
                    Cell::Text(
                        match n.kind() {
                            crate::person::NumberKind::Personnummer => "personnummer",
                            crate::person::NumberKind::Samordningsnummer => "samordningsnummer",
                        }
                        .to_owned(),
                    ),
                ),
                None => (Cell::Null, Cell::Null),
            };
            if let (Some(given), Cell::Text(k)) = (text_of(cells, "number_kind"), &kind) {
                if &given != k {
                    refusals.push("persons", index, "number_kind", Reason::Format);
                }
            }
            set_cell(cells, "personal_number", number);
            set_cell(cells, "number_kind", kind);
            set_cell(cells, "given_name", Cell::Text(p.given_name));
            set_cell(cells, "family_name", Cell::Text(p.family_name));
            set_cell(cells, "email", opt(p.email));
            set_cell(cells, "phone", opt(p.phone));
            set_cell(cells, "street_address", opt(p.street_address));
            set_cell(cells, "postal_code", opt(p.postal_code));
            set_cell(cells, "city", opt(p.city));
        }
    }
}

/// Parses and checks the document's shape and every row's values, without the store.
fn check_file(
    bytes: &[u8],
    today: NaiveDate,
    refusals: &mut Refusals,
) -> Option<Vec<(&'static Table, Vec<CheckedRow>)>> {
    let Ok(doc) = serde_json::from_slice::<Json>(bytes) else {
        refusals.push_top("file", Reason::Format);
        return None;
    };
    let Some(doc) = doc.as_object() else {
        refusals.push_top("file", Reason::Format);
        return None;
    };
    if doc.get("format").and_then(Json::as_str) != Some(FORMAT) {
        refusals.push_top("format", Reason::Format);
        return None;
    }
    if doc.get("format_version").and_then(Json::as_u64) != Some(u64::from(FORMAT_VERSION)) {
        refusals.push_top("format_version", Reason::NotAllowed);
        return None;
    }
    match doc.get("schema_version").and_then(Json::as_i64) {
        Some(v) if v <= known_schema_version() => {}
        _ => {
            refusals.push_top("schema_version", Reason::NotAllowed);
            return None;
        }
    }
    let Some(tables) = doc.get("tables").and_then(Json::as_object) else {
        refusals.push_top("tables", Reason::Required);
        return None;
    };
    for name in tables.keys() {
        if !catalogue::transferred().any(|t| t.name == name) {
            refusals.push_top(&format!("tables.{name}"), Reason::Unknown);
        }
    }

    // The ids each table's rows carry, for references (a table may refer to itself).
    let mut ids: HashMap<&str, HashSet<i64>> = HashMap::new();
    for table in catalogue::transferred().filter(|t| t.has_id()) {
        let set = ids.entry(table.name).or_default();
        let rows = tables.get(table.name).and_then(Json::as_array);
        for (i, row) in rows.into_iter().flatten().enumerate() {
            match row.get("id").and_then(Json::as_i64) {
                Some(id) => {
                    if !set.insert(id) {
                        refusals.push(table.name, i, "id", Reason::Duplicate);
                    }
                }
                None => refusals.push(table.name, i, "id", Reason::Required),
            }
        }
    }

    let mut out = Vec::new();
    for table in catalogue::transferred() {
        static NO_ROWS: Vec<Json> = Vec::new();
        let rows = match tables.get(table.name) {
            None => &NO_ROWS,
            Some(Json::Array(rows)) => rows,
            Some(_) => {
                refusals.push_top(&format!("tables.{}", table.name), Reason::Format);
                continue;
            }
        };
        let mut checked = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let Some(obj) = row.as_object() else {
                refusals.push(table.name, i, "row", Reason::Format);
                continue;
            };
            for key in obj.keys() {
                if table.column(key).is_none() {
                    refusals.push(table.name, i, key, Reason::Unknown);
                }
            }
            let mut cells = Vec::with_capacity(table.columns.len());
            let mut file_id = None;
            for col in table.columns {
                let v = obj.get(col.name).unwrap_or(&Json::Null);
                match check_cell(v, col.value) {
                    Err(reason) => refusals.push(table.name, i, col.name, reason),
                    Ok(Cell::Int(id)) if col.value == Value::Id => file_id = Some(id),
                    Ok(cell) => {
                        let target = match col.value {
                            Value::Ref(t) => Some(t),
                            _ => None,
                        };
                        if let (Some(t), Cell::Int(id)) = (target, &cell) {
                            if !ids.get(t).is_some_and(|s| s.contains(id)) {
                                refusals.push(table.name, i, col.name, Reason::Unknown);
                            }
                        }
                        cells.push((col.name, cell, target));
                    }
                }
            }
            if table.name == "persons" {
                check_person(&mut cells, i, today, refusals);
            }
            checked.push(CheckedRow {
                index: i,
                file_id,
                cells,
            });
        }
        out.push((table, checked));
    }
    Some(out)
}

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

/// Checks a transfer document as `import` does before it writes anything (format,
/// version, every row, every value, every reference), without a store. Returns how
/// many rows it holds; the same refusals as `import` otherwise.
pub fn check_document(bytes: &[u8], today: NaiveDate) -> Result<usize> {
    let mut refusals = Refusals::default();
    match check_file(bytes, today, &mut refusals) {
        Some(checked) if refusals.total == 0 => {
            Ok(checked.iter().map(|(_, rows)| rows.len()).sum())
        }
        _ => Err(refusals.into_error()),
    }
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
async fn write_checked(
    store: &Store,
    actor: &Actor,
    checked: &[(&'static Table, Vec<CheckedRow>)],
) -> Result<ImportReport> {
    let mut refusals = Refusals::default();
    let mut report = ImportReport::default();
    let mut tx = store.begin().await?;
    // file id → store id, per table.
    let mut map: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
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
            sqlx::query("SAVEPOINT import_row")
                .execute(&mut *tx)
                .await?;
            let result = bind_cells(sqlx::query(&sql), &cells)
                .execute(&mut *tx)
                .await;
            match result {
                Ok(done) => {
                    sqlx::query("RELEASE import_row").execute(&mut *tx).await?;
                    let id = done.last_insert_rowid();
                    if let Some(file_id) = row.file_id {
                        map.entry(table.name).or_default().insert(file_id, id);
                    }
                    if let Some(kind) = table.entity {
                        audit::record(&mut tx, actor, AuditAction::Create, kind, Some(id)).await?;
                    }
                    *report.added.entry(table.name.to_owned()).or_default() += 1;
                }
                Err(e) => {
                    let Some(message) = constraint_message(&e) else {
                        return Err(e.into());
                    };
                    sqlx::query("ROLLBACK TO import_row")
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("RELEASE import_row").execute(&mut *tx).await?;
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
