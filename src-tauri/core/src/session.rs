//! The app's session on one store: locked or unlocked, with the auto-lock clock.
//! The Tauri shell holds one `Session` and its commands only call into it.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::sync::{RwLock, RwLockReadGuard};
use ts_rs::TS;

use crate::crypto::{Keychain, Passphrase, PassphraseCost};
use crate::demo::{self, DemoReport};
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use crate::user::{self, Actor, Permission, ProfileRules, Role, User, UserInput};
use zeroize::Zeroizing;

/// What the UI needs to know to choose its screen. No personal data.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct SessionStatus {
    /// A store exists at the session's folder.
    pub store_exists: bool,
    pub unlocked: bool,
    /// The store's key was put in the OS keychain (automatic unlock may work).
    pub keychain: bool,
    pub settings: Settings,
    /// The profile working now; `None` until one is chosen or created.
    pub user: Option<User>,
    /// What the working profile may do beyond casework (the UI offers only these).
    pub permissions: Vec<Permission>,
}

/// One store, locked or unlocked.
pub struct Session {
    dir: StoreDir,
    keychain: Box<dyn Keychain>,
    store: RwLock<Option<Store>>,
    user: RwLock<Option<User>>,
    last_activity: Mutex<Instant>,
    passphrase_cost: PassphraseCost,
    /// The day retention last ran in this session.
    retention_ran_on: Mutex<Option<chrono::NaiveDate>>,
}

impl Session {
    pub fn new(dir: StoreDir, keychain: Box<dyn Keychain>) -> Self {
        Session {
            dir,
            keychain,
            store: RwLock::new(None),
            user: RwLock::new(None),
            last_activity: Mutex::new(Instant::now()),
            passphrase_cost: PassphraseCost::Interactive,
            retention_ran_on: Mutex::new(None),
        }
    }

    /// For tests only: a cheaper passphrase wrap for stores this session creates.
    pub fn with_passphrase_cost(mut self, cost: PassphraseCost) -> Self {
        self.passphrase_cost = cost;
        self
    }

    pub fn dir(&self) -> &StoreDir {
        &self.dir
    }

    pub async fn status(&self) -> SessionStatus {
        let unlocked = self.store.read().await.is_some();
        let user = if unlocked {
            self.user.read().await.clone()
        } else {
            None
        };
        let permissions = match &user {
            Some(u) => u.role.permissions().to_vec(),
            None => Vec::new(),
        };
        SessionStatus {
            store_exists: self.dir.has_any_store_file(),
            unlocked,
            keychain: self.dir.read_meta().map(|m| m.keychain).unwrap_or(false),
            settings: Settings::load(&self.dir),
            user,
            permissions,
        }
    }

    /// Creates the store with a passphrase (and the keychain if it can be reached),
    /// optionally filled with demo data, and leaves it unlocked.
    pub async fn create(
        &self,
        passphrase: String,
        with_demo: bool,
    ) -> Result<(SessionStatus, Option<DemoReport>)> {
        let passphrase = Passphrase::new_for_store(passphrase)?;
        let opts = CreateOptions {
            passphrase: Some(passphrase),
            recovery_recipient: None,
            keychain: KeychainUse::IfAvailable,
            passphrase_cost: self.passphrase_cost,
        };
        let store = Store::create(&self.dir, opts, self.keychain.as_ref()).await?;
        let report = if with_demo {
            Some(demo::populate(&store, &Actor::device(), crate::today()).await?)
        } else {
            None
        };
        self.set_store(store).await;
        Ok((self.status().await, report))
    }

    pub async fn unlock_with_keychain(&self) -> Result<SessionStatus> {
        let store = Store::open(&self.dir, Unlock::Keychain(self.keychain.as_ref())).await?;
        self.set_store(store).await;
        Ok(self.status().await)
    }

    pub async fn unlock_with_passphrase(&self, passphrase: String) -> Result<SessionStatus> {
        let store = Store::open(&self.dir, Unlock::Passphrase(Passphrase::new(passphrase))).await?;
        self.set_store(store).await;
        Ok(self.status().await)
    }

    async fn set_store(&self, store: Store) {
        // With exactly one profile on the device, work goes on as that profile.
        let only = match user::list(&store).await {
            Ok(mut users) if users.len() == 1 => users.pop(),
            _ => None,
        };
        *self.user.write().await = only;
        let old = self.store.write().await.replace(store);
        if let Some(old) = old {
            old.close().await;
        }
        self.touch();
    }

    /// Closes the store and drops its key from memory.
    pub async fn lock(&self) -> SessionStatus {
        *self.user.write().await = None;
        let old = self.store.write().await.take();
        if let Some(old) = old {
            old.close().await;
        }
        self.status().await
    }

    /// Records user activity (resets the auto-lock clock).
    pub fn touch(&self) {
        if let Ok(mut t) = self.last_activity.lock() {
            *t = Instant::now();
        }
    }

    /// Time since the last activity.
    pub fn idle_for(&self) -> Duration {
        self.last_activity
            .lock()
            .map(|t| t.elapsed())
            .unwrap_or(Duration::MAX)
    }

    /// Locks the store when it has been idle longer than the setting; true if it locked.
    pub async fn lock_if_idle(&self) -> bool {
        let limit =
            Duration::from_secs(u64::from(Settings::load(&self.dir).auto_lock_minutes) * 60);
        self.lock_if_idle_longer_than(limit).await
    }

    /// Locks the store when it has been idle at least `limit`; true if it locked.
    pub async fn lock_if_idle_longer_than(&self, limit: Duration) -> bool {
        if self.idle_for() < limit || self.store.read().await.is_none() {
            return false;
        }
        self.lock().await;
        true
    }

    /// The unlocked store, or `store_locked`. Counts as activity.
    pub async fn store(&self) -> Result<RwLockReadGuard<'_, Store>> {
        self.touch();
        RwLockReadGuard::try_map(self.store.read().await, Option::as_ref)
            .map_err(|_| Error::StoreLocked)
    }

    /// The unlocked store and the profile working on it (`profile_required` until one
    /// is chosen). Counts as activity.
    pub async fn work(&self) -> Result<(RwLockReadGuard<'_, Store>, Actor)> {
        let store = self.store().await?;
        let user = self
            .user
            .read()
            .await
            .clone()
            .ok_or(Error::ProfileRequired)?;
        Ok((store, Actor::user(user)))
    }

    /// The working profile, or the device before one is chosen.
    async fn actor(&self) -> Actor {
        self.user
            .read()
            .await
            .clone()
            .map(Actor::user)
            .unwrap_or_default()
    }

    /// The profiles on this device.
    pub async fn users(&self) -> Result<Vec<User>> {
        let store = self.store().await?;
        user::list(&store).await
    }

    /// Works on as an existing profile.
    pub async fn select_user(&self, id: i64) -> Result<SessionStatus> {
        let store = self.store().await?;
        let u = user::get(&store, id).await?;
        drop(store);
        *self.user.write().await = Some(u);
        Ok(self.status().await)
    }

    /// Creates a profile (by the current profile, or by the device for the first one)
    /// and works on as it. A data-protection profile needs a working profile of that
    /// role, or is the store's first profile (see [`Session::create_user_vouched`]).
    pub async fn create_user(&self, input: UserInput) -> Result<SessionStatus> {
        self.create_user_vouched(input, None).await
    }

    /// Creates a profile as [`Session::create_user`] does; `recovery_identity`, the text
    /// of the agency's identity file, vouches for a data-protection profile (it is
    /// refused on `recovery_identity` unless it opens the store's recovery wrap; for a
    /// caseworker profile it is not read).
    pub async fn create_user_vouched(
        &self,
        input: UserInput,
        recovery_identity: Option<String>,
    ) -> Result<SessionStatus> {
        let recovery_identity = recovery_identity.map(Zeroizing::new);
        let store = self.store().await?;
        let actor = self.profile_actor(&store).await?;
        let u = match recovery_identity.as_deref().map(|t| t.as_str()) {
            Some(text) if input.role == Role::Dataskyddsansvarig && !text.trim().is_empty() => {
                let identity = user::parse_identity(text)?;
                user::add_vouched(&store, &actor, &input, &identity).await?
            }
            _ => user::add(&store, &actor, &input).await?,
        };
        drop(store);
        *self.user.write().await = Some(u);
        Ok(self.status().await)
    }

    /// What a new profile may be given now (the profile screen offers only that).
    pub async fn profile_rules(&self) -> Result<ProfileRules> {
        let store = self.store().await?;
        let actor = self.profile_actor(&store).await?;
        user::profile_rules(&store, &actor).await
    }

    /// Who creates a profile: the working profile; before one is chosen, the device for
    /// a store without profiles (its first start), else someone not yet known, who may
    /// do what a caseworker may.
    async fn profile_actor(&self, store: &Store) -> Result<Actor> {
        if let Some(u) = self.user.read().await.clone() {
            return Ok(Actor::user(u));
        }
        if user::list(store).await?.is_empty() {
            Ok(Actor::device())
        } else {
            Ok(Actor::unidentified())
        }
    }

    /// Runs retention once a day while the store is open (at unlock, then when the date
    /// changes), as the device itself: the promises are kept without anyone
    /// remembering to. Not counted as activity. Returns the receipt when it ran.
    pub async fn retention_tick(
        &self,
        today: chrono::NaiveDate,
    ) -> Result<Option<crate::retention::Receipt>> {
        let guard = self.store.read().await;
        let Some(store) = guard.as_ref() else {
            return Ok(None);
        };
        {
            let ran = self
                .retention_ran_on
                .lock()
                .map_err(|_| Error::Internal("retention clock".into()))?;
            if *ran == Some(today) {
                return Ok(None);
            }
        }
        let receipt = crate::retention::run(store, &Actor::device(), today).await?;
        if let Ok(mut ran) = self.retention_ran_on.lock() {
            *ran = Some(today);
        }
        Ok(Some(receipt))
    }

    /// The device's settings.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.dir)
    }

    /// Saves new settings (valid ones only; the store must be unlocked, and the working
    /// profile, if any, must be allowed to manage settings).
    pub async fn save_settings(&self, settings: Settings) -> Result<SessionStatus> {
        drop(self.store().await?);
        self.actor().await.require(Permission::ManageSettings)?;
        settings.save(&self.dir)?;
        Ok(self.status().await)
    }
}
