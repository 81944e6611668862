//! Who may create a data-protection profile, on a real encrypted store: a profile of
//! that role, the agency's recovery identity, or the first profile of a new store —
//! never a caseworker, and never whoever sits at the profile screen.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::crypto::{self, PassphraseCost};
use akta_core::error::{ErrorCode, Reason};
use akta_core::session::Session;
use akta_core::store::{Store, StoreDir};
use akta_core::user::{self, Actor, ProfileRules, Role, UserInput};
use common::*;

fn profile(name: &str, role: Role) -> UserInput {
    UserInput {
        name: name.into(),
        title: None,
        role,
    }
}

/// A store whose key is also wrapped to the agency's recovery recipient; returns the
/// agency's identity file as text.
async fn store_with_recovery(dir: &std::path::Path) -> (Store, String) {
    let agency = crypto::generate_recovery_identity();
    let store = Store::create(
        &StoreDir::new(dir.to_path_buf()),
        options(Some(agency.recipient())),
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap();
    let text = format!("# agency\n{}\n", agency.expose_secret().as_str());
    (store, text)
}

fn session(dir: &std::path::Path) -> Session {
    Session::new(
        StoreDir::new(dir.to_path_buf()),
        Box::new(UnreachableKeychainTestDouble),
    )
    .with_passphrase_cost(PassphraseCost::TestOnly(10))
}

async fn profiles(store: &Store) -> usize {
    user::list(store).await.unwrap().len()
}

#[tokio::test]
async fn a_caseworker_cannot_create_a_data_protection_profile_a_data_protection_profile_can() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    // The first profile of a new store may have any role.
    let dana = user::add(
        &store,
        &Actor::device(),
        &profile("Dana Dataskydd", Role::Dataskyddsansvarig),
    )
    .await
    .unwrap();
    let karin = user::add(
        &store,
        &Actor::user(dana.clone()),
        &profile("Karin Konsulent", Role::Handlaggare),
    )
    .await
    .unwrap();
    let karin = Actor::user(karin);
    let e = user::add(
        &store,
        &karin,
        &profile("Karin Dataskydd", Role::Dataskyddsansvarig),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert_eq!(profiles(&store).await, 2, "nothing written");
    assert_eq!(
        user::profile_rules(&store, &karin).await.unwrap(),
        ProfileRules {
            data_protection_allowed: false,
            recovery_identity_accepted: false,
        }
    );
    // A caseworker may still add caseworkers.
    user::add(&store, &karin, &profile("Kim Konsulent", Role::Handlaggare))
        .await
        .unwrap();
    // The data-protection officer may add another of her role.
    let dana = Actor::user(dana);
    assert!(
        user::profile_rules(&store, &dana)
            .await
            .unwrap()
            .data_protection_allowed
    );
    let eva = user::add(
        &store,
        &dana,
        &profile("Eva Egen", Role::Dataskyddsansvarig),
    )
    .await
    .unwrap();
    assert_eq!(eva.role, Role::Dataskyddsansvarig);
}

#[tokio::test]
async fn before_any_profile_exists_a_data_protection_profile_may_be_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    let rules = s.profile_rules().await.unwrap();
    assert!(rules.data_protection_allowed);
    assert!(
        !rules.recovery_identity_accepted,
        "the app's store has no recovery wrap"
    );
    let st = s
        .create_user(profile("Dan Dataskydd", Role::Dataskyddsansvarig))
        .await
        .unwrap();
    assert_eq!(st.user.unwrap().role, Role::Dataskyddsansvarig);
}

#[tokio::test]
async fn at_the_profile_screen_a_caseworker_cannot_give_herself_the_role() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    s.create(PASSPHRASE.into(), false).await.unwrap();
    s.create_user(profile("Karin Konsulent", Role::Handlaggare))
        .await
        .unwrap();
    // Working as Karin: refused.
    let e = s
        .create_user(profile("Karin Igen", Role::Dataskyddsansvarig))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    s.create_user(profile("Kim Konsulent", Role::Handlaggare))
        .await
        .unwrap();
    // Locked and unlocked again, two profiles: the profile screen, nobody chosen. Who
    // sits there is not known, so the role is not hers to give.
    s.lock().await;
    let st = s.unlock_with_passphrase(PASSPHRASE.into()).await.unwrap();
    assert!(st.user.is_none());
    let rules = s.profile_rules().await.unwrap();
    assert!(!rules.data_protection_allowed);
    let e = s
        .create_user(profile("Karin Dataskydd", Role::Dataskyddsansvarig))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    // An identity given for a store without a recovery wrap is refused by name.
    let agency = crypto::generate_recovery_identity();
    let e = s
        .create_user_vouched(
            profile("Karin Dataskydd", Role::Dataskyddsansvarig),
            Some(agency.expose_secret().to_string()),
        )
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "recovery_identity");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert_eq!(s.users().await.unwrap().len(), 2, "nothing written");
    assert!(s.status().await.user.is_none(), "nobody chosen");
    // A caseworker profile may still be made there.
    let st = s
        .create_user(profile("Kaj Konsulent", Role::Handlaggare))
        .await
        .unwrap();
    assert!(st.permissions.is_empty());
}

#[tokio::test]
async fn the_agencys_recovery_identity_vouches_for_a_data_protection_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, identity) = store_with_recovery(tmp.path()).await;
    let karin = user::add(
        &store,
        &Actor::device(),
        &profile("Karin Konsulent", Role::Handlaggare),
    )
    .await
    .unwrap();
    store.close().await;
    let s = session(tmp.path());
    s.unlock_with_passphrase(PASSPHRASE.into()).await.unwrap();
    let rules = s.profile_rules().await.unwrap();
    assert_eq!(
        rules,
        ProfileRules {
            data_protection_allowed: false,
            recovery_identity_accepted: true,
        }
    );
    let dana = || profile("Dana Dataskydd", Role::Dataskyddsansvarig);
    // Not an identity; another agency's identity: refused by name, nothing written.
    for (text, reason) in [
        ("AGE-SECRET-KEY-1NOPE".to_owned(), Reason::Format),
        ("inte en nyckel".to_owned(), Reason::Format),
        (
            crypto::generate_recovery_identity()
                .expose_secret()
                .to_string(),
            Reason::Unknown,
        ),
    ] {
        let e = s.create_user_vouched(dana(), Some(text)).await.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert_eq!(e.fields()[0].field, "recovery_identity");
        assert_eq!(e.fields()[0].reason, reason);
        // The secret never shows in the error.
        assert!(!e.to_string().contains("AGE-SECRET-KEY"));
    }
    assert_eq!(s.users().await.unwrap().len(), 1);
    // The agency's own identity: the profile is made, and Dana works on as it.
    let st = s
        .create_user_vouched(dana(), Some(identity.clone()))
        .await
        .unwrap();
    let made = st.user.unwrap();
    assert_eq!(made.role, Role::Dataskyddsansvarig);
    assert!(st
        .permissions
        .contains(&akta_core::user::Permission::ManageProfiles));
    // The same through the core, as a caseworker holding the identity.
    let store = s.store().await.unwrap();
    let id = user::parse_identity(&identity).unwrap();
    let eva = user::add_vouched(
        &store,
        &Actor::user(karin),
        &profile("Eva Egen", Role::Dataskyddsansvarig),
        &id,
    )
    .await
    .unwrap();
    assert_eq!(eva.role, Role::Dataskyddsansvarig);
    assert_eq!(profiles(&store).await, 3);
}
