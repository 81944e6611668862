//! The app's session: create, lock, unlock, auto-lock, settings.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::time::Duration;

use akta_core::error::{ErrorCode, Reason};
use akta_core::person;
use akta_core::session::Session;
use akta_core::settings::Settings;
use akta_core::store::StoreDir;
use common::*;

fn session(dir: &std::path::Path) -> Session {
    Session::new(
        StoreDir::new(dir.to_path_buf()),
        Box::new(UnreachableKeychainTestDouble),
    )
    .with_passphrase_cost(TEST_COST)
}

#[tokio::test]
async fn first_start_creates_a_store_with_demo_data_without_a_keychain() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    let st = s.status().await;
    assert!(!st.store_exists && !st.unlocked);
    // Too short a passphrase: refused, nothing written.
    let e = s.create("kort".into(), true).await.unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::TooShort);
    assert!(!s.status().await.store_exists);

    let (st, report) = s.create(PASSPHRASE.into(), true).await.unwrap();
    assert!(st.store_exists && st.unlocked);
    assert!(
        !st.keychain,
        "no keychain here: passphrase only, and said so"
    );
    assert!(report.unwrap().persons_added > 0);
}

#[tokio::test]
async fn locking_drops_the_store_and_the_passphrase_reopens_it() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    assert!(!s.lock().await.unlocked);
    let e = s.store().await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreLocked);

    let e = s
        .unlock_with_passphrase("fel lösenfras här".into())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongKey);
    let e = s.unlock_with_keychain().await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeychainUnavailable);
    assert!(
        s.unlock_with_passphrase(PASSPHRASE.into())
            .await
            .unwrap()
            .unlocked
    );
    let store = s.store().await.unwrap();
    assert_eq!(person::count(&store).await.unwrap(), 0);
}

#[tokio::test]
async fn the_store_locks_itself_when_idle() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    assert!(
        !s.lock_if_idle_longer_than(Duration::from_secs(3600)).await,
        "recent activity keeps it open"
    );
    assert!(s.status().await.unlocked);
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(s.lock_if_idle_longer_than(Duration::from_millis(10)).await);
    assert!(!s.status().await.unlocked);
    assert_eq!(s.store().await.unwrap_err().code(), ErrorCode::StoreLocked);
    // Default setting: 15 minutes.
    assert_eq!(s.status().await.settings.auto_lock_minutes, 15);
}

#[tokio::test]
async fn settings_are_validated_and_need_an_unlocked_store() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    for bad in [0, 241] {
        let e = s
            .save_settings(Settings {
                auto_lock_minutes: bad,
                ..Settings::default()
            })
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "auto_lock_minutes");
        assert_eq!(
            s.status().await.settings.auto_lock_minutes,
            15,
            "a refused value changes nothing"
        );
    }
    let e = s
        .save_settings(Settings {
            auto_lock_minutes: 5,
            extract_max_age_months: 0,
            ..Settings::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "extract_max_age_months");
    let st = s
        .save_settings(Settings {
            auto_lock_minutes: 5,
            ..Settings::default()
        })
        .await
        .unwrap();
    assert_eq!(st.settings.auto_lock_minutes, 5);
    s.lock().await;
    let e = s
        .save_settings(Settings {
            auto_lock_minutes: 30,
            ..Settings::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreLocked);
    assert_eq!(s.status().await.settings.auto_lock_minutes, 5);
}

#[tokio::test]
async fn work_needs_a_profile_and_the_only_profile_is_chosen_at_unlock() {
    use akta_core::user::{Role, UserInput};
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    let (st, _) = s.create(PASSPHRASE.into(), false).await.unwrap();
    assert!(st.user.is_none());
    assert_eq!(
        s.work().await.unwrap_err().code(),
        ErrorCode::ProfileRequired
    );
    // An invalid profile is refused with the field named; nothing is chosen.
    let e = s
        .create_user(UserInput {
            name: " ".into(),
            title: None,
            role: Role::Handlaggare,
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "name");
    assert!(s.status().await.user.is_none());
    let st = s
        .create_user(UserInput {
            name: "Karin Konsulent".into(),
            title: None,
            role: Role::Handlaggare,
        })
        .await
        .unwrap();
    let karin = st.user.unwrap();
    let (_, actor) = s.work().await.unwrap();
    assert_eq!(actor.user_id(), Some(karin.id));
    // Locked: no profile shown; unlocked: the only profile again.
    assert!(s.lock().await.user.is_none());
    let st = s.unlock_with_passphrase(PASSPHRASE.into()).await.unwrap();
    assert_eq!(st.user.map(|u| u.id), Some(karin.id));
    // With two profiles, the user chooses.
    s.create_user(UserInput {
        name: "Kim Konsulent".into(),
        title: None,
        role: Role::Handlaggare,
    })
    .await
    .unwrap();
    s.lock().await;
    let st = s.unlock_with_passphrase(PASSPHRASE.into()).await.unwrap();
    assert!(st.user.is_none());
    assert_eq!(s.users().await.unwrap().len(), 2);
    assert_eq!(
        s.select_user(karin.id).await.unwrap().user.map(|u| u.name),
        Some("Karin Konsulent".into())
    );
    assert_eq!(
        s.select_user(999).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn the_role_gates_settings_and_data_protection_profiles() {
    use akta_core::user::{Permission, Role, UserInput};
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    let profile = |name: &str, role| UserInput {
        name: name.into(),
        title: None,
        role,
    };
    // The first data-protection profile can be made by anyone.
    let st = s
        .create_user(profile("Dan Dataskydd", Role::Dataskyddsansvarig))
        .await
        .unwrap();
    let dan = st.user.unwrap();
    assert!(st.permissions.contains(&Permission::ManageSettings));
    let st = s
        .create_user(profile("Karin Konsulent", Role::Handlaggare))
        .await
        .unwrap();
    assert!(st.permissions.is_empty(), "a caseworker does casework only");

    // A caseworker cannot change the settings: refused, nothing changed.
    let e = s
        .save_settings(Settings {
            auto_lock_minutes: 5,
            ..Settings::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert_eq!(s.status().await.settings.auto_lock_minutes, 15);
    // Nor add another data-protection profile.
    let e = s
        .create_user(profile("Eva Egen", Role::Dataskyddsansvarig))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert_eq!(s.users().await.unwrap().len(), 2);

    // The data-protection officer can do both.
    s.select_user(dan.id).await.unwrap();
    let st = s
        .save_settings(Settings {
            auto_lock_minutes: 5,
            ..Settings::default()
        })
        .await
        .unwrap();
    assert_eq!(st.settings.auto_lock_minutes, 5);
    s.create_user(profile("Eva Egen", Role::Dataskyddsansvarig))
        .await
        .unwrap();
    assert_eq!(s.users().await.unwrap().len(), 3);
}

#[tokio::test]
async fn retention_runs_by_itself_once_a_day_while_the_store_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!(
        s.retention_tick(today).await.unwrap().is_none(),
        "locked: nothing"
    );
    s.create(PASSPHRASE.into(), true).await.unwrap();
    let first = s.retention_tick(today).await.unwrap();
    assert!(first.is_some(), "runs at unlock");
    assert!(
        s.retention_tick(today).await.unwrap().is_none(),
        "once a day"
    );
    let tomorrow = today.succ_opt().unwrap();
    assert!(s.retention_tick(tomorrow).await.unwrap().is_some());
    let store = s.store().await.unwrap();
    assert_eq!(
        akta_core::retention::receipts(&store).await.unwrap().len(),
        2
    );
}
