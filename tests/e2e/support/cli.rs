//! Stores made by the `akta` CLI before the app starts (the CLI's store is the app's).

use std::path::{Path, PathBuf};

use super::PASS;

/// The `akta` CLI the workspace's tests built.
pub fn akta_binary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/akta")
}

/// Runs the `akta` CLI on a store.
pub fn akta(store: &Path, args: &[&str]) {
    let ok = std::process::Command::new(akta_binary())
        .arg("--store")
        .arg(store)
        .args(args)
        .env("AKTA_PASSPHRASE", PASS)
        .status()
        .expect("akta CLI built");
    assert!(ok.success(), "akta {args:?}");
}

/// Runs the `akta` CLI on a store with `--json` and gives what it printed.
pub fn akta_json(store: &Path, args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(akta_binary())
        .arg("--store")
        .arg(store)
        .args(args)
        .arg("--json")
        .env("AKTA_PASSPHRASE", PASS)
        .output()
        .expect("akta CLI built");
    assert!(out.status.success(), "akta {args:?}");
    serde_json::from_slice(&out.stdout).expect("JSON from akta")
}

/// An empty store with no profile, made by the CLI (the one on PATH if this build has
/// none).
pub fn empty_store(store: &Path) {
    let cli = akta_binary();
    let cli = if cli.exists() {
        cli
    } else {
        PathBuf::from("akta")
    };
    let ok = std::process::Command::new(&cli)
        .args(["--store", store.to_str().unwrap(), "init"])
        .env("AKTA_PASSPHRASE", PASS)
        .status()
        .expect("akta CLI built");
    assert!(ok.success());
}

/// Demo data and one profile, Karin Konsulent (caseworker), so the app opens straight
/// on the inbox after unlocking.
pub fn store_with_demo(store: &Path) {
    akta(store, &["init"]);
    add_karin_and_demo(store);
}

fn add_karin_and_demo(store: &Path) {
    akta(
        store,
        &[
            "user",
            "add",
            "--name",
            "Karin Konsulent",
            "--role",
            "handlaggare",
        ],
    );
    akta(store, &["demo"]);
}

/// The same, plus a second profile: Dana Dataskydd, of the data-protection role (id 2).
/// A data-protection profile is vouched for by the agency's recovery identity, so the
/// store's key is also wrapped to a new one (its file beside the store).
pub fn store_with_demo_and_dpo(store: &Path) {
    let identity = store.with_file_name("agency-identity.txt");
    let out = std::process::Command::new(akta_binary())
        .args(["recovery-keygen", "--out"])
        .arg(&identity)
        .output()
        .expect("akta CLI built");
    assert!(out.status.success(), "akta recovery-keygen");
    let recipient = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    akta(store, &["init", "--recovery-recipient", &recipient]);
    add_karin_and_demo(store);
    akta(
        store,
        &[
            "user",
            "add",
            "--name",
            "Dana Dataskydd",
            "--role",
            "dataskyddsansvarig",
            "--recovery-identity",
            identity.to_str().unwrap(),
        ],
    );
}
