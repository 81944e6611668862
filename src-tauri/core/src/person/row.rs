//! The persons list's rows: each person's age today and roles in the register, and the
//! list's order. The core works both out once, so the screen shows and sorts what the
//! register says and never derives an age or a role itself.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::{age_on, birth_date_of, PersonSummary};
use crate::error::{Error, Result};
use crate::foster_home::MemberRole;

/// What a person is in the register. A person can be several at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PersonRole {
    /// An adult of a foster home that is not closed.
    HomeAdult,
    /// The own child of a foster home that is not closed.
    HomeChild,
    /// A child placed in a home now (a placement without an end).
    PlacedChild,
    /// A guardian named in a concern report.
    Guardian,
}

/// A row of the persons list: the person's summary, age today and roles.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PersonRow {
    #[serde(flatten)]
    pub summary: PersonSummary,
    /// From the personnummer or samordningsnummer (day − 60); `None` without a number.
    pub birth_date: Option<NaiveDate>,
    /// Whole years today; `None` without a number.
    #[ts(type = "number | null")]
    pub age: Option<u32>,
    /// In a fixed order (adult, own child, placed child, guardian); empty when none.
    pub roles: Vec<PersonRole>,
}

/// The column the persons list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PersonSortKey {
    /// Family name, then given name (the register's order).
    #[default]
    Name,
    /// The personnummer (persons without one last).
    Number,
    /// Age: the youngest first when ascending (persons without a number last).
    Age,
    /// City in Swedish alphabetical order (å, ä, ö after z; none last).
    City,
    /// The first of the person's roles (persons without a role last).
    Role,
}

/// The order of the persons list. Ties and empty values keep the register's name order;
/// empty values come last in either direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonSort {
    pub key: PersonSortKey,
    pub descending: bool,
}

impl PersonRow {
    fn new(summary: PersonSummary, today: NaiveDate) -> Self {
        let birth_date = summary.personal_number.as_deref().and_then(birth_date_of);
        PersonRow {
            age: birth_date.and_then(|b| age_on(b, today)),
            birth_date,
            summary,
            roles: Vec::new(),
        }
    }
}

/// Rows for `persons` (in the register's name order), ordered by `sort`, the first
/// `limit` of them (all when `None`). Roles are looked up only for the rows returned,
/// unless the order needs them all.
pub(super) async fn rows(
    conn: &mut SqliteConnection,
    persons: Vec<PersonSummary>,
    sort: PersonSort,
    limit: Option<u32>,
    today: NaiveDate,
) -> Result<Vec<PersonRow>> {
    let mut rows: Vec<PersonRow> = persons
        .into_iter()
        .map(|p| PersonRow::new(p, today))
        .collect();
    let roles_first = sort.key == PersonSortKey::Role;
    if roles_first {
        fill_roles(conn, &mut rows).await?;
    }
    order(&mut rows, sort);
    if let Some(limit) = limit {
        rows.truncate(limit as usize);
    }
    if !roles_first {
        fill_roles(conn, &mut rows).await?;
    }
    Ok(rows)
}

/// Sorts rows that stand in the register's name order. Stable: equal keys keep it.
pub fn order(rows: &mut [PersonRow], sort: PersonSort) {
    let down = sort.descending;
    match sort.key {
        PersonSortKey::Name if down => rows.reverse(),
        PersonSortKey::Name => {}
        PersonSortKey::Number => by(rows, down, |r| r.summary.personal_number.clone()),
        // Ascending age is descending birth date.
        PersonSortKey::Age => by(rows, !down, |r| r.birth_date),
        PersonSortKey::City => by(rows, down, |r| r.summary.city.as_deref().map(swedish_key)),
        PersonSortKey::Role => by(rows, down, |r| r.roles.first().copied()),
    }
}

/// Stable sort by an optional key, `None` last whatever the direction.
fn by<K: Ord>(rows: &mut [PersonRow], descending: bool, key: impl Fn(&PersonRow) -> Option<K>) {
    if descending {
        rows.sort_by_cached_key(|r| {
            let k = key(r);
            (k.is_none(), k.map(Reverse))
        });
    } else {
        rows.sort_by_cached_key(|r| {
            let k = key(r);
            (k.is_none(), k)
        });
    }
}

/// A key that orders text as Swedish does (as `Intl.Collator('sv')` in the UI): case and
/// accents aside (é as e, ü as u), with å, ä (æ) and ö (ø) as letters of their own
/// after z, in that order.
pub fn swedish_key(text: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let z = u32::from('z');
        let k = match c {
            'å' => z + 1,
            'ä' | 'æ' => z + 2,
            'ö' | 'ø' => z + 3,
            _ => c.nfd().next().map_or(u32::from(c), u32::from),
        };
        key.push(k);
    }
    key
}

/// Looks up the roles of `rows` (one query per kind of role).
async fn fill_roles(conn: &mut SqliteConnection, rows: &mut [PersonRow]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.summary.id).collect();
    let ids = serde_json::to_string(&ids).map_err(|e| Error::Internal(e.to_string()))?;
    let mut roles: HashMap<i64, Vec<PersonRole>> = HashMap::new();
    let members = sqlx::query!(
        r#"SELECT m.person_id AS "person_id!", m.role AS "role!: MemberRole"
           FROM foster_home_members m JOIN foster_homes h ON h.id = m.home_id
           WHERE h.status <> 'avslutad' AND m.left_on IS NULL AND m.person_id IN (SELECT value FROM json_each(?1))"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for m in members {
        let role = match m.role {
            MemberRole::Vuxen => PersonRole::HomeAdult,
            MemberRole::EgetBarn => PersonRole::HomeChild,
        };
        roles.entry(m.person_id).or_default().push(role);
    }
    let placed = sqlx::query_scalar!(
        r#"SELECT DISTINCT child_id AS "id!" FROM placements
           WHERE end_date IS NULL AND child_id IN (SELECT value FROM json_each(?1))"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for id in placed {
        roles.entry(id).or_default().push(PersonRole::PlacedChild);
    }
    let guardians = sqlx::query_scalar!(
        r#"SELECT DISTINCT person_id AS "id!" FROM concern_report_guardians
           WHERE person_id IN (SELECT value FROM json_each(?1))"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for id in guardians {
        roles.entry(id).or_default().push(PersonRole::Guardian);
    }
    for row in rows.iter_mut() {
        if let Some(mut r) = roles.remove(&row.summary.id) {
            r.sort();
            r.dedup();
            row.roles = r;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, number: Option<&str>, city: Option<&str>) -> PersonRow {
        let s = PersonSummary::new(
            id,
            number.map(str::to_owned),
            None,
            name.into(),
            name.into(),
            city.map(str::to_owned),
            false,
        );
        PersonRow::new(s, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
    }

    fn ids(rows: &[PersonRow]) -> Vec<i64> {
        rows.iter().map(|r| r.summary.id).collect()
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut words = [
            "Örebro",
            "Ängelholm",
            "Zinkgruvan",
            "Åre",
            "Eskilstuna",
            "Ésbo",
            "abisko",
        ];
        words.sort_by_key(|w| swedish_key(w));
        assert_eq!(
            words,
            [
                "abisko",
                "Ésbo",
                "Eskilstuna",
                "Zinkgruvan",
                "Åre",
                "Ängelholm",
                "Örebro"
            ]
        );
    }

    #[test]
    fn empty_values_come_last_in_both_directions_and_ties_keep_name_order() {
        let rows = vec![
            row(1, "A", None, Some("Örebro")),
            row(2, "B", Some("201204271234"), None),
            row(3, "C", Some("198112189876"), Some("Åre")),
            row(4, "D", Some("201204271111"), Some("Åre")),
        ];
        let mut r = rows.clone();
        order(
            &mut r,
            PersonSort {
                key: PersonSortKey::City,
                descending: false,
            },
        );
        assert_eq!(ids(&r), [3, 4, 1, 2]);
        order(
            &mut r,
            PersonSort {
                key: PersonSortKey::City,
                descending: true,
            },
        );
        assert_eq!(ids(&r), [1, 3, 4, 2]);
        let mut r = rows.clone();
        order(
            &mut r,
            PersonSort {
                key: PersonSortKey::Age,
                descending: false,
            },
        );
        assert_eq!(
            ids(&r),
            [2, 4, 3, 1],
            "youngest first, same birthday in name order"
        );
        order(
            &mut r,
            PersonSort {
                key: PersonSortKey::Age,
                descending: true,
            },
        );
        assert_eq!(ids(&r), [3, 2, 4, 1]);
        let mut r = rows;
        order(
            &mut r,
            PersonSort {
                key: PersonSortKey::Name,
                descending: true,
            },
        );
        assert_eq!(ids(&r), [4, 3, 2, 1]);
    }
}
