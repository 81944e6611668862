//! Local user profiles on the device: who writes entries and whose actions the audit
//! log names. The role gates what the UI and commands allow.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::validate::{self, Problems};

/// What a profile may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum Role {
    /// Caseworker (handläggare / familjehemskonsulent).
    Handlaggare,
    /// Data-protection officer: also manages requests, retention rules and backups.
    Dataskyddsansvarig,
}

impl std::str::FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "handlaggare" | "handläggare" => Ok(Role::Handlaggare),
            "dataskyddsansvarig" => Ok(Role::Dataskyddsansvarig),
            _ => Err(Error::invalid("role", Reason::Format)),
        }
    }
}

/// What only some roles may do. Everything not listed here is casework that every
/// profile may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Permission {
    /// Change the device's settings (auto-lock, extract age, reminder days).
    ManageSettings,
    /// Add profiles of the data-protection role.
    ManageProfiles,
    /// Export or import a whole store's data (`akta export` / `akta import`).
    TransferStore,
    /// Handle data-subject requests: extracts, rectification, restriction, erasure.
    ManageRequests,
    /// Retention: rules, holds, preview and runs.
    ManageRetention,
}

impl Role {
    /// What this role may do beyond casework.
    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Role::Handlaggare => &[],
            Role::Dataskyddsansvarig => &[
                Permission::ManageSettings,
                Permission::ManageProfiles,
                Permission::TransferStore,
                Permission::ManageRequests,
                Permission::ManageRetention,
            ],
        }
    }
}

/// A profile as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct User {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a form or the CLI gives to add a profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserInput {
    pub name: String,
    pub title: Option<String>,
    pub role: Role,
}

/// Who is acting: a profile, or the device itself (before any profile exists, and for
/// automation through the CLI).
#[derive(Debug, Clone, Default)]
pub struct Actor {
    user: Option<User>,
}

impl Actor {
    /// The device itself, with no profile.
    pub fn device() -> Self {
        Actor { user: None }
    }

    pub fn user(user: User) -> Self {
        Actor { user: Some(user) }
    }

    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn profile(&self) -> Option<&User> {
        self.user.as_ref()
    }

    /// What this actor may do beyond casework. The device itself (the first start, and
    /// the CLI run without a profile by whoever holds the store's key) may do all.
    pub fn permissions(&self) -> Vec<Permission> {
        match &self.user {
            Some(u) => u.role.permissions().to_vec(),
            None => Role::Dataskyddsansvarig.permissions().to_vec(),
        }
    }

    /// `not_permitted` unless this actor may do `what`.
    pub fn require(&self, what: Permission) -> Result<()> {
        if self.permissions().contains(&what) {
            Ok(())
        } else {
            Err(Error::NotPermitted(what))
        }
    }
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
/// is added by that role (or by anyone while the device has none).
pub async fn add(store: &Store, actor: &Actor, input: &UserInput) -> Result<User> {
    if input.role == Role::Dataskyddsansvarig {
        let any = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM users WHERE role = 'dataskyddsansvarig') AS "any!: bool""#
        )
        .fetch_one(store.pool())
        .await?;
        if any {
            actor.require(Permission::ManageProfiles)?;
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
