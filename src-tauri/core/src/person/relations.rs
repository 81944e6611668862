//! Where a person stands in the register: the homes she is a member of and the homes
//! she is or was placed in. The personakt's header shows it, so that a caseworker
//! always sees whom she is reading about, and every home in it is a link.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::foster_home::{HomeStatus, MemberRole};
use crate::store::Store;

/// A home the person belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Membership {
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    pub home_status: HomeStatus,
    pub role: MemberRole,
}

/// A placement of the person (as the child), newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PlacedIn {
    #[ts(type = "number")]
    pub placement_id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

/// A person's relations in the register.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Relations {
    /// Age in whole years today, from the personnummer or samordningsnummer (the
    /// register's one rule, also used by the persons list).
    pub age: Option<u32>,
    pub memberships: Vec<Membership>,
    pub placements: Vec<PlacedIn>,
}

/// The relations of person `id`. Shows no more than the file it belongs to, which the
/// caller has opened (and audited) with [`super::get`].
pub async fn of(store: &Store, id: i64, today: NaiveDate) -> Result<Relations> {
    let mut conn = store.pool().acquire().await?;
    let number = sqlx::query_scalar!("SELECT personal_number FROM persons WHERE id = ?", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound("person"))?;
    let age = number
        .as_deref()
        .and_then(super::birth_date_of)
        .and_then(|born| super::age_on(born, today));
    let memberships = sqlx::query_as!(
        Membership,
        r#"SELECT h.id AS "home_id!", h.name AS "home_name!", h.status AS "home_status!: HomeStatus",
                  m.role AS "role!: MemberRole"
           FROM foster_home_members m JOIN foster_homes h ON h.id = m.home_id
           WHERE m.person_id = ? AND m.left_on IS NULL
           ORDER BY h.name, h.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let placements = sqlx::query_as!(
        PlacedIn,
        r#"SELECT p.id AS "placement_id!", h.id AS "home_id!", h.name AS "home_name!",
                  p.start_date AS "start_date!: NaiveDate", p.end_date AS "end_date: NaiveDate"
           FROM placements p JOIN foster_homes h ON h.id = p.home_id
           WHERE p.child_id = ?
           ORDER BY p.end_date IS NOT NULL, p.start_date DESC, p.id DESC"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Relations {
        age,
        memberships,
        placements,
    })
}
