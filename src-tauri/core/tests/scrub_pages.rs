//! Why `Store::scrub` vacuums after a deletion. `secure_delete` zeroes a deleted row
//! where it lies, but when a row grows and its page is rebuilt, SQLite moves the row and
//! leaves its old bytes in the unused middle of a live page: no delete touches them
//! there. The test makes such rows in a real encrypted store, deletes them, and finds
//! their text in a decrypted page; after `Store::scrub` (which vacuums) no page has it.
//! If the scrub stops rewriting the pages, this test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use common::*;

/// Pages of the store's database file, decrypted, once the log is written back.
async fn pages(store: &akta_core::store::Store, dir: &std::path::Path) -> Vec<Vec<u8>> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .unwrap();
    decrypted_pages(&dir.join("akta.db"), &raw_key(dir))
}

fn copies(pages: &[Vec<u8>]) -> usize {
    pages
        .iter()
        .map(|p| p.windows(6).filter(|w| w == b"QZMARK").count())
        .sum()
}

#[tokio::test]
async fn rows_that_grew_leave_copies_that_only_the_scrub_removes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let pool = store.pool();
    sqlx::query("CREATE TABLE scratch (id INTEGER PRIMARY KEY, grp INTEGER, text TEXT)")
        .execute(pool)
        .await
        .unwrap();
    // Rows of ten groups in turn, of varied length; the first group's are marked.
    let mut seed: u64 = 7;
    let mut tx = pool.begin().await.unwrap();
    for i in 0..5_000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let grp = (seed >> 33) % 10;
        let len = 20 + (seed >> 40) as usize % 280;
        let head = if grp == 0 {
            format!("QZMARK{i:05}")
        } else {
            "kvar".into()
        };
        sqlx::query("INSERT INTO scratch (grp, text) VALUES (?, ?)")
            .bind(grp as i64)
            .bind(format!("{head} {}", "x".repeat(len)))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    // The marked rows grow (a draft written on), so their pages are rebuilt.
    for _ in 0..3 {
        sqlx::query("UPDATE scratch SET text = text || ? WHERE grp = 0")
            .bind("z".repeat(57))
            .execute(pool)
            .await
            .unwrap();
    }
    sqlx::query("DELETE FROM scratch WHERE grp = 0")
        .execute(pool)
        .await
        .unwrap();
    let after_delete = copies(&pages(&store, tmp.path()).await);
    assert!(
        after_delete > 0,
        "the delete alone leaves copies in the pages' unused space"
    );
    store.scrub().await;
    assert_eq!(copies(&pages(&store, tmp.path()).await), 0);
    store.close().await;
}
