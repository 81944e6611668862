//! Searching the persons list in SQL, over a folded copy of each person's names
//! (`persons.name_key`) that the core writes with every name: full case folding and
//! canonical decomposition with the combining marks left out, so that `asa` finds Åsa,
//! `ÖBERG` finds Öberg and `strauss` finds Strauß. A search reads only the rows it
//! shows and counts the rest in the database, instead of reading every person.

use sqlx::SqliteConnection;
use unicode_normalization::char::is_combining_mark;

use super::Person;
use crate::error::Result;
use crate::rights::withhold::fold;

/// The search key of a person's names: given and family name folded (as
/// [`fold::fold`] does, which also drops invisible characters such as a soft hyphen)
/// without combining marks, joined by a space. `Åsa`, `Öberg` → `asa oberg`.
pub fn name_key(given_name: &str, family_name: &str) -> String {
    let mut key = fold_text(given_name);
    key.push(' ');
    key.push_str(&fold_text(family_name));
    key
}

/// Text folded the way [`name_key`] folds a name.
fn fold_text(text: &str) -> String {
    fold::fold(text)
        .chars
        .into_iter()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// A search in the persons list: every word must occur in the names (any part, any
/// case, with or without diacritics), or — for a query of digits and separators only —
/// the digits must occur in the personal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Search {
    /// Folded words, each of which must occur in `name_key`.
    Words(Vec<String>),
    /// Digits that must occur in `personal_number`.
    Digits(String),
}

impl Search {
    /// The search for what was typed, or `None` when it asks for nothing (blank, or
    /// only characters that folding leaves out).
    pub(super) fn new(query: &str) -> Option<Self> {
        let q = query.trim();
        let has_letters = q.chars().any(char::is_alphabetic);
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        if !has_letters && !digits.is_empty() {
            return Some(Search::Digits(digits));
        }
        let mut words: Vec<String> = q
            .split_whitespace()
            .map(fold_text)
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        (!words.is_empty()).then_some(Search::Words(words))
    }

    /// The SQL condition (with one `?` per value) and its values. instr() matches the
    /// text as it is: `%` and `_` are no wildcards.
    fn condition(&self) -> (String, Vec<&str>) {
        match self {
            Search::Digits(d) => ("instr(personal_number, ?) > 0".to_owned(), vec![d]),
            Search::Words(words) => (
                vec!["instr(name_key, ?) > 0"; words.len()].join(" AND "),
                words.iter().map(String::as_str).collect(),
            ),
        }
    }
}

/// The persons `search` finds, in the register's name order (as
/// [`super::repo::list_all`]); at most `limit` of them (all when `None`).
pub(super) async fn matching(
    conn: &mut SqliteConnection,
    search: &Search,
    limit: Option<u32>,
) -> Result<Vec<Person>> {
    let (condition, values) = search.condition();
    let sql = format!(
        "SELECT id, personal_number, number_kind, given_name, family_name, email, phone,
                street_address, postal_code, city, protected_identity, created_at, updated_at,
                restricted_on
         FROM persons
         WHERE {condition}
         ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id
         LIMIT ?"
    );
    let mut q = sqlx::query_as::<_, Person>(&sql);
    for v in values {
        q = q.bind(v);
    }
    // A negative limit is none, as in SQLite.
    let limit = limit.map_or(-1, i64::from);
    Ok(q.bind(limit).fetch_all(&mut *conn).await?)
}

/// How many persons `search` finds.
pub(super) async fn count_matching(conn: &mut SqliteConnection, search: &Search) -> Result<u64> {
    let (condition, values) = search.condition();
    let sql = format!("SELECT count(*) FROM persons WHERE {condition}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for v in values {
        q = q.bind(v);
    }
    let n = q.fetch_one(&mut *conn).await?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// Fills the search key of every person who has none (rows written before the key
/// existed): run when a store opens, after its migrations. Returns how many it filled.
pub async fn fill_name_keys(pool: &sqlx::SqlitePool) -> Result<u64> {
    let missing: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, given_name, family_name FROM persons WHERE name_key IS NULL")
            .fetch_all(pool)
            .await?;
    if missing.is_empty() {
        return Ok(0);
    }
    let mut tx = pool.begin().await?;
    for (id, given, family) in &missing {
        sqlx::query("UPDATE persons SET name_key = ? WHERE id = ?")
            .bind(name_key(given, family))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(missing.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_key_is_folded_without_diacritics() {
        assert_eq!(name_key("Åsa", "Öberg"), "asa oberg");
        assert_eq!(name_key("A\u{30A}sa", "O\u{308}BERG"), "asa oberg");
        assert_eq!(name_key("Anna-Karin", "Strauß"), "anna-karin strauss");
        assert_eq!(name_key("An\u{AD}na", "Éden"), "anna eden");
        assert_eq!(name_key("İlknur", "Yılmaz"), "ilknur yilmaz");
    }

    #[test]
    fn a_query_of_digits_and_separators_searches_the_number() {
        assert_eq!(
            Search::new(" 811218-98 "),
            Some(Search::Digits("81121898".into()))
        );
        assert_eq!(
            Search::new("ÖBERG  åsa öberg"),
            Some(Search::Words(vec!["asa".into(), "oberg".into()]))
        );
        assert_eq!(Search::new("%"), Some(Search::Words(vec!["%".into()])));
        assert_eq!(Search::new("  "), None);
        assert_eq!(Search::new("\u{200B}"), None);
    }
}
