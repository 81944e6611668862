//! The OS keychain behind a trait. Production uses [`OsKeychain`] (macOS Keychain,
//! Windows Credential Manager, Linux Secret Service). There is no silent fallback: when
//! the keychain cannot be reached, the caller gets [`Error::KeychainUnavailable`] and
//! the user unlocks with the passphrase or the recovery key instead.

use zeroize::Zeroizing;

use super::DbKey;
use crate::error::{Error, Result};

/// Where a store's key can be kept, named by the store's id.
pub trait Keychain: Send + Sync {
    /// The key for this store, or `Ok(None)` when the keychain holds none.
    fn get(&self, store_id: &str) -> Result<Option<DbKey>>;
    /// Saves the key for this store.
    fn set(&self, store_id: &str, key: &DbKey) -> Result<()>;
    /// Removes the key for this store (missing is fine).
    fn delete(&self, store_id: &str) -> Result<()>;
}

/// The operating system's keychain through `keyring`.
#[derive(Debug, Clone)]
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    /// The service name under which Akta keeps store keys.
    pub const SERVICE: &'static str = "se.akta.store";

    /// The keychain under Akta's service name.
    pub fn new() -> Self {
        OsKeychain {
            service: Self::SERVICE.to_owned(),
        }
    }

    /// On Windows the credential's target name, the one name Credential Manager shows
    /// and looks it up by: `Akta:<store id>` (keyring's default would be
    /// `<store id>.se.akta.store`). Elsewhere the service and the store id name it.
    pub fn windows_target(store_id: &str) -> String {
        format!("Akta:{store_id}")
    }

    #[cfg(windows)]
    fn entry(&self, store_id: &str) -> Result<keyring::Entry> {
        keyring::Entry::new_with_target(&Self::windows_target(store_id), &self.service, store_id)
            .map_err(map_err)
    }

    #[cfg(not(windows))]
    fn entry(&self, store_id: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, store_id).map_err(map_err)
    }
}

impl Default for OsKeychain {
    fn default() -> Self {
        Self::new()
    }
}

fn map_err(e: keyring::Error) -> Error {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            Error::KeychainUnavailable(inner.to_string())
        }
        keyring::Error::NoEntry => Error::KeychainUnavailable("no entry".into()),
        other => Error::KeychainUnavailable(other.to_string()),
    }
}

impl Keychain for OsKeychain {
    fn get(&self, store_id: &str) -> Result<Option<DbKey>> {
        match self.entry(store_id)?.get_password() {
            Ok(hex) => {
                let hex = Zeroizing::new(hex);
                Ok(Some(DbKey::from_hex(&hex)?))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn set(&self, store_id: &str, key: &DbKey) -> Result<()> {
        let entry = self.entry(store_id)?;
        entry.set_password(&key.expose_hex()).map_err(map_err)?;
        // Read it back through a new entry: a keychain that accepted the key but cannot
        // return it is no keychain (keyring's in-memory mock would fail exactly here).
        let back = Zeroizing::new(self.entry(store_id)?.get_password().map_err(map_err)?);
        if back.as_str() == key.expose_hex().as_str() {
            Ok(())
        } else {
            Err(Error::KeychainUnavailable("read-back mismatch".into()))
        }
    }

    fn delete(&self, store_id: &str) -> Result<()> {
        match self.entry(store_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}
