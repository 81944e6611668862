//! Every connection is opened the same way: key first, then WAL, foreign keys, busy
//! timeout, secure delete, full synchronous commits.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::crypto::DbKey;
use crate::error::{Error, Result};

/// How long a statement waits for another connection's lock before `store_busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Initialises the OpenSSL that SQLCipher encrypts with, once per process and before
/// the first connection, *without* its exit handler. With the handler, a program that
/// returns from `main` while a database worker thread is still ending (sqlx closes each
/// connection on its own thread) can have OpenSSL's global clean-up and that thread's
/// clean-up free the same memory: "double free or corruption" and an abort after a
/// command had finished (seen once in CI, in an `akta` call that had printed its
/// refusal). Without the handler the operating system takes the memory back at exit.
pub fn init_crypto() {
    openssl_sys::init();
}

/// Connection options for the store at `db`, keyed with `key`.
pub fn options(db: &Path, key: &DbKey, create: bool) -> SqliteConnectOptions {
    init_crypto();
    // sqlx sends `key` before every other pragma.
    let key_pragma = format!("\"x'{}'\"", key.expose_hex().as_str());
    SqliteConnectOptions::new()
        .filename(db)
        .create_if_missing(create)
        .pragma("key", key_pragma)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("secure_delete", "ON")
        .pragma("cache_size", "-32768")
        .synchronous(SqliteSynchronous::Full)
}

/// Options for a plaintext SQLite database (benchmarks' baseline only; not in the
/// shipped program).
#[cfg(feature = "bench")]
pub fn plaintext_options(db: &Path) -> Result<SqliteConnectOptions> {
    use std::str::FromStr;
    Ok(
        SqliteConnectOptions::from_str(&format!("sqlite://{}", db.display()))
            .map_err(Error::from)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            .pragma("secure_delete", "ON")
            .synchronous(SqliteSynchronous::Full),
    )
}

pub async fn pool(db: &Path, key: &DbKey, create: bool) -> Result<SqlitePool> {
    if !create && !db.exists() {
        return Err(Error::StoreDamaged("database file is missing"));
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(15))
        .connect_with(options(db, key, create))
        .await;
    match pool {
        Ok(p) => Ok(p),
        Err(e) => {
            // A refused key leaves no WAL or shm behind either.
            wait_until_closed(db).await;
            Err(cannot_open(db, e))
        }
    }
}

/// SQLite says only "unable to open database file" (`SQLITE_CANTOPEN`) when a store
/// in WAL mode is on a read-only filesystem or in a folder it may not write (it must
/// create the `-shm` and `-wal` files), and on Windows also when another program has
/// the file open without sharing it. Only then, a file created and removed again in
/// the folder tells which: refused means read-only (or full); allowed, opening the
/// database file itself tells a file held by another program (busy) or one that may
/// not be written (read-only).
fn cannot_open(db: &Path, e: sqlx::Error) -> Error {
    const SQLITE_CANTOPEN: i32 = 14;
    let cantopen = crate::error::sqlite_primary_code(&e) == Some(SQLITE_CANTOPEN);
    let e = Error::from(e);
    let Some(folder) = db.parent().filter(|_| cantopen) else {
        return e;
    };
    let probe = folder.join(format!(".akta-write-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            match std::fs::OpenOptions::new().read(true).write(true).open(db) {
                Err(io) => match Error::from_io(&io) {
                    Error::Internal(_) => e,
                    mapped => mapped,
                },
                Ok(_) => e,
            }
        }
        Err(io) => match Error::from_io(&io) {
            Error::Internal(_) => e,
            mapped => mapped,
        },
    }
}

/// Refuses a SQLite library without SQLCipher: there `PRAGMA key` is silently ignored
/// and the file would be plaintext.
pub async fn verify_cipher(pool: &SqlitePool) -> Result<String> {
    let v: Option<String> = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_optional(pool)
        .await?;
    match v {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::Internal(
            "SQLCipher is not linked; refusing to write plaintext".into(),
        )),
    }
}

/// Refuses, untouched, a store migrated by a newer program.
pub async fn check_schema_not_newer(pool: &SqlitePool) -> Result<()> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if has_table == 0 {
        return Ok(());
    }
    let found: i64 = sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await?;
    let known = super::known_schema_version();
    if found > known {
        return Err(Error::SchemaTooNew { found, known });
    }
    Ok(())
}

pub fn map_migrate(e: sqlx::migrate::MigrateError) -> Error {
    use sqlx::migrate::MigrateError;
    match e {
        MigrateError::Execute(inner) => Error::from(inner),
        MigrateError::VersionMissing(v) => Error::SchemaTooNew {
            found: v,
            known: super::known_schema_version(),
        },
        MigrateError::VersionMismatch(_) => {
            Error::StoreDamaged("a migration differs from the one applied")
        }
        other => Error::Internal(format!("migration: {other}")),
    }
}

/// Waits until SQLite has removed the WAL and shared-memory files of `db` (the last
/// connection closed; SQLite deletes the WAL first, then the -shm), for at most two
/// seconds: another process holding the store keeps them longer. (Their content is
/// checkpointed before closing, so a lagging removal loses nothing.)
pub async fn wait_until_closed(db: &Path) {
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    let shm = std::path::PathBuf::from(format!("{}-shm", db.display()));
    for _ in 0..200 {
        if !wal.exists() && !shm.exists() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
