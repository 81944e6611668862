//! Encrypted backups: a consistent snapshot of the store (`VACUUM INTO`, checked with
//! `integrity_check`), sealed with age to the agency's recovery recipient (or, for a
//! store without one, to a passphrase), written under a temporary name and renamed into
//! place; a failed backup leaves nothing. Restore goes into a new, empty folder only.
//!
//! The sealed payload is `akta-backup 1\n`, one line of JSON (the store's metadata and
//! the sizes of the parts), then the parts: the database (still SQLCipher-encrypted
//! with the store key) and the store's key wraps. The snapshot file that `VACUUM INTO`
//! writes is encrypted with the store key too, so no plaintext touches the disk.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, AuditAction, EntityKind};
use crate::crypto::{self, Passphrase, RecoveryIdentity};
use crate::error::{Error, Reason, Result};
use crate::store::{Store, StoreDir, StoreMeta};

const MAGIC: &str = "akta-backup 1\n";

/// One backup file in the store's backup folder.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct BackupInfo {
    pub file: String,
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    meta: StoreMeta,
    created_at: DateTime<Utc>,
    db_bytes: u64,
    passphrase_wrap_bytes: u64,
    recovery_wrap_bytes: u64,
}

/// How the backup is sealed or opened.
pub enum Seal<'a> {
    /// The store's agency recovery recipient (from its metadata).
    Recipient,
    /// A passphrase (for stores without a recovery recipient).
    Passphrase(&'a Passphrase),
}

/// Where a store keeps its backups.
pub fn folder(dir: &StoreDir) -> PathBuf {
    dir.root().join("backups")
}

fn name_for(at: DateTime<Utc>) -> String {
    format!("akta-backup-{}.age", at.format("%Y%m%dT%H%M%S%.3fZ"))
}

fn created_from_name(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix("akta-backup-")?.strip_suffix(".age")?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3fZ")
        .ok()
        .map(|t| t.and_utc())
}

/// Makes a backup as `actor`, who needs the retention permission (the rule for the app
/// and the CLI alike): sealed to the agency recovery recipient when the store has one,
/// else to the store's own passphrase, which must be given and must open the store (so
/// that the backup opens as the store does).
pub async fn make(
    store: &Store,
    actor: &Actor,
    passphrase: Option<&Passphrase>,
    out: Option<&Path>,
) -> Result<PathBuf> {
    actor.require(Permission::ManageRetention)?;
    let seal = match (&store.meta().recovery_recipient, passphrase) {
        (Some(_), _) => Seal::Recipient,
        (None, Some(p)) => {
            let wrapped = std::fs::read(store.dir().passphrase_wrap())?;
            crypto::unwrap_with_passphrase(&wrapped, p)?;
            Seal::Passphrase(p)
        }
        (None, None) => return Err(Error::invalid("passphrase", Reason::Required)),
    };
    create(store, seal, out).await
}

/// Makes a backup as [`make`] does, at `path`, a place outside the store that the user
/// chose in the save dialog: a new file only (an existing one is [`Error::FileExists`],
/// a missing or unwritable folder [`Error::FolderUnavailable`]). Such a copy is not in
/// the store's backup list and no retention run removes it, so it is audited as an
/// export of the whole store (without the place, which may name a person).
pub async fn make_at(
    store: &Store,
    actor: &Actor,
    passphrase: Option<&Passphrase>,
    path: &Path,
) -> Result<PathBuf> {
    actor.require(Permission::ManageRetention)?;
    crate::files::check_chosen(&[path])?;
    let made = make(store, actor, passphrase, Some(path))
        .await
        .map_err(|e| match e {
            Error::StoreReadOnly => Error::FolderUnavailable,
            // Something appeared at the place while the backup was made.
            Error::Invalid(f)
                if f.iter()
                    .any(|f| f.field == "out" && f.reason == Reason::Duplicate) =>
            {
                Error::FileExists
            }
            e => e,
        })?;
    let audited = async {
        let mut tx = store.begin().await?;
        audit::record(&mut tx, actor, AuditAction::Export, EntityKind::Store, None).await?;
        tx.commit().await?;
        Ok::<(), Error>(())
    }
    .await;
    if let Err(e) = audited {
        let _ = std::fs::remove_file(&made);
        return Err(e);
    }
    Ok(made)
}

/// The store's backups, newest first, for `actor` (the retention permission).
pub fn list_for(store: &Store, actor: &Actor) -> Result<Vec<BackupInfo>> {
    actor.require(Permission::ManageRetention)?;
    list(store.dir())
}

/// Makes a backup of the open store into `out` (default: the store's backup folder).
pub async fn create(store: &Store, seal: Seal<'_>, out: Option<&Path>) -> Result<PathBuf> {
    let dir = store.dir();
    let now = Utc::now();
    let target = match out {
        Some(p) => p.to_path_buf(),
        None => {
            let f = folder(dir);
            std::fs::create_dir_all(&f)?;
            f.join(name_for(now))
        }
    };
    if target.exists() {
        return Err(Error::invalid("out", Reason::Duplicate));
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let snapshot = parent.join(format!(
        ".akta-snapshot-{}.db",
        hex::encode(rand::random::<[u8; 8]>())
    ));
    let result = seal_snapshot(store, &seal, &snapshot, &target, now).await;
    let _ = std::fs::remove_file(&snapshot);
    if result.is_err() {
        let _ = std::fs::remove_file(&target);
    }
    result.map(|()| target)
}

async fn seal_snapshot(
    store: &Store,
    seal: &Seal<'_>,
    snapshot: &Path,
    target: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    let path = snapshot
        .to_str()
        .ok_or_else(|| Error::invalid("out", Reason::Characters))?;
    sqlx::query("VACUUM INTO ?")
        .bind(path)
        .execute(store.pool())
        .await?;
    // The snapshot is checked through the store's own connection (attached with the
    // store's key) before anything is sealed.
    let mut conn = store.pool().acquire().await?;
    sqlx::query("ATTACH DATABASE ? AS snapshot")
        .bind(path)
        .execute(&mut *conn)
        .await?;
    let check: String = sqlx::query_scalar("PRAGMA snapshot.integrity_check")
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query("DETACH DATABASE snapshot")
        .execute(&mut *conn)
        .await?;
    drop(conn);
    if check != "ok" {
        return Err(Error::StoreDamaged(
            "the snapshot fails its integrity check",
        ));
    }
    let db = std::fs::read(snapshot)?;
    let dir = store.dir();
    let read_opt = |p: PathBuf| -> Result<Vec<u8>> {
        match std::fs::read(p) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    };
    let pass_wrap = read_opt(dir.passphrase_wrap())?;
    let rec_wrap = read_opt(dir.recovery_wrap())?;
    let header = Header {
        meta: store.meta().clone(),
        created_at: now,
        db_bytes: db.len() as u64,
        passphrase_wrap_bytes: pass_wrap.len() as u64,
        recovery_wrap_bytes: rec_wrap.len() as u64,
    };
    let header = serde_json::to_string(&header).map_err(|e| Error::Internal(e.to_string()))?;
    let encryptor = match seal {
        Seal::Recipient => {
            let r = store
                .meta()
                .recovery_recipient
                .as_deref()
                .ok_or_else(|| Error::invalid("recovery_recipient", Reason::Required))?;
            let r = crypto::parse_recipient(r)?;
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                .map_err(|e| Error::Internal(format!("age: {e}")))?
        }
        Seal::Passphrase(p) => age::Encryptor::with_user_passphrase(
            age::secrecy::SecretString::from(p.expose().to_owned()),
        ),
    };
    let tmp = target.with_file_name(format!(
        ".{}.partial",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("backup")
    ));
    let written = (|| -> Result<()> {
        let file = crate::files::create_private(&tmp)?;
        let mut w = encryptor.wrap_output(std::io::BufWriter::new(file))?;
        w.write_all(MAGIC.as_bytes())?;
        w.write_all(header.as_bytes())?;
        w.write_all(b"\n")?;
        w.write_all(&db)?;
        w.write_all(&pass_wrap)?;
        w.write_all(&rec_wrap)?;
        let buf = w.finish()?;
        let file = buf.into_inner().map_err(|e| Error::from_io(e.error()))?;
        file.sync_all()?;
        if target.exists() {
            return Err(Error::invalid("out", Reason::Duplicate));
        }
        std::fs::rename(&tmp, target)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The backups in the store's folder, newest first.
pub fn list(dir: &StoreDir) -> Result<Vec<BackupInfo>> {
    let f = folder(dir);
    let entries = match std::fs::read_dir(&f) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(created_at) = created_from_name(&name) {
            out.push(BackupInfo {
                file: e.path().display().to_string(),
                created_at,
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
            });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    Ok(out)
}

/// Deletes the backups made before `cutoff` (the retention rule `backups`); returns
/// how many went.
pub fn delete_older_than(dir: &StoreDir, cutoff: NaiveDate) -> Result<u64> {
    let mut n = 0;
    for b in list(dir)? {
        if b.created_at.date_naive() < cutoff {
            std::fs::remove_file(&b.file)?;
            n += 1;
        }
    }
    Ok(n)
}

/// How a backup is opened: the agency identity, or the passphrase it was sealed with.
pub enum Opener<'a> {
    Identity(&'a RecoveryIdentity),
    Passphrase(&'a Passphrase),
}

/// Restores `backup` into `dir`, which must hold no store. The database and key wraps
/// come back as they were; the store is opened once (with the opener's way into the
/// key) and checked. A failed restore leaves nothing in `dir`.
pub async fn restore(backup: &Path, dir: &StoreDir, opener: Opener<'_>) -> Result<StoreMeta> {
    if dir.has_any_store_file() {
        return Err(Error::StoreExists);
    }
    let sealed = std::fs::read(backup).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid("backup", Reason::Unknown),
        _ => Error::from_io(&e),
    })?;
    let dec = age::Decryptor::new_buffered(&sealed[..])
        .map_err(|_| Error::invalid("backup", Reason::Format))?;
    let mut plain = Vec::new();
    let mut reader = match &opener {
        Opener::Identity(id) => dec.decrypt(std::iter::once(id.age_identity())),
        Opener::Passphrase(p) => {
            let identity =
                age::scrypt::Identity::new(age::secrecy::SecretString::from(p.expose().to_owned()));
            dec.decrypt(std::iter::once(&identity as &dyn age::Identity))
        }
    }
    .map_err(|_| Error::WrongKey)?;
    reader
        .read_to_end(&mut plain)
        .map_err(|_| Error::StoreDamaged("backup cannot be decrypted"))?;
    let rest = plain
        .strip_prefix(MAGIC.as_bytes())
        .ok_or(Error::StoreDamaged("not an Akta backup"))?;
    let nl = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(Error::StoreDamaged("backup header"))?;
    let header: Header =
        serde_json::from_slice(&rest[..nl]).map_err(|_| Error::StoreDamaged("backup header"))?;
    let body = &rest[nl + 1..];
    let (db_len, pw_len, rw_len) = (
        header.db_bytes as usize,
        header.passphrase_wrap_bytes as usize,
        header.recovery_wrap_bytes as usize,
    );
    if body.len() != db_len + pw_len + rw_len {
        return Err(Error::StoreDamaged("backup is truncated"));
    }
    std::fs::create_dir_all(dir.root())?;
    let written = (|| -> Result<()> {
        crate::files::write_new_private(&dir.db(), &body[..db_len])?;
        if pw_len > 0 {
            crate::files::write_new_private(
                &dir.passphrase_wrap(),
                &body[db_len..db_len + pw_len],
            )?;
        }
        if rw_len > 0 {
            crate::files::write_new_private(&dir.recovery_wrap(), &body[db_len + pw_len..])?;
        }
        let meta = StoreMeta {
            keychain: false,
            ..header.meta.clone()
        };
        let json = serde_json::to_vec_pretty(&meta).map_err(|e| Error::Internal(e.to_string()))?;
        crate::files::write_new_private(&dir.meta(), &json)?;
        Ok(())
    })();
    let checked = match written {
        Ok(()) => check_restored(dir, &opener).await,
        Err(e) => Err(e),
    };
    if let Err(e) = checked {
        for p in [
            dir.db(),
            dir.passphrase_wrap(),
            dir.recovery_wrap(),
            dir.meta(),
        ] {
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }
    Ok(header.meta)
}

async fn check_restored(dir: &StoreDir, opener: &Opener<'_>) -> Result<()> {
    use crate::store::Unlock;
    let store = match opener {
        Opener::Passphrase(p) => Store::open(dir, Unlock::Passphrase((*p).clone())).await?,
        Opener::Identity(id) => {
            let wrapped = std::fs::read(dir.recovery_wrap())
                .map_err(|_| Error::StoreDamaged("the backup holds no recovery wrap"))?;
            let key = crypto::unwrap_with_identity(&wrapped, id)?;
            Store::open(dir, Unlock::Key(key)).await?
        }
    };
    let check = store.integrity_check().await;
    store.close().await;
    check
}
