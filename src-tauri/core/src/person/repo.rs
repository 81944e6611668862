//! SQL for persons, checked at compile time against the schema (`.sqlx/`). Functions
//! take a connection; the service owns the transaction.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{NewPerson, NumberKind, Person};
use crate::error::Result;

pub async fn insert(conn: &mut SqliteConnection, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
    let digits = p.number.as_ref().map(|n| n.digits().to_owned());
    let kind = p.number.as_ref().map(|n| n.kind());
    let key = super::name_key(&p.given_name, &p.family_name);
    let id = sqlx::query!(
        "INSERT INTO persons (personal_number, number_kind, given_name, family_name, name_key, email, phone,
                              street_address, postal_code, city, protected_identity, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        digits,
        kind,
        p.given_name,
        p.family_name,
        key,
        p.email,
        p.phone,
        p.street_address,
        p.postal_code,
        p.city,
        p.protected_identity,
        now,
        now,
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// One person (`Some(id)`) or all of them (`None`), ordered by name; at most `limit`
/// (a negative `limit` is none, as in SQLite).
async fn select(conn: &mut SqliteConnection, id: Option<i64>, limit: i64) -> Result<Vec<Person>> {
    Ok(sqlx::query_as!(
        Person,
        r#"SELECT id, personal_number, number_kind AS "number_kind: NumberKind", given_name, family_name,
                  email, phone, street_address, postal_code, city,
                  protected_identity AS "protected_identity: bool",
                  created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>",
                  restricted_on AS "restricted_on: chrono::NaiveDate"
           FROM persons
           WHERE ?1 IS NULL OR id = ?1
           ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id
           LIMIT ?2"#,
        id,
        limit
    )
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<Person>> {
    Ok(select(conn, Some(id), 1).await?.into_iter().next())
}

/// Every person, ordered by name. (A search reads only its matches: `super::search`.)
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<Person>> {
    select(conn, None, -1).await
}

/// The first `limit` persons in the same order: a page without a search reads no more.
pub async fn first(conn: &mut SqliteConnection, limit: u32) -> Result<Vec<Person>> {
    select(conn, None, i64::from(limit)).await
}

pub async fn id_by_number(conn: &mut SqliteConnection, digits: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM persons WHERE personal_number = ?"#,
        digits
    )
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(
        sqlx::query_scalar!(r#"SELECT count(*) AS "n!: i64" FROM persons"#)
            .fetch_one(&mut *conn)
            .await?,
    )
}
