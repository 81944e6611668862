//! `akta bench`'s retention figures, and the bulk fill that `akta demo --bulk-rows`
//! shares with the benchmarks.

use std::time::Instant;

use serde::Serialize;

use crate::bench::{bench_store, ms, sentence, synthetic_person, Lcg, BENCH_PASSPHRASE};
use crate::crypto::Passphrase;
use crate::error::{Error, Result};
use crate::person::repo;
use crate::store::{Store, StoreDir, Unlock};

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
pub(crate) async fn retention_figures(
    tmp: &std::path::Path,
    rows: u32,
) -> Result<RetentionFigures> {
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
