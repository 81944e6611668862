//! A retention run: each due file purged in its own transaction, the persons it leaves
//! referenced by nothing forgotten, old backups and logs swept, and a receipt without
//! personal data stored; and the receipts read back.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::holds::hold_reasons;
use super::survey::survey;
use super::{files, rule, rules, FileDue, FileKind, Receipt, ReceiptLine};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

fn file_hash(store_id: &str, f: &FileDue) -> String {
    let kind = match f.kind {
        FileKind::Home => "home",
        FileKind::Child => "child",
    };
    Sha256::digest(format!(
        "akta-purge-v1\x1f{store_id}\x1f{kind}\x1f{}\x1f{}",
        f.id, f.anchor_on
    ))
    .iter()
    .map(|b| format!("{b:02x}"))
    .collect()
}

/// How many files one transaction purges: few enough that a crash loses little work,
/// many enough that the commits' syncs do not dominate.
pub const FILES_PER_TRANSACTION: usize = 100;

/// Deletes the persons in `candidates` that nothing refers to any more (and that no
/// open request or hold keeps), with their consents and processing links.
async fn forget_unreferenced(
    conn: &mut SqliteConnection,
    actor: &Actor,
    candidates: &[i64],
    as_of: NaiveDate,
) -> Result<i64> {
    let mut n = 0;
    for &id in candidates {
        if crate::catalogue::person_referenced(conn, id).await?
            || !hold_reasons(conn, &[id], None, as_of).await?.is_empty()
        {
            continue;
        }
        for table in crate::catalogue::OWNED_BY_PERSON {
            let sql = format!("DELETE FROM {table} WHERE person_id = ?");
            n += sqlx::query(&sql)
                .bind(id)
                .execute(&mut *conn)
                .await?
                .rows_affected() as i64;
        }
        n += sqlx::query("DELETE FROM persons WHERE id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected() as i64;
        audit::record(
            conn,
            actor,
            AuditAction::Delete,
            EntityKind::Person,
            Some(id),
        )
        .await?;
    }
    Ok(n)
}

/// Purges one file in the caller's transaction: its rows (as the catalogue names them),
/// then the persons it named that nothing refers to any more. Returns what went: the
/// rows, the documents among them and their files (for the caller to remove after the
/// commit), and the count of persons forgotten.
async fn purge(
    conn: &mut SqliteConnection,
    actor: &Actor,
    f: &FileDue,
    as_of: NaiveDate,
) -> Result<(files::Deleted, i64)> {
    let deleted = files::delete(conn, actor, f.kind, f.id).await?;
    let forgotten = forget_unreferenced(conn, actor, &deleted.persons, as_of).await?;
    Ok((deleted, forgotten))
}

/// Runs retention as of `as_of`: every due file that is not held is purged, up to
/// [`FILES_PER_TRANSACTION`] files in a transaction (deleting leaves nothing behind:
/// `Store::scrub`); then a receipt is stored and returned. Children's files go before
/// homes (a home waits for the children placed in it). A file's documents go keys
/// first: their rows commit with the file's, then their files are removed (a crash in
/// between leaves files nobody can open, which the folder check at open removes).
pub async fn run(store: &Store, actor: &Actor, as_of: NaiveDate) -> Result<Receipt> {
    actor.require(Permission::ManageRetention)?;
    let store_id = store.meta().store_id.clone();
    let mut lines: Vec<ReceiptLine> = Vec::new();
    let mut hashes = Vec::new();
    // Homes are looked at again after the children went.
    for kind in [FileKind::Child, FileKind::Home] {
        let mut conn = store.pool().acquire().await?;
        let due: Vec<FileDue> = survey(&mut conn, as_of)
            .await?
            .due
            .into_iter()
            .filter(|f| f.kind == kind)
            .collect();
        drop(conn);
        // Files in batches, each batch one transaction: a crash loses at most the
        // batch in progress, which the next run purges again.
        for batch in due.chunks(FILES_PER_TRANSACTION) {
            let mut tx = store.begin().await?;
            let mut done = Vec::with_capacity(batch.len());
            for f in batch {
                done.push(purge(&mut tx, actor, f, as_of).await?);
            }
            tx.commit().await?;
            let blobs: Vec<String> = done
                .iter_mut()
                .flat_map(|(deleted, _)| std::mem::take(&mut deleted.blobs))
                .collect();
            if !blobs.is_empty() {
                crate::document::forget_keys(store).await;
                crate::document::blob::remove(store.dir(), &blobs);
            }
            for (f, (deleted, persons)) in batch.iter().zip(done) {
                hashes.push(file_hash(&store_id, f));
                match lines.iter_mut().find(|l| l.rule == f.rule) {
                    Some(l) => {
                        l.files += 1;
                        l.rows += deleted.rows;
                        l.persons += persons;
                        l.documents += deleted.documents;
                    }
                    None => lines.push(ReceiptLine {
                        rule: f.rule.clone(),
                        category: f.category.clone(),
                        files: 1,
                        rows: deleted.rows,
                        persons,
                        documents: deleted.documents,
                    }),
                }
            }
        }
    }
    if !hashes.is_empty() {
        store.scrub().await;
        // The rewrite went through the write-ahead log: move it in and truncate it.
        crate::document::forget_keys(store).await;
    }
    // Backups and technical logs older than their rules' periods.
    let rules = rules(store).await?;
    type Sweep = fn(&crate::store::StoreDir, NaiveDate) -> Result<u64>;
    let sweeps: [(&str, Sweep); 2] = [
        ("backups", crate::backup::delete_older_than),
        ("technical_logs", crate::logs::delete_older_than),
    ];
    for (code, sweep) in sweeps {
        let r = rule(&rules, code)?;
        let months = u32::try_from(r.period_months).unwrap_or(0);
        let days = u64::try_from(r.period_days).unwrap_or(0);
        let cutoff = as_of
            .checked_sub_months(Months::new(months))
            .and_then(|d| d.checked_sub_days(Days::new(days)))
            .unwrap_or(NaiveDate::MIN);
        let gone = sweep(store.dir(), cutoff)?;
        if gone > 0 {
            lines.push(ReceiptLine {
                rule: r.code.clone(),
                category: r.category.clone(),
                files: gone as i64,
                rows: 0,
                persons: 0,
                documents: 0,
            });
        }
    }
    let run_at = Utc::now();
    let summary = serde_json::to_string(&lines).map_err(|e| Error::Internal(e.to_string()))?;
    let file_hashes = serde_json::to_string(&hashes).map_err(|e| Error::Internal(e.to_string()))?;
    let mut tx = store.begin().await?;
    let id = sqlx::query!(
        "INSERT INTO retention_receipts (run_at, as_of, summary, file_hashes) VALUES (?, ?, ?, ?)",
        run_at,
        as_of,
        summary,
        file_hashes
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Delete,
        EntityKind::RetentionRun,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    for l in &lines {
        tracing::info!(
            receipt = id,
            rule = %l.rule,
            files = l.files,
            rows = l.rows,
            documents = l.documents,
            "retention purged"
        );
    }
    Ok(Receipt {
        id,
        run_at,
        as_of,
        lines,
        file_hashes: hashes,
    })
}

/// Every receipt, newest first.
pub async fn receipts(store: &Store) -> Result<Vec<Receipt>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", run_at AS "run_at: DateTime<Utc>", as_of AS "as_of: NaiveDate", summary, file_hashes
           FROM retention_receipts ORDER BY id DESC"#
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Receipt {
                id: r.id,
                run_at: r.run_at,
                as_of: r.as_of,
                lines: serde_json::from_str(&r.summary)
                    .map_err(|e| Error::Internal(e.to_string()))?,
                file_hashes: serde_json::from_str(&r.file_hashes)
                    .map_err(|e| Error::Internal(e.to_string()))?,
            })
        })
        .collect()
}
