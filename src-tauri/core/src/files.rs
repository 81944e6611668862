//! Writing documents the user exports (PDFs, JSON): always new files, readable by their
//! owner only (on Unix), written whole or not at all. Nothing is ever overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Reason, Result};

/// Creates a new file readable by its owner only (it must not exist yet).
pub fn create_private(path: &Path) -> Result<std::fs::File> {
    Ok(open_private_new(path)?)
}

fn open_private_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Writes `bytes` to a file that must not exist yet; on failure the file is removed.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = open_private_new(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(e.into());
    }
    Ok(())
}

/// Whether a new file may be written at `path` (the CLI checks its output paths with
/// this before any work): anything already there — a file, a folder, a symbolic link,
/// even one that points nowhere — is refused (`field`: duplicate), so that a write never
/// goes through a link to somewhere else nor replaces anything; and the folder it goes
/// into must exist (`field`: unknown). A path that names no file (`..`, `/`) is
/// `field`: format.
pub fn check_new(path: &Path, field: &str) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::invalid(field, Reason::Duplicate));
    }
    if path.file_name().is_none() {
        return Err(Error::invalid(field, Reason::Format));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::invalid(field, Reason::Unknown));
    }
    Ok(())
}

/// Writes a new file at `path` all at once: into a hidden temporary name beside it,
/// synced, then renamed into place. What [`check_new`] refuses is refused; a failure
/// leaves no file behind.
pub fn write_new_atomically(path: &Path, bytes: &[u8], field: &str) -> Result<()> {
    check_new(path, field)?;
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid(field, Reason::Format))?; // checked above
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let result = write_new_private(&tmp, bytes).and_then(|()| {
        check_new(path, field)?;
        std::fs::rename(&tmp, path).map_err(Error::from)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Saves `bytes` in `dir` as `<stem>.<ext>`, or `<stem>-1.<ext>` … when taken, and
/// returns the path. Names carry document ids and dates, never personal data.
pub fn save_in(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 0..1000 {
        let name = if n == 0 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match write_new_private(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(_) if path.exists() => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::Internal("no free file name".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(path: &Path) -> Option<Reason> {
        check_new(path, "out").err().map(|e| e.fields()[0].reason)
    }

    #[test]
    fn check_new_names_why_a_path_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("taken.json");
        std::fs::write(&file, b"x").unwrap();
        assert_eq!(reason(&file), Some(Reason::Duplicate));
        assert_eq!(reason(tmp.path()), Some(Reason::Duplicate));
        #[cfg(unix)]
        {
            let dangling = tmp.path().join("dangling.json");
            std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
            assert_eq!(reason(&dangling), Some(Reason::Duplicate));
        }
        assert_eq!(
            reason(&tmp.path().join("missing/x.json")),
            Some(Reason::Unknown)
        );
        assert_eq!(reason(&tmp.path().join("missing/..")), Some(Reason::Format));
        assert_eq!(reason(&tmp.path().join("new.json")), None);
    }
}
