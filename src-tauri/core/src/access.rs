//! Who acts and what they may do: profiles (`User`) with their `Role`, the
//! `Permission`s beyond casework, and the `Actor` every service call names. A leaf of
//! the ground floor: it imports nothing of the crate but the error type, so `audit`,
//! `user` and every domain can use it without a cycle.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

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
    /// Agency-level summaries without names (the homes' egenkontroll answers).
    AgencySummaries,
}

impl Permission {
    /// The permission's name, as errors and logs give it.
    pub fn name(self) -> &'static str {
        match self {
            Permission::ManageSettings => "ManageSettings",
            Permission::ManageProfiles => "ManageProfiles",
            Permission::TransferStore => "TransferStore",
            Permission::ManageRequests => "ManageRequests",
            Permission::ManageRetention => "ManageRetention",
            Permission::AgencySummaries => "AgencySummaries",
        }
    }
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
                Permission::AgencySummaries,
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

/// Who is acting: a profile, or the device itself (before any profile exists, and for
/// automation through the CLI), or someone not yet known (the app's profile screen of a
/// store that has profiles, before one is chosen).
#[derive(Debug, Clone, Default)]
pub struct Actor {
    user: Option<User>,
    /// No profile, but not the device either: may do casework only.
    unidentified: bool,
}

impl Actor {
    /// The device itself, with no profile.
    pub fn device() -> Self {
        Actor {
            user: None,
            unidentified: false,
        }
    }

    /// Someone at the app's profile screen of a store that has profiles, before they
    /// chose one: whoever it is may do what a caseworker may, and no more.
    pub fn unidentified() -> Self {
        Actor {
            user: None,
            unidentified: true,
        }
    }

    pub fn user(user: User) -> Self {
        Actor {
            user: Some(user),
            unidentified: false,
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn profile(&self) -> Option<&User> {
        self.user.as_ref()
    }

    /// What this actor may do beyond casework. The device itself (the first start, and
    /// the CLI run without a profile by whoever holds the store's key) may do all; an
    /// unidentified actor nothing.
    pub fn permissions(&self) -> Vec<Permission> {
        match &self.user {
            Some(u) => u.role.permissions().to_vec(),
            None if self.unidentified => Vec::new(),
            None => Role::Dataskyddsansvarig.permissions().to_vec(),
        }
    }

    /// `not_permitted` unless this actor may do `what`.
    pub fn require(&self, what: Permission) -> Result<()> {
        if self.permissions().contains(&what) {
            Ok(())
        } else {
            Err(Error::NotPermitted(what.name()))
        }
    }
}
