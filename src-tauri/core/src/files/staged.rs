//! A document too large to hold in memory, written straight to where it is saved: into
//! a hidden file beside the place (owner-only, created new), hashed as it is written,
//! and put in place only when everything is written and recorded ([`place_all`]: all
//! of them or none). A staged file that is dropped without being placed is removed.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{chosen_io, open_private_new};
use crate::error::{Error, Result};

/// A writer that hashes (SHA-256) and counts what passes through it.
pub struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
            bytes: 0,
        }
    }

    /// The writer (flushed), the SHA-256 of what was written (hex) and its length.
    pub fn finish(mut self) -> io::Result<(W, String, u64)> {
        self.inner.flush()?;
        Ok((self.inner, hex::encode(self.hash.finalize()), self.bytes))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A new file being written for `path` (checked by the caller: [`super::check_chosen`]
/// or [`super::check_new`]).
pub struct Staged {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<BufWriter<std::fs::File>>,
}

impl Staged {
    /// Starts the file: a hidden, owner-only file beside `path` whose name is random.
    pub fn new(path: &Path) -> Result<Staged> {
        let name = path
            .file_name()
            .ok_or_else(|| Error::invalid("file_name", crate::error::Reason::Format))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(
            ".{}.partial",
            hex::encode(rand::random::<[u8; 4]>())
        ));
        let tmp = path.with_file_name(tmp_name);
        let file = open_private_new(&tmp).map_err(|e| chosen_io(&e))?;
        Ok(Staged {
            path: path.to_path_buf(),
            tmp,
            file: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Writes out what is buffered and syncs the file.
    fn sync(&mut self) -> Result<()> {
        let Some(f) = self.file.take() else {
            return Ok(());
        };
        let f = f.into_inner().map_err(|e| chosen_io(e.error()))?;
        f.sync_all().map_err(|e| chosen_io(&e))
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the staged file is closed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        self.file = None;
        // Gone already once placed.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Puts every staged file in its place: each synced, none over anything that has come
/// to stand at its place meanwhile ([`Error::FileExists`]); a failure removes the ones
/// already placed, so that it is all of them or none.
pub fn place_all(staged: Vec<Staged>) -> Result<()> {
    let mut staged = staged;
    for s in &mut staged {
        s.sync()?;
        if s.path.symlink_metadata().is_ok() {
            return Err(Error::FileExists);
        }
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for s in &staged {
        if let Err(e) = std::fs::rename(&s.tmp, &s.path) {
            for p in &placed {
                let _ = std::fs::remove_file(p);
            }
            return Err(chosen_io(&e));
        }
        placed.push(s.path.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn staged_files_are_placed_together_hashed_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a.pdf"), tmp.path().join("a.json"));
        let mut h = Hashing::new(Staged::new(&a).unwrap());
        h.write_all(b"pdf bytes").unwrap();
        let (sa, sha, n) = h.finish().unwrap();
        assert_eq!(n, 9);
        assert_eq!(sha, hex::encode(Sha256::digest(b"pdf bytes")));
        let mut sb = Staged::new(&b).unwrap();
        sb.write_all(b"{}").unwrap();
        assert_eq!(names(tmp.path()).len(), 2, "hidden until placed");
        assert!(!a.exists() && !b.exists());
        place_all(vec![sa, sb]).unwrap();
        assert_eq!(names(tmp.path()), vec!["a.json", "a.pdf"]);
        assert_eq!(std::fs::read(&a).unwrap(), b"pdf bytes");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&a).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_place_taken_meanwhile_places_none_and_leaves_no_trace() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a.pdf"), tmp.path().join("a.json"));
        let sa = Staged::new(&a).unwrap();
        let sb = Staged::new(&b).unwrap();
        std::fs::write(&b, b"the caseworker's own file").unwrap();
        assert!(matches!(place_all(vec![sa, sb]), Err(Error::FileExists)));
        assert_eq!(names(tmp.path()), vec!["a.json"]);
        assert_eq!(std::fs::read(&b).unwrap(), b"the caseworker's own file");
    }

    #[test]
    fn a_dropped_staged_file_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let mut s = Staged::new(&tmp.path().join("x.pdf")).unwrap();
        s.write_all(b"half").unwrap();
        drop(s);
        assert!(names(tmp.path()).is_empty());
    }
}
