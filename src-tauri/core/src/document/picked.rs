//! Files the user chose to add — in the open dialog or by dropping them on the window —
//! before and after they are added. The window never sees where a file lies: it gets a
//! token and the file's name without its folder (shown in the form, never logged), and
//! adds a file by its token. Only a file given this way can be added, and its original
//! removed from the disk only when the user asks, after it was added.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A file the user chose, as the window knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PickedFile {
    /// Names the file in later calls (it means nothing outside this run of the app).
    #[ts(type = "number")]
    pub token: u64,
    /// The file's name without its folder.
    pub name: String,
}

/// How many chosen files are remembered at most; the oldest are forgotten first.
const KEPT: usize = 500;

struct Chosen {
    token: u64,
    path: PathBuf,
    added: bool,
}

#[derive(Default)]
struct Inner {
    next: u64,
    files: Vec<Chosen>,
}

/// The files the user chose this run (the app keeps one for its window).
#[derive(Default)]
pub struct PickedFiles {
    inner: Mutex<Inner>,
}

/// The last part of a path: what the window may show of it.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn not_chosen() -> Error {
    Error::NotPermitted("add a file the user did not choose")
}

impl PickedFiles {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Inner>> {
        self.inner
            .lock()
            .map_err(|_| Error::Internal("chosen files lock poisoned".into()))
    }

    /// Remembers what the user chose (folders and names that are no file are left
    /// out) and gives the window a token and a name for each.
    pub fn grant(&self, paths: Vec<PathBuf>) -> Result<Vec<PickedFile>> {
        let mut inner = self.lock()?;
        let mut out = Vec::new();
        for path in paths {
            if !path.is_file() || path.file_name().is_none() {
                continue;
            }
            inner.next += 1;
            let token = inner.next;
            out.push(PickedFile {
                token,
                name: file_name(&path),
            });
            inner.files.push(Chosen {
                token,
                path,
                added: false,
            });
        }
        let extra = inner.files.len().saturating_sub(KEPT);
        inner.files.drain(..extra);
        Ok(out)
    }

    /// The place of a chosen file; a token the user's choice did not give is refused.
    pub fn path(&self, token: u64) -> Result<PathBuf> {
        let inner = self.lock()?;
        inner
            .files
            .iter()
            .find(|c| c.token == token)
            .map(|c| c.path.clone())
            .ok_or_else(not_chosen)
    }

    /// Records that the file was added to a file's documents.
    pub fn added(&self, token: u64) -> Result<()> {
        let mut inner = self.lock()?;
        let chosen = inner
            .files
            .iter_mut()
            .find(|c| c.token == token)
            .ok_or_else(not_chosen)?;
        chosen.added = true;
        Ok(())
    }

    /// Removes the original of an added file from the disk, at the user's request, and
    /// forgets it. A file that was not added (or is gone already) is not removed.
    pub fn remove_original(&self, token: u64) -> Result<()> {
        let mut inner = self.lock()?;
        let at = inner
            .files
            .iter()
            .position(|c| c.token == token && c.added)
            .ok_or(Error::NotPermitted("remove a file that was not added"))?;
        match std::fs::remove_file(&inner.files[at].path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::from_io(&e)),
        }
        inner.files.swap_remove(at);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn the_window_gets_tokens_and_names_only_and_adds_only_what_was_chosen() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("Avtal Anna.pdf");
        std::fs::write(&file, b"%PDF-1.4").unwrap();
        let picked = PickedFiles::default();
        let got = picked
            .grant(vec![
                file.clone(),
                tmp.path().to_path_buf(),
                tmp.path().join("gone.pdf"),
            ])
            .unwrap();
        assert_eq!(got.len(), 1, "a folder and a missing file are left out");
        assert_eq!(got[0].name, "Avtal Anna.pdf");
        assert_eq!(picked.path(got[0].token).unwrap(), file);
        let e = picked.path(got[0].token + 1).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotPermitted);
    }

    #[test]
    fn an_original_is_removed_only_after_it_was_added_and_only_once() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("intyg.pdf");
        std::fs::write(&file, b"%PDF-1.4").unwrap();
        let picked = PickedFiles::default();
        let token = picked.grant(vec![file.clone()]).unwrap()[0].token;
        let e = picked.remove_original(token).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotPermitted);
        assert!(file.exists(), "not added: kept");
        picked.added(token).unwrap();
        picked.remove_original(token).unwrap();
        assert!(!file.exists());
        assert_eq!(
            picked.remove_original(token).unwrap_err().code(),
            ErrorCode::NotPermitted
        );
    }
}
