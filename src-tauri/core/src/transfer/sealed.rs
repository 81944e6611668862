//! The sealed transfer file: a whole store with its documents, sealed with age to the
//! agency's recovery recipient or to a passphrase (as backups are, [`crate::backup`]).
//!
//! The sealed payload is `akta-transfer-sealed 1\n`, one line of JSON (the transfer
//! document's length and each document file's name and length), then the transfer
//! document (the JSON of format `akta-transfer`, which holds each document's key in its
//! row), then each document's file as it lies in the store's `documents/` folder (still
//! encrypted to its own key). Documents are streamed, never read whole into memory.
//!
//! Import checks the document as a plain import does, then every file against its row
//! (the row's key opens it, and the content has the row's length and SHA-256), before
//! anything is written to the database; files are put into the folder first, under
//! fresh names when their names are taken, and removed again on any refusal.

use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::check::{check_file, set_cell, text_of, Cell, CheckedRow, Refusals};
use super::import::write_checked;
use super::{ImportReport, MAX_DOCUMENT_BYTES};
use crate::backup::{copy_exact, decryptor, encryptor, present_documents, Opener, Seal};
use crate::catalogue::Table;
use crate::document::blob;
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// The first line of a sealed transfer file's payload.
pub const SEALED_MAGIC: &str = "akta-transfer-sealed 1\n";
/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// The longest header line read.
const MAX_HEADER: u64 = 256 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct Header {
    json_bytes: u64,
    documents: Vec<Part>,
}

#[derive(Serialize, Deserialize)]
struct Part {
    name: String,
    bytes: u64,
}

/// What a sealed export wrote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SealedExport {
    pub rows: usize,
    pub documents: usize,
    pub exported_at: DateTime<Utc>,
}

/// Whether the file at `path` is sealed (an age file) rather than plain JSON. A
/// missing file is `file` unknown.
pub fn is_sealed(path: &Path) -> Result<bool> {
    let f = std::fs::File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::invalid("file", Reason::Unknown),
        _ => Error::from_io(&e),
    })?;
    let mut head = Vec::with_capacity(AGE_MAGIC.len());
    f.take(AGE_MAGIC.len() as u64).read_to_end(&mut head)?;
    Ok(head == AGE_MAGIC)
}

/// Exports the whole store with its documents into a sealed transfer file at `out` (a
/// new file, owner-only; written under a temporary name and renamed into place, so a
/// failure leaves nothing). Audited as an export of the store. A document whose file
/// is missing is refused (the store is damaged), and one deleted while the file is
/// written makes it [`Error::StoreBusy`] (try again).
pub async fn export_sealed(
    store: &Store,
    actor: &Actor,
    seal: &Seal<'_>,
    out: &Path,
) -> Result<SealedExport> {
    actor.require(Permission::TransferStore)?;
    crate::files::check_new(out, "out")?;
    let encryptor = encryptor(store.meta(), seal)?;
    let file = super::export(store, actor).await?;
    let blobs: Vec<String> = file
        .tables
        .get("documents")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("blob").and_then(Json::as_str).map(str::to_owned))
        .collect();
    let listed = blobs.len();
    let present = present_documents(store.dir(), blobs)?;
    if present.len() != listed {
        return Err(Error::StoreDamaged("a document's file is missing"));
    }
    let json = serde_json::to_vec(&file).map_err(|e| Error::Internal(format!("json: {e}")))?;
    let header = Header {
        json_bytes: json.len() as u64,
        documents: present
            .iter()
            .map(|(name, bytes)| Part {
                name: name.clone(),
                bytes: *bytes,
            })
            .collect(),
    };
    let header = serde_json::to_string(&header).map_err(|e| Error::Internal(e.to_string()))?;
    let files: Vec<(PathBuf, u64)> = present
        .iter()
        .map(|(name, len)| Ok((blob::ciphertext_path(store.dir(), name)?, *len)))
        .collect::<Result<_>>()?;
    let summary = SealedExport {
        rows: file
            .tables
            .values()
            .filter_map(|t| t.as_array().map(Vec::len))
            .sum(),
        documents: files.len(),
        exported_at: file.exported_at,
    };
    let out = out.to_path_buf();
    tokio::task::spawn_blocking(move || write(encryptor, &header, &json, &files, &out))
        .await
        .map_err(|e| Error::Internal(format!("transfer: {e}")))??;
    Ok(summary)
}

fn write(
    encryptor: age::Encryptor,
    header: &str,
    json: &[u8],
    files: &[(PathBuf, u64)],
    out: &Path,
) -> Result<()> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::invalid("out", Reason::Format))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".partial");
    let tmp = out.with_file_name(tmp_name);
    let written = (|| -> Result<()> {
        let file = crate::files::create_private(&tmp)?;
        let mut w = encryptor.wrap_output(io::BufWriter::with_capacity(1 << 20, file))?;
        w.write_all(SEALED_MAGIC.as_bytes())?;
        w.write_all(header.as_bytes())?;
        w.write_all(b"\n")?;
        w.write_all(json)?;
        for (path, len) in files {
            copy_exact(path, *len, &mut w)?;
        }
        let buf = w.finish()?;
        let file = buf.into_inner().map_err(|e| Error::from_io(e.error()))?;
        file.sync_all()?;
        crate::files::check_new(out, "out")?;
        std::fs::rename(&tmp, out)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A stream that is cut off or fails its authentication: the file is damaged.
fn damaged() -> Error {
    Error::invalid("file", Reason::Format)
}

/// Imports a sealed transfer file: all of it, or nothing (no row, no file) with every
/// refusal named. Document rows are matched to their files by name; each file must
/// open with its row's key to content of the row's length and SHA-256. A file whose
/// name is taken in this store comes in under a fresh name.
pub async fn import_sealed(
    store: &Store,
    actor: &Actor,
    path: &Path,
    opener: &Opener<'_>,
    today: NaiveDate,
) -> Result<ImportReport> {
    actor.require(Permission::TransferStore)?;
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::invalid("file", Reason::Unknown),
        _ => Error::from_io(&e),
    })?;
    let reader = decryptor(io::BufReader::new(file), opener, "file")?;
    let mut reader = io::BufReader::with_capacity(1 << 20, reader);
    let (header, json) = read_head(&mut reader)?;

    let mut refusals = Refusals::default();
    let Some(mut checked) = check_file(&json, today, &mut refusals) else {
        return Err(refusals.into_error());
    };
    drop(json);
    let plan = plan_files(store, &mut checked, &header, &mut refusals).await?;
    if refusals.total > 0 {
        return Err(refusals.into_error());
    }

    // The files first, each checked against its row; then the rows.
    let dir = store.dir().clone();
    let written = tokio::task::spawn_blocking(move || {
        let mut written = Vec::new();
        let result = put_files(&mut reader, &dir, &header, &plan, &mut written);
        (result, written, dir)
    })
    .await
    .map_err(|e| Error::Internal(format!("transfer: {e}")))?;
    let (result, written, dir) = written;
    let remove = |written: &[String]| {
        blob::remove(&dir, written);
    };
    match result {
        Ok(bad) if bad.is_empty() => {}
        Ok(bad) => {
            remove(&written);
            for i in bad {
                refusals.push("documents", i, "blob", Reason::Format);
            }
            return Err(refusals.into_error());
        }
        Err(e) => {
            remove(&written);
            return Err(e);
        }
    }
    match write_checked(store, actor, &checked).await {
        Ok(report) => Ok(report),
        Err(e) => {
            remove(&written);
            Err(e)
        }
    }
}

/// The payload's first line, its header and the transfer document.
fn read_head(r: &mut impl BufRead) -> Result<(Header, Vec<u8>)> {
    let mut magic = Vec::new();
    r.by_ref()
        .take(SEALED_MAGIC.len() as u64)
        .read_to_end(&mut magic)
        .map_err(|_| damaged())?;
    if magic != SEALED_MAGIC.as_bytes() {
        return Err(Error::invalid("format", Reason::Format));
    }
    let mut line = Vec::new();
    r.by_ref()
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)
        .map_err(|_| damaged())?;
    if line.pop() != Some(b'\n') {
        return Err(damaged());
    }
    let header: Header = serde_json::from_slice(&line).map_err(|_| damaged())?;
    if header.json_bytes > MAX_DOCUMENT_BYTES {
        return Err(Error::invalid("file", Reason::TooLong));
    }
    let mut json = Vec::with_capacity(header.json_bytes as usize);
    r.by_ref()
        .take(header.json_bytes)
        .read_to_end(&mut json)
        .map_err(|_| damaged())?;
    if json.len() as u64 != header.json_bytes {
        return Err(damaged());
    }
    Ok((header, json))
}

/// Where each file of the header goes: the row it belongs to (its place in the file's
/// `documents`), its name here, and what its content must be.
struct Planned {
    row: usize,
    name: String,
    secret: String,
    sha256: String,
    bytes: i64,
}

/// Matches the header's files to the `documents` rows (each row exactly one file, each
/// file one row), and gives each a name free in this store, rewriting the row's `blob`.
async fn plan_files(
    store: &Store,
    checked: &mut [(&'static Table, Vec<CheckedRow>)],
    header: &Header,
    refusals: &mut Refusals,
) -> Result<Vec<Option<Planned>>> {
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (k, part) in header.documents.iter().enumerate() {
        if by_name.insert(part.name.as_str(), k).is_some()
            || blob::ciphertext_path(store.dir(), &part.name).is_err()
        {
            refusals.push_top(&format!("files[{k}]"), Reason::Format);
        }
    }
    let mut plan: Vec<Option<Planned>> = header.documents.iter().map(|_| None).collect();
    let taken: Vec<String> = sqlx::query_scalar("SELECT blob FROM documents")
        .fetch_all(store.pool())
        .await?;
    let mut taken: std::collections::HashSet<String> = taken.into_iter().collect();
    let Some((_, rows)) = checked.iter_mut().find(|(t, _)| t.name == "documents") else {
        for k in 0..header.documents.len() {
            refusals.push_top(&format!("files[{k}]"), Reason::Unknown);
        }
        return Ok(plan);
    };
    for row in rows.iter_mut() {
        let Some(name) = text_of(&row.cells, "blob") else {
            refusals.push("documents", row.index, "blob", Reason::Required);
            continue;
        };
        let Some(&k) = by_name.get(name.as_str()) else {
            refusals.push("documents", row.index, "blob", Reason::Unknown);
            continue;
        };
        if plan[k].is_some() {
            refusals.push("documents", row.index, "blob", Reason::Duplicate);
            continue;
        }
        let bytes = row.cells.iter().find_map(|c| match (c.0, &c.1) {
            ("bytes", Cell::Int(n)) => Some(*n),
            _ => None,
        });
        let (Some(secret), Some(sha256), Some(bytes)) = (
            text_of(&row.cells, "secret"),
            text_of(&row.cells, "sha256"),
            bytes,
        ) else {
            refusals.push("documents", row.index, "secret", Reason::Required);
            continue;
        };
        let free = |n: &str| !taken.contains(n) && !blob::folder(store.dir()).join(n).exists();
        let mut here = name.clone();
        while !free(&here) {
            here = blob::fresh_name();
        }
        taken.insert(here.clone());
        set_cell(&mut row.cells, "blob", Cell::Text(here.clone()));
        plan[k] = Some(Planned {
            row: row.index,
            name: here,
            secret,
            sha256,
            bytes,
        });
    }
    for (k, p) in plan.iter().enumerate() {
        if p.is_none() && by_name.get(header.documents[k].name.as_str()) == Some(&k) {
            refusals.push_top(&format!("files[{k}]"), Reason::Unknown);
        }
    }
    Ok(plan)
}

/// Copies each file from the stream into the document folder under its planned name
/// (`written` collects the names) and checks it against its row. Returns the rows whose
/// file does not open to the row's content; a cut-off or damaged stream is an error.
fn put_files(
    r: &mut impl Read,
    dir: &crate::store::StoreDir,
    header: &Header,
    plan: &[Option<Planned>],
    written: &mut Vec<String>,
) -> Result<Vec<usize>> {
    let mut bad = Vec::new();
    for (part, planned) in header.documents.iter().zip(plan) {
        let Some(p) = planned else {
            return Err(Error::Internal("transfer plan".into()));
        };
        let mut counted = Counted {
            inner: r.by_ref().take(part.bytes),
            n: 0,
            failed: false,
        };
        let restored = blob::restore(dir, &p.name, &mut counted);
        if counted.failed || (restored.is_ok() && counted.n != part.bytes) {
            if restored.is_ok() {
                written.push(p.name.clone());
            }
            return Err(damaged());
        }
        restored?;
        written.push(p.name.clone());
        if !opens(dir, p) {
            bad.push(p.row);
        }
    }
    let mut rest = [0u8; 1];
    match r.read(&mut rest) {
        Ok(0) => Ok(bad),
        _ => Err(damaged()),
    }
}

/// A reader that counts what passes and remembers a read error (the stream's).
struct Counted<R> {
    inner: R,
    n: u64,
    failed: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(k) => {
                self.n += k as u64;
                Ok(k)
            }
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }
}

/// Whether the file opens with the row's key to content of the row's length and hash
/// (decrypted as a stream, never whole).
fn opens(dir: &crate::store::StoreDir, p: &Planned) -> bool {
    let Ok(identity) = age::x25519::Identity::from_str(&p.secret) else {
        return false;
    };
    let Ok(path) = blob::ciphertext_path(dir, &p.name) else {
        return false;
    };
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(dec) = age::Decryptor::new_buffered(io::BufReader::new(file)) else {
        return false;
    };
    let Ok(mut reader) = dec.decrypt(std::iter::once(&identity as &dyn age::Identity)) else {
        return false;
    };
    let mut sink = crate::files::Hashing::new(io::sink());
    if io::copy(&mut reader, &mut sink).is_err() {
        return false;
    }
    let Ok((_, sha256, n)) = sink.finish() else {
        return false;
    };
    u64::try_from(p.bytes).is_ok_and(|b| b == n) && sha256 == p.sha256
}
