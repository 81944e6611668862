//! Shared helpers for the core's integration tests: real encrypted stores in temp dirs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use akta_core::crypto::{Passphrase, PassphraseCost};
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir};

/// A cheap scrypt cost: tests create many stores. Real stores use `Interactive`.
pub const TEST_COST: PassphraseCost = PassphraseCost::TestOnly(10);
pub const PASSPHRASE: &str = "korrekt häst batteri häftklammer";

/// A keychain that is never reached: a named test double for "no OS keychain here".
pub struct UnreachableKeychainTestDouble;

impl akta_core::crypto::Keychain for UnreachableKeychainTestDouble {
    fn get(&self, _: &str) -> akta_core::Result<Option<akta_core::crypto::DbKey>> {
        Err(akta_core::Error::KeychainUnavailable(
            "test double: no keychain".into(),
        ))
    }
    fn set(&self, _: &str, _: &akta_core::crypto::DbKey) -> akta_core::Result<()> {
        Err(akta_core::Error::KeychainUnavailable(
            "test double: no keychain".into(),
        ))
    }
    fn delete(&self, _: &str) -> akta_core::Result<()> {
        Ok(())
    }
}

pub fn passphrase() -> Passphrase {
    Passphrase::new(PASSPHRASE.into())
}

pub fn options(recipient: Option<String>) -> CreateOptions {
    CreateOptions {
        passphrase: Some(passphrase()),
        recovery_recipient: recipient,
        keychain: KeychainUse::Off,
        passphrase_cost: TEST_COST,
    }
}

pub async fn new_store(dir: &Path) -> Store {
    Store::create(
        &StoreDir::new(dir.to_path_buf()),
        options(None),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap()
}

/// Every file under `dir` with its bytes. A file that SQLite removes while it is being
/// read (a closing connection's -wal or -shm) is left out.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                out.insert(entry.file_name().to_string_lossy().into_owned(), bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("cannot read {}: {e}", entry.path().display()),
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A valid personnummer for a date and serial (check digit computed).
pub fn pnr(yyyymmdd: &str, serial: &str) -> String {
    let nine = format!("{}{serial}", &yyyymmdd[2..]);
    format!(
        "{}{nine}{}",
        &yyyymmdd[..2],
        akta_core::validate::luhn_check_digit(&nine)
    )
}

/// Asserts two snapshots are the same, naming the files that differ (not their bytes).
///
/// SQLite's `-wal` and `-shm` files are left out: any connection to a WAL database
/// creates them and the last one to close removes them, on a worker thread that can
/// lag behind under load. What must not change is the database and the key files.
pub fn assert_same(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let lasting = |n: &&String| !(n.ends_with("-wal") || n.ends_with("-shm"));
    let mut differ = Vec::new();
    for name in before.keys().chain(after.keys()).filter(lasting) {
        if before.get(name) != after.get(name) && !differ.contains(name) {
            differ.push(name.clone());
        }
    }
    assert!(differ.is_empty(), "{what}: files changed: {differ:?}");
}
