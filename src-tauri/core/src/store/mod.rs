//! The encrypted store: a folder holding the SQLCipher database, its metadata, and the
//! store key wrapped with age (to a passphrase and/or the agency's recovery recipient).
//!
//! ```text
//! <store>/akta.db              SQLCipher database (+ -wal, -shm while open)
//! <store>/store.json           metadata: store id, how the key is kept (no personal data)
//! <store>/key.passphrase.age   the key, age-encrypted to the passphrase (scrypt)
//! <store>/key.recovery.age     the key, age-encrypted to the agency recovery recipient
//! <store>/settings.json        device settings (auto-lock), no personal data
//! ```

pub(crate) mod connect;
mod layout;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::crypto::{self, DbKey, Keychain, Passphrase, PassphraseCost, RecoveryIdentity};
use crate::error::{Error, Reason, Result};

pub use connect::options as connection_options;
pub use layout::{replace_file, StoreDir, STORE_DIR_ENV};

/// The embedded migrations (`migrations/` at the repository root).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// The newest schema version this program knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// What `store.json` says. It holds no personal data and no key material.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoreMeta {
    pub format: u32,
    /// Random id; names the keychain entry.
    pub store_id: String,
    pub created_at: DateTime<Utc>,
    /// The key was put in the OS keychain at creation (or later recovery).
    pub keychain: bool,
    /// `key.passphrase.age` exists.
    pub passphrase_wrap: bool,
    /// The agency recovery recipient the key is wrapped to, if any.
    pub recovery_recipient: Option<String>,
}

/// Whether a new store's key goes into the OS keychain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeychainUse {
    /// Never (passphrase mode).
    Off,
    /// Must work; if the keychain cannot be reached, creation fails and leaves nothing.
    Required,
    /// Use it if it can be reached; otherwise the passphrase alone unlocks.
    IfAvailable,
}

/// How to create a store.
#[derive(Debug)]
pub struct CreateOptions {
    pub passphrase: Option<Passphrase>,
    pub recovery_recipient: Option<String>,
    pub keychain: KeychainUse,
    pub passphrase_cost: PassphraseCost,
}

/// How to unlock a store.
pub enum Unlock<'a> {
    Passphrase(Passphrase),
    Keychain(&'a dyn Keychain),
    Recovery(&'a RecoveryIdentity),
    /// The raw key itself (after recovery, or in tests).
    Key(DbKey),
}

/// What the app and `akta status` show about a store, without personal data.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoreInfo {
    pub store_id: String,
    pub keychain: bool,
    pub passphrase_wrap: bool,
    pub recovery_wrap: bool,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub cipher_version: String,
}

/// An open, unlocked store.
#[derive(Debug)]
pub struct Store {
    pool: SqlitePool,
    dir: StoreDir,
    meta: StoreMeta,
    cipher_version: String,
}

impl Store {
    /// Creates a new store in `dir` (which must hold no store). On any failure, every
    /// file this call created is removed again.
    pub async fn create(
        dir: &StoreDir,
        opts: CreateOptions,
        keychain: &dyn Keychain,
    ) -> Result<Store> {
        if dir.has_any_store_file() {
            return Err(Error::StoreExists);
        }
        let recipient = opts
            .recovery_recipient
            .as_deref()
            .map(crypto::parse_recipient)
            .transpose()?;
        if opts.passphrase.is_none() && recipient.is_none() {
            // A key only in the keychain is lost with the keychain: refuse.
            return Err(Error::invalid("passphrase", Reason::Required));
        }
        dir.ensure_root()?;
        let mut created = layout::CreatedFiles::new(dir);
        match Self::create_inner(dir, &opts, recipient.as_ref(), keychain, &mut created).await {
            Ok(store) => {
                created.keep();
                Ok(store)
            }
            Err(e) => {
                if let Some(id) = created.take_keychain_id() {
                    let _ = keychain.delete(&id);
                }
                Err(e) // dropping `created` removes the files written
            }
        }
    }

    async fn create_inner(
        dir: &StoreDir,
        opts: &CreateOptions,
        recipient: Option<&age::x25519::Recipient>,
        keychain: &dyn Keychain,
        created: &mut layout::CreatedFiles,
    ) -> Result<Store> {
        let key = DbKey::generate();
        let store_id = hex::encode(rand::random::<[u8; 16]>());
        if let Some(pass) = &opts.passphrase {
            let wrapped = crypto::wrap_to_passphrase(&key, pass, opts.passphrase_cost)?;
            created.write_new(&dir.passphrase_wrap(), &wrapped)?;
        }
        if let Some(r) = recipient {
            let wrapped = crypto::wrap_to_recipient(&key, r)?;
            created.write_new(&dir.recovery_wrap(), &wrapped)?;
        }
        let in_keychain = match opts.keychain {
            KeychainUse::Off => false,
            KeychainUse::Required => {
                keychain.set(&store_id, &key)?;
                true
            }
            KeychainUse::IfAvailable => keychain.set(&store_id, &key).is_ok(),
        };
        if in_keychain {
            created.note_keychain(&store_id);
        }
        let meta = StoreMeta {
            format: 1,
            store_id,
            created_at: Utc::now(),
            keychain: in_keychain,
            passphrase_wrap: opts.passphrase.is_some(),
            recovery_recipient: recipient.map(ToString::to_string),
        };
        created.note_database();
        let store = Self::connect(dir, meta.clone(), &key, true).await?;
        created.write_new(
            &dir.meta(),
            &serde_json::to_vec_pretty(&meta).map_err(internal)?,
        )?;
        Ok(store)
    }

    /// Opens and unlocks the store in `dir`, running pending migrations.
    pub async fn open(dir: &StoreDir, unlock: Unlock<'_>) -> Result<Store> {
        let meta = dir.read_meta()?;
        let key = match unlock {
            Unlock::Key(k) => k,
            Unlock::Passphrase(p) => {
                let wrapped = dir.read_wrap(&dir.passphrase_wrap())?;
                crypto::unwrap_with_passphrase(&wrapped, &p)?
            }
            Unlock::Recovery(id) => {
                let wrapped = dir.read_wrap(&dir.recovery_wrap())?;
                crypto::unwrap_with_identity(&wrapped, id)?
            }
            Unlock::Keychain(kc) => kc.get(&meta.store_id)?.ok_or_else(|| {
                Error::KeychainUnavailable("the keychain holds no key for this store".into())
            })?,
        };
        let store = Self::connect(dir, meta, &key, false).await?;
        // Files an interrupted import or purge left in the document folder go; a
        // failure here is logged, never a reason not to open.
        if let Err(e) = crate::document::check_folder(&store).await {
            tracing::warn!(code = ?e.code(), "document folder not checked");
        }
        Ok(store)
    }

    /// Restores access after a lost keychain or passphrase: decrypts the key with the
    /// agency's recovery identity, checks it opens the store, then puts it back in the
    /// keychain and/or wraps it to a new passphrase.
    pub async fn recover(
        dir: &StoreDir,
        identity: &RecoveryIdentity,
        keychain: Option<&dyn Keychain>,
        new_passphrase: Option<(Passphrase, PassphraseCost)>,
    ) -> Result<Store> {
        if keychain.is_none() && new_passphrase.is_none() {
            return Err(Error::invalid("passphrase", Reason::Required));
        }
        let mut meta = dir.read_meta()?;
        let wrapped = dir.read_wrap(&dir.recovery_wrap())?;
        let key = crypto::unwrap_with_identity(&wrapped, identity)?;
        let store = Self::connect(dir, meta.clone(), &key, false).await?;
        if let Some(kc) = keychain {
            kc.set(&meta.store_id, &key)?;
            meta.keychain = true;
        }
        if let Some((pass, cost)) = new_passphrase {
            let wrapped = crypto::wrap_to_passphrase(&key, &pass, cost)?;
            layout::replace_file(&dir.passphrase_wrap(), &wrapped)?;
            meta.passphrase_wrap = true;
        }
        layout::replace_file(
            &dir.meta(),
            &serde_json::to_vec_pretty(&meta).map_err(internal)?,
        )?;
        Ok(Store { meta, ..store })
    }

    async fn connect(dir: &StoreDir, meta: StoreMeta, key: &DbKey, create: bool) -> Result<Store> {
        let pool = connect::pool(&dir.db(), key, create).await?;
        let result = async {
            let cipher_version = connect::verify_cipher(&pool).await?;
            connect::check_schema_not_newer(&pool).await?;
            MIGRATOR.run(&pool).await.map_err(connect::map_migrate)?;
            crate::person::fill_name_keys(&pool).await?;
            Ok::<_, Error>(cipher_version)
        }
        .await;
        match result {
            Ok(cipher_version) => Ok(Store {
                pool,
                dir: dir.clone(),
                meta,
                cipher_version,
            }),
            Err(e) => {
                pool.close().await;
                connect::wait_until_closed(&dir.db()).await;
                Err(e)
            }
        }
    }

    /// SQLite's own check of every page, index and constraint (`PRAGMA
    /// integrity_check`): `Ok(())`, or `StoreDamaged`.
    pub async fn integrity_check(&self) -> Result<()> {
        let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        if check == ["ok"] {
            Ok(())
        } else {
            Err(Error::StoreDamaged("the store fails its integrity check"))
        }
    }

    /// Leaves nothing of deleted rows behind: merges the full-text index's segments
    /// (FTS5 `optimize`, so that deleted entries' tokens are gone, not only marked
    /// deleted), then rewrites the database file (`VACUUM`, so that no freed page and
    /// no unused space in a page keeps old bytes; the store also runs with
    /// `secure_delete`, which zeroes most of them, but a page test of purged
    /// investigation reports found a name left without the `VACUUM`). Called once after
    /// an erasure or a whole retention run, never per file: `optimize` rewrites the whole
    /// index. (FTS5's own `secure-delete` option removes tokens at each delete instead;
    /// measured, it made a retention run of 10,000 entries 7× slower than one merge:
    /// docs/PERFORMANCE.md.) What it follows has committed already, so a busy store is
    /// logged and not an error: the next purge or erasure scrubs again.
    pub async fn scrub(&self) {
        for step in [
            "INSERT INTO journal_fts (journal_fts) VALUES ('optimize')",
            "VACUUM",
        ] {
            if let Err(e) = sqlx::query(step).execute(&self.pool).await {
                tracing::warn!(code = ?Error::from(e).code(), "scrub after deletion skipped");
                return;
            }
        }
    }

    /// The connection pool, for reads outside a transaction.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a transaction that will write (`BEGIN IMMEDIATE`): it takes the write lock
    /// at once, waiting up to the busy timeout for another writer, instead of reading
    /// first and then failing with "busy" when another connection wrote in between.
    /// Every service that writes starts here and owns its transaction until `commit()`.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// The store's folder.
    pub fn dir(&self) -> &StoreDir {
        &self.dir
    }

    /// The store's metadata.
    pub fn meta(&self) -> &StoreMeta {
        &self.meta
    }

    /// What can be shown about the store.
    pub async fn info(&self) -> Result<StoreInfo> {
        let schema_version: i64 = sqlx::query_scalar(
            "SELECT coalesce(max(version), 0) FROM _sqlx_migrations WHERE success = 1",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(StoreInfo {
            store_id: self.meta.store_id.clone(),
            keychain: self.meta.keychain,
            passphrase_wrap: self.dir.passphrase_wrap().exists(),
            recovery_wrap: self.dir.recovery_wrap().exists(),
            schema_version,
            cipher_version: self.cipher_version.clone(),
        })
    }

    /// Closes every connection; the key leaves memory with the pool's options.
    ///
    /// The WAL is checkpointed into the database first. sqlx's `close()` can return
    /// before SQLite has closed the file on its worker thread, so this waits (briefly)
    /// until the WAL is gone: when `close` returns, the files are at rest.
    pub async fn close(self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
        connect::wait_until_closed(&self.dir.db()).await;
    }
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Is there a store (or part of one) at this path?
pub fn store_exists(path: &Path) -> bool {
    StoreDir::new(path.to_path_buf()).has_any_store_file()
}
