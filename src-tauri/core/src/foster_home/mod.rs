//! Foster homes (familjehem, jourhem, kontaktfamilj): their adults and own children,
//! address, the municipality they work with, and a lifecycle whose closing date starts
//! the retention clock.

mod edit;
mod lifecycle;
mod members;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::person::PersonSummary;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

pub use edit::update;
pub use lifecycle::{allowed_next, HomeStatus};
pub use members::remove_member;
pub(crate) use members::role_on;

/// What kind of home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum HomeKind {
    Familjehem,
    Jourhem,
    Kontaktfamilj,
}

impl crate::label::SwedishLabel for HomeKind {
    fn sv(self) -> &'static str {
        match self {
            HomeKind::Familjehem => "familjehem",
            HomeKind::Jourhem => "jourhem",
            HomeKind::Kontaktfamilj => "kontaktfamilj",
        }
    }
}

/// A member's place in the home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberRole {
    /// One of the home's adults.
    Vuxen,
    /// The home's own child.
    EgetBarn,
}

impl crate::label::SwedishLabel for MemberRole {
    fn sv(self) -> &'static str {
        match self {
            MemberRole::Vuxen => "vuxen",
            MemberRole::EgetBarn => "eget barn",
        }
    }
}

/// A foster home as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct FosterHome {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: HomeKind,
    pub status: HomeStatus,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    #[ts(type = "number | null")]
    pub municipality_id: Option<i64>,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A member of a home, as shown with it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Member {
    pub role: MemberRole,
    pub person: PersonSummary,
    /// The day the member was added (unknown for members added before Akta kept it).
    pub joined_on: Option<NaiveDate>,
    /// The day the member left the home; `None` for a current member.
    pub left_on: Option<NaiveDate>,
}

/// One step of the lifecycle.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct StatusChange {
    pub from_status: Option<HomeStatus>,
    pub to_status: HomeStatus,
    pub on_date: NaiveDate,
    pub reason: Option<String>,
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    pub at: DateTime<Utc>,
}

/// A home with its members and history: the home's file.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct FosterHomeFile {
    pub home: FosterHome,
    /// The home's current members.
    pub members: Vec<Member>,
    /// Those who have left the home, the latest to leave first.
    pub former_members: Vec<Member>,
    pub history: Vec<StatusChange>,
    /// Where the home may go next.
    pub next: Vec<HomeStatus>,
}

/// A row of the homes list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct FosterHomeSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: HomeKind,
    pub status: HomeStatus,
    pub city: Option<String>,
    #[ts(type = "number")]
    pub members: i64,
    /// Children placed in the home now (placements without an end).
    #[ts(type = "number")]
    pub placed: i64,
}

/// What a form or the CLI gives to add a home.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FosterHomeInput {
    pub name: String,
    pub kind: HomeKind,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    #[ts(type = "number | null")]
    pub municipality_id: Option<i64>,
}

/// A move to another lifecycle status.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusChangeInput {
    pub to: HomeStatus,
    /// When it happened (defaults to today); never in the future.
    pub on_date: Option<NaiveDate>,
    /// Required when the home is closed (avslutad).
    pub reason: Option<String>,
}

/// The home, or `NotFound`.
async fn select(conn: &mut SqliteConnection, id: i64) -> Result<FosterHome> {
    sqlx::query_as!(
        FosterHome,
        r#"SELECT id, name, kind AS "kind: HomeKind", status AS "status: HomeStatus",
                  street_address, postal_code, city, municipality_id,
                  closed_on AS "closed_on: NaiveDate", closed_reason,
                  created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>"
           FROM foster_homes WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("foster home"))
}

/// Refuses a change to a closed home (`home`: not allowed).
fn ensure_open(home: &FosterHome) -> Result<()> {
    if home.status == HomeStatus::Avslutad {
        return Err(Error::invalid("home", Reason::NotAllowed));
    }
    Ok(())
}

/// A home's name and address as checked: trimmed, an empty optional field as `None`.
struct Checked {
    name: String,
    street_address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
}

/// Checks a home's fields as a form gives them and reports every refusal at once: name,
/// address, the starting `status` of a new home (`intresse` or `utreds`; `None` for a
/// home already there) and the municipality.
async fn check_input(
    conn: &mut SqliteConnection,
    input: &FosterHomeInput,
    status: Option<HomeStatus>,
) -> Result<Checked> {
    let mut p = Problems::new();
    let name = p.check(validate::required_text("name", &input.name, 200));
    let street = p.check(validate::optional_text(
        "street_address",
        input.street_address.as_deref(),
        200,
    ));
    let postal = p.check(validate::optional_postal_code(
        "postal_code",
        input.postal_code.as_deref(),
    ));
    let city = p.check(validate::optional_text("city", input.city.as_deref(), 100));
    if status.is_some_and(|s| !matches!(s, HomeStatus::Intresse | HomeStatus::Utreds)) {
        p.push("status", Reason::NotAllowed);
    }
    if let Some(m) = input.municipality_id {
        if !municipality_exists(conn, m).await? {
            p.push("municipality_id", Reason::Unknown);
        }
    }
    p.finish()?;
    let (Some(name), Some(street_address), Some(postal_code), Some(city)) =
        (name, street, postal, city)
    else {
        return Err(Error::Internal("validation state".into()));
    };
    Ok(Checked {
        name,
        street_address,
        postal_code,
        city,
    })
}

async fn municipality_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM organisations WHERE id = ?"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?
        > 0)
}

async fn record_change(
    conn: &mut SqliteConnection,
    actor: &Actor,
    home_id: i64,
    from: Option<HomeStatus>,
    to: HomeStatus,
    on: NaiveDate,
    reason: Option<&str>,
) -> Result<()> {
    let user_id = actor.user_id();
    let at = Utc::now();
    sqlx::query!(
        "INSERT INTO foster_home_status_changes (home_id, from_status, to_status, on_date, reason, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        home_id,
        from,
        to,
        on,
        reason,
        user_id,
        at
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Adds a home at `intresse`; invalid input writes nothing.
pub async fn add(
    store: &Store,
    actor: &Actor,
    input: &FosterHomeInput,
    today: NaiveDate,
) -> Result<FosterHome> {
    add_with_status(store, actor, input, HomeStatus::Intresse, today).await
}

/// Adds a home at a given starting status (`intresse`, or `utreds` for an interest
/// notice taken up).
pub async fn add_with_status(
    store: &Store,
    actor: &Actor,
    input: &FosterHomeInput,
    status: HomeStatus,
    today: NaiveDate,
) -> Result<FosterHome> {
    let mut tx = store.begin().await?;
    let c = check_input(&mut tx, input, Some(status)).await?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO foster_homes (name, kind, status, street_address, postal_code, city, municipality_id,
                                   created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.name,
        input.kind,
        status,
        c.street_address,
        c.postal_code,
        c.city,
        input.municipality_id,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    record_change(&mut tx, actor, id, None, status, today, None).await?;
    let home = select(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Create, EntityKind::FosterHome, id).await?;
    Ok(home)
}

/// Moves a home along its lifecycle. An illegal move, a future date, or closing without
/// a reason is refused with the field named, and nothing changes.
pub async fn change_status(
    store: &Store,
    actor: &Actor,
    id: i64,
    change: &StatusChangeInput,
    today: NaiveDate,
) -> Result<FosterHome> {
    let mut tx = store.begin().await?;
    let home = select(&mut tx, id).await?;
    let mut p = Problems::new();
    if !allowed_next(home.status).contains(&change.to) {
        p.push("to", Reason::NotAllowed);
    }
    let on = change.on_date.unwrap_or(today);
    if on > today {
        p.push("on_date", Reason::Future);
    }
    let reason = p
        .check(validate::optional_text(
            "reason",
            change.reason.as_deref(),
            1000,
        ))
        .flatten();
    if change.to == HomeStatus::Avslutad && reason.is_none() {
        p.push("reason", Reason::Required);
    }
    p.finish()?;
    let (closed_on, closed_reason) = if change.to == HomeStatus::Avslutad {
        (Some(on), reason.clone())
    } else {
        (None, None)
    };
    let now = Utc::now();
    sqlx::query!(
        "UPDATE foster_homes SET status = ?, closed_on = ?, closed_reason = ?, updated_at = ? WHERE id = ?",
        change.to,
        closed_on,
        closed_reason,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        actor,
        id,
        Some(home.status),
        change.to,
        on,
        reason.as_deref(),
    )
    .await?;
    let home = select(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Update, EntityKind::FosterHome, id).await?;
    Ok(home)
}

/// Adds a person to a home as an adult or the home's own child.
pub async fn add_member(
    store: &Store,
    actor: &Actor,
    home_id: i64,
    person_id: i64,
    role: MemberRole,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::person::ensure_unrestricted(&mut tx, &[person_id]).await?;
    ensure_open(&select(&mut tx, home_id).await?)?;
    let person = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if person == 0 {
        return Err(Error::invalid("person_id", Reason::Unknown));
    }
    // A current member is already there; a former one keeps her row as history (a
    // person is a member of a home once).
    let already = sqlx::query_scalar!(
        r#"SELECT left_on IS NULL AS "current!: bool" FROM foster_home_members
           WHERE home_id = ? AND person_id = ?"#,
        home_id,
        person_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match already {
        Some(true) => return Err(Error::invalid("person_id", Reason::Duplicate)),
        Some(false) => return Err(Error::invalid("person_id", Reason::NotAllowed)),
        None => {}
    }
    let joined_on = crate::today();
    sqlx::query!(
        "INSERT INTO foster_home_members (home_id, person_id, role, joined_on) VALUES (?, ?, ?, ?)",
        home_id,
        person_id,
        role,
        joined_on
    )
    .execute(&mut *tx)
    .await?;
    crate::consent::link_code(&mut tx, person_id, "vardverksamhet").await?;
    audit::touch(&mut tx, actor, EntityKind::FosterHome, home_id, Utc::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The home's file (home, members, history): a read of a personakt, audited.
pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<FosterHomeFile> {
    let mut tx = store.begin().await?;
    let home = select(&mut tx, id).await?;
    let (members, former_members) = members::of_home(&mut tx, id).await?;
    let history = sqlx::query_as!(
        StatusChange,
        r#"SELECT from_status AS "from_status: HomeStatus", to_status AS "to_status: HomeStatus",
                  on_date AS "on_date: NaiveDate", reason, user_id, at AS "at: DateTime<Utc>"
           FROM foster_home_status_changes WHERE home_id = ? ORDER BY id"#,
        id
    )
    .fetch_all(&mut *tx)
    .await?;
    audit::record_and_commit(tx, actor, AuditAction::Read, EntityKind::FosterHome, id).await?;
    let next = allowed_next(home.status).to_vec();
    Ok(FosterHomeFile {
        home,
        members,
        former_members,
        history,
        next,
    })
}

/// A home's current status (no data of persons: not audited).
pub async fn get_status(store: &Store, id: i64) -> Result<HomeStatus> {
    let mut conn = store.pool().acquire().await?;
    Ok(select(&mut conn, id).await?.status)
}

/// Every home, active ones first, then by name.
pub async fn list(store: &Store) -> Result<Vec<FosterHomeSummary>> {
    Ok(sqlx::query_as!(
        FosterHomeSummary,
        r#"SELECT h.id, h.name, h.kind AS "kind: HomeKind", h.status AS "status: HomeStatus", h.city,
                  (SELECT count(*) FROM foster_home_members m
                   WHERE m.home_id = h.id AND m.left_on IS NULL) AS "members!: i64",
                  (SELECT count(*) FROM placements p WHERE p.home_id = h.id AND p.end_date IS NULL) AS "placed!: i64"
           FROM foster_homes h
           ORDER BY h.status = 'avslutad', h.name COLLATE NOCASE, h.id"#
    )
    .fetch_all(store.pool())
    .await?)
}
