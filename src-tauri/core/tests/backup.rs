//! Encrypted backups on real stores: sealed, listed, restored into a new folder only,
//! refused with a wrong passphrase leaving nothing, and aged out by retention.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::backup::{self, Opener, Seal};
use akta_core::crypto::{self, Passphrase};
use akta_core::error::ErrorCode;
use akta_core::store::{Store, StoreDir};
use akta_core::user::Actor;
use akta_core::{demo, person, retention};
use common::*;

async fn demo_store(dir: &std::path::Path, recipient: Option<String>) -> Store {
    let store = Store::create(
        &StoreDir::new(dir.to_path_buf()),
        options(recipient),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap();
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    store
}

#[tokio::test]
async fn a_backup_is_sealed_and_restores_into_a_new_store_only() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("s"), None).await;
    let persons = person::count(&store).await.unwrap();
    // The snapshot VACUUM INTO writes is encrypted with the store key, not plaintext.
    let probe = tmp.path().join("probe.db");
    sqlx::query("VACUUM INTO ?")
        .bind(probe.to_str().unwrap())
        .execute(store.pool())
        .await
        .unwrap();
    let bytes = std::fs::read(&probe).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!contains(&bytes, "Lindqvist".as_bytes()));

    let path = backup::create(&store, Seal::Passphrase(&passphrase()), None)
        .await
        .unwrap();
    let sealed = std::fs::read(&path).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!contains(&sealed, "Lindqvist".as_bytes()));
    let list = backup::list(store.dir()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].file, path.display().to_string());
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files stay");
    // An existing output file is refused.
    let e = backup::create(&store, Seal::Passphrase(&passphrase()), Some(&path))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    store.close().await;

    // Never over an existing store.
    let e = backup::restore(
        &path,
        &StoreDir::new(tmp.path().join("s")),
        Opener::Passphrase(&passphrase()),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreExists);
    // A wrong passphrase: refused, nothing written.
    let new = StoreDir::new(tmp.path().join("new"));
    let e = backup::restore(
        &path,
        &new,
        Opener::Passphrase(&Passphrase::new("fel lösenfras här".into())),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongKey);
    assert!(!new.has_any_store_file());
    // The right one: the same store, checked, in the new folder.
    backup::restore(&path, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap();
    let restored = Store::open(&new, akta_core::store::Unlock::Passphrase(passphrase()))
        .await
        .unwrap();
    assert_eq!(person::count(&restored).await.unwrap(), persons);
    restored.close().await;
}

#[tokio::test]
async fn a_store_with_a_recovery_recipient_is_backed_up_to_the_agency() {
    let tmp = tempfile::tempdir().unwrap();
    let id = crypto::generate_recovery_identity();
    let store = demo_store(&tmp.path().join("s"), Some(id.recipient())).await;
    let path = backup::create(&store, Seal::Recipient, None).await.unwrap();
    store.close().await;
    let new = StoreDir::new(tmp.path().join("new"));
    let e = backup::restore(&path, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        ErrorCode::WrongKey,
        "sealed to the agency, not the passphrase"
    );
    backup::restore(&path, &new, Opener::Identity(&id))
        .await
        .unwrap();
    assert!(new.exists());
}

#[tokio::test]
async fn retention_deletes_backups_older_than_two_months_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("s"), None).await;
    let fresh = backup::create(&store, Seal::Passphrase(&passphrase()), None)
        .await
        .unwrap();
    let old = backup::folder(store.dir()).join("akta-backup-20200101T000000.000Z.age");
    std::fs::copy(&fresh, &old).unwrap();
    assert_eq!(backup::list(store.dir()).unwrap().len(), 2);
    let r = retention::run(&store, &Actor::device(), today())
        .await
        .unwrap();
    let line = r.lines.iter().find(|l| l.rule == "backups").unwrap();
    assert_eq!(line.files, 1);
    assert!(!old.exists() && fresh.exists());
    store.close().await;
}

#[tokio::test]
async fn retention_deletes_technical_logs_older_than_thirty_days() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("s"), None).await;
    let logs = akta_core::logs::folder(store.dir());
    std::fs::create_dir_all(&logs).unwrap();
    let old = today() - chrono::Days::new(31);
    let recent = today() - chrono::Days::new(30);
    for d in [old, recent] {
        std::fs::write(
            logs.join(format!("akta.log.{d}")),
            b"level=INFO app started\n",
        )
        .unwrap();
    }
    let r = retention::run(&store, &Actor::device(), today())
        .await
        .unwrap();
    let line = r.lines.iter().find(|l| l.rule == "technical_logs").unwrap();
    assert_eq!(line.files, 1);
    assert!(!logs.join(format!("akta.log.{old}")).exists());
    assert!(
        logs.join(format!("akta.log.{recent}")).exists(),
        "30 days are kept"
    );
    store.close().await;
}

#[tokio::test]
async fn a_missing_or_foreign_backup_file_is_refused_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let new = StoreDir::new(tmp.path().join("new"));
    let e = backup::restore(
        &tmp.path().join("nope.age"),
        &new,
        Opener::Passphrase(&passphrase()),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "backup");
    let junk = tmp.path().join("junk.age");
    std::fs::write(&junk, b"not an age file").unwrap();
    let e = backup::restore(&junk, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "backup");
    assert!(!new.has_any_store_file());
}
