//! Placements: a child placed by a municipality in a foster home, from/to dates.
//! Placing a child in an approved home makes the home active.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::foster_home::{self, HomeStatus, StatusChangeInput};
use crate::person::{NumberKind, PersonSummary};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// A placement as shown in a home's or a child's file.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Placement {
    #[ts(type = "number")]
    pub id: i64,
    pub child: PersonSummary,
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    #[ts(type = "number")]
    pub municipality_id: i64,
    pub municipality_name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

/// What a form gives to place a child.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlacementInput {
    #[ts(type = "number")]
    pub child_id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number")]
    pub municipality_id: i64,
    pub start_date: NaiveDate,
}

/// What a form gives to end a placement.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EndPlacementInput {
    pub end_date: NaiveDate,
    pub reason: String,
}

async fn person_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?
        > 0)
}

async fn municipality_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM organisations WHERE id = ? AND kind = 'kommun'"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?
        > 0)
}

/// Places a child. Refused (with the field named, nothing written): an unknown child,
/// home or municipality; a home that is not approved or active; a child who is a member
/// of that home or already placed; a start date in the future.
pub async fn place(
    store: &Store,
    actor: &Actor,
    input: &PlacementInput,
    today: NaiveDate,
) -> Result<Placement> {
    let mut tx = store.begin().await?;
    crate::person::ensure_unrestricted(&mut tx, &[input.child_id]).await?;
    let mut p = Problems::new();
    if !person_exists(&mut tx, input.child_id).await? {
        p.push("child_id", Reason::Unknown);
    }
    let home = sqlx::query!(
        r#"SELECT status AS "status: HomeStatus" FROM foster_homes WHERE id = ?"#,
        input.home_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match &home {
        None => p.push("home_id", Reason::Unknown),
        Some(h) if !matches!(h.status, HomeStatus::Godkand | HomeStatus::Aktiv) => {
            p.push("home_id", Reason::NotAllowed)
        }
        Some(_) => {}
    }
    if !municipality_exists(&mut tx, input.municipality_id).await? {
        p.push("municipality_id", Reason::Unknown);
    }
    if input.start_date > today {
        p.push("start_date", Reason::Future);
    }
    let member = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM foster_home_members WHERE home_id = ? AND person_id = ?"#,
        input.home_id,
        input.child_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let open = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM placements WHERE child_id = ? AND end_date IS NULL"#,
        input.child_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if member > 0 || open > 0 {
        p.push("child_id", Reason::NotAllowed);
    }
    p.finish()?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO placements (child_id, home_id, municipality_id, start_date, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        input.child_id,
        input.home_id,
        input.municipality_id,
        input.start_date,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    crate::consent::link_code(&mut tx, input.child_id, "vardverksamhet").await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Placement,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    if home.is_some_and(|h| h.status == HomeStatus::Godkand) {
        let change = StatusChangeInput {
            to: HomeStatus::Aktiv,
            on_date: Some(input.start_date),
            reason: None,
        };
        foster_home::change_status(store, actor, input.home_id, &change, today).await?;
    }
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("placement"))
}

/// Ends a placement with a date and a reason.
pub async fn end(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &EndPlacementInput,
    today: NaiveDate,
) -> Result<Placement> {
    let mut tx = store.begin().await?;
    let current = select(&mut tx, None, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("placement"))?;
    let mut p = Problems::new();
    if current.end_date.is_some() {
        p.push("placement", Reason::NotAllowed);
    }
    if input.end_date > today {
        p.push("end_date", Reason::Future);
    } else if input.end_date < current.start_date {
        p.push("end_date", Reason::Date);
    }
    let reason = p.check(validate::required_text("reason", &input.reason, 1000));
    p.finish()?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE placements SET end_date = ?, end_reason = ?, updated_at = ? WHERE id = ?",
        input.end_date,
        reason,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Placement,
        Some(id),
    )
    .await?;
    let placement = select(&mut tx, None, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("placement"))?;
    tx.commit().await?;
    Ok(placement)
}

/// Placements in a home, or of a child, or one; newest first.
async fn select(
    conn: &mut SqliteConnection,
    home: Option<i64>,
    child: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<Placement>> {
    let rows = sqlx::query!(
        r#"SELECT pl.id AS "id!", pl.home_id, h.name AS home_name, pl.municipality_id, o.name AS municipality_name,
                  pl.start_date AS "start_date: NaiveDate", pl.end_date AS "end_date: NaiveDate", pl.end_reason,
                  p.id AS "child_id!", p.personal_number, p.number_kind AS "number_kind: NumberKind",
                  p.given_name, p.family_name, p.city, p.protected_identity AS "protected_identity: bool"
           FROM placements pl
           JOIN persons p ON p.id = pl.child_id
           JOIN foster_homes h ON h.id = pl.home_id
           JOIN organisations o ON o.id = pl.municipality_id
           WHERE (?1 IS NOT NULL AND pl.id = ?1)
              OR (?1 IS NULL AND (pl.home_id = ?2 OR pl.child_id = ?3))
           ORDER BY pl.start_date DESC, pl.id DESC"#,
        id,
        home,
        child
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Placement {
            id: r.id,
            child: PersonSummary::new(
                r.child_id,
                r.personal_number,
                r.number_kind,
                r.given_name,
                r.family_name,
                r.city,
                r.protected_identity,
            ),
            home_id: r.home_id,
            home_name: r.home_name,
            municipality_id: r.municipality_id,
            municipality_name: r.municipality_name,
            start_date: r.start_date,
            end_date: r.end_date,
            end_reason: r.end_reason,
        })
        .collect())
}

/// The placements in a home (shown in the home's file, whose read is audited).
pub async fn for_home(store: &Store, home_id: i64) -> Result<Vec<Placement>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(home_id), None, None).await
}

/// A child's placements (shown in the child's file, whose read is audited).
pub async fn for_child(store: &Store, child_id: i64) -> Result<Vec<Placement>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None, Some(child_id), None).await
}
