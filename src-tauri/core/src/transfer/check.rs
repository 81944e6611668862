//! Checking a transfer document before anything is written: its shape, format and
//! version, every row's values and references, and the person registry's rules.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value as Json;

use super::{FORMAT, FORMAT_VERSION, MAX_REPORTED};
use crate::catalogue::{self, Table, Value};
use crate::error::{Error, FieldError, Reason, Result};
use crate::organisation::parse_org_number;
use crate::person::PersonInput;
use crate::store::known_schema_version;

/// A checked value, ready to bind.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

/// A checked row: its place in the file, its id in the file (if the table has ids),
/// and its cells in catalogue column order (the id column excluded).
pub(super) struct CheckedRow {
    pub(super) index: usize,
    pub(super) file_id: Option<i64>,
    pub(super) cells: Vec<(&'static str, Cell, Option<&'static str>)>,
}

/// Collects refusals, naming `table[index].field`.
#[derive(Default)]
pub(super) struct Refusals {
    pub(super) list: Vec<FieldError>,
    pub(super) total: usize,
}

impl Refusals {
    pub(super) fn push(&mut self, table: &str, index: usize, field: &str, reason: Reason) {
        self.total += 1;
        if self.list.len() < MAX_REPORTED {
            self.list.push(FieldError {
                field: format!("{table}[{index}].{field}"),
                reason,
            });
        }
    }

    pub(super) fn push_top(&mut self, field: &str, reason: Reason) {
        self.total += 1;
        self.list.push(FieldError {
            field: field.to_owned(),
            reason,
        });
    }

    pub(super) fn into_error(mut self) -> Error {
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

pub(super) fn text_of(
    cells: &[(&'static str, Cell, Option<&'static str>)],
    name: &str,
) -> Option<String> {
    cells.iter().find(|c| c.0 == name).and_then(|c| match &c.1 {
        Cell::Text(s) => Some(s.clone()),
        _ => None,
    })
}

pub(super) fn set_cell(
    cells: &mut [(&'static str, Cell, Option<&'static str>)],
    name: &str,
    v: Cell,
) {
    if let Some(c) = cells.iter_mut().find(|c| c.0 == name) {
        c.1 = v;
    }
}

/// A person row is checked by the person registry's own rules, and stored normalised
/// (12-digit number, its kind, trimmed text, the search key computed from the names).
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
            // The search key is derived from the names, whatever the file says.
            let key = crate::person::name_key(&p.given_name, &p.family_name);
            set_cell(cells, "name_key", Cell::Text(key));
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
pub(super) fn check_file(
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
