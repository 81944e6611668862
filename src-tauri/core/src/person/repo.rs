//! SQL for persons. Functions take a connection; the service owns the transaction.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{NewPerson, Person};
use crate::error::Result;

const COLUMNS: &str = "id, personal_number, number_kind, given_name, family_name, email, phone, \
                       street_address, postal_code, city, protected_identity, created_at, updated_at";

pub async fn insert(conn: &mut SqliteConnection, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
    let id = sqlx::query(
        "INSERT INTO persons (personal_number, number_kind, given_name, family_name, email, phone,
                              street_address, postal_code, city, protected_identity, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(p.number.as_ref().map(|n| n.digits().to_owned()))
    .bind(p.number.as_ref().map(|n| n.kind()))
    .bind(&p.given_name)
    .bind(&p.family_name)
    .bind(&p.email)
    .bind(&p.phone)
    .bind(&p.street_address)
    .bind(&p.postal_code)
    .bind(&p.city)
    .bind(p.protected_identity)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<Person>> {
    Ok(
        sqlx::query_as::<_, Person>(&format!("SELECT {COLUMNS} FROM persons WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn id_by_number(conn: &mut SqliteConnection, digits: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM persons WHERE personal_number = ?")
            .bind(digits)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Every person, ordered by name. (A caseworker's registry holds thousands, not
/// millions; filtering happens in Rust, where case folding knows å, ä and ö.)
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<Person>> {
    Ok(sqlx::query_as::<_, Person>(&format!(
        "SELECT {COLUMNS} FROM persons ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id"
    ))
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM persons")
        .fetch_one(&mut *conn)
        .await?)
}
