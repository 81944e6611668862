//! The OS keychain path against a real Secret Service (gnome-keyring, started headless
//! by .ci/test under dbus-run-session). Ignored by a plain `cargo test`; .ci/test runs
//! it with `--ignored` where the service exists.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::user::Actor;

use akta_core::crypto::{generate_recovery_identity, Keychain, OsKeychain};
use akta_core::error::Error;
use akta_core::person;
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use common::*;

#[tokio::test]
#[ignore = "needs a Secret Service: run by .ci/test under dbus-run-session with gnome-keyring"]
async fn the_os_keychain_unlocks_and_a_lost_entry_is_recovered_with_the_agency_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = StoreDir::new(tmp.path().join("store"));
    let id = generate_recovery_identity();
    let kc = OsKeychain::new();
    let opts = CreateOptions {
        passphrase: None,
        recovery_recipient: Some(id.recipient()),
        keychain: KeychainUse::Required,
        passphrase_cost: TEST_COST,
    };
    let store = Store::create(&dir, opts, &kc).await.unwrap();
    assert!(store.meta().keychain);
    let store_id = store.meta().store_id.clone();
    person::add(
        &store,
        &Actor::device(),
        &akta_core::person::PersonInput {
            given_name: "Nyckel".into(),
            family_name: "Ringsson".into(),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap();
    store.close().await;

    // The key is really in the Secret Service: a fresh handle reads it back.
    assert!(OsKeychain::new().get(&store_id).unwrap().is_some());
    let store = Store::open(&dir, Unlock::Keychain(&kc)).await.unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    store.close().await;

    // The keychain entry is lost.
    kc.delete(&store_id).unwrap();
    let e = Store::open(&dir, Unlock::Keychain(&kc)).await.unwrap_err();
    assert!(matches!(e, Error::KeychainUnavailable(_)), "{e:?}");

    // The agency identity puts it back.
    Store::recover(&dir, &id, Some(&kc), None)
        .await
        .unwrap()
        .close()
        .await;
    let store = Store::open(&dir, Unlock::Keychain(&kc)).await.unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 1);
    store.close().await;
    kc.delete(&store_id).unwrap();
}
