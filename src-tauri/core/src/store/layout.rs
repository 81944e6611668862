//! Where a store's files are, and writing them safely.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreMeta;
use crate::error::{Error, Result};

/// The environment variable that overrides the default store folder (app and CLI).
pub const STORE_DIR_ENV: &str = "AKTA_STORE";

/// The app's identifier; the default store lives in the OS data folder under it.
const APP_ID: &str = "se.akta.app";

/// A store folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreDir {
    root: PathBuf,
}

impl StoreDir {
    pub fn new(root: PathBuf) -> Self {
        StoreDir { root }
    }

    /// `$AKTA_STORE`, else the OS's local data folder (`~/.local/share/se.akta.app/store`
    /// on Linux, `%LOCALAPPDATA%\se.akta.app\store` on Windows, `~/Library/Application
    /// Support/se.akta.app/store` on macOS). The CLI and the app share it. The local
    /// folder, not the roaming one: with roaming profiles Windows copies
    /// `%APPDATA%` to the domain's servers at logoff, and the store stays on the device.
    pub fn default_location() -> Result<Self> {
        if let Some(p) = std::env::var_os(STORE_DIR_ENV).filter(|p| !p.is_empty()) {
            return Ok(StoreDir::new(PathBuf::from(p)));
        }
        let data = dirs::data_local_dir()
            .ok_or_else(|| Error::Internal("the OS has no data folder for this user".into()))?;
        Ok(StoreDir::new(data.join(APP_ID).join("store")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn db(&self) -> PathBuf {
        self.root.join("akta.db")
    }
    pub fn meta(&self) -> PathBuf {
        self.root.join("store.json")
    }
    pub fn passphrase_wrap(&self) -> PathBuf {
        self.root.join("key.passphrase.age")
    }
    pub fn recovery_wrap(&self) -> PathBuf {
        self.root.join("key.recovery.age")
    }
    pub fn settings(&self) -> PathBuf {
        self.root.join("settings.json")
    }

    /// Does any file of a store exist here?
    pub fn has_any_store_file(&self) -> bool {
        [
            self.db(),
            self.meta(),
            self.passphrase_wrap(),
            self.recovery_wrap(),
        ]
        .iter()
        .any(|p| p.exists())
    }

    /// Does a complete store exist here?
    pub fn exists(&self) -> bool {
        self.meta().exists() && self.db().exists()
    }

    /// Creates the folder, readable only by its owner on Unix.
    pub(super) fn ensure_root(&self) -> Result<()> {
        fs::create_dir_all(&self.root)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.root, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }

    pub fn read_meta(&self) -> Result<StoreMeta> {
        if !self.has_any_store_file() {
            return Err(Error::StoreNotFound);
        }
        let bytes = match fs::read(self.meta()) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::StoreDamaged("store.json is missing"))
            }
            Err(e) => return Err(e.into()),
        };
        serde_json::from_slice(&bytes).map_err(|_| Error::StoreDamaged("store.json cannot be read"))
    }

    pub(super) fn read_wrap(&self, path: &Path) -> Result<Vec<u8>> {
        match fs::read(path) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::StoreDamaged(
                "the key file for this way of unlocking is missing",
            )),
            Err(e) => Err(e.into()),
        }
    }
}

/// Writes `bytes` to `path` through a temp file in the same folder, synced and renamed
/// into place, so a crash leaves either the old file or the new one.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| Error::Internal("path has no folder".into()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}

/// Files created while making a store; removed again unless [`CreatedFiles::keep`] is
/// called (so a failed creation leaves nothing behind).
pub(super) struct CreatedFiles {
    dir: StoreDir,
    files: Vec<PathBuf>,
    keychain_id: Option<String>,
    keep: bool,
}

impl CreatedFiles {
    pub fn new(dir: &StoreDir) -> Self {
        CreatedFiles {
            dir: dir.clone(),
            files: Vec::new(),
            keychain_id: None,
            keep: false,
        }
    }

    pub fn write_new(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.files.push(path.to_path_buf());
        replace_file(path, bytes)
    }

    pub fn note_database(&mut self) {
        let db = self.dir.db();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            self.files
                .push(PathBuf::from(format!("{}{suffix}", db.display())));
        }
    }

    pub fn note_keychain(&mut self, store_id: &str) {
        self.keychain_id = Some(store_id.to_owned());
    }

    /// The keychain entry written, to be removed by the caller on failure.
    pub fn take_keychain_id(&mut self) -> Option<String> {
        self.keychain_id.take()
    }

    pub fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for CreatedFiles {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        for f in &self.files {
            let _ = fs::remove_file(f);
        }
    }
}
