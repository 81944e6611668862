//! A document's bytes on disk: encrypted with age to a key of its own, in the store's
//! `documents/` folder under a random name. Only the row in the encrypted store holds
//! the key, so deleting the row destroys the document even where a copy of the file
//! survives (a backup, an undelete tool, an SSD's spare blocks).
//!
//! Writing goes through a `.partial` file that is synced and renamed into place; the
//! row is committed after the rename, so a crash leaves at most a file without a row,
//! which nobody can read (its key was never committed) and [`sweep`] removes.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use age::secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::media::{self, MediaType, HEAD, TAIL};
use crate::error::{Error, Reason, Result};
use crate::store::StoreDir;

/// A document written to the folder: what its row records.
pub struct Sealed {
    /// The file's name in `documents/`.
    pub blob: String,
    /// The age identity that opens it (only ever stored in the encrypted row).
    pub secret: Zeroizing<String>,
    /// SHA-256 of the plaintext, hex.
    pub sha256: String,
    pub bytes: u64,
    pub media: MediaType,
}

/// The store's document folder.
pub fn folder(dir: &StoreDir) -> PathBuf {
    dir.root().join("documents")
}

fn path_of(dir: &StoreDir, blob: &str) -> Result<PathBuf> {
    // Names are ours (hex and `.age`); anything else in a row is damage, not a path.
    let ok = blob.len() == 36
        && blob.ends_with(".age")
        && blob[..32].bytes().all(|b| b.is_ascii_hexdigit());
    if !ok {
        return Err(Error::StoreDamaged("a document's file name is not Akta's"));
    }
    Ok(folder(dir).join(blob))
}

fn new_name() -> String {
    format!("{}.age", hex::encode(rand::random::<[u8; 16]>()))
}

fn ensure_folder(dir: &StoreDir) -> Result<PathBuf> {
    let f = folder(dir);
    fs::create_dir_all(&f)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&f, fs::Permissions::from_mode(0o700))?;
    }
    Ok(f)
}

/// The first and last bytes of a file, and its length, for [`media::sniff`].
fn sample(file: &mut fs::File) -> io::Result<(Vec<u8>, Vec<u8>, u64)> {
    let len = file.metadata()?.len();
    let mut head = Vec::with_capacity(HEAD);
    file.by_ref().take(HEAD as u64).read_to_end(&mut head)?;
    let mut tail = Vec::with_capacity(TAIL);
    let from = len.saturating_sub(TAIL as u64);
    file.seek(SeekFrom::Start(from))?;
    file.by_ref().take(TAIL as u64).read_to_end(&mut tail)?;
    file.seek(SeekFrom::Start(0))?;
    Ok((head, tail, len))
}

/// A reader that hashes and counts what passes through, and stops past the limit.
struct Hashing<R> {
    inner: R,
    hash: Sha256,
    n: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.hash.update(&buf[..k]);
        self.n += k as u64;
        if self.n > media::MAX_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "over the limit",
            ));
        }
        Ok(k)
    }
}

/// Where a document comes from: a file the user chose (read in pieces, never whole),
/// or bytes in memory (made by Akta itself, or handed over by a test).
pub enum Source<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

/// Reads the source, tells its kind, and writes it encrypted to a fresh key into the
/// document folder. A refusal or failure leaves no file behind.
pub fn seal(dir: &StoreDir, source: Source<'_>) -> Result<Sealed> {
    match source {
        Source::Bytes(b) => {
            let head = &b[..b.len().min(HEAD)];
            let tail = &b[b.len().saturating_sub(TAIL)..];
            let media = media::sniff(head, tail, b.len() as u64)?;
            write(dir, media, b)
        }
        Source::File(p) => {
            let mut f = fs::File::open(p).map_err(|e| source_error(&e))?;
            if !f.metadata().map_err(|e| source_error(&e))?.is_file() {
                return Err(Error::invalid(media::FIELD, Reason::FileType));
            }
            let (head, tail, len) = sample(&mut f).map_err(|e| source_error(&e))?;
            let media = media::sniff(&head, &tail, len)?;
            write(dir, media, f)
        }
    }
}

/// The errors of reading the user's own file: it is gone, or not readable.
fn source_error(e: &io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::NotFound => Error::invalid(media::FIELD, Reason::Unknown),
        io::ErrorKind::PermissionDenied => Error::invalid(media::FIELD, Reason::NotAllowed),
        io::ErrorKind::IsADirectory => Error::invalid(media::FIELD, Reason::FileType),
        _ => Error::from_io(e),
    }
}

fn write(dir: &StoreDir, media: MediaType, from: impl Read) -> Result<Sealed> {
    let folder = ensure_folder(dir)?;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let blob = new_name();
    let target = folder.join(&blob);
    let partial = folder.join(format!("{blob}.partial"));
    let mut reader = Hashing {
        inner: from,
        hash: Sha256::new(),
        n: 0,
    };
    let written = (|| -> Result<()> {
        let file = crate::files::create_private(&partial)?;
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| Error::Internal(format!("age: {e}")))?;
        let mut w = enc.wrap_output(io::BufWriter::with_capacity(1 << 20, file))?;
        io::copy(&mut reader, &mut w).map_err(|e| match e.kind() {
            io::ErrorKind::FileTooLarge => Error::invalid(media::FIELD, Reason::TooLong),
            _ => Error::from_io(&e),
        })?;
        let buf = w.finish()?;
        let file = buf.into_inner().map_err(|e| Error::from_io(e.error()))?;
        file.sync_all()?;
        if reader.n == 0 {
            return Err(Error::invalid(media::FIELD, Reason::Required));
        }
        fs::rename(&partial, &target)?;
        sync_folder(&folder);
        Ok(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    Ok(Sealed {
        blob,
        secret: Zeroizing::new(identity.to_string().expose_secret().to_owned()),
        sha256: hex::encode(reader.hash.finalize()),
        bytes: reader.n,
        media,
    })
}

/// Makes a rename durable where the OS allows syncing a folder (not on Windows).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(folder) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Decrypts a document whole (for the viewer, a saved copy, an extract).
pub fn open(dir: &StoreDir, blob: &str, secret: &str) -> Result<Vec<u8>> {
    let path = path_of(dir, blob)?;
    let file = fs::File::open(&path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::StoreDamaged("a document's file is missing"),
        _ => Error::from_io(&e),
    })?;
    let identity = age::x25519::Identity::from_str(secret)
        .map_err(|_| Error::StoreDamaged("a document's key cannot be read"))?;
    let dec = age::Decryptor::new(io::BufReader::new(file))
        .map_err(|_| Error::StoreDamaged("a document's file cannot be read"))?;
    let mut reader = dec
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| Error::StoreDamaged("a document's file does not open with its key"))?;
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|_| Error::StoreDamaged("a document's file is damaged"))?;
    Ok(out)
}

/// The encrypted file as it lies on disk (for backups and transfers, which seal it
/// again as a whole).
pub fn ciphertext_path(dir: &StoreDir, blob: &str) -> Result<PathBuf> {
    path_of(dir, blob)
}

/// Puts an encrypted file (from a backup or a transfer) into the folder under `blob`;
/// an existing file of that name is an error, never replaced.
pub fn restore(dir: &StoreDir, blob: &str, mut from: impl Read) -> Result<()> {
    ensure_folder(dir)?;
    let path = path_of(dir, blob)?;
    let mut f = crate::files::create_private(&path)?;
    let copied = io::copy(&mut from, &mut f).and_then(|_| f.sync_all());
    if let Err(e) = copied {
        drop(f);
        let _ = fs::remove_file(&path);
        return Err(e.into());
    }
    Ok(())
}

/// A fresh file name (for an imported document whose name is taken).
pub fn fresh_name() -> String {
    new_name()
}

/// Removes the files of documents whose rows were deleted (keys first, then files). A
/// file that is already gone is fine; returns how many were removed.
pub fn remove(dir: &StoreDir, blobs: &[String]) -> u64 {
    let mut n = 0;
    for b in blobs {
        if let Ok(p) = path_of(dir, b) {
            if fs::remove_file(p).is_ok() {
                n += 1;
            }
        }
    }
    n
}

/// What the check of the document folder found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepReport {
    /// Files without a row (an interrupted import or purge), removed.
    pub removed: u64,
    /// Rows whose file is missing (the row stays; opening it says so).
    pub missing: u64,
}

/// Files in the folder younger than this are left alone by [`sweep`]: another program
/// on the device (the CLI beside the app) may be between writing one and committing its
/// row. They are unreadable without the row either way.
pub const SWEEP_GRACE: Duration = Duration::from_secs(10 * 60);

/// Compares the folder with the rows (`known`, the `blob` of every row): removes files
/// without a row (older than [`SWEEP_GRACE`], or any age when `grace` is false) and
/// `.partial` leftovers, and counts rows without a file.
pub fn sweep(dir: &StoreDir, known: &[String], grace: bool) -> Result<SweepReport> {
    let f = folder(dir);
    let entries = match fs::read_dir(&f) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(SweepReport {
                removed: 0,
                missing: known.len() as u64,
            })
        }
        Err(e) => return Err(e.into()),
    };
    let known_set: std::collections::HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut present = std::collections::HashSet::new();
    let mut report = SweepReport::default();
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if known_set.contains(name.as_str()) {
            present.insert(name);
            continue;
        }
        let ours = name.ends_with(".age") || name.ends_with(".age.partial");
        if !ours {
            continue;
        }
        let young = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age < SWEEP_GRACE);
        if grace && young {
            continue;
        }
        if fs::remove_file(entry.path()).is_ok() {
            report.removed += 1;
        }
    }
    report.missing = known.iter().filter(|k| !present.contains(*k)).count() as u64;
    Ok(report)
}

/// Writes `bytes` through [`seal`] from memory; for callers that make a document
/// themselves (the demo data, the tests).
pub fn seal_bytes(dir: &StoreDir, bytes: &[u8]) -> Result<Sealed> {
    seal(dir, Source::Bytes(bytes))
}
