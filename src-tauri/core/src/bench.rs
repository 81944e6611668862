//! `akta bench`: the store's speed, SQLCipher against plain SQLite with the same schema,
//! pragmas and statements, in one run, reported as ratios. Not a test: numbers go to
//! docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::SqlitePool;

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

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub persons: u32,
    pub cipher_version: String,
    pub passphrase_unwrap_ms: f64,
    pub figures: Vec<Figure>,
}

impl BenchReport {
    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "SQLCipher {} vs plain SQLite (same schema and pragmas), {} persons\n\n\
             | operation | SQLCipher (ms) | plain (ms) | ratio |\n|---|---:|---:|---:|\n",
            self.cipher_version, self.persons
        );
        for f in &self.figures {
            s.push_str(&format!(
                "| {} | {:.1} | {:.1} | {:.2}× |\n",
                f.name, f.encrypted_ms, f.plaintext_ms, f.ratio
            ));
        }
        s.push_str(&format!(
            "\nPassphrase unlock (age scrypt, interactive cost) adds {:.0} ms once per unlock.\n",
            self.passphrase_unwrap_ms
        ));
        s
    }
}

fn ms(d: Duration) -> f64 {
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

async fn plain_pool(path: &std::path::Path) -> Result<SqlitePool> {
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(connect::plaintext_options(path)?)
        .await?;
    MIGRATOR.run(&pool).await.map_err(connect::map_migrate)?;
    Ok(pool)
}

/// Runs every measurement in temporary folders, which are removed afterwards.
pub async fn run(persons: u32) -> Result<BenchReport> {
    let tmp = std::env::temp_dir().join(format!("akta-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let result = run_in(&tmp, persons.max(100)).await;
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

async fn run_in(tmp: &std::path::Path, persons: u32) -> Result<BenchReport> {
    let dir = StoreDir::new(tmp.join("encrypted"));
    let pass = Passphrase::new("bench-lösenfras-123".into());
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

    Ok(BenchReport {
        persons,
        cipher_version,
        passphrase_unwrap_ms,
        figures,
    })
}
