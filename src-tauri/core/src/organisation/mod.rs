//! Organisations: municipalities (the agency's customers), regions, companies,
//! authorities. Identified by organisationsnummer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, luhn_ok, Problems};

/// What kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum OrganisationKind {
    Kommun,
    Region,
    Foretag,
    Myndighet,
}

impl std::str::FromStr for OrganisationKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "kommun" => Ok(Self::Kommun),
            "region" => Ok(Self::Region),
            "foretag" | "företag" => Ok(Self::Foretag),
            "myndighet" => Ok(Self::Myndighet),
            _ => Err(Error::invalid("kind", Reason::Format)),
        }
    }
}

/// An organisation as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct Organisation {
    #[ts(type = "number")]
    pub id: i64,
    /// 10 digits, no separator.
    pub org_number: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a form or the CLI gives to add an organisation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrganisationInput {
    pub org_number: String,
    pub name: String,
    pub kind: OrganisationKind,
}

/// Parses an organisationsnummer: `NNNNNN-NNNN`, `NNNNNNNNNN`, or with the `16` prefix;
/// the third digit is at least 2 and the last is a Luhn check digit. Returns 10 digits.
pub fn parse_org_number(input: &str) -> std::result::Result<String, Reason> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Reason::Required);
    }
    let b = s.as_bytes();
    let digits: String = match b.len() {
        10 => s.to_owned(),
        11 if b[6] == b'-' => format!("{}{}", &s[..6], &s[7..]),
        12 if s.starts_with("16") => s[2..].to_owned(),
        13 if s.starts_with("16") && b[8] == b'-' => format!("{}{}", &s[2..8], &s[9..]),
        _ => return Err(Reason::Format),
    };
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(Reason::Format);
    }
    if digits.as_bytes()[2] < b'2' {
        return Err(Reason::Format);
    }
    if !luhn_ok(&digits) {
        return Err(Reason::Checksum);
    }
    Ok(digits)
}

/// `NNNNNN-NNNN`.
pub fn format_org_number(digits: &str) -> String {
    if digits.len() == 10 {
        format!("{}-{}", &digits[..6], &digits[6..])
    } else {
        digits.to_owned()
    }
}

/// Adds an organisation in one transaction; an invalid or duplicate value writes nothing.
pub async fn add(store: &Store, actor: &Actor, input: &OrganisationInput) -> Result<Organisation> {
    let mut p = Problems::new();
    let number =
        p.check(parse_org_number(&input.org_number).map_err(|r| validate::refuse("org_number", r)));
    let name = p.check(validate::required_text("name", &input.name, 200));
    p.finish()?;
    let (Some(number), Some(name)) = (number, name) else {
        return Err(Error::Internal("validation state".into()));
    };
    let mut tx = store.begin().await?;
    if by_number(&mut tx, &number).await?.is_some() {
        return Err(Error::invalid("org_number", Reason::Duplicate));
    }
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO organisations (org_number, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        number,
        name,
        input.kind,
        now,
        now,
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Organisation,
        Some(id),
    )
    .await?;
    let org = select(&mut tx, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound("organisation"))?;
    tx.commit().await?;
    Ok(org)
}

/// One organisation (`Some(id)`) or all of them (`None`), by name.
async fn select(conn: &mut SqliteConnection, id: Option<i64>) -> Result<Vec<Organisation>> {
    Ok(sqlx::query_as!(
        Organisation,
        r#"SELECT id, org_number, name, kind AS "kind: OrganisationKind",
                  created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>"
           FROM organisations
           WHERE ?1 IS NULL OR id = ?1
           ORDER BY name COLLATE NOCASE, id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?)
}

async fn by_number(conn: &mut SqliteConnection, digits: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM organisations WHERE org_number = ?"#,
        digits
    )
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every organisation, by name.
pub async fn list(store: &Store) -> Result<Vec<Organisation>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_numbers() {
        assert_eq!(parse_org_number("212000-1355").unwrap(), "2120001355");
        assert_eq!(parse_org_number("2120001355").unwrap(), "2120001355");
        assert_eq!(parse_org_number("16212000-1355").unwrap(), "2120001355");
        assert_eq!(parse_org_number("162120001355").unwrap(), "2120001355");
        assert_eq!(
            parse_org_number("212000-1356").unwrap_err(),
            Reason::Checksum
        );
        assert_eq!(parse_org_number("811218-9876").unwrap_err(), Reason::Format);
        assert_eq!(parse_org_number("21200a-1355").unwrap_err(), Reason::Format);
        assert_eq!(parse_org_number("").unwrap_err(), Reason::Required);
        assert_eq!(format_org_number("2120001355"), "212000-1355");
    }
}
