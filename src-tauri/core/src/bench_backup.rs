//! `akta bench`'s backup (against a plain `VACUUM INTO`) and whole-store transfer
//! (against a raw insert).

use std::time::Instant;

use serde::Serialize;

use crate::bench::{bench_store, insert_journal, ms, sentence, BENCH_PASSPHRASE};
use crate::crypto::{self, OsKeychain, Passphrase, PassphraseCost};
use crate::error::Result;
use crate::store::{CreateOptions, KeychainUse, Store, StoreDir};

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

/// A store grown to about `megabytes` with journal entries, then a plain `VACUUM INTO`
/// and a backup of it.
pub(crate) async fn backup_figures(tmp: &std::path::Path, megabytes: u32) -> Result<BackupFigures> {
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
pub(crate) async fn transfer_figures(
    tmp: &std::path::Path,
    entries: u32,
) -> Result<TransferFigures> {
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
