//! Local user profiles on the device: who writes entries and whose actions the audit
//! log names. The role gates what the UI and commands allow.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

pub use crate::access::{Actor, Permission, Role, User};
use crate::audit::{self, AuditAction, EntityKind};
use crate::crypto::RecoveryIdentity;
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::validate::{self, Problems};
pub use recovery::parse_identity;

mod recovery;

/// What a form or the CLI gives to add a profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserInput {
    pub name: String,
    pub title: Option<String>,
    pub role: Role,
}

async fn select(conn: &mut SqliteConnection, id: Option<i64>) -> Result<Vec<User>> {
    Ok(sqlx::query_as!(
        User,
        r#"SELECT id, name, title, role AS "role: Role",
                  created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>"
           FROM users WHERE ?1 IS NULL OR id = ?1 ORDER BY name COLLATE NOCASE, id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Adds a profile; invalid input writes nothing. A profile of the data-protection role
/// is added only by a profile of that role, or as the very first profile of a new store
/// (see [`add_vouched`] for the agency's recovery identity).
pub async fn add(store: &Store, actor: &Actor, input: &UserInput) -> Result<User> {
    add_checked(store, actor, input, None).await
}

/// Adds a profile as [`add`] does, with the agency's recovery identity vouching for a
/// profile of the data-protection role: the identity must open the store's recovery
/// wrap (`recovery_identity` refused otherwise, nothing written).
pub async fn add_vouched(
    store: &Store,
    actor: &Actor,
    input: &UserInput,
    identity: &RecoveryIdentity,
) -> Result<User> {
    add_checked(store, actor, input, Some(identity)).await
}

async fn add_checked(
    store: &Store,
    actor: &Actor,
    input: &UserInput,
    identity: Option<&RecoveryIdentity>,
) -> Result<User> {
    if input.role == Role::Dataskyddsansvarig {
        match identity {
            Some(id) => recovery::verify(store, id).await?,
            None => {
                if !may_add_data_protection(store, actor).await? {
                    return Err(Error::NotPermitted(Permission::ManageProfiles.name()));
                }
            }
        }
    }
    let mut p = Problems::new();
    let name = p.check(validate::required_text("name", &input.name, 100));
    let title = p.check(validate::optional_text(
        "title",
        input.title.as_deref(),
        100,
    ));
    p.finish()?;
    let (Some(name), Some(title)) = (name, title) else {
        return Err(Error::Internal("validation state".into()));
    };
    let now = Utc::now();
    let mut tx = store.begin().await?;
    let id = sqlx::query!(
        "INSERT INTO users (name, title, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        name,
        title,
        input.role,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::User,
        Some(id),
    )
    .await?;
    let user = select(&mut tx, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound("user"))?;
    tx.commit().await?;
    Ok(user)
}

/// Every profile, by name.
pub async fn list(store: &Store) -> Result<Vec<User>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None).await
}

/// One profile.
pub async fn get(store: &Store, id: i64) -> Result<User> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound("user"))
}

/// The profile to act as when none was named: the only one, or the device when there
/// is none. Several profiles and none named is an error naming the `user` field.
pub async fn default_actor(store: &Store) -> Result<Actor> {
    let mut users = list(store).await?;
    match users.len() {
        0 => Ok(Actor::device()),
        1 => Ok(Actor::user(users.remove(0))),
        _ => Err(Error::invalid("user", Reason::Required)),
    }
}

/// Whether `actor` may add a data-protection profile without the recovery identity: a
/// profile of that role (or the device itself, the CLI's actor before any profile
/// exists), or anyone while the store has no profile at all.
async fn may_add_data_protection(store: &Store, actor: &Actor) -> Result<bool> {
    if actor.require(Permission::ManageProfiles).is_ok() {
        return Ok(true);
    }
    let any = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM users) AS "any!: bool""#)
        .fetch_one(store.pool())
        .await?;
    Ok(!any)
}

/// Which roles a new profile may be given now, for the profile screen.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ProfileRules {
    /// The data-protection role may be given without more proof: the acting profile
    /// has that role, or the store has no profile yet.
    pub data_protection_allowed: bool,
    /// The agency's recovery identity can vouch for a data-protection profile: the
    /// store's key is wrapped to a recovery recipient.
    pub recovery_identity_accepted: bool,
}

/// What a new profile may be given now by `actor`.
pub async fn profile_rules(store: &Store, actor: &Actor) -> Result<ProfileRules> {
    Ok(ProfileRules {
        data_protection_allowed: may_add_data_protection(store, actor).await?,
        recovery_identity_accepted: store.dir().recovery_wrap().exists(),
    })
}
