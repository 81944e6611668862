//! A store on a real filesystem that fills up or turns read-only, through the real
//! `akta` binary: a clear error code, no damage, and work resumes when the cause is
//! gone. The filesystem is a small tmpfs mounted for the test, so these need root
//! (`mount`); `.ci/test` runs them (`--ignored`) on the CI machine, which is root.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{assert_same, snapshot};

const PASS: &str = "en lång och hemlig lösenfras";

fn akta(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_akta"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("AKTA_STORE")
        .env("AKTA_PASSPHRASE", PASS)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sh(cmd: &str, args: &[&str]) {
    let ok = Command::new(cmd).args(args).status().unwrap();
    assert!(ok.success(), "{cmd} {args:?}");
}

/// A tmpfs of `size`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: PathBuf, size: &str) -> Self {
        std::fs::create_dir_all(&at).unwrap();
        sh(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                at.to_str().unwrap(),
            ],
        );
        Tmpfs(at)
    }
    fn remount(&self, opts: &str) {
        sh(
            "mount",
            &["-o", &format!("remount,{opts}"), self.0.to_str().unwrap()],
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the filesystem holding `file` until a write fails, then gives back `keep`
/// bytes.
fn fill(file: &Path, keep: u64) {
    use std::io::Write;
    let mut f = std::fs::File::create(file).unwrap();
    let block = vec![0u8; 64 * 1024];
    loop {
        if f.write_all(&block).is_err() {
            break;
        }
    }
    let _ = f.sync_all();
    let len = f.metadata().unwrap().len();
    f.set_len(len.saturating_sub(keep)).unwrap();
}

fn persons(store: &Path) -> String {
    let o = akta(store, &["person", "list", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// A store on a new 8 MB tmpfs under `dir`, holding one person "Före `family`".
fn store_on_tmpfs(dir: &Path, family: &str) -> (Tmpfs, PathBuf) {
    let fs = Tmpfs::mount(dir.join("mnt"), "8m");
    let store = fs.0.join("store");
    assert_eq!(akta(&store, &["init"]).status.code(), Some(0));
    let o = akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Före",
            "--family-name",
            family,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (fs, store)
}

/// `akta status` runs SQLite's integrity check; `audit verify` walks the chain.
fn integrity_ok(store: &Path) {
    let o = akta(store, &["status"]);
    assert_eq!(o.status.code(), Some(0), "integrity: {}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("integrity:    ok"));
    let o = akta(store, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "audit chain: {}", stderr(&o));
}

#[test]
#[ignore = "mounts a tmpfs (root): run by .ci/test"]
fn a_full_disk_is_disk_full_keeps_the_store_and_work_resumes_when_space_returns() {
    let tmp = tempfile::tempdir().unwrap();
    let (fs, store) = store_on_tmpfs(tmp.path(), "Fullt");
    let before = persons(&store);

    // The disk fills up, leaving a little room: the demo data does not fit.
    let filler = fs.0.join("filler");
    fill(&filler, 48 * 1024);
    let o = akta(&store, &["demo"]);
    assert_ne!(o.status.code(), Some(0), "the demo data cannot fit");
    assert!(stderr(&o).contains("disk_full"), "{}", stderr(&o));

    // Nothing damaged, nothing half written, everything committed still there. (The
    // demo data is many transactions: those that found room in the store's write-ahead
    // log before the disk ran out are whole and stay; the one that did not is absent.)
    std::fs::remove_file(&filler).unwrap();
    let after: Vec<serde_json::Value> = serde_json::from_str(&persons(&store)).unwrap();
    let before: Vec<serde_json::Value> = serde_json::from_str(&before).unwrap();
    for p in &before {
        assert!(after.contains(p), "{p} lost");
    }
    integrity_ok(&store);

    // Space is back: work resumes.
    let o = akta(&store, &["demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(persons(&store).contains("Anna"));
    integrity_ok(&store);
}

#[test]
#[ignore = "mounts a tmpfs (root): run by .ci/test"]
fn a_read_only_filesystem_is_store_read_only_changes_nothing_and_work_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let (fs, store) = store_on_tmpfs(tmp.path(), "Låst");
    let bytes = snapshot(&store);

    fs.remount("ro");
    let o = akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Under",
            "--family-name",
            "Låst",
        ],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("store_read_only"), "{}", stderr(&o));
    assert_same(
        &bytes,
        &snapshot(&store),
        "a write refused on a read-only filesystem",
    );

    fs.remount("rw");
    let o = akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Efter",
            "--family-name",
            "Låst",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list = persons(&store);
    assert!(list.contains("Före") && list.contains("Efter") && !list.contains("Under"));
    integrity_ok(&store);
}
