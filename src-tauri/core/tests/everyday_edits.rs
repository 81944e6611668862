//! Everyday edits on a real encrypted store: a caseworker changes a person's contact
//! details and a home's name, type and address as ordinary, audited updates (not as
//! rectifications), and a member leaves a home on a date and stays in its history.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::audit::{self, AuditEvent};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, MemberRole};
use akta_core::person::{self, ContactInput, Person, PersonInput};
use akta_core::rights::extract::{self, Review};
use akta_core::rights::{self, erasure, rectify, RequestInput, RequestKind};
use akta_core::store::Store;
use akta_core::transfer;
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;

/// The day the services are told it is: the clock's, as `add_member` records the day a
/// member joined by the clock.
fn now() -> NaiveDate {
    akta_core::today()
}

fn anna() -> PersonInput {
    PersonInput {
        personal_number: Some("811218-9876".into()),
        given_name: "Anna".into(),
        family_name: "Lindqvist".into(),
        email: Some("anna@example.se".into()),
        phone: Some("070-123 45 67".into()),
        street_address: Some("Björkvägen 12".into()),
        postal_code: Some("43137".into()),
        city: Some("Mölndal".into()),
        protected_identity: false,
    }
}

fn named(given: &str, family: &str) -> PersonInput {
    PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        ..PersonInput::default()
    }
}

fn home(name: &str) -> FosterHomeInput {
    FosterHomeInput {
        name: name.into(),
        kind: HomeKind::Familjehem,
        street_address: Some("Björkvägen 12".into()),
        postal_code: Some("43137".into()),
        city: Some("Mölndal".into()),
        municipality_id: None,
    }
}

async fn events(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_events")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

async fn last_event(store: &Store) -> AuditEvent {
    audit::list(store, 1).await.unwrap().remove(0)
}

async fn dpo(store: &Store) -> Actor {
    Actor::user(
        user::add(
            store,
            &Actor::device(),
            &UserInput {
                name: "Dana Dataskydd".into(),
                title: None,
                role: Role::Dataskyddsansvarig,
            },
        )
        .await
        .unwrap(),
    )
}

async fn caseworker(store: &Store) -> Actor {
    Actor::user(
        user::add(
            store,
            &Actor::device(),
            &UserInput {
                name: "Karin Konsulent".into(),
                title: None,
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    )
}

/// `e` refuses `field` for `reason` (first of its fields).
fn refused(e: akta_core::Error, field: &str, reason: Reason) {
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        (field, reason)
    );
}

async fn stored(store: &Store, id: i64) -> Person {
    person::get(store, &Actor::device(), id).await.unwrap()
}

#[tokio::test]
async fn a_caseworker_changes_contact_details_as_an_audited_update() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let karin = caseworker(&store).await;
    let p = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let before = events(&store).await;
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
    assert_eq!(changed.given_name, "Anna");
    assert_eq!(changed.personal_number, p.personal_number);
    // One event: an update of the person, by Karin.
    assert_eq!(events(&store).await, before + 1);
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
    assert_eq!(events(&store).await, before + 1);
    assert!(audit::verify(&store).await.unwrap().intact);
}

#[tokio::test]
async fn wrong_contact_details_are_refused_together_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let karin = caseworker(&store).await;
    let p = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let before = events(&store).await;
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
    let fields: Vec<(&str, Reason)> = e
        .fields()
        .iter()
        .map(|f| (f.field.as_str(), f.reason))
        .collect();
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
    assert_eq!(events(&store).await, before + 1);
}

#[tokio::test]
async fn a_restricted_or_erased_persons_contact_details_are_not_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let dpo = dpo(&store).await;
    let karin = caseworker(&store).await;
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
    assert_eq!(stored(&store, p.id).await.city.as_deref(), Some("Mölndal"));
    rectify::set_restriction(&store, &dpo, p.id, None, now())
        .await
        .unwrap();

    // Erased on her request, her row kept for a home file the law keeps: her contact
    // details stay erased.
    let h = foster_home::add(&store, &karin, &home("Familjen Lindqvist"), now())
        .await
        .unwrap();
    foster_home::add_member(&store, &karin, h.id, p.id, MemberRole::Vuxen)
        .await
        .unwrap();
    let request = rights::create(
        &store,
        &dpo,
        &RequestInput {
            person_id: p.id,
            kind: RequestKind::Erasure,
            received_on: now(),
            identity_method: Some("BankID".into()),
            identity_verified_on: Some(now()),
        },
        now(),
    )
    .await
    .unwrap();
    let s = erasure::erase(&store, &dpo, request.id, now())
        .await
        .unwrap();
    assert!(!s.person_removed);
    let before = events(&store).await;
    let e = person::update_contact(&store, &karin, p.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "person");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert_eq!(events(&store).await, before);
    assert_eq!(stored(&store, p.id).await.city, None);
}

#[tokio::test]
async fn a_home_is_renamed_retyped_and_moved_as_an_audited_update() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let karin = caseworker(&store).await;
    let h = foster_home::add(&store, &karin, &home("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let before = events(&store).await;
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
    assert_eq!(events(&store).await, before + 1);
    let e = last_event(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("update", "foster_home", Some(h.id))
    );
    // No status step is written by an edit.
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.history.len(), 1);
    // Unchanged: nothing written.
    let before = events(&store).await;
    foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap();
    assert_eq!(events(&store).await, before);

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
    assert_eq!(events(&store).await, before);
    let e = foster_home::update(&store, &karin, 999, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_closed_home_or_one_with_a_restricted_member_is_not_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let dpo = dpo(&store).await;
    let karin = caseworker(&store).await;
    let h = foster_home::add(&store, &karin, &home("Familjen Ek"), now())
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
        ..home("Familjen Ek")
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
    foster_home::change_status(
        &store,
        &karin,
        h.id,
        &foster_home::StatusChangeInput {
            to: HomeStatus::Avslutad,
            on_date: Some(now()),
            reason: Some("Flyttar".into()),
        },
        now(),
    )
    .await
    .unwrap();
    let before = events(&store).await;
    let e = foster_home::update(&store, &karin, h.id, &edit)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "home");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert_eq!(events(&store).await, before);
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.home.city.as_deref(), Some("Mölndal"));
}

#[tokio::test]
async fn a_member_leaves_a_home_on_a_date_and_stays_in_its_history() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let karin = caseworker(&store).await;
    let h = foster_home::add(&store, &karin, &home("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let anna = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let mikael = person::add(&store, &karin, &named("Mikael", "Lindqvist"), now())
        .await
        .unwrap();
    for p in [anna.id, mikael.id] {
        foster_home::add_member(&store, &karin, h.id, p, MemberRole::Vuxen)
            .await
            .unwrap();
    }
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.members.len(), 2);
    assert!(file.members.iter().all(|m| m.joined_on == Some(now())));
    assert!(file.former_members.is_empty());

    let before = events(&store).await;
    foster_home::remove_member(&store, &karin, h.id, mikael.id, now(), now())
        .await
        .unwrap();
    assert_eq!(events(&store).await, before + 1);
    let e = last_event(&store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("update", "foster_home", Some(h.id))
    );
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(
        file.members.iter().map(|m| m.person.id).collect::<Vec<_>>(),
        [anna.id]
    );
    assert_eq!(file.former_members.len(), 1);
    let former = &file.former_members[0];
    assert_eq!(former.person.id, mikael.id);
    assert_eq!(former.role, MemberRole::Vuxen);
    assert_eq!(
        (former.joined_on, former.left_on),
        (Some(now()), Some(now()))
    );
    // The homes list counts current members only.
    let listed = foster_home::list(&store).await.unwrap();
    assert_eq!(listed.iter().find(|s| s.id == h.id).unwrap().members, 1);
    // The person himself is still in the register.
    assert_eq!(stored(&store, mikael.id).await.given_name, "Mikael");
}

#[tokio::test]
async fn a_wrong_leaving_is_refused_with_its_reason_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let dpo = dpo(&store).await;
    let karin = caseworker(&store).await;
    let h = foster_home::add(&store, &karin, &home("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let anna = person::add(&store, &karin, &anna(), now()).await.unwrap();
    let stranger = person::add(&store, &karin, &named("Sven", "Främling"), now())
        .await
        .unwrap();
    foster_home::add_member(&store, &karin, h.id, anna.id, MemberRole::Vuxen)
        .await
        .unwrap();
    let tomorrow = now().checked_add_days(Days::new(1)).unwrap();
    let yesterday = now().checked_sub_days(Days::new(1)).unwrap();
    let before = events(&store).await;
    // In the future; before she joined; someone who is no member; an unknown home.
    refused(
        foster_home::remove_member(&store, &karin, h.id, anna.id, tomorrow, now())
            .await
            .unwrap_err(),
        "left_on",
        Reason::Future,
    );
    refused(
        foster_home::remove_member(&store, &karin, h.id, anna.id, yesterday, now())
            .await
            .unwrap_err(),
        "left_on",
        Reason::Date,
    );
    refused(
        foster_home::remove_member(&store, &karin, h.id, stranger.id, now(), now())
            .await
            .unwrap_err(),
        "person_id",
        Reason::Unknown,
    );
    let e = foster_home::remove_member(&store, &karin, 999, anna.id, now(), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(events(&store).await, before);
    // Restricted processing.
    rectify::set_restriction(&store, &dpo, anna.id, Some(now()), now())
        .await
        .unwrap();
    let e = foster_home::remove_member(&store, &karin, h.id, anna.id, now(), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    rectify::set_restriction(&store, &dpo, anna.id, None, now())
        .await
        .unwrap();
    let file = foster_home::get(&store, &karin, h.id).await.unwrap();
    assert_eq!(file.members.len(), 1, "still a member");
    assert!(file.former_members.is_empty());

    // Once left: leaving again and coming back are refused; her period stays as it was.
    foster_home::remove_member(&store, &karin, h.id, anna.id, now(), now())
        .await
        .unwrap();
    let before = events(&store).await;
    refused(
        foster_home::remove_member(&store, &karin, h.id, anna.id, now(), now())
            .await
            .unwrap_err(),
        "person_id",
        Reason::NotAllowed,
    );
    refused(
        foster_home::add_member(&store, &karin, h.id, anna.id, MemberRole::Vuxen)
            .await
            .unwrap_err(),
        "person_id",
        Reason::NotAllowed,
    );
    assert_eq!(events(&store).await, before);
    // A closed home's members are as they were when it closed.
    foster_home::add_member(&store, &karin, h.id, stranger.id, MemberRole::Vuxen)
        .await
        .unwrap();
    foster_home::change_status(
        &store,
        &karin,
        h.id,
        &foster_home::StatusChangeInput {
            to: HomeStatus::Avslutad,
            on_date: Some(now()),
            reason: Some("Flyttar".into()),
        },
        now(),
    )
    .await
    .unwrap();
    refused(
        foster_home::remove_member(&store, &karin, h.id, stranger.id, now(), now())
            .await
            .unwrap_err(),
        "home",
        Reason::NotAllowed,
    );
}

#[tokio::test]
async fn a_former_member_is_in_the_register_extract_and_the_transfer_with_her_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(&tmp.path().join("a")).await;
    let dpo = dpo(&store).await;
    let karin = caseworker(&store).await;
    let h = foster_home::add(&store, &karin, &home("Familjen Lindqvist"), now())
        .await
        .unwrap();
    let anna = person::add(&store, &karin, &anna(), now()).await.unwrap();
    foster_home::add_member(&store, &karin, h.id, anna.id, MemberRole::Vuxen)
        .await
        .unwrap();
    foster_home::remove_member(&store, &karin, h.id, anna.id, now(), now())
        .await
        .unwrap();
    let request = rights::create(
        &store,
        &dpo,
        &RequestInput {
            person_id: anna.id,
            kind: RequestKind::Access,
            received_on: now(),
            identity_method: Some("BankID".into()),
            identity_verified_on: Some(now()),
        },
        now(),
    )
    .await
    .unwrap();
    let docs = extract::create(&store, &dpo, request.id, now(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let json = String::from_utf8(docs.json.clone()).unwrap();
    for v in ["Din roll i familjehem", "Lämnade hemmet", "Medlem sedan"] {
        assert!(json.contains(v), "the extract lacks {v:?}");
    }
    assert!(json.contains(&now().to_string()));

    // The whole store moves with the member's dates.
    let file = transfer::export(&store, &Actor::device()).await.unwrap();
    let text = transfer::to_json(&file).unwrap();
    let b = new_store(&tmp.path().join("b")).await;
    transfer::import(&b, &Actor::device(), text.as_bytes(), now())
        .await
        .unwrap();
    let moved: Vec<(Option<NaiveDate>, Option<NaiveDate>)> =
        sqlx::query_as("SELECT joined_on, left_on FROM foster_home_members")
            .fetch_all(b.pool())
            .await
            .unwrap();
    assert_eq!(moved, [(Some(now()), Some(now()))]);
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
