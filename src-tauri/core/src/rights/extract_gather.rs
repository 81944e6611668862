//! Gathering a register extract: the person's rows, found and labelled through the
//! catalogue, with other persons' data withheld (Art. 15(4)) by the request's redactions
//! and the automatic rules, and the candidates left for the reviewer.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate};
use futures_util::TryStreamExt;
use sqlx::{Row, SqliteConnection};

use super::document::{
    Audience, ExtractField, ExtractRecord, ExtractSection, RegisterExtract, WithheldPlace, SCHEMA,
    WITHHELD_PARTY, WITHHELD_PASSAGE,
};
use super::extract::Progress;
use super::extract_copies as copies;
use super::extract_info::{access_log, information, kind_name, Labels, CONTROLLER};
use super::withhold::review::{open_candidates, PassagePlace, Place};
use super::withhold::{Finder, Why};
use crate::catalogue::{Show, Table, Value, TABLES};
use crate::error::{Error, Result};
pub(crate) use crate::label::capitalised;

/// A free-text value's withheld ranges, from the request's redactions.
type Withheld = HashMap<(String, i64, String), Vec<(i64, i64, String)>>;

/// Ranges clamped to a text of `len` characters, sorted, with overlapping or touching
/// ones merged: each becomes one withheld passage.
pub(crate) fn merged(ranges: &[(i64, i64)], len: usize) -> Vec<(usize, usize)> {
    let clamp = |v: i64| (v.max(0) as usize).min(len);
    let mut sorted: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&(s, e)| (clamp(s), clamp(e)))
        .filter(|(s, e)| s < e)
        .collect();
    sorted.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The text with each withheld passage replaced by [`WITHHELD_PASSAGE`].
pub(crate) fn apply_withheld(text: &str, ranges: &[(i64, i64)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0usize;
    for (s, e) in merged(ranges, chars.len()) {
        out.extend(&chars[i..s]);
        out.push_str(WITHHELD_PASSAGE);
        i = e;
    }
    out.extend(&chars[i..]);
    out
}

/// The statement that selects the rows of `table` about the person (`?1`), with their
/// rowid first.
fn subject_sql(table: &Table, condition: &str) -> String {
    let cols: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    format!(
        "SELECT rowid AS akta_rowid, {} FROM {} WHERE {} ORDER BY rowid",
        cols.join(", "),
        table.name,
        condition
    )
}

/// The rows of `table` about the person, with their rowid first.
pub(crate) async fn subject_rows(
    conn: &mut SqliteConnection,
    table: &Table,
    condition: &str,
    person_id: i64,
) -> Result<Vec<sqlx::sqlite::SqliteRow>> {
    Ok(sqlx::query(&subject_sql(table, condition))
        .bind(person_id)
        .fetch_all(&mut *conn)
        .await?)
}

fn display(
    row: &sqlx::sqlite::SqliteRow,
    i: usize,
    value: Value,
    labels: &Labels,
    person_id: i64,
    subject_name: &str,
) -> Result<Option<String>> {
    let i = i + 1; // after akta_rowid
    Ok(match value {
        Value::Ref("persons") => row.try_get::<Option<i64>, _>(i)?.map(|id| {
            if id == person_id {
                subject_name.to_owned()
            } else {
                WITHHELD_PARTY.to_owned()
            }
        }),
        Value::Ref(t) => row
            .try_get::<Option<i64>, _>(i)?
            .map(|id| labels.get(t, id)),
        Value::Id | Value::Int => row.try_get::<Option<i64>, _>(i)?.map(|v| v.to_string()),
        Value::Bool => row
            .try_get::<Option<bool>, _>(i)?
            .map(|b| if b { "Ja" } else { "Nej" }.to_owned()),
        Value::Timestamp => row.try_get::<Option<String>, _>(i)?.map(|s| {
            DateTime::parse_from_rfc3339(&s)
                .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or(s)
        }),
        Value::PersonalNumber => row
            .try_get::<Option<String>, _>(i)?
            .map(|n| crate::person::format_personal_number(&n)),
        Value::OrgNumber => row
            .try_get::<Option<String>, _>(i)?
            .map(|n| crate::organisation::format_org_number(&n)),
        Value::Closed(set) => row
            .try_get::<Option<String>, _>(i)?
            .map(|s| set.label(&s).map(capitalised).unwrap_or(s)),
        Value::Text | Value::Date => row.try_get::<Option<String>, _>(i)?,
    })
}

/// What [`gather`] found besides the extract itself.
#[derive(Default)]
pub(super) struct Gathered {
    /// Automatic redactions to record: (table, row, column, start, end, why).
    pub(super) automatic: Vec<(String, i64, String, i64, i64, Why)>,
    /// Every withheld passage's place and reason.
    pub(super) withheld: Vec<WithheldPlace>,
    /// Candidates no withheld range covers, for the reviewer.
    pub(super) candidates: Vec<Place>,
    /// Documents about the person that no one has decided on (withheld).
    pub(super) undecided: usize,
}

/// Gathers the extract (no writing). `request_id` selects the redactions to apply;
/// automatic ones for other persons' names and numbers are found here too, and
/// returned so that the caller records them in the request.
pub(super) async fn gather(
    conn: &mut SqliteConnection,
    person_id: i64,
    request_id: i64,
    document_id: &str,
    today: NaiveDate,
    progress: Progress<'_>,
    audience: Audience,
) -> Result<(RegisterExtract, Gathered)> {
    let person: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT given_name, family_name, personal_number FROM persons WHERE id = ?")
            .bind(person_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((given, family, number)) = person else {
        return Err(Error::NotFound("person"));
    };
    let subject_name = format!("{given} {family}");
    let labels = Labels::load(conn).await?;
    let mut withheld: Withheld = HashMap::new();
    for (t, r, c, s, e, why) in super::withhold::review::marked(conn, request_id).await? {
        withheld.entry((t, r, c)).or_default().push((s, e, why));
    }
    let full = audience == Audience::Municipality;
    let finder = if full {
        None
    } else {
        Some(Finder::load(conn, person_id, today).await?)
    };
    let people: HashMap<i64, String> = if full {
        sqlx::query_as::<_, (i64, String, Option<String>)>(
            "SELECT id, given_name || ' ' || family_name, personal_number FROM persons",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id, name, n)| {
            let n = n.map(|n| format!(" ({})", crate::person::format_personal_number(&n)));
            (id, format!("{name}{}", n.unwrap_or_default()))
        })
        .collect()
    } else {
        HashMap::new()
    };
    let mut found = Gathered::default();
    // The documents' fields as shown, for the list of copies.
    let mut shown_documents: HashMap<i64, Vec<ExtractField>> = HashMap::new();

    let mut sections = Vec::new();
    let mut entities: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut used_tables: Vec<&Table> = Vec::new();
    let steps = TABLES.len() as u32 + 2;
    for (step, table) in TABLES.iter().enumerate() {
        progress(step as u32, steps);
        let Some(condition) = table.subject else {
            continue;
        };
        if !table.columns.iter().any(|c| c.show != Show::No) {
            continue;
        }
        // Row by row as the store gives them: a file of any length is never read whole.
        let sql = subject_sql(table, condition);
        let mut rows = sqlx::query(&sql).bind(person_id).fetch(&mut *conn);
        let mut records = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let row = &row;
            let rowid: i64 = row.try_get(0)?;
            if let Some(kind) = table.entity {
                entities.entry(kind_name(kind)).or_default().push(rowid);
            }
            let mut fields = Vec::new();
            for (i, col) in table.columns.iter().enumerate() {
                let (label, value) = match col.show {
                    Show::No => continue,
                    Show::Party(label) if full => {
                        let v = match col.value {
                            Value::Ref("persons") => row
                                .try_get::<Option<i64>, _>(i + 1)?
                                .map(|id| people.get(&id).cloned().unwrap_or_default()),
                            other => display(row, i, other, &labels, person_id, &subject_name)?,
                        };
                        (label, v)
                    }
                    Show::Party(label) => {
                        let v = match col.value {
                            Value::Ref("persons") => {
                                display(row, i, col.value, &labels, person_id, &subject_name)?
                            }
                            _ => row
                                .try_get::<Option<String>, _>(i + 1)
                                .ok()
                                .flatten()
                                .map(|_| WITHHELD_PARTY.to_owned())
                                .or_else(|| {
                                    row.try_get::<Option<i64>, _>(i + 1)
                                        .ok()
                                        .flatten()
                                        .map(|_| WITHHELD_PARTY.to_owned())
                                }),
                        };
                        (label, v)
                    }
                    Show::As(label) => {
                        let v = display(row, i, col.value, &labels, person_id, &subject_name)?.map(
                            |v| match labels.code(table.name, col.name, &v) {
                                Some(label) => label.to_owned(),
                                None => v,
                            },
                        );
                        // Names of homes ("Familjen Berg"), a notice's sender, an
                        // evidence note: other people's names and numbers are withheld
                        // here too. The subject's own registry row is the subject's.
                        let named = matches!(col.value, Value::Text | Value::Ref(_));
                        let v = match (&finder, v) {
                            (Some(finder), Some(text)) if named && table.name != "persons" => {
                                let ranges: Vec<(i64, i64)> = finder
                                    .scan(&text)
                                    .withheld
                                    .iter()
                                    .map(|w| (w.0, w.1))
                                    .collect();
                                Some(apply_withheld(&text, &ranges))
                            }
                            (_, v) => v,
                        };
                        (label, v)
                    }
                    Show::Text(label) => {
                        let text: Option<String> = row.try_get(i + 1)?;
                        let v = text.map(|text| match &finder {
                            None => text,
                            Some(finder) => {
                                let key = (table.name.to_owned(), rowid, col.name.to_owned());
                                let ranges = withhold_in(
                                    &text, finder, &key, &withheld, table, label, &mut found,
                                );
                                apply_withheld(&text, &ranges)
                            }
                        });
                        (label, v)
                    }
                };
                if let Some(value) = value {
                    fields.push(ExtractField {
                        column: col.name.into(),
                        label: label.into(),
                        value,
                    });
                }
            }
            if table.name == "documents" {
                shown_documents.insert(rowid, fields.clone());
            }
            records.push(ExtractRecord { fields });
        }
        drop(rows);
        if records.is_empty() {
            continue;
        }
        used_tables.push(table);
        sections.push(ExtractSection {
            table: table.name.to_owned(),
            title: table.title.to_owned(),
            category: table.category.to_owned(),
            records,
        });
    }

    progress(steps - 2, steps);
    let access_log = access_log(conn, &entities, person_id).await?;
    let information = information(conn, person_id, &used_tables).await?;
    let documents = match audience {
        Audience::Subject => {
            let listed = copies::listing(conn, person_id, request_id, &shown_documents).await?;
            found.undecided = listed.undecided;
            listed.documents
        }
        // The hand-over's documents are its own (the whole file, nothing withheld).
        Audience::Municipality => Vec::new(),
    };
    Ok((
        RegisterExtract {
            schema: SCHEMA.to_owned(),
            audience,
            document_id: document_id.to_owned(),
            controller: CONTROLLER.to_owned(),
            generated_on: today,
            subject_name,
            subject_number: number.map(|n| crate::person::format_personal_number(&n)),
            sections,
            access_log,
            information,
            documents,
        },
        found,
    ))
}

/// The ranges of one free text to withhold: the request's own and the rules'. Records
/// new automatic ones, every withheld place, and the candidates left open in `found`.
fn withhold_in(
    text: &str,
    finder: &Finder,
    key: &(String, i64, String),
    marked: &Withheld,
    table: &Table,
    label: &str,
    found: &mut Gathered,
) -> Vec<(i64, i64)> {
    let mut ranges: Vec<(i64, i64, String)> = marked.get(key).cloned().unwrap_or_default();
    let scan = finder.scan(text);
    for (s, e, why) in scan.withheld {
        if !ranges.iter().any(|r| r.0 <= s && r.1 >= e) {
            found
                .automatic
                .push((key.0.clone(), key.1, key.2.clone(), s, e, why));
            ranges.push((s, e, why.reason().to_owned()));
        }
    }
    let spans: Vec<(i64, i64)> = ranges.iter().map(|r| (r.0, r.1)).collect();
    for c in open_candidates(scan.candidates, &spans) {
        found
            .candidates
            .push((key.0.clone(), key.1, key.2.clone(), c));
    }
    for (start, end, reason) in ranges {
        found.withheld.push(WithheldPlace {
            place: PassagePlace {
                table: table.name.to_owned(),
                row_id: key.1,
                column: key.2.clone(),
                start,
                end,
            },
            title: table.title.to_owned(),
            label: label.to_owned(),
            reason,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withheld_ranges_are_replaced_by_a_marker_and_overlaps_merge() {
        let t = "Sara och Åsa var där.";
        assert_eq!(apply_withheld(t, &[(0, 4)]), "[…] och Åsa var där.");
        assert_eq!(
            apply_withheld(t, &[(9, 12), (0, 4)]),
            "[…] och […] var där."
        );
        assert_eq!(apply_withheld(t, &[(0, 4), (2, 12)]), "[…] var där.");
        assert_eq!(apply_withheld(t, &[]), t);
    }
}
