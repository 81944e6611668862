//! The encrypted store on real SQLCipher files in temp dirs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::user::Actor;

use akta_core::crypto::{generate_recovery_identity, DbKey, Passphrase};
use akta_core::error::Error;
use akta_core::person::{self, PersonInput};
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use common::*;

fn input(number: &str, given: &str, family: &str) -> PersonInput {
    PersonInput {
        personal_number: Some(number.into()),
        given_name: given.into(),
        family_name: family.into(),
        street_address: Some("Hemliga gatan 17".into()),
        email: Some("zorro.testsson@example.se".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn store_files_hold_no_plaintext_and_no_sqlite_header() {
    let tmp = tempfile::tempdir().unwrap();
    let id = generate_recovery_identity();
    let dir = StoreDir::new(tmp.path().to_path_buf());
    let store = Store::create(
        &dir,
        options(Some(id.recipient())),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap();
    let number = pnr("19811218", "987");
    for i in 0..50 {
        let n = pnr("19700101", &format!("{:03}", 100 + i));
        person::add(
            &store,
            &Actor::device(),
            &input(&n, "Zorro", &format!("Testsson{i}")),
            today(),
        )
        .await
        .unwrap();
    }
    person::add(
        &store,
        &Actor::device(),
        &input(&number, "Zorro", "Testsson"),
        today(),
    )
    .await
    .unwrap();

    let check = |label: &str| {
        let files = snapshot(tmp.path());
        assert!(files.contains_key("akta.db"));
        for (name, bytes) in &files {
            for needle in [
                "Zorro",
                "Testsson",
                "Hemliga gatan",
                "zorro.testsson",
                &number,
                &number[2..],
            ] {
                assert!(
                    !contains(bytes, needle.as_bytes()),
                    "{label}: {name} contains {needle}"
                );
            }
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{label}: {name} has a plaintext header"
            );
        }
        files
    };
    // While open, the WAL holds the latest pages.
    let open_files = check("open");
    assert!(
        open_files.keys().any(|k| k.ends_with("-wal")),
        "WAL mode: {:?}",
        open_files.keys()
    );
    store.close().await;
    check("closed");
}

#[tokio::test]
async fn every_connection_is_keyed_and_configured_the_same_way() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    // More connections than one, to see that each is set up.
    let mut conns = Vec::new();
    for _ in 0..3 {
        conns.push(store.pool().acquire().await.unwrap());
    }
    for c in conns.iter_mut() {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **c)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut **c)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        let sd: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut **c)
            .await
            .unwrap();
        assert_eq!(sd, 1);
        let cv: String = sqlx::query_scalar("PRAGMA cipher_version")
            .fetch_one(&mut **c)
            .await
            .unwrap();
        assert!(cv.starts_with('4'), "SQLCipher 4 expected, got {cv}");
    }
    drop(conns);
    let info = store.info().await.unwrap();
    assert_eq!(
        info.schema_version,
        akta_core::store::known_schema_version()
    );
    store.close().await;
}

#[tokio::test]
async fn wrong_key_or_passphrase_is_refused_and_leaves_every_file_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    person::add(
        &store,
        &Actor::device(),
        &input(&pnr("19811218", "987"), "Åsa", "Öberg"),
        today(),
    )
    .await
    .unwrap();
    store.close().await;
    let dir = StoreDir::new(tmp.path().to_path_buf());
    let before = snapshot(tmp.path());

    let e = Store::open(&dir, Unlock::Key(DbKey::generate()))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongKey), "{e:?}");
    assert_same(&before, &snapshot(tmp.path()), "a wrong key");

    let e = Store::open(
        &dir,
        Unlock::Passphrase(Passphrase::new("fel fel fel fel".into())),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::WrongKey), "{e:?}");
    assert_same(&before, &snapshot(tmp.path()), "a wrong passphrase");

    let store = Store::open(&dir, Unlock::Passphrase(passphrase()))
        .await
        .unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    store.close().await;
}

#[tokio::test]
async fn recovery_identity_reopens_a_store_and_sets_a_new_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let id = generate_recovery_identity();
    let dir = StoreDir::new(tmp.path().to_path_buf());
    // Keychain mode with a recovery wrap, on a machine whose keychain is then gone.
    let opts = CreateOptions {
        passphrase: None,
        recovery_recipient: Some(id.recipient()),
        keychain: KeychainUse::Off,
        passphrase_cost: TEST_COST,
    };
    let store = Store::create(&dir, opts, &UnreachableKeychainTestDouble)
        .await
        .unwrap();
    person::add(
        &store,
        &Actor::device(),
        &input(&pnr("19900101", "123"), "Kim", "Kvist"),
        today(),
    )
    .await
    .unwrap();
    store.close().await;

    let e = Store::open(&dir, Unlock::Keychain(&UnreachableKeychainTestDouble))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::KeychainUnavailable(_)));

    let store = Store::open(&dir, Unlock::Recovery(&id)).await.unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    store.close().await;

    let other = generate_recovery_identity();
    assert!(matches!(
        Store::open(&dir, Unlock::Recovery(&other))
            .await
            .unwrap_err(),
        Error::WrongKey
    ));

    let new_pass = Passphrase::new("ny lösenfras efter förlust".into());
    let store = Store::recover(&dir, &id, None, Some((new_pass.clone(), TEST_COST)))
        .await
        .unwrap();
    store.close().await;
    let store = Store::open(&dir, Unlock::Passphrase(new_pass))
        .await
        .unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    assert!(store.meta().passphrase_wrap);
    store.close().await;
}

#[tokio::test]
async fn a_store_from_a_newer_program_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101000000, 'from the future', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;
    let before = snapshot(tmp.path());
    let dir = StoreDir::new(tmp.path().to_path_buf());
    let e = Store::open(&dir, Unlock::Passphrase(passphrase()))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::SchemaTooNew { .. }), "{e:?}");
    assert_eq!(e.code(), akta_core::ErrorCode::SchemaTooNew);
    assert_same(&before, &snapshot(tmp.path()), "refused");
}

#[tokio::test]
async fn creating_over_an_existing_store_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    new_store(tmp.path()).await.close().await;
    let before = snapshot(tmp.path());
    let dir = StoreDir::new(tmp.path().to_path_buf());
    let e = Store::create(&dir, options(None), &UnreachableKeychainTestDouble)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StoreExists));
    assert_same(&before, &snapshot(tmp.path()), "refused");
}

#[tokio::test]
async fn a_failed_creation_leaves_no_file_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = StoreDir::new(tmp.path().join("store"));
    // The keychain is required but cannot be reached: a clear error, nothing left.
    let id = generate_recovery_identity();
    let opts = CreateOptions {
        passphrase: None,
        recovery_recipient: Some(id.recipient()),
        keychain: KeychainUse::Required,
        passphrase_cost: TEST_COST,
    };
    let e = Store::create(&dir, opts, &UnreachableKeychainTestDouble)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::KeychainUnavailable(_)), "{e:?}");
    assert!(
        snapshot(dir.root()).is_empty(),
        "left: {:?}",
        snapshot(dir.root()).keys()
    );

    // A malformed recovery recipient is refused before anything is written.
    let opts = CreateOptions {
        recovery_recipient: Some("age1notakey".into()),
        ..options(None)
    };
    let e = Store::create(&dir, opts, &UnreachableKeychainTestDouble)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "recovery_recipient");
    assert!(snapshot(dir.root()).is_empty());

    // No way to unlock but the keychain: refused.
    let opts = CreateOptions {
        passphrase: None,
        ..options(None)
    };
    let e = Store::create(&dir, opts, &UnreachableKeychainTestDouble)
        .await
        .unwrap_err();
    assert_eq!(e.code(), akta_core::ErrorCode::InvalidInput);
    assert!(snapshot(dir.root()).is_empty());
}

#[tokio::test]
async fn missing_store_and_missing_key_file_have_their_own_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = StoreDir::new(tmp.path().join("nowhere"));
    assert!(matches!(
        Store::open(&dir, Unlock::Passphrase(passphrase()))
            .await
            .unwrap_err(),
        Error::StoreNotFound
    ));

    let store = new_store(tmp.path()).await;
    store.close().await;
    let dir = StoreDir::new(tmp.path().to_path_buf());
    std::fs::remove_file(dir.passphrase_wrap()).unwrap();
    let e = Store::open(&dir, Unlock::Passphrase(passphrase()))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StoreDamaged(_)), "{e:?}");
}

#[tokio::test]
async fn a_database_file_that_is_not_a_store_is_the_wrong_key_error() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    store.close().await;
    let dir = StoreDir::new(tmp.path().to_path_buf());
    std::fs::write(dir.db(), vec![0x42u8; 8192]).unwrap();
    let e = Store::open(&dir, Unlock::Passphrase(passphrase()))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::WrongKey), "{e:?}");
}
