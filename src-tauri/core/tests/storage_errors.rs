//! The storage failures a user can act on get their own codes, produced here by real
//! SQLite conditions (not constructed errors): disk full, read-only, busy.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::user::Actor;

use std::time::Duration;

use akta_core::crypto::DbKey;
use akta_core::error::{Error, ErrorCode};
use akta_core::person::{self, PersonInput};
use akta_core::store::{connection_options, Store, StoreDir, Unlock};
use common::*;
use sqlx::{ConnectOptions, Connection};

fn someone(i: u32) -> PersonInput {
    PersonInput {
        given_name: format!("Namn{i}"),
        family_name: "X".repeat(90),
        ..Default::default()
    }
}

async fn store_with_key(dir: &std::path::Path) -> (Store, DbKey) {
    let store = new_store(dir).await;
    store.close().await;
    let sd = StoreDir::new(dir.to_path_buf());
    let wrapped = std::fs::read(sd.passphrase_wrap()).unwrap();
    let key = akta_core::crypto::unwrap_with_passphrase(&wrapped, &passphrase()).unwrap();
    let store = Store::open(&sd, Unlock::Key(key.clone())).await.unwrap();
    (store, key)
}

#[tokio::test]
async fn a_full_disk_is_disk_full_and_keeps_what_was_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, key) = store_with_key(tmp.path()).await;
    person::add(&store, &Actor::device(), &someone(0), today())
        .await
        .unwrap();
    store.close().await;
    // A connection whose database may not grow: SQLite answers SQLITE_FULL.
    let db = tmp.path().join("akta.db");
    let mut conn = connection_options(&db, &key, false)
        .connect()
        .await
        .unwrap();
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("PRAGMA max_page_count = {pages}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let mut err = None;
    for i in 0..500 {
        let r = sqlx::query("INSERT INTO persons (given_name, family_name, created_at, updated_at) VALUES (?, ?, '', '')")
            .bind(format!("Namn{i}"))
            .bind("Y".repeat(500))
            .execute(&mut conn)
            .await;
        if let Err(e) = r {
            err = Some(Error::from(e));
            break;
        }
    }
    let err = err.expect("the database should have filled up");
    assert_eq!(err.code(), ErrorCode::DiskFull, "{err:?}");
    conn.close().await.unwrap();
    let store = Store::open(&StoreDir::new(tmp.path().to_path_buf()), Unlock::Key(key))
        .await
        .unwrap();
    assert!(person::count(&store).await.unwrap() >= 1);
    store.close().await;
}

#[tokio::test]
async fn a_read_only_store_is_store_read_only_and_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, key) = store_with_key(tmp.path()).await;
    person::add(&store, &Actor::device(), &someone(0), today())
        .await
        .unwrap();
    store.close().await;
    let db = tmp.path().join("akta.db");
    let mut conn = connection_options(&db, &key, false)
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let e = sqlx::query("DELETE FROM persons")
        .execute(&mut conn)
        .await
        .unwrap_err();
    let e = Error::from(e);
    assert_eq!(e.code(), ErrorCode::StoreReadOnly, "{e:?}");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM persons")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(n, 1);
    conn.close().await.unwrap();
}

#[tokio::test]
async fn a_store_held_by_another_writer_is_store_busy_and_nothing_half_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, key) = store_with_key(tmp.path()).await;
    let db = tmp.path().join("akta.db");
    // Another program holds the write lock.
    let mut other = connection_options(&db, &key, false)
        .connect()
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    // A writer that waits only briefly.
    let mut impatient = connection_options(&db, &key, false)
        .busy_timeout(Duration::from_millis(50))
        .connect()
        .await
        .unwrap();
    let e = sqlx::query("INSERT INTO persons (given_name, family_name, created_at, updated_at) VALUES ('A', 'B', '', '')")
        .execute(&mut impatient)
        .await
        .unwrap_err();
    assert_eq!(Error::from(e).code(), ErrorCode::StoreBusy);
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    impatient.close().await.unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 0);
    // Work resumes once the other program lets go.
    person::add(&store, &Actor::device(), &someone(1), today())
        .await
        .unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    store.close().await;
}
