//! Encrypted backups: a consistent snapshot of the store (`VACUUM INTO`, checked with
//! `integrity_check`) and the files of its documents, sealed with age to the agency's
//! recovery recipient (or, for a store without one, to a passphrase), written under a
//! temporary name and renamed into place; a failed backup leaves nothing. Restore goes
//! into a new, empty folder only ([`restore`]).
//!
//! The sealed payload is `akta-backup 2\n`, one line of JSON (the store's metadata, the
//! sizes of the parts and the documents' file names and sizes), then the parts: the
//! database (still SQLCipher-encrypted with the store key), the store's key wraps, and
//! each document's file as it lies in `documents/` (still encrypted to its own key,
//! which is in the database). Version 1 (no documents) is still read. The snapshot file
//! that `VACUUM INTO` writes is encrypted with the store key too, so no plaintext
//! touches the disk; every part is streamed, never read whole into memory.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, AuditAction, EntityKind};
use crate::crypto::{self, Passphrase, RecoveryIdentity};
use crate::error::{Error, Reason, Result};
use crate::store::{Store, StoreDir, StoreMeta};

mod restore;
pub use restore::restore;

/// The first line of the payload this program writes.
const MAGIC: &str = "akta-backup 2\n";
/// The first line of payloads before documents (read, never written).
const MAGIC_V1: &str = "akta-backup 1\n";

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
    /// The documents' files, in the order they follow the key wraps (version 2).
    #[serde(default)]
    documents: Vec<DocumentPart>,
}

/// One document's file in a backup: its name in `documents/` and its size.
#[derive(Serialize, Deserialize)]
struct DocumentPart {
    name: String,
    bytes: u64,
}

/// How the backup is sealed or opened.
pub enum Seal<'a> {
    /// The store's agency recovery recipient (from its metadata).
    Recipient,
    /// A passphrase (for stores without a recovery recipient).
    Passphrase(&'a Passphrase),
}

/// The age encryptor of a seal: to the recovery recipient in `meta`, or a passphrase.
pub(crate) fn encryptor(meta: &StoreMeta, seal: &Seal<'_>) -> Result<age::Encryptor> {
    Ok(match seal {
        Seal::Recipient => {
            let r = meta
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
    })
}

/// Opens a sealed file (`field` names it in errors): not an age file is `field`
/// format, a wrong key or passphrase [`Error::WrongKey`].
pub(crate) fn decryptor<R: io::BufRead>(
    input: R,
    opener: &Opener<'_>,
    field: &str,
) -> Result<age::stream::StreamReader<R>> {
    let dec =
        age::Decryptor::new_buffered(input).map_err(|_| Error::invalid(field, Reason::Format))?;
    match opener {
        Opener::Identity(id) => dec.decrypt(std::iter::once(id.age_identity())),
        Opener::Passphrase(p) => {
            let identity =
                age::scrypt::Identity::new(age::secrecy::SecretString::from(p.expose().to_owned()));
            dec.decrypt(std::iter::once(&identity as &dyn age::Identity))
        }
    }
    .map_err(|_| Error::WrongKey)
}

/// Copies exactly `len` bytes of the file at `path` into `w` (streamed). A file that is
/// gone or shorter than when it was listed changed under the copy: [`Error::StoreBusy`]
/// (a document deleted meanwhile), and the caller tries again.
pub(crate) fn copy_exact(path: &Path, len: u64, w: &mut impl Write) -> Result<()> {
    let f = std::fs::File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::StoreBusy,
        _ => Error::from_io(&e),
    })?;
    let n = io::copy(&mut io::BufReader::new(f).take(len), w)?;
    if n != len {
        return Err(Error::StoreBusy);
    }
    Ok(())
}

/// The documents' files in the store's folder, by the names `blobs` lists, with their
/// sizes; files that are missing (a damaged store) are left out and counted in the log.
pub(crate) fn present_documents(dir: &StoreDir, blobs: Vec<String>) -> Result<Vec<(String, u64)>> {
    let mut out = Vec::with_capacity(blobs.len());
    let mut missing = 0u64;
    for name in blobs {
        let path = crate::document::blob::ciphertext_path(dir, &name)?;
        match std::fs::metadata(&path) {
            Ok(m) => out.push((name, m.len())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing += 1,
            Err(e) => return Err(e.into()),
        }
    }
    if missing > 0 {
        tracing::warn!(
            missing,
            "documents without their file left out of a copy of the store"
        );
    }
    Ok(out)
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
    // store's key) while it is sealed; the sealed file is put in place only once the
    // check has passed.
    let mut conn = store.pool().acquire().await?;
    sqlx::query("ATTACH DATABASE ? AS snapshot")
        .bind(path)
        .execute(&mut *conn)
        .await?;
    // The documents of the snapshot, not of the live store: rows and files agree.
    let blobs = sqlx::query_scalar::<_, String>("SELECT blob FROM snapshot.documents ORDER BY id")
        .fetch_all(&mut *conn)
        .await;
    let blobs = match blobs {
        Ok(b) => b,
        Err(e) => {
            detach(&mut conn).await;
            return Err(e.into());
        }
    };
    let dir = store.dir();
    let read_opt = |p: PathBuf| -> Result<Vec<u8>> {
        match std::fs::read(p) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    };
    let pass_wrap = read_opt(dir.passphrase_wrap())?;
    let rec_wrap = read_opt(dir.recovery_wrap())?;
    let documents = present_documents(dir, blobs)?;
    let db_bytes = std::fs::metadata(snapshot)?.len();
    let header = Header {
        meta: store.meta().clone(),
        created_at: now,
        db_bytes,
        passphrase_wrap_bytes: pass_wrap.len() as u64,
        recovery_wrap_bytes: rec_wrap.len() as u64,
        documents: documents
            .iter()
            .map(|(name, bytes)| DocumentPart {
                name: name.clone(),
                bytes: *bytes,
            })
            .collect(),
    };
    let header = serde_json::to_string(&header).map_err(|e| Error::Internal(e.to_string()))?;
    let encryptor = encryptor(store.meta(), seal)?;
    let tmp = target.with_file_name(format!(
        ".{}.partial",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("backup")
    ));
    let parts = Parts {
        snapshot: snapshot.to_path_buf(),
        db_bytes,
        pass_wrap,
        rec_wrap,
        documents: documents
            .into_iter()
            .map(|(name, len)| Ok((crate::document::blob::ciphertext_path(dir, &name)?, len)))
            .collect::<Result<_>>()?,
    };
    // Gigabytes of documents are copied off the async runtime, beside the check.
    let partial = tmp.clone();
    let sealing =
        tokio::task::spawn_blocking(move || write_sealed(encryptor, &header, &parts, &partial));
    let check = sqlx::query_scalar::<_, String>("PRAGMA snapshot.integrity_check")
        .fetch_one(&mut *conn)
        .await;
    detach(&mut conn).await;
    drop(conn);
    let written = sealing
        .await
        .map_err(|e| Error::Internal(format!("backup: {e}")));
    let result = match (check, written) {
        (Err(e), _) => Err(e.into()),
        (Ok(c), _) if c != "ok" => Err(Error::StoreDamaged(
            "the snapshot fails its integrity check",
        )),
        (Ok(_), Err(e) | Ok(Err(e))) => Err(e),
        (Ok(_), Ok(Ok(()))) => put_in_place(&tmp, target),
    };
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Detaches the snapshot (best effort: the connection goes back to the pool either way,
/// and a failed detach leaves only a read of a file that is removed next).
async fn detach(conn: &mut sqlx::SqliteConnection) {
    if let Err(e) = sqlx::query("DETACH DATABASE snapshot")
        .execute(&mut *conn)
        .await
    {
        tracing::warn!(code = ?Error::from(e).code(), "backup: detach failed");
    }
}

/// The sealed file, synced, under its final name; never over an existing file.
fn put_in_place(tmp: &Path, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(Error::invalid("out", Reason::Duplicate));
    }
    std::fs::rename(tmp, target)?;
    Ok(())
}

/// What a backup seals after its header.
struct Parts {
    snapshot: PathBuf,
    db_bytes: u64,
    pass_wrap: Vec<u8>,
    rec_wrap: Vec<u8>,
    documents: Vec<(PathBuf, u64)>,
}

/// Writes the sealed backup into `tmp` and syncs it.
fn write_sealed(encryptor: age::Encryptor, header: &str, parts: &Parts, tmp: &Path) -> Result<()> {
    let file = crate::files::create_private(tmp)?;
    let mut w = encryptor.wrap_output(io::BufWriter::with_capacity(1 << 20, file))?;
    w.write_all(MAGIC.as_bytes())?;
    w.write_all(header.as_bytes())?;
    w.write_all(b"\n")?;
    copy_exact(&parts.snapshot, parts.db_bytes, &mut w)?;
    w.write_all(&parts.pass_wrap)?;
    w.write_all(&parts.rec_wrap)?;
    for (path, len) in &parts.documents {
        copy_exact(path, *len, &mut w)?;
    }
    let buf = w.finish()?;
    let file = buf.into_inner().map_err(|e| Error::from_io(e.error()))?;
    file.sync_all()?;
    Ok(())
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
