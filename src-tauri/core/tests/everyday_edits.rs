//! Everyday edits on a real encrypted store: a caseworker changes a person's contact
//! details and a home's name, type and address as ordinary, audited updates (not as
//! rectifications). A member leaving a home: `member_history.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::audit;
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, MemberRole};
use akta_core::person::{self, ContactInput, Person, PersonInput};
use akta_core::rights::{erasure, rectify, RequestKind};
use akta_core::store::Store;
use akta_core::user::Actor;
use common::*;
use proptest::prelude::*;

// The day the services are told it is: the clock's, as `add_member` records the day a
// member joined by the clock.
use akta_core::today as now;

async fn stored(store: &Store, id: i64) -> Person {
    person::get(store, &Actor::device(), id).await.unwrap()
}

#[tokio::test]
async fn a_caseworker_changes_contact_details_as_an_audited_update() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let p = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let before = audit_count(&store).await;
    let edit = ContactInput {
        street_address: Some(" Storgatan 3 ".into()),
        postal_code: Some("41101".into()),
        city: Some("Göteborg".into()),
        phone: None,
        email: Some("anna.lindqvist@example.se".into()),
    };
    let changed = person::update_contact(&store, &karin, p.id, &edit)
        .await
        .unwrap();
    assert_eq!(changed.street_address.as_deref(), Some("Storgatan 3"));
    assert_eq!(changed.postal_code.as_deref(), Some("411 01"));
    assert_eq!(changed.city.as_deref(), Some("Göteborg"));
    assert_eq!(changed.phone, None, "an empty detail is cleared");
    assert_eq!(changed.email.as_deref(), Some("anna.lindqvist@example.se"));
    // Name and number are not touched by an everyday edit.
    assert_eq!(changed.given_name, p.given_name);
    assert_eq!(changed.personal_number, p.personal_number);
    // One event: an update of the person, by Karin.
    assert_eq!(audit_count(&store).await, before + 1);
    let e = last_event(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("update", "person", Some(p.id))
    );
    assert_eq!(e.user_id, karin.user_id());
    // Not a rectification: no history of old values is written.
    assert!(rectify::history(&store, p.id).await.unwrap().is_empty());
    // The same details again write nothing.
    person::update_contact(&store, &karin, p.id, &edit)
        .await
        .unwrap();
    assert_eq!(audit_count(&store).await, before + 1);
    assert!(audit::verify(&store).await.unwrap().intact);
}

#[tokio::test]
async fn wrong_contact_details_are_refused_together_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let p = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let before = audit_count(&store).await;
    let e = person::update_contact(
        &store,
        &karin,
        p.id,
        &ContactInput {
            street_address: Some("Storgatan\u{0}3".into()),
            postal_code: Some("4110".into()),
            city: Some("G".repeat(101)),
            phone: Some("ring mig".into()),
            email: Some("anna@".into()),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let fields = refusals(&e);
    assert_eq!(
        fields,
        [
            ("email", Reason::Format),
            ("phone", Reason::Format),
            ("street_address", Reason::Characters),
            ("postal_code", Reason::Format),
            ("city", Reason::TooLong),
        ]
    );
    assert_eq!(stored(&store, p.id).await.street_address, p.street_address);
    // An unknown person: not found, nothing written.
    let e = person::update_contact(&store, &karin, 999_999, &ContactInput::default())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    // The reads above (`stored`) are the only new events.
    assert_eq!(audit_count(&store).await, before + 1);
}

#[tokio::test]
async fn a_restricted_or_erased_persons_contact_details_are_not_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, dpo, karin } = store_with_staff(tmp.path()).await;
    let p = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let edit = ContactInput {
        city: Some("Göteborg".into()),
        ..ContactInput::of(&p)
    };
    rectify::set_restriction(&store, &dpo, p.id, Some(now()), now())
        .await
        .unwrap();
    let e = person::update_contact(&store, &karin, p.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(stored(&store, p.id).await.city, p.city);
    rectify::set_restriction(&store, &dpo, p.id, None, now())
        .await
        .unwrap();

    // Erased on her request, her row kept for a home file the law keeps: her contact
    // details stay erased.
    let h = foster_home::add(&store, &karin, &home_input("Familjen Lindqvist"), now())
        .await
        .unwrap();
    foster_home::add_member(&store, &karin, h.id, p.id, MemberRole::Vuxen)
        .await
        .unwrap();
    let request = verified_request(&store, &dpo, p.id, RequestKind::Erasure, now()).await;
    let s = erasure::erase(&store, &dpo, request, now()).await.unwrap();
    assert!(!s.person_removed);
    let before = audit_count(&store).await;
    let e = person::update_contact(&store, &karin, p.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "person");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert_eq!(audit_count(&store).await, before);
    assert_eq!(stored(&store, p.id).await.city, None);
}

#[tokio::test]
async fn a_home_is_renamed_retyped_and_moved_as_an_audited_update() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let h = foster_home::add(&store, &karin, &home_input("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let before = audit_count(&store).await;
    let edit = FosterHomeInput {
        name: "Familjen Lindqvist-Öberg".into(),
        kind: HomeKind::Jourhem,
        street_address: Some("Storgatan 3".into()),
        postal_code: Some("411 01".into()),
        city: Some("Göteborg".into()),
        municipality_id: None,
    };
    let changed = foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap();
    assert_eq!(changed.name, "Familjen Lindqvist-Öberg");
    assert_eq!(changed.kind, HomeKind::Jourhem);
    assert_eq!(changed.city.as_deref(), Some("Göteborg"));
    assert_eq!(
        changed.status,
        HomeStatus::Intresse,
        "the lifecycle is apart"
    );
    assert_eq!(audit_count(&store).await, before + 1);
    let e = last_event(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("update", "foster_home", Some(h.id))
    );
    // No status step is written by an edit.
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.history.len(), 1);
    // Unchanged: nothing written.
    let before = audit_count(&store).await;
    foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap();
    assert_eq!(audit_count(&store).await, before);

    // Wrong values: every field named, nothing changed.
    let e = foster_home::update(
        &store,
        &karin,
        h.id,
        &FosterHomeInput {
            name: "  ".into(),
            postal_code: Some("1234".into()),
            municipality_id: Some(999),
            ..edit.clone()
        },
    )
    .await
    .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "postal_code", "municipality_id"]);
    assert_eq!(audit_count(&store).await, before);
    let e = foster_home::update(&store, &karin, 999, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_closed_home_or_one_with_a_restricted_member_is_not_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, dpo, karin } = store_with_staff(tmp.path()).await;
    let h = foster_home::add(&store, &karin, &home_input("Familjen Ek"), now())
        .await
        .unwrap();
    let p = person::add(&store, &karin, &named("Gunnel", "Ek"), now())
        .await
        .unwrap();
    foster_home::add_member(&store, &karin, h.id, p.id, MemberRole::Vuxen)
        .await
        .unwrap();
    let edit = FosterHomeInput {
        city: Some("Borås".into()),
        ..home_input("Familjen Ek")
    };
    rectify::set_restriction(&store, &dpo, p.id, Some(now()), now())
        .await
        .unwrap();
    let e = foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    rectify::set_restriction(&store, &dpo, p.id, None, now())
        .await
        .unwrap();
    close_home(&store, &karin, h.id, now()).await;
    let before = audit_count(&store).await;
    let e = foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "home");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert_eq!(audit_count(&store).await, before);
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.home.city.as_deref(), Some("Mölndal"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The contact edit checks exactly as the add form does: the same fields refused
    /// for the same reasons, the same values kept.
    #[test]
    fn contact_details_are_checked_as_the_add_form_checks_them(
        street in proptest::option::of("[ -~åäöÅÄÖ\u{0}\t]{0,210}"),
        postal in proptest::option::of("[0-9 a]{0,8}"),
        city in proptest::option::of("[ -~åäö]{0,105}"),
        phone in proptest::option::of("[0-9 +()a-]{0,20}"),
        email in proptest::option::of("[a-z@. ]{0,12}"),
    ) {
        let contact = ContactInput {
            street_address: street.clone(),
            postal_code: postal.clone(),
            city: city.clone(),
            phone: phone.clone(),
            email: email.clone(),
        };
        let form = PersonInput {
            street_address: street,
            postal_code: postal,
            city,
            phone,
            email,
            ..named("Anna", "Lindqvist")
        };
        match (contact.validate(), form.validate(now())) {
            (Ok(c), Ok(p)) => {
                prop_assert_eq!(c.street_address, p.street_address);
                prop_assert_eq!(c.postal_code, p.postal_code);
                prop_assert_eq!(c.city, p.city);
                prop_assert_eq!(c.phone, p.phone);
                prop_assert_eq!(c.email, p.email);
            }
            (Err(c), Err(p)) => prop_assert_eq!(c.fields(), p.fields()),
            (c, p) => prop_assert!(false, "contact {:?} but form {:?}", c.is_ok(), p.is_ok()),
        }
    }
}
