//! `akta bench`: the store's speed, SQLCipher against plain SQLite with the same schema,
//! pragmas and statements, in one run, reported as ratios. Not a test: numbers go to
//! docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::SqlitePool;

pub use crate::bench_backup::{BackupFigures, TransferFigures};
pub use crate::bench_extract::ExtractFigures;
pub use crate::bench_report::{BenchReport, Part, Parts, StoreFigures, Target};
pub use crate::bench_retention::{bulk_fill, RetentionFigures};
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

pub(crate) fn synthetic_person(i: u32) -> PersonInput {
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
        report.transfer =
            Some(crate::bench_backup::transfer_figures(tmp, sizes.transfer_entries).await?);
    }
    if want(Part::Backup) {
        report.backup =
            Some(crate::bench_backup::backup_figures(tmp, sizes.backup_megabytes).await?);
    }
    if want(Part::Retention) {
        report.retention =
            Some(crate::bench_retention::retention_figures(tmp, sizes.retention_rows).await?);
    }
    if want(Part::Extract) {
        for entries in [20, sizes.extract_entries] {
            report
                .extracts
                .push(crate::bench_extract::extract_figures(tmp, entries).await?);
        }
    }
    Ok(report)
}
