//! `akta bench`: the store's speed, SQLCipher against plain SQLite with the same schema,
//! pragmas and statements, in one run, reported as ratios. Not a test: numbers go to
//! docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::SqlitePool;

use crate::bench_report::memory;
pub use crate::bench_report::{BenchReport, Part, Parts, StoreFigures, Target};
use crate::crypto::{self, DbKey, OsKeychain, Passphrase, PassphraseCost};
use crate::error::{Error, Result};
use crate::person::{repo, PersonInput};
use crate::store::{connect, CreateOptions, KeychainUse, Store, StoreDir, Unlock, MIGRATOR};
use crate::validate::luhn_check_digit;

/// One measured operation.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub name: String,
    pub encrypted_ms: f64,
    pub plaintext_ms: f64,
    /// encrypted / plaintext.
    pub ratio: f64,
}

/// How large each part of the run is (`akta bench` flags).
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub persons: u32,
    pub journal_entries: u32,
    pub transfer_entries: u32,
    pub backup_megabytes: u32,
    pub retention_rows: u32,
    /// Journal entries in the larger register extract's file (the smaller has 20).
    pub extract_entries: u32,
    /// Which parts run (`--only`); all when empty.
    pub only: Parts,
}

/// Retention over a store of foster-home files of which a tenth are due: the preview
/// and the run (`akta retention preview|run`), against plain statements doing the same
/// on a copy of the same store in the same run.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionFigures {
    /// Rows in the files before the run (homes, members, persons, journal entries).
    pub rows: u64,
    pub files: u32,
    pub due_files: u32,
    pub due_rows: i64,
    pub store_bytes: u64,
    pub preview_ms: f64,
    /// One aggregate query listing the closed homes with their entry counts.
    pub preview_baseline_ms: f64,
    /// Transactions of up to 100 files, audit events, receipt, the scrub (index merge,
    /// VACUUM).
    pub run_ms: f64,
    /// The same rows deleted by plain statements in one transaction, then the same
    /// scrub, on a copy of the store.
    pub run_baseline_ms: f64,
    pub store_bytes_after: u64,
}

/// A backup of a store of about `megabytes`, against a plain `VACUUM INTO` of it.
#[derive(Debug, Clone, Serialize)]
pub struct BackupFigures {
    pub store_bytes: u64,
    pub vacuum_into_ms: f64,
    /// Snapshot, integrity check, age sealing (passphrase), rename.
    pub backup_ms: f64,
    pub backup_bytes: u64,
    /// `PRAGMA integrity_check` (the backup's check) and `quick_check` of the store.
    pub integrity_check_ms: f64,
    pub quick_check_ms: f64,
}

/// A register extract for a person whose home's file has `entries` journal entries.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractFigures {
    pub entries: u32,
    /// Gather, redact, render the PDF and the JSON, record hashes: the whole command.
    pub ms: f64,
    pub pages: u32,
    pub pdf_bytes: u64,
    pub json_bytes: u64,
    /// How far the process's peak resident memory rose above what it held before the
    /// extract (MB; Linux only).
    pub peak_extra_mb: Option<f64>,
}

/// Whole-store transfer (`akta export` / `akta import`) of a store with many journal
/// entries, against inserting the same entries with plain statements in the same run.
#[derive(Debug, Clone, Serialize)]
pub struct TransferFigures {
    pub entries: u32,
    pub bytes: u64,
    pub export_ms: f64,
    pub import_ms: f64,
    /// The same entries inserted in one transaction without checks or audit events.
    pub raw_insert_ms: f64,
    pub import_rows_per_s: f64,
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn figure(name: &str, enc: Duration, plain: Duration) -> Figure {
    let (e, p) = (ms(enc), ms(plain));
    Figure {
        name: name.into(),
        encrypted_ms: e,
        plaintext_ms: p,
        ratio: if p > 0.0 { e / p } else { 0.0 },
    }
}

fn synthetic_person(i: u32) -> PersonInput {
    // Valid, fictional numbers spread over 1950–1999.
    let year = 50 + (i % 50);
    let month = 1 + (i / 50) % 12;
    let day = 1 + (i / 600) % 28;
    let serial = 100 + (i / 16_800) % 900;
    let nine = format!("{year:02}{month:02}{day:02}{serial:03}");
    PersonInput {
        personal_number: Some(format!("19{nine}{}", luhn_check_digit(&nine))),
        given_name: format!("Förnamn{i}"),
        family_name: format!("Efternamn{i}"),
        email: Some(format!("person{i}@example.se")),
        phone: Some("070-123 45 67".into()),
        street_address: Some(format!("Gatan {i}")),
        postal_code: Some("411 18".into()),
        city: Some("Göteborg".into()),
        protected_identity: false,
    }
}

async fn insert_all(pool: &SqlitePool, n: u32) -> Result<Duration> {
    let today =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(Error::Internal("date".into()))?;
    let people: Vec<_> = (0..n)
        .map(|i| synthetic_person(i).validate(today))
        .collect::<Result<_>>()?;
    let now = chrono::Utc::now();
    let t = Instant::now();
    let mut tx = pool.begin().await?;
    for p in &people {
        repo::insert(&mut tx, p, now).await?;
    }
    tx.commit().await?;
    Ok(t.elapsed())
}

async fn insert_one_per_transaction(pool: &SqlitePool, from: u32, n: u32) -> Result<Duration> {
    let today =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(Error::Internal("date".into()))?;
    let now = chrono::Utc::now();
    let t = Instant::now();
    for i in from..from + n {
        let p = synthetic_person(i).validate(today)?;
        let mut tx = pool.begin().await?;
        repo::insert(&mut tx, &p, now).await?;
        tx.commit().await?;
    }
    Ok(t.elapsed())
}

async fn point_queries(pool: &SqlitePool, n: u32, total: u32) -> Result<Duration> {
    let mut conn = pool.acquire().await?;
    let rows = repo::list_all(&mut conn).await?;
    let numbers: Vec<String> = rows
        .iter()
        .filter_map(|p| p.personal_number.clone())
        .collect();
    let t = Instant::now();
    for i in 0..n {
        let digits = &numbers[(i as usize * 7919) % numbers.len().max(1)];
        let id = repo::id_by_number(&mut conn, digits).await?;
        if id.is_none() {
            return Err(Error::Internal(format!("bench: row missing ({total})")));
        }
    }
    Ok(t.elapsed())
}

async fn scan(pool: &SqlitePool) -> Result<Duration> {
    let mut conn = pool.acquire().await?;
    let t = Instant::now();
    let rows = repo::list_all(&mut conn).await?;
    std::hint::black_box(rows.len());
    Ok(t.elapsed())
}

pub(crate) async fn plain_pool(path: &std::path::Path) -> Result<SqlitePool> {
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(connect::plaintext_options(path)?)
        .await?;
    MIGRATOR.run(&pool).await.map_err(connect::map_migrate)?;
    Ok(pool)
}

const WORDS: &[&str] = &[
    "hembesök",
    "samtal",
    "skolan",
    "umgänge",
    "mamma",
    "pappa",
    "familjehemmet",
    "oro",
    "trivs",
    "läkarbesök",
    "tandläkare",
    "fritids",
    "fotboll",
    "handledning",
    "nätverksmöte",
    "socialtjänsten",
    "placeringen",
    "sömn",
    "måltider",
    "kompisar",
    "läxor",
    "semester",
    "vårdnadshavare",
    "uppföljning",
    "gymnastik",
    "bibliotek",
    "sjukdom",
    "körkort",
    "sommarlov",
    "julafton",
    "födelsedag",
    "cykel",
    "simskola",
    "mormor",
    "morfar",
    "syskon",
    "åtgärdsprogram",
    "elevhälsan",
    "kurator",
    "psykolog",
    "BUP",
    "medicin",
    "dagis",
    "förskolan",
    "ledsen",
    "glad",
    "arg",
    "orolig",
    "lugn",
    "trygg",
];

/// A deterministic pseudo-random sequence (no dependency, same text every run).
pub(crate) struct Lcg(pub(crate) u64);
impl Lcg {
    pub(crate) fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

pub(crate) fn sentence(r: &mut Lcg, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[r.next() % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inserts `entries` journal entries with the text `text` makes, in one transaction
/// (the time returned), into a store with one user and one home.
pub(crate) async fn insert_journal(
    pool: &SqlitePool,
    entries: u32,
    mut text: impl FnMut(&mut Lcg) -> String,
) -> Result<Duration> {
    let now = chrono::Utc::now();
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO users (name, role, created_at, updated_at) VALUES ('Bench', 'handlaggare', ?, ?)")
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO foster_homes (name, kind, status, created_at, updated_at) VALUES ('Bench', 'familjehem', 'aktiv', ?, ?)")
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut r = Lcg(42);
    let t = Instant::now();
    let mut tx = pool.begin().await?;
    for _ in 0..entries {
        sqlx::query(
            "INSERT INTO journal_entries (home_id, kind, event_date, text, author_id, created_at, updated_at)
             VALUES (1, 'note', '2026-01-01', ?, 1, ?, ?)",
        )
        .bind(text(&mut r))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let elapsed = t.elapsed();
    // Both stores answer from the database file, not a large write-ahead log.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    Ok(elapsed)
}

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    ms(sorted[i.min(sorted.len() - 1)])
}

/// Runs every measurement in temporary folders, which are removed afterwards.
pub async fn run(sizes: Sizes) -> Result<BenchReport> {
    let tmp = std::env::temp_dir().join(format!("akta-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let result = run_in(
        &tmp,
        Sizes {
            persons: sizes.persons.max(100),
            journal_entries: sizes.journal_entries.max(100),
            transfer_entries: sizes.transfer_entries.max(100),
            backup_megabytes: sizes.backup_megabytes.max(1),
            retention_rows: sizes.retention_rows.max(1_000),
            extract_entries: sizes.extract_entries.max(21),
            only: sizes.only,
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

pub(crate) const BENCH_PASSPHRASE: &str = "bench-lösenfras-123";

/// Rows per foster-home file in the retention figures: the home, one member (a
/// person and the membership) and 97 journal entries.
const ROWS_PER_HOME: u32 = 100;

/// Fills a store with about `rows` rows of synthetic foster-home files (`akta demo
/// --bulk-rows`, and the benchmarks): per home one adult member and 97 journal
/// entries; every tenth home closed in 2020 (so due for purge), the rest active.
/// Plain statements in one transaction, no audit events: this is load, not casework.
/// The entries are written by `author` (a profile's id), or by a profile "Bench"
/// added for them. Returns the number of homes.
pub async fn bulk_fill(store: &Store, rows: u32, author: Option<i64>) -> Result<u32> {
    let homes = (rows / ROWS_PER_HOME).max(10);
    let now = chrono::Utc::now();
    let today =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(Error::Internal("date".into()))?;
    let mut r = Lcg(5);
    let mut next_number = 2_000_000;
    let mut tx = store.begin().await?;
    let author = match author {
        Some(id) => id,
        None => sqlx::query("INSERT INTO users (name, role, created_at, updated_at) VALUES ('Bench', 'handlaggare', ?, ?)")
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid(),
    };
    for h in 0..homes {
        let closed = h % 10 == 0;
        let home = sqlx::query(
            "INSERT INTO foster_homes (name, kind, status, closed_on, created_at, updated_at)
             VALUES (?, 'familjehem', ?, ?, ?, ?)",
        )
        .bind(format!("Familjen {h}"))
        .bind(if closed { "avslutad" } else { "aktiv" })
        .bind(closed.then_some("2020-06-30"))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        // The next made-up number that no one in the store has (demo data may).
        let member = loop {
            let p = synthetic_person(next_number).validate(today)?;
            next_number += 1;
            let digits = p.number.as_ref().map(|n| n.digits().to_owned());
            match digits {
                Some(d) if repo::id_by_number(&mut tx, &d).await?.is_some() => continue,
                _ => break p,
            }
        };
        let person = repo::insert(&mut tx, &member, now).await?;
        sqlx::query(
            "INSERT INTO foster_home_members (home_id, person_id, role) VALUES (?, ?, 'vuxen')",
        )
        .bind(home)
        .bind(person)
        .execute(&mut *tx)
        .await?;
        for _ in 3..ROWS_PER_HOME {
            sqlx::query(
                "INSERT INTO journal_entries (home_id, kind, event_date, text, author_id, created_at, updated_at)
                 VALUES (?, 'note', '2020-01-01', ?, ?, ?, ?)",
            )
            .bind(home)
            .bind(sentence(&mut r, 60))
            .bind(author)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    Ok(homes)
}

/// Preview and run on one store; plain statements doing the same on a copy of it.
async fn retention_figures(tmp: &std::path::Path, rows: u32) -> Result<RetentionFigures> {
    let dir = StoreDir::new(tmp.join("retention"));
    let store = bench_store(&dir).await?;
    let homes = bulk_fill(&store, rows, None).await?;
    store.close().await;
    let store_bytes = std::fs::metadata(dir.db())?.len();
    // The baseline's copy: the same bytes and key files.
    let copy = StoreDir::new(tmp.join("retention-baseline"));
    std::fs::create_dir_all(copy.root())?;
    for entry in std::fs::read_dir(dir.root())? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), copy.root().join(entry.file_name()))?;
        }
    }
    let unlock = || Unlock::Passphrase(Passphrase::new(BENCH_PASSPHRASE.into()));
    let as_of =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(Error::Internal("date".into()))?;
    let device = crate::user::Actor::device();

    let store = Store::open(&dir, unlock()).await?;
    let t = Instant::now();
    let preview = crate::retention::preview(&store, &device, as_of).await?;
    let preview_ms = ms(t.elapsed());
    let t = Instant::now();
    let receipt = crate::retention::run(&store, &device, as_of).await?;
    let run_ms = ms(t.elapsed());
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM journal_entries")
        .fetch_one(store.pool())
        .await?;
    store.close().await;
    let store_bytes_after = std::fs::metadata(dir.db())?.len();

    let base = Store::open(&copy, unlock()).await?;
    let t = Instant::now();
    let listed: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT h.id, (SELECT count(*) FROM journal_entries e WHERE e.home_id = h.id)
         FROM foster_homes h WHERE h.status = 'avslutad' AND h.closed_on <= date(?, '-2 years')",
    )
    .bind(as_of)
    .fetch_all(base.pool())
    .await?;
    let preview_baseline_ms = ms(t.elapsed());
    let t = Instant::now();
    let mut tx = base.begin().await?;
    let due = "SELECT id FROM foster_homes WHERE status = 'avslutad' AND closed_on <= date(?, '-2 years')";
    let members: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT person_id FROM foster_home_members WHERE home_id IN ({due})"
    ))
    .bind(as_of)
    .fetch_all(&mut *tx)
    .await?;
    for table in ["journal_entries", "foster_home_members"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE home_id IN ({due})"))
            .bind(as_of)
            .execute(&mut *tx)
            .await?;
    }
    for person in &members {
        sqlx::query("DELETE FROM persons WHERE id = ?")
            .bind(person)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(&format!("DELETE FROM foster_homes WHERE id IN ({due})"))
        .bind(as_of)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    base.scrub().await;
    let run_baseline_ms = ms(t.elapsed());
    let base_left: i64 = sqlx::query_scalar("SELECT count(*) FROM journal_entries")
        .fetch_one(base.pool())
        .await?;
    base.close().await;

    let due_files = u32::try_from(preview.due.len()).unwrap_or(u32::MAX);
    let due_rows: i64 = preview.due.iter().map(|f| f.rows).sum();
    let purged_files: i64 = receipt.lines.iter().map(|l| l.files).sum();
    if left != base_left
        || listed.len() != preview.due.len()
        || purged_files != i64::from(due_files)
    {
        return Err(Error::Internal(format!(
            "bench: retention and baseline disagree ({left} vs {base_left} entries left, {} vs {} files)",
            preview.due.len(),
            listed.len()
        )));
    }
    Ok(RetentionFigures {
        rows: u64::from(homes) * u64::from(ROWS_PER_HOME),
        files: homes,
        due_files,
        due_rows,
        store_bytes,
        preview_ms,
        preview_baseline_ms,
        run_ms,
        run_baseline_ms,
        store_bytes_after,
    })
}

pub(crate) async fn bench_store(dir: &StoreDir) -> Result<Store> {
    Store::create(
        dir,
        CreateOptions {
            passphrase: Some(Passphrase::new(BENCH_PASSPHRASE.into())),
            recovery_recipient: None,
            keychain: KeychainUse::Off,
            passphrase_cost: PassphraseCost::TestOnly(10),
        },
        &OsKeychain::new(),
    )
    .await
}

/// A person in a home whose file holds `entries` journal entries (sentences that name
/// the other adult now and then), then one register extract for them.
async fn extract_figures(tmp: &std::path::Path, entries: u32) -> Result<ExtractFigures> {
    use crate::foster_home::{self, FosterHomeInput, HomeKind, MemberRole};
    use crate::rights::{self, RequestInput, RequestKind};
    let store = bench_store(&StoreDir::new(tmp.join(format!("extract-{entries}")))).await?;
    let device = crate::user::Actor::device();
    let today = crate::today();
    let dpo = crate::user::add(
        &store,
        &device,
        &crate::user::UserInput {
            name: "Bench Dataskydd".into(),
            title: None,
            role: crate::user::Role::Dataskyddsansvarig,
        },
    )
    .await?;
    let actor = crate::user::Actor::user(dpo.clone());
    let mut people = Vec::new();
    for (i, given) in ["Åsa", "Örjan"].into_iter().enumerate() {
        let p = synthetic_person(900_000 + i as u32);
        let p = crate::person::add(
            &store,
            &device,
            &PersonInput {
                given_name: given.into(),
                family_name: "Ängström".into(),
                ..p
            },
            today,
        )
        .await?;
        people.push(p.id);
    }
    let home = foster_home::add(
        &store,
        &device,
        &FosterHomeInput {
            name: "Familjen Ängström".into(),
            kind: HomeKind::Familjehem,
            street_address: Some("Storgatan 1".into()),
            postal_code: Some("41101".into()),
            city: Some("Göteborg".into()),
            municipality_id: None,
        },
        today,
    )
    .await?;
    for &p in &people {
        foster_home::add_member(&store, &device, home.id, p, MemberRole::Vuxen).await?;
    }
    let now = chrono::Utc::now();
    let mut r = Lcg(11);
    let mut tx = store.begin().await?;
    for i in 0..entries {
        let text = if i % 10 == 0 {
            format!("Samtal med Örjan. {}", sentence(&mut r, 40))
        } else {
            sentence(&mut r, 60)
        };
        sqlx::query(
            "INSERT INTO journal_entries (home_id, kind, event_date, text, author_id, created_at, updated_at)
             VALUES (?, 'note', '2026-01-01', ?, ?, ?, ?)",
        )
        .bind(home.id)
        .bind(text)
        .bind(dpo.id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let request = rights::create(
        &store,
        &actor,
        &RequestInput {
            person_id: people[0],
            kind: RequestKind::Access,
            received_on: today,
            identity_method: Some("BankID".into()),
            identity_verified_on: Some(today),
        },
        today,
    )
    .await?;
    let before = memory::reset_peak();
    let t = Instant::now();
    let docs = rights::extract::create(
        &store,
        &actor,
        request.id,
        today,
        rights::extract::Review::AcceptAutomatic,
    )
    .await?;
    let elapsed = t.elapsed();
    store.close().await;
    Ok(ExtractFigures {
        entries,
        ms: ms(elapsed),
        pages: docs.pages,
        pdf_bytes: docs.pdf.len() as u64,
        json_bytes: docs.json.len() as u64,
        peak_extra_mb: memory::peak_above(before),
    })
}

/// A store grown to about `megabytes` with journal entries, then a plain `VACUUM INTO`
/// and a backup of it.
async fn backup_figures(tmp: &std::path::Path, megabytes: u32) -> Result<BackupFigures> {
    let dir = StoreDir::new(tmp.join("backup-from"));
    // Sealed to an agency recipient, as a real store is (no scrypt in the figure).
    let agency = crypto::generate_recovery_identity();
    let store = Store::create(
        &dir,
        CreateOptions {
            passphrase: Some(Passphrase::new(BENCH_PASSPHRASE.into())),
            recovery_recipient: Some(agency.recipient()),
            keychain: KeychainUse::Off,
            passphrase_cost: PassphraseCost::TestOnly(10),
        },
        &OsKeychain::new(),
    )
    .await?;
    // About 1 kB per entry with its share of the full-text index.
    insert_journal(store.pool(), megabytes.saturating_mul(1000), |r| {
        sentence(r, 60)
    })
    .await?;
    let store_bytes = std::fs::metadata(dir.db())?.len();
    let plain = tmp.join("vacuum-into.db");
    let t = Instant::now();
    sqlx::query("VACUUM INTO ?")
        .bind(plain.to_string_lossy().into_owned())
        .execute(store.pool())
        .await?;
    let vacuum_into = t.elapsed();
    // Where a backup's time goes besides the snapshot: the checks it could run on it,
    // attached as the backup attaches it.
    let mut checks = Vec::new();
    let mut conn = store.pool().acquire().await?;
    sqlx::query("ATTACH DATABASE ? AS snapshot")
        .bind(plain.to_string_lossy().into_owned())
        .execute(&mut *conn)
        .await?;
    for check in ["integrity_check", "quick_check"] {
        let t = Instant::now();
        let _: String = sqlx::query_scalar(&format!("PRAGMA snapshot.{check}"))
            .fetch_one(&mut *conn)
            .await?;
        checks.push(ms(t.elapsed()));
    }
    sqlx::query("DETACH DATABASE snapshot")
        .execute(&mut *conn)
        .await?;
    drop(conn);
    std::fs::remove_file(&plain)?;
    let out = tmp.join("bench-backup.age");
    let t = Instant::now();
    crate::backup::create(&store, crate::backup::Seal::Recipient, Some(&out)).await?;
    let backup = t.elapsed();
    let backup_bytes = std::fs::metadata(&out)?.len();
    std::fs::remove_file(&out)?;
    store.close().await;
    Ok(BackupFigures {
        store_bytes,
        vacuum_into_ms: ms(vacuum_into),
        backup_ms: ms(backup),
        backup_bytes,
        integrity_check_ms: checks[0],
        quick_check_ms: checks[1],
    })
}

/// Export a store of `entries` journal entries and import it into a new store.
async fn transfer_figures(tmp: &std::path::Path, entries: u32) -> Result<TransferFigures> {
    let src = bench_store(&StoreDir::new(tmp.join("transfer-from"))).await?;
    let raw_insert = insert_journal(src.pool(), entries, |r| sentence(r, 60)).await?;
    let actor = crate::user::Actor::device();
    let t = Instant::now();
    let file = crate::transfer::export(&src, &actor).await?;
    let text = crate::transfer::to_json(&file)?;
    let export = t.elapsed();
    src.close().await;
    drop(file);
    let dst = bench_store(&StoreDir::new(tmp.join("transfer-to"))).await?;
    let t = Instant::now();
    let report = crate::transfer::import(&dst, &actor, text.as_bytes(), crate::today()).await?;
    let import = t.elapsed();
    dst.close().await;
    let rows = report.added_total() + report.matched.values().sum::<u64>();
    Ok(TransferFigures {
        entries,
        bytes: text.len() as u64,
        export_ms: ms(export),
        import_ms: ms(import),
        raw_insert_ms: ms(raw_insert),
        import_rows_per_s: rows as f64 / import.as_secs_f64().max(1e-9),
    })
}

/// SQLCipher against plain SQLite: inserts, point queries, a scan, opening, unlock.
async fn store_figures(tmp: &std::path::Path, persons: u32) -> Result<StoreFigures> {
    let dir = StoreDir::new(tmp.join("encrypted"));
    let pass = Passphrase::new(BENCH_PASSPHRASE.into());
    let store = Store::create(
        &dir,
        CreateOptions {
            passphrase: Some(pass.clone()),
            recovery_recipient: None,
            keychain: KeychainUse::Off,
            passphrase_cost: PassphraseCost::Interactive,
        },
        &OsKeychain::new(),
    )
    .await?;
    let cipher_version = store.info().await?.cipher_version;
    let plain_path = tmp.join("plain.db");
    let plain = plain_pool(&plain_path).await?;

    let mut figures = Vec::new();
    let e = insert_all(store.pool(), persons).await?;
    let p = insert_all(&plain, persons).await?;
    figures.push(figure(
        &format!("insert {persons} persons, one transaction"),
        e,
        p,
    ));

    let single = 1_000;
    let e = insert_one_per_transaction(store.pool(), persons, single).await?;
    let p = insert_one_per_transaction(&plain, persons, single).await?;
    figures.push(figure(
        &format!("insert {single} persons, one transaction each"),
        e,
        p,
    ));

    let e = point_queries(store.pool(), 1_000, persons).await?;
    let p = point_queries(&plain, 1_000, persons).await?;
    figures.push(figure("1,000 point queries by personnummer", e, p));

    let e = scan(store.pool()).await?;
    let p = scan(&plain).await?;
    figures.push(figure(
        &format!("list all {} persons", persons + single),
        e,
        p,
    ));

    // Opening: close both, then time open + schema check, median of 9.
    let key_wrap = std::fs::read(dir.passphrase_wrap())?;
    store.close().await;
    plain.close().await;
    let t = Instant::now();
    let key = crypto::unwrap_with_passphrase(&key_wrap, &pass)?;
    let passphrase_unwrap_ms = ms(t.elapsed());
    let mut enc_times = Vec::new();
    let mut plain_times = Vec::new();
    for _ in 0..9 {
        let t = Instant::now();
        let s = Store::open(&dir, Unlock::Key(DbKey::from_hex(&key.expose_hex())?)).await?;
        sqlx::query("SELECT count(*) FROM persons")
            .execute(s.pool())
            .await?;
        enc_times.push(t.elapsed());
        s.close().await;
        let t = Instant::now();
        let pl = plain_pool(&plain_path).await?;
        sqlx::query("SELECT count(*) FROM persons")
            .execute(&pl)
            .await?;
        plain_times.push(t.elapsed());
        pl.close().await;
    }
    enc_times.sort();
    plain_times.sort();
    figures.insert(
        0,
        figure(
            "open store (raw key) + first query, median of 9",
            enc_times[4],
            plain_times[4],
        ),
    );

    Ok(StoreFigures {
        persons,
        cipher_version,
        passphrase_unwrap_ms,
        figures,
    })
}

async fn run_in(tmp: &std::path::Path, sizes: Sizes) -> Result<BenchReport> {
    let want = |part| sizes.only.has(part);
    let mut report = BenchReport::default();
    if want(Part::Store) {
        report.store = Some(store_figures(tmp, sizes.persons).await?);
    }
    if want(Part::Search) {
        report.search = Some(crate::bench_search::figures(tmp, sizes.journal_entries, 500).await?);
    }
    if want(Part::Persons) {
        report.persons_search =
            Some(crate::bench_persons::persons_search(tmp, sizes.persons, 500).await?);
    }
    if want(Part::Transfer) {
        report.transfer = Some(transfer_figures(tmp, sizes.transfer_entries).await?);
    }
    if want(Part::Backup) {
        report.backup = Some(backup_figures(tmp, sizes.backup_megabytes).await?);
    }
    if want(Part::Retention) {
        report.retention = Some(retention_figures(tmp, sizes.retention_rows).await?);
    }
    if want(Part::Extract) {
        for entries in [20, sizes.extract_entries] {
            report.extracts.push(extract_figures(tmp, entries).await?);
        }
    }
    Ok(report)
}
