//! Crash safety: a writer process is killed (`SIGKILL`) at a random point in a long
//! series of transactions, many times over, on one real encrypted store. After every
//! kill the store must open, pass `PRAGMA integrity_check`, hold every transaction the
//! writer reported as committed, and hold no transaction in part.
//!
//! The writer is this test binary itself, started again with `crash_writer_child`
//! selected and the store named in the environment; run alone, that test does nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use akta_core::audit;
use akta_core::crypto::DbKey;
use akta_core::foster_home::{self, FosterHomeInput, HomeKind};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::person::{self, PersonInput};
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::user::{self, Actor, Role, UserInput};
use common::*;

const TRIALS: u32 = 120;
const CHILD_DIR: &str = "AKTA_CRASH_CHILD_DIR";
const CHILD_KEY: &str = "AKTA_CRASH_CHILD_KEY";
const CHILD_FROM: &str = "AKTA_CRASH_CHILD_FROM";

/// The words a transaction writes, found again afterwards: the person's given name and
/// the journal text both carry the transaction's number.
fn given_name(n: u64) -> String {
    format!("Krasch{n}")
}
fn entry_text(n: u64) -> String {
    format!("Anteckning nummer {n} skriven innan processen dödades")
}

/// One transaction of each of two kinds, alternating: a person (the row and its audit
/// event), and a journal draft (the row, its full-text index entry and its audit event).
async fn write_one(store: &Store, actor: &Actor, home: i64, n: u64) {
    let today = today();
    if n % 2 == 0 {
        person::add(
            store,
            actor,
            &PersonInput {
                given_name: given_name(n),
                family_name: "Testsson".into(),
                ..Default::default()
            },
            today,
        )
        .await
        .unwrap();
    } else {
        journal::create_draft(
            store,
            actor,
            JournalFile::Home(home),
            EntryKind::Note,
            &EntryInput {
                event_date: today,
                text: entry_text(n),
            },
            today,
        )
        .await
        .unwrap();
    }
}

/// What a child process works on: its store's folder, the store (opened with the key
/// it was given), the caseworker and the home, and where to count from.
struct Child {
    dir: String,
    store: Store,
    caseworker: Actor,
    home: i64,
    from: String,
}

/// The child's work, when a crash test started it (`None` when run by hand).
async fn child() -> Option<Child> {
    let (Ok(dir), Ok(key), Ok(from)) = (
        std::env::var(CHILD_DIR),
        std::env::var(CHILD_KEY),
        std::env::var(CHILD_FROM),
    ) else {
        return None;
    };
    let store = Store::open(
        &StoreDir::new(std::path::PathBuf::from(&dir)),
        Unlock::Key(DbKey::from_hex(&key).unwrap()),
    )
    .await
    .unwrap();
    let caseworker = Actor::user(user::get(&store, 1).await.unwrap());
    let home = foster_home::list(&store).await.unwrap()[0].id;
    Some(Child {
        dir,
        store,
        caseworker,
        home,
        from,
    })
}

/// The writer: runs only when started by `killed_writers_leave_a_whole_store`.
#[tokio::test]
#[ignore = "started as a child process by killed_writers_leave_a_whole_store"]
async fn crash_writer_child() {
    let Some(Child {
        store,
        caseworker,
        home,
        from,
        ..
    }) = child().await
    else {
        return;
    };
    let mut n: u64 = from.parse().unwrap();
    loop {
        write_one(&store, &caseworker, home, n).await;
        // Said only after the commit returned.
        println!("COMMITTED {n}");
        n += 1;
    }
}

/// A deterministic pseudo-random sequence, so that a failing trial can be run again.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A writer process, the commits it reports, the thread that reads its output, and
/// the thread that keeps its error output (what it printed if it died by itself).
type Writer = (
    std::process::Child,
    mpsc::Receiver<u64>,
    std::thread::JoinHandle<()>,
    std::thread::JoinHandle<String>,
);

/// Starts a writer process whose reported commits arrive on the receiver.
fn spawn_writer(dir: &std::path::Path, key: &str, from: u64) -> Writer {
    spawn_child("crash_writer_child", dir, key, from)
}

/// Starts the child test `name` as a writer process.
fn spawn_child(name: &str, dir: &std::path::Path, key: &str, from: u64) -> Writer {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir)
        .env(CHILD_KEY, key)
        .env(CHILD_FROM, from.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // The test harness may have written "test … " before it on the same line.
            if let Some(i) = line.find("COMMITTED ") {
                let _ = tx.send(line[i + 10..].trim().parse::<u64>().unwrap());
            }
        }
    });
    (child, rx, reader, errors)
}

/// Starts the writer, kills it after `after`; see [`run_child`].
fn run_writer(dir: &std::path::Path, key: &str, from: u64, after: Duration) -> Vec<u64> {
    run_child("crash_writer_child", dir, key, from, after)
}

/// Starts the child test `name`, kills it after `after` (counted from its first
/// commit), returns the numbers it reported committed.
fn run_child(name: &str, dir: &std::path::Path, key: &str, from: u64, after: Duration) -> Vec<u64> {
    let (mut child, rx, reader, errors) = spawn_child(name, dir, key, from);
    let mut committed = Vec::new();
    // Wait for the first commit (the writer opened the store), then let it run on.
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(n) => committed.push(n),
        Err(e) => {
            let _ = child.kill();
            let status = child.wait().unwrap();
            let said = errors.join().unwrap_or_default();
            let tail: String = said
                .chars()
                .rev()
                .take(3000)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            match e {
                mpsc::RecvTimeoutError::Timeout => {
                    panic!("the writer committed nothing within 120 s; it said:\n{tail}")
                }
                mpsc::RecvTimeoutError::Disconnected => {
                    panic!(
                        "the writer stopped before its first commit ({status}); it said:\n{tail}"
                    )
                }
            }
        }
    }
    let deadline = Instant::now() + after;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(n) => committed.push(n),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the writer stopped by itself"),
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the writer must have been killed");
    reader.join().unwrap();
    let _ = errors.join();
    committed.extend(rx.try_iter());
    committed
}

/// A store with a caseworker and a foster home; returns its raw key in hex.
async fn prepared_store(dir: &std::path::Path) -> String {
    let store = new_store(dir).await;
    let device = Actor::device();
    user::add(
        &store,
        &device,
        &UserInput {
            name: "Karin".into(),
            title: None,
            role: Role::Handlaggare,
        },
    )
    .await
    .unwrap();
    foster_home::add(
        &store,
        &device,
        &FosterHomeInput {
            name: "Familjen Krasch".into(),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: None,
            municipality_id: None,
        },
        today(),
    )
    .await
    .unwrap();
    store.close().await;
    let sd = StoreDir::new(dir.to_path_buf());
    let key = akta_core::crypto::unwrap_with_passphrase(
        &std::fs::read(sd.passphrase_wrap()).unwrap(),
        &passphrase(),
    )
    .unwrap();
    key.expose_hex().to_string()
}

/// Transaction numbers found in the store, sorted.
async fn present(store: &Store) -> Vec<u64> {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT given_name FROM persons WHERE family_name = 'Testsson'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let texts: Vec<String> = sqlx::query_scalar("SELECT text FROM journal_entries")
        .fetch_all(store.pool())
        .await
        .unwrap();
    let mut present: Vec<u64> = names
        .iter()
        .map(|s| s.trim_start_matches("Krasch").parse().unwrap())
        .chain(
            texts
                .iter()
                .map(|s| s.split(' ').nth(2).unwrap().parse().unwrap()),
        )
        .collect();
    present.sort_unstable();
    present
}

/// Opens the store and checks it whole: pages, full-text index, audit chain, and no
/// row without the audit event written in its transaction.
async fn open_whole(sd: &StoreDir, hex: &str, when: &str) -> Store {
    let store = Store::open(sd, Unlock::Key(DbKey::from_hex(hex).unwrap()))
        .await
        .unwrap_or_else(|e| panic!("{when}: the store does not open: {e:?}"));
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(check, ["ok"], "{when}: integrity_check");
    let fts: Result<_, _> =
        sqlx::query("INSERT INTO journal_fts (journal_fts, rank) VALUES ('integrity-check', 1)")
            .execute(store.pool())
            .await;
    assert!(fts.is_ok(), "{when}: full-text index: {fts:?}");
    let chain = audit::verify(&store).await.unwrap();
    assert!(chain.intact, "{when}: audit chain: {chain:?}");
    let orphans: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM persons p WHERE NOT EXISTS
                   (SELECT 1 FROM audit_events a WHERE a.entity_kind = 'person' AND a.entity_id = p.id))
              + (SELECT count(*) FROM journal_entries e WHERE NOT EXISTS
                   (SELECT 1 FROM audit_events a WHERE a.entity_kind = 'journal_entry' AND a.entity_id = e.id))",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(orphans, 0, "{when}: a row without its audit event");
    store
}

#[tokio::test]
async fn killed_writers_leave_a_whole_store() {
    let tmp = tempfile::tempdir().unwrap();
    let hex = prepared_store(tmp.path()).await;
    let sd = StoreDir::new(tmp.path().to_path_buf());

    let mut rng = Lcg(20261127);
    let mut reported: Vec<u64> = Vec::new();
    let mut next: u64 = 0;
    let mut in_doubt = 0u32;
    for trial in 0..TRIALS {
        let after = Duration::from_millis(rng.below(120));
        let committed = run_writer(tmp.path(), &hex, next, after);
        let last = *committed.last().unwrap();
        reported.extend(&committed);

        let when = format!("trial {trial}");
        let store = open_whole(&sd, &hex, &when).await;
        let present = present(&store).await;
        // Every reported commit is there.
        for n in &reported {
            assert!(
                present.binary_search(n).is_ok(),
                "trial {trial}: committed transaction {n} is missing"
            );
        }
        // At most one more: the one whose commit reached the disk before the kill but
        // whose report did not reach us.
        let extra: Vec<u64> = present
            .iter()
            .filter(|n| reported.binary_search(n).is_err())
            .copied()
            .collect();
        assert!(
            extra.is_empty() || extra == [last + 1],
            "trial {trial}: unreported transactions {extra:?} (last reported {last})"
        );
        if let Some(&n) = extra.first() {
            reported.push(n);
            in_doubt += 1;
        }
        reported.sort_unstable();
        store.close().await;
        next = reported.last().copied().unwrap_or(0) + 1;
    }
    assert!(
        reported.len() as u32 > TRIALS * 2,
        "the writers committed too little to prove anything: {}",
        reported.len()
    );
    eprintln!(
        "{TRIALS} kills, {} committed transactions all present, {in_doubt} committed but unreported at the kill",
        reported.len()
    );
}

#[tokio::test]
async fn two_writers_at_once_take_turns_and_never_corrupt_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let hex = prepared_store(tmp.path()).await;
    let sd = StoreDir::new(tmp.path().to_path_buf());
    // Two programs on one store (two app windows, or the app and the CLI).
    let (mut a, ra, ta, ea) = spawn_writer(tmp.path(), &hex, 0);
    let (mut b, rb, tb, eb) = spawn_writer(tmp.path(), &hex, 1_000_000);
    std::thread::sleep(Duration::from_millis(2500));
    for child in [&mut a, &mut b] {
        assert!(child.try_wait().unwrap().is_none(), "a writer gave up");
        child.kill().unwrap();
        child.wait().unwrap();
    }
    ta.join().unwrap();
    tb.join().unwrap();
    let _ = (ea.join(), eb.join());
    let from_a: Vec<u64> = ra.try_iter().collect();
    let from_b: Vec<u64> = rb.try_iter().collect();
    assert!(
        from_a.len() > 5 && from_b.len() > 5,
        "both wrote: {} and {}",
        from_a.len(),
        from_b.len()
    );
    let store = open_whole(&sd, &hex, "two writers").await;
    let present = present(&store).await;
    for n in from_a.iter().chain(&from_b) {
        assert!(
            present.binary_search(n).is_ok(),
            "committed transaction {n} is missing"
        );
    }
    store.close().await;
}

/// The document importer: adds one large file after another (each encrypted in pieces
/// into the document folder, then its row committed), reporting each committed id.
#[tokio::test]
#[ignore = "started as a child process by killed_document_imports_leave_a_consistent_store"]
async fn crash_document_writer_child() {
    let Some(Child {
        dir,
        store,
        caseworker,
        home,
        ..
    }) = child().await
    else {
        return;
    };
    let source = std::path::Path::new(&dir)
        .join("..")
        .join("stor-skanning.pdf");
    loop {
        let mut input = document_input(
            akta_core::document::DocumentOwner::Home(home),
            "Skannad blankett",
        );
        input.description.doc_type = "blankett".into();
        let d = akta_core::document::add(&store, &caseworker, &source, &input, today())
            .await
            .unwrap();
        println!("COMMITTED {}", d.id);
    }
}

#[tokio::test]
async fn killed_document_imports_leave_a_consistent_store() {
    const DOC_TRIALS: u32 = 25;
    let outer = tempfile::tempdir().unwrap();
    let store_dir = outer.path().join("store");
    std::fs::create_dir(&store_dir).unwrap();
    let hex = prepared_store(&store_dir).await;
    let sd = StoreDir::new(store_dir.clone());
    // A scanned file of 8 MB: long enough that kills land inside the encryption.
    let mut big = b"%PDF-1.7\n".to_vec();
    let mut rng = Lcg(20261130);
    big.extend((0..8_000_000).map(|_| rng.below(256) as u8));
    std::fs::write(outer.path().join("stor-skanning.pdf"), &big).unwrap();
    // Each trial's committed documents are checked and then deleted, so that the
    // disk holds a few scans at a time, never hundreds (a CI machine's disk is small).
    let mut reported = 0usize;
    let mut leftovers = 0u64;
    for trial in 0..DOC_TRIALS {
        let after = Duration::from_millis(rng.below(400));
        let committed = run_child("crash_document_writer_child", &store_dir, &hex, 0, after);
        reported += committed.len();
        let when = format!("document trial {trial}");
        let store = open_whole(&sd, &hex, &when).await;
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, blob FROM documents")
            .fetch_all(store.pool())
            .await
            .unwrap();
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        for n in &committed {
            assert!(
                ids.contains(&(*n as i64)),
                "{when}: committed document {n} is missing"
            );
        }
        // No row without its file, and every file with a row opens to the original.
        let karin = Actor::user(user::get(&store, 1).await.unwrap());
        for id in &ids {
            let (_, bytes) = akta_core::document::open(&store, &karin, *id)
                .await
                .unwrap_or_else(|e| panic!("{when}: document {id} does not open: {e:?}"));
            assert!(bytes == big, "{when}: document {id} differs");
        }
        // A file without a row (killed before the commit) has no key anywhere: it is
        // removed by the folder check once it is older than the grace period.
        let names: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        let folder = akta_core::document::blob::folder(&sd);
        let old = std::time::SystemTime::now() - akta_core::document::blob::SWEEP_GRACE * 2;
        for e in std::fs::read_dir(&folder).unwrap() {
            let e = e.unwrap();
            if !names.contains(&e.file_name().to_string_lossy().as_ref()) {
                leftovers += 1;
                std::fs::File::options()
                    .write(true)
                    .open(e.path())
                    .unwrap()
                    .set_modified(old)
                    .unwrap();
            }
        }
        akta_core::document::check_folder(&store).await.unwrap();
        for (_, name) in &rows {
            assert!(folder.join(name).exists(), "{when}: a row without its file");
        }
        let files = std::fs::read_dir(&folder).unwrap().count();
        assert_eq!(
            files,
            rows.len(),
            "{when}: files without rows stay after the check"
        );
        for id in &ids {
            akta_core::document::delete(&store, &karin, *id)
                .await
                .unwrap();
        }
        store.close().await;
    }
    assert!(reported > 5, "too few imports committed: {reported}");
    eprintln!(
        "{DOC_TRIALS} kills during imports, {reported} committed documents all open, {leftovers} unfinished files removed"
    );
}
