//! Searching the persons list over the folded name column the core keeps: on every
//! write of a name, on import, and for older rows when a store opens.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;

use akta_core::person::{self, PersonInput, PersonSort};
use akta_core::rights::rectify;
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::transfer;
use akta_core::user::Actor;
use common::*;
use proptest::prelude::*;
use serde_json::Value as Json;

async fn add(store: &Store, given: &str, family: &str) -> i64 {
    let p = PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        ..Default::default()
    };
    person::add(store, &Actor::device(), &p, today())
        .await
        .unwrap()
        .id
}

async fn found(store: &Store, query: &str) -> BTreeSet<i64> {
    person::list(store, Some(query))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

async fn key_of(store: &Store, id: i64) -> Option<String> {
    sqlx::query_scalar("SELECT name_key FROM persons WHERE id = ?")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// A name part: Swedish letters and é in any case, sometimes a double name.
fn name_part() -> impl Strategy<Value = String> {
    "[a-zA-ZåäöÅÄÖéÉ]{1,10}(-[a-zA-ZåäöÅÄÖéÉ]{1,8})?"
}

/// What the search should find, worked out in Rust over every person added: each
/// whitespace-separated word of the query, folded, occurs in the folded names.
fn expected(persons: &[(i64, String, String)], query: &str) -> BTreeSet<i64> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| person::name_key(w, "").trim_end().to_owned())
        .collect();
    persons
        .iter()
        .filter(|(_, g, f)| {
            let key = person::name_key(g, f);
            words.iter().all(|w| key.contains(w.as_str()))
        })
        .map(|(id, _, _)| *id)
        .collect()
}

#[test]
fn any_folded_or_upper_case_piece_of_a_name_finds_the_person_and_only_who_has_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let store = rt.block_on(new_store(tmp.path()));
    let persons: RefCell<Vec<(i64, String, String)>> = RefCell::new(Vec::new());
    let config = ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    };
    proptest!(config, |(given in name_part(), family in name_part(),
                        start in 0usize..40, len in 1usize..8, upper in any::<bool>())| {
        let id = rt.block_on(add(&store, &given, &family));
        persons.borrow_mut().push((id, given.clone(), family.clone()));
        // A piece of the folded names, or of the names as written in upper case.
        let source: Vec<char> = if upper {
            format!("{given} {family}").to_uppercase().chars().collect()
        } else {
            person::name_key(&given, &family).chars().collect()
        };
        let start = start % source.len();
        let piece: String = source[start..(start + len).min(source.len())].iter().collect();
        let hits = rt.block_on(found(&store, &piece));
        if !piece.trim().is_empty() {
            prop_assert!(hits.contains(&id), "{piece:?} does not find {given} {family}");
            prop_assert_eq!(hits, expected(&persons.borrow(), &piece), "{:?}", piece);
        }
    });
    rt.block_on(store.close());
}

#[tokio::test]
async fn the_search_ignores_case_and_diacritics_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let asa = add(&store, "Åsa", "Öberg").await;
    let rene = add(&store, "René", "Strauß").await;
    let oberg = add(&store, "Oskar", "Oberg").await;
    assert_eq!(key_of(&store, asa).await.as_deref(), Some("asa oberg"));
    assert_eq!(found(&store, "asa").await, [asa].into());
    assert_eq!(found(&store, "ÖBERG").await, [asa, oberg].into());
    assert_eq!(found(&store, "oberg åsa").await, [asa].into());
    assert_eq!(found(&store, "rene strauss").await, [rene].into());
    assert_eq!(found(&store, "RENÉ STRAUSS").await, [rene].into());
    // No wildcards: % and _ are only themselves.
    assert_eq!(found(&store, "%").await, BTreeSet::new());
    assert_eq!(found(&store, "_").await, BTreeSet::new());
    // A page counts every match and shows the first in name order.
    let page = person::page(
        &store,
        Some("berg"),
        Some(1),
        PersonSort::default(),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.persons[0].summary.given_name, "Oskar");
    store.close().await;
}

#[tokio::test]
async fn a_rectified_name_is_found_by_the_new_name_and_not_the_old() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let p = person::add(&store, &Actor::device(), &anna(), today())
        .await
        .unwrap();
    assert_eq!(found(&store, "oberg").await, [p.id].into());
    let input = PersonInput {
        given_name: "Märta".into(),
        family_name: "Lövgren".into(),
        ..anna()
    };
    rectify::rectify_person(&store, &Actor::device(), p.id, &input, None, today())
        .await
        .unwrap();
    assert_eq!(found(&store, "lovgren marta").await, [p.id].into());
    assert_eq!(found(&store, "LÖVG").await, [p.id].into());
    assert_eq!(found(&store, "oberg").await, BTreeSet::new());
    assert_eq!(found(&store, "åsa").await, BTreeSet::new());
    store.close().await;
}

#[tokio::test]
async fn an_imported_person_gets_a_key_computed_from_the_names_not_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let a = new_store(&tmp.path().join("a")).await;
    person::add(&a, &Actor::device(), &anna(), today())
        .await
        .unwrap();
    let file = transfer::export(&a, &Actor::device()).await.unwrap();
    a.close().await;
    let mut doc = serde_json::to_value(&file).unwrap();
    assert_eq!(doc["tables"]["persons"][0]["name_key"], "asa oberg");
    // A file that says something else about the key (or nothing) is not believed.
    doc["tables"]["persons"][0]["name_key"] = Json::from("zlatan");
    let bytes = serde_json::to_vec(&doc).unwrap();
    let b = new_store(&tmp.path().join("b")).await;
    transfer::import(&b, &Actor::device(), &bytes, today())
        .await
        .unwrap();
    let id = person::list(&b, None).await.unwrap()[0].id;
    assert_eq!(key_of(&b, id).await.as_deref(), Some("asa oberg"));
    assert_eq!(found(&b, "asa").await, [id].into());
    assert_eq!(found(&b, "zlatan").await, BTreeSet::new());
    b.close().await;

    doc["tables"]["persons"][0]
        .as_object_mut()
        .unwrap()
        .remove("name_key");
    let c = new_store(&tmp.path().join("c")).await;
    transfer::import(
        &c,
        &Actor::device(),
        &serde_json::to_vec(&doc).unwrap(),
        today(),
    )
    .await
    .unwrap();
    let id = person::list(&c, None).await.unwrap()[0].id;
    assert_eq!(key_of(&c, id).await.as_deref(), Some("asa oberg"));
    c.close().await;
}

#[tokio::test]
async fn a_store_fills_missing_keys_when_it_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let id = person::add(&store, &Actor::device(), &anna(), today())
        .await
        .unwrap()
        .id;
    // As a row written before the key existed.
    sqlx::query("UPDATE persons SET name_key = NULL")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(found(&store, "asa").await, BTreeSet::new());
    store.close().await;
    let store = Store::open(
        &StoreDir::new(tmp.path().to_path_buf()),
        Unlock::Passphrase(passphrase()),
    )
    .await
    .unwrap();
    assert_eq!(key_of(&store, id).await.as_deref(), Some("asa oberg"));
    assert_eq!(found(&store, "asa").await, [id].into());
    store.close().await;
}
