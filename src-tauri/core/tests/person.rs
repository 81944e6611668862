//! The person registry on a real encrypted store.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::user::Actor;

use akta_core::error::Reason;
use akta_core::person::{self, NumberKind, PersonInput, PersonSort};
use common::*;

#[tokio::test]
async fn a_person_is_stored_with_the_twelve_digit_number() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let mut input = anna();
    input.personal_number = Some("811218-9876".into());
    let p = person::add(&store, &Actor::device(), &input, today())
        .await
        .unwrap();
    assert_eq!(p.personal_number.as_deref(), Some("198112189876"));
    assert_eq!(p.number_kind, Some(NumberKind::Personnummer));
    assert_eq!(p.postal_code.as_deref(), Some("504 64"));
    let again = person::get(&store, &Actor::device(), p.id).await.unwrap();
    assert_eq!(again.given_name, "Åsa");
    let found = person::id_by_number(&store, "19811218-9876", today())
        .await
        .unwrap();
    assert_eq!(found, Some(p.id));
    store.close().await;
}

#[tokio::test]
async fn invalid_input_names_every_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let bad = PersonInput {
        personal_number: Some("811218-9875".into()),
        given_name: "   ".into(),
        family_name: "X".repeat(101),
        email: Some("inte-en-adress".into()),
        phone: Some("ring mig".into()),
        street_address: Some("rad1\nrad2".into()),
        postal_code: Some("1234".into()),
        city: None,
        protected_identity: false,
    };
    let e = person::add(&store, &Actor::device(), &bad, today())
        .await
        .unwrap_err();
    let fields = refusals(&e);
    assert_eq!(
        fields,
        vec![
            ("personal_number", Reason::Checksum),
            ("given_name", Reason::Required),
            ("family_name", Reason::TooLong),
            ("email", Reason::Format),
            ("phone", Reason::Format),
            ("street_address", Reason::Characters),
            ("postal_code", Reason::Format),
        ]
    );
    // The message names fields and reasons, never the values.
    let msg = e.to_string();
    assert!(
        !msg.contains("811218") && !msg.contains("inte-en-adress") && !msg.contains("rad1"),
        "{msg}"
    );
    assert_eq!(person::count(&store).await.unwrap(), 0);
    store.close().await;
}

#[tokio::test]
async fn a_duplicate_number_is_refused_and_the_first_person_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    person::add(&store, &Actor::device(), &anna(), today())
        .await
        .unwrap();
    let mut twin = anna();
    twin.personal_number = Some("8112189876".into());
    twin.given_name = "Annan".into();
    let e = person::add(&store, &Actor::device(), &twin, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "personal_number");
    assert_eq!(e.fields()[0].reason, Reason::Duplicate);
    let all = person::list(&store, None).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].given_name, "Åsa");
    store.close().await;
}

#[tokio::test]
async fn persons_without_number_and_with_samordningsnummer() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let none = PersonInput {
        given_name: "Gunnel".into(),
        family_name: "Ek".into(),
        ..Default::default()
    };
    let p = person::add(&store, &Actor::device(), &none, today())
        .await
        .unwrap();
    assert_eq!(p.personal_number, None);
    assert_eq!(p.number_kind, None);
    // Two persons without numbers do not collide.
    person::add(&store, &Actor::device(), &none, today())
        .await
        .unwrap();
    let sam = pnr("19701063", "238");
    let s = PersonInput {
        personal_number: Some(sam.clone()),
        given_name: "Yonas".into(),
        family_name: "Tesfay".into(),
        ..Default::default()
    };
    let p = person::add(&store, &Actor::device(), &s, today())
        .await
        .unwrap();
    assert_eq!(p.number_kind, Some(NumberKind::Samordningsnummer));
    assert_eq!(p.personal_number.as_deref(), Some(sam.as_str()));
    store.close().await;
}

#[tokio::test]
async fn search_folds_case_including_swedish_letters_and_matches_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    person::add(&store, &Actor::device(), &anna(), today())
        .await
        .unwrap();
    let other = PersonInput {
        personal_number: Some(pnr("20120427", "383")),
        given_name: "Liam".into(),
        family_name: "Johansson".into(),
        ..Default::default()
    };
    person::add(&store, &Actor::device(), &other, today())
        .await
        .unwrap();
    let names = |v: Vec<akta_core::person::PersonSummary>| {
        v.into_iter().map(|p| p.given_name).collect::<Vec<_>>()
    };
    assert_eq!(
        names(person::list(&store, Some("åsa")).await.unwrap()),
        vec!["Åsa"]
    );
    assert_eq!(
        names(person::list(&store, Some("ÖBERG")).await.unwrap()),
        vec!["Åsa"]
    );
    assert_eq!(
        names(person::list(&store, Some("öberg åsa")).await.unwrap()),
        vec!["Åsa"]
    );
    assert_eq!(
        names(person::list(&store, Some("811218-98")).await.unwrap()),
        vec!["Åsa"]
    );
    assert_eq!(
        names(person::list(&store, Some("20120427")).await.unwrap()),
        vec!["Liam"]
    );
    assert_eq!(
        names(person::list(&store, Some("%")).await.unwrap()),
        Vec::<String>::new()
    );
    assert_eq!(person::list(&store, Some("  ")).await.unwrap().len(), 2);
    // Ordered by family name.
    assert_eq!(
        names(person::list(&store, None).await.unwrap()),
        vec!["Liam", "Åsa"]
    );
    store.close().await;
}

#[tokio::test]
async fn protected_identity_hides_address_and_contact_in_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let mut p = anna();
    p.protected_identity = true;
    let stored = person::add(&store, &Actor::device(), &p, today())
        .await
        .unwrap();
    let list = person::list(&store, None).await.unwrap();
    assert_eq!(list[0].city, None);
    assert!(list[0].protected_identity);
    let json = serde_json::to_string(&list).unwrap();
    for hidden in ["Borås", "Ängsvägen", "asa.oberg", "070-123"] {
        assert!(!json.contains(hidden), "list shows {hidden}");
    }
    // The caseworker's detail view still has them (shown behind a banner).
    let detail = person::get(&store, &Actor::device(), stored.id)
        .await
        .unwrap();
    assert_eq!(detail.city.as_deref(), Some("Borås"));
    store.close().await;
}

#[tokio::test]
async fn demo_data_fills_every_kind_once() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let first = akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    assert!(first.persons_added >= 20, "{first:?}");
    assert!(first.organisations_added >= 5, "{first:?}");
    let again = akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    assert_eq!(again, akta_core::demo::DemoReport::default());
    let list = person::list(&store, None).await.unwrap();
    assert!(list.iter().any(|p| p.protected_identity));
    assert!(list
        .iter()
        .any(|p| p.number_kind == Some(NumberKind::Samordningsnummer)));
    assert!(list.iter().any(|p| p.personal_number.is_none()));
    store.close().await;
}

#[tokio::test]
async fn a_page_holds_the_first_persons_in_name_order_and_counts_all_that_match() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    for family in ["Ek", "Berg", "Dahl", "Alm", "Cedergren"] {
        let p = PersonInput {
            given_name: "Kim".into(),
            family_name: family.into(),
            ..Default::default()
        };
        person::add(&store, &Actor::device(), &p, today())
            .await
            .unwrap();
    }
    let families = |p: &person::PersonPage| {
        p.persons
            .iter()
            .map(|s| s.summary.family_name.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let first = person::page(&store, None, Some(2), PersonSort::default(), today())
        .await
        .unwrap();
    assert_eq!(first.total, 5);
    assert_eq!(families(&first), "Alm Berg");
    let all = person::page(&store, None, None, PersonSort::default(), today())
        .await
        .unwrap();
    assert_eq!(
        (all.total, families(&all).as_str()),
        (5, "Alm Berg Cedergren Dahl Ek")
    );
    let more_than_all = person::page(&store, None, Some(100), PersonSort::default(), today())
        .await
        .unwrap();
    assert_eq!(more_than_all, all);
    // A blank search is no search (the page then reads only its own rows).
    let blank = person::page(&store, Some("  "), Some(2), PersonSort::default(), today())
        .await
        .unwrap();
    assert_eq!(blank, first);
    // The count is of the matches, not of the store.
    let found = person::page(&store, Some("e"), Some(1), PersonSort::default(), today())
        .await
        .unwrap();
    assert_eq!((found.total, families(&found).as_str()), (3, "Berg"));
    let none = person::page(
        &store,
        Some("Zetterlund"),
        Some(1),
        PersonSort::default(),
        today(),
    )
    .await
    .unwrap();
    assert_eq!((none.total, none.persons.len()), (0, 0));
    store.close().await;
}
