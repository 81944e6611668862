//! Restoring a backup into a new, empty folder: read as a stream (the header, then each
//! part copied with its length), never whole into memory; all of it or nothing.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use super::{decryptor, Header, Opener, MAGIC, MAGIC_V1};
use crate::crypto;
use crate::document::blob;
use crate::error::{Error, Reason, Result};
use crate::store::{Store, StoreDir, StoreMeta};

/// The longest header line read (a store with a million documents lists them in less).
const MAX_HEADER: u64 = 256 * 1024 * 1024;

/// Restores `backup` into `dir`, which must hold no store (and no documents). The
/// database, key wraps and documents' files come back as they were; the store is opened
/// once (with the opener's way into the key) and checked. A failed restore leaves
/// nothing in `dir`: no database, no key file, no document.
pub async fn restore(backup: &Path, dir: &StoreDir, opener: Opener<'_>) -> Result<StoreMeta> {
    if dir.has_any_store_file() || holds_documents(dir) {
        return Err(Error::StoreExists);
    }
    let file = std::fs::File::open(backup).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::invalid("backup", Reason::Unknown),
        _ => Error::from_io(&e),
    })?;
    let reader = decryptor(io::BufReader::new(file), &opener, "backup")?;
    let mut reader = io::BufReader::with_capacity(1 << 20, reader);
    let header = read_header(&mut reader)?;
    std::fs::create_dir_all(dir.root())?;
    let folder_was_there = blob::folder(dir).exists();
    let mut written = Written::default();
    let result = match write_parts(&mut reader, dir, &header, &mut written) {
        Ok(()) => check_restored(dir, &opener).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        written.remove(dir, !folder_was_there);
        return Err(e);
    }
    Ok(header.meta)
}

/// Whether the folder already has a `documents/` folder with anything in it.
fn holds_documents(dir: &StoreDir) -> bool {
    std::fs::read_dir(blob::folder(dir)).is_ok_and(|mut d| d.next().is_some())
}

/// The payload's first line (the version) and its header.
fn read_header(r: &mut impl BufRead) -> Result<Header> {
    let damaged = |_| Error::StoreDamaged("backup cannot be decrypted");
    let mut magic = Vec::new();
    r.by_ref()
        .take(MAGIC.len() as u64)
        .read_to_end(&mut magic)
        .map_err(damaged)?;
    let v1 = if magic == MAGIC.as_bytes() {
        false
    } else if magic == MAGIC_V1.as_bytes() {
        true
    } else {
        return Err(Error::StoreDamaged("not an Akta backup"));
    };
    let mut line = Vec::new();
    r.by_ref()
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)
        .map_err(damaged)?;
    if line.pop() != Some(b'\n') {
        return Err(Error::StoreDamaged("backup header"));
    }
    let mut header: Header =
        serde_json::from_slice(&line).map_err(|_| Error::StoreDamaged("backup header"))?;
    if v1 {
        header.documents.clear();
    }
    Ok(header)
}

/// What a restore has written so far, to remove again if it fails.
#[derive(Default)]
struct Written {
    files: Vec<PathBuf>,
}

impl Written {
    fn remove(self, dir: &StoreDir, folder_too: bool) {
        let db = dir.db().display().to_string();
        for p in self
            .files
            .into_iter()
            .chain([format!("{db}-wal"), format!("{db}-shm")].map(PathBuf::from))
        {
            let _ = std::fs::remove_file(p);
        }
        if folder_too {
            let _ = std::fs::remove_dir(blob::folder(dir));
        }
    }
}

/// Copies exactly `len` bytes of the stream into a new private file at `path`; a
/// stream that ends (or fails to authenticate) before is a truncated or damaged backup.
fn copy_part(r: &mut impl Read, len: u64, path: &Path, written: &mut Written) -> Result<()> {
    let file = crate::files::create_private(path)?;
    written.files.push(path.to_path_buf());
    let mut w = io::BufWriter::with_capacity(1 << 20, file);
    let n = copy_stream(r, len, &mut w)?;
    let file = w.into_inner().map_err(|e| Error::from_io(e.error()))?;
    file.sync_all()?;
    if n != len {
        return Err(Error::StoreDamaged("backup is truncated"));
    }
    Ok(())
}

/// Copies up to `len` bytes; a read error is damage to the backup, a write error the
/// disk's.
fn copy_stream(r: &mut impl Read, len: u64, w: &mut impl Write) -> Result<u64> {
    let mut r = r.take(len);
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0u64;
    loop {
        let k = match r.read(&mut buf) {
            Ok(0) => return Ok(n),
            Ok(k) => k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Error::StoreDamaged("backup cannot be decrypted")),
        };
        w.write_all(&buf[..k])?;
        n += k as u64;
    }
}

fn write_parts(
    r: &mut impl Read,
    dir: &StoreDir,
    header: &Header,
    written: &mut Written,
) -> Result<()> {
    copy_part(r, header.db_bytes, &dir.db(), written)?;
    if header.passphrase_wrap_bytes > 0 {
        copy_part(
            r,
            header.passphrase_wrap_bytes,
            &dir.passphrase_wrap(),
            written,
        )?;
    }
    if header.recovery_wrap_bytes > 0 {
        copy_part(r, header.recovery_wrap_bytes, &dir.recovery_wrap(), written)?;
    }
    if !header.documents.is_empty() {
        let folder = blob::folder(dir);
        std::fs::create_dir_all(&folder)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    for d in &header.documents {
        // The name is checked to be one of Akta's (no path can come in through it).
        let path = blob::ciphertext_path(dir, &d.name)?;
        copy_part(r, d.bytes, &path, written)?;
    }
    // Nothing may follow the last part; reading to the end also checks the stream's
    // final tag, so a cut-off backup is found here at the latest.
    let mut rest = [0u8; 1];
    match r.read(&mut rest) {
        Ok(0) => {}
        Ok(_) => return Err(Error::StoreDamaged("backup has more than its header lists")),
        Err(_) => return Err(Error::StoreDamaged("backup is truncated")),
    }
    let meta = StoreMeta {
        keychain: false,
        ..header.meta.clone()
    };
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| Error::Internal(e.to_string()))?;
    crate::files::write_new_private(&dir.meta(), &json)?;
    written.files.push(dir.meta());
    Ok(())
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
