//! The catalogue against the schema, and whole-store export / import on real stores.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::collections::BTreeSet;

use akta_core::catalogue::{self, Value, INTERNAL_TABLES, TABLES};
use akta_core::error::{ErrorCode, Reason};
use akta_core::journal;
use akta_core::store::Store;
use akta_core::transfer::{self, TransferFile};
use akta_core::user::{self, Actor, Role, UserInput};
use akta_core::{audit, demo, person};
use common::*;
use serde_json::Value as Json;
use sqlx::Row;

#[tokio::test]
async fn the_catalogue_knows_every_table_and_column_the_migrations_make() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'journal_fts_%' ORDER BY name",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let internal: BTreeSet<&str> = INTERNAL_TABLES.iter().map(|t| t.0).collect();
    for name in &tables {
        if internal.contains(name.as_str()) {
            continue;
        }
        let table = catalogue::table(name)
            .unwrap_or_else(|| panic!("table {name} is not in the catalogue (catalogue.rs)"));
        let cols: Vec<String> = sqlx::query(&format!("PRAGMA table_info({name})"))
            .fetch_all(store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .collect();
        let declared: Vec<String> = table.columns.iter().map(|c| c.name.to_owned()).collect();
        assert_eq!(
            cols, declared,
            "columns of {name} differ from the catalogue (catalogue.rs)"
        );
        // Every foreign key is a declared reference, and the other way round.
        let fks: BTreeSet<(String, String)> =
            sqlx::query(&format!("PRAGMA foreign_key_list({name})"))
                .fetch_all(store.pool())
                .await
                .unwrap()
                .iter()
                .map(|r| (r.get::<String, _>("from"), r.get::<String, _>("table")))
                .collect();
        let refs: BTreeSet<(String, String)> = table
            .columns
            .iter()
            .filter_map(|c| match c.value {
                Value::Ref(t) => Some((c.name.to_owned(), t.to_owned())),
                _ => None,
            })
            .collect();
        assert_eq!(fks, refs, "references of {name}");
    }
    for t in TABLES {
        assert!(
            tables.contains(&t.name.to_owned()),
            "{} not in schema",
            t.name
        );
    }
    for (name, _) in INTERNAL_TABLES {
        assert!(tables.contains(&(*name).to_owned()), "{name} not in schema");
    }
    // Parents come first: a table refers only to itself or to tables before it.
    for (i, t) in TABLES.iter().enumerate() {
        for c in t.columns {
            if let Value::Ref(target) = c.value {
                let at = TABLES.iter().position(|x| x.name == target).unwrap();
                assert!(at <= i, "{}.{} refers forward to {target}", t.name, c.name);
            }
        }
    }
    store.close().await;
}

async fn demo_store(dir: &std::path::Path) -> Store {
    let store = new_store(dir).await;
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    store
}

fn rows(file: &TransferFile, table: &str) -> Vec<Json> {
    file.tables[table].as_array().unwrap().clone()
}

/// The document without the demo's documents (which move only in a sealed transfer
/// file, tests/documents_transfer.rs), as plain JSON.
fn plain_without_documents(file: &TransferFile) -> Vec<u8> {
    let mut file = file.clone();
    for t in ["documents", "document_persons"] {
        file.tables.insert(t.to_owned(), Json::Array(Vec::new()));
    }
    transfer::to_json(&file).unwrap().into_bytes()
}

#[tokio::test]
async fn a_whole_store_moves_to_a_new_device_and_comes_out_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let a = demo_store(&tmp.path().join("a")).await;
    let first = transfer::export(&a, &Actor::device()).await.unwrap();
    assert_eq!(first.format, "akta-transfer");
    for t in [
        "persons",
        "foster_homes",
        "investigations",
        "investigation_items",
        "placements",
        "journal_entries",
        "concern_reports",
        "consents",
        "interest_notices",
        "documents",
    ] {
        assert!(!rows(&first, t).is_empty(), "demo has {t}");
    }
    // With its documents, the store moves sealed (their keys are in the rows).
    let out = tmp.path().join("flytt.akta");
    transfer::export_sealed(
        &a,
        &Actor::device(),
        &akta_core::backup::Seal::Passphrase(&passphrase()),
        &out,
    )
    .await
    .unwrap();

    let b = new_store(&tmp.path().join("b")).await;
    let report = transfer::import_sealed(
        &b,
        &Actor::device(),
        &out,
        &akta_core::backup::Opener::Passphrase(&passphrase()),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(
        report.added["journal_entries"] as usize,
        rows(&first, "journal_entries").len()
    );
    assert_eq!(
        report.matched["processing_activities"] as usize,
        rows(&first, "processing_activities").len(),
        "the register of processing is seeded in every store and matched by code"
    );
    let second = transfer::export(&b, &Actor::device()).await.unwrap();
    for t in catalogue::transferred() {
        assert_eq!(
            rows(&first, t.name),
            rows(&second, t.name),
            "{} differs after the move",
            t.name
        );
    }
    // The full-text index followed the entries; the audit log recorded the creations.
    let text = rows(&first, "journal_entries")[0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    let word = text.split_whitespace().find(|w| w.len() > 5).unwrap();
    let hits = journal::search(&b, &Actor::device(), word, 10, journal::SearchOrder::Newest)
        .await
        .unwrap();
    assert!(!hits.is_empty(), "search finds imported text");
    let v = audit::verify(&b).await.unwrap();
    assert!(v.intact);
    assert!(v.events as usize > rows(&first, "persons").len());
    // One creation event per row added, naming that row (written in bulk, chained the same).
    let person_events: Vec<i64> = sqlx::query_scalar(
        "SELECT entity_id FROM audit_events WHERE action = 'create' AND entity_kind = 'person' ORDER BY seq",
    )
    .fetch_all(b.pool())
    .await
    .unwrap();
    let mut persons: Vec<i64> = sqlx::query_scalar("SELECT id FROM persons ORDER BY id")
        .fetch_all(b.pool())
        .await
        .unwrap();
    persons.sort();
    assert_eq!(person_events, persons);
    assert_eq!(
        report.added.get("persons").copied().unwrap_or(0) as usize,
        persons.len()
    );
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn an_invalid_record_anywhere_writes_nothing_and_every_refusal_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let a = demo_store(&tmp.path().join("a")).await;
    let file = transfer::export(&a, &Actor::device()).await.unwrap();
    a.close().await;
    let mut doc = serde_json::to_value(&file).unwrap();
    let t = &mut doc["tables"];
    // A wrong check digit (caught by the registry's own rules).
    let pn = t["persons"][1]["personal_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let last = pn.chars().last().unwrap().to_digit(10).unwrap();
    let wrong = format!("{}{}", &pn[..pn.len() - 1], (last + 1) % 10);
    t["persons"][1]["personal_number"] = Json::from(wrong);
    // Not a real date; a kind the schema does not allow; a column nobody knows; a
    // reference to a home that is not in the file.
    t["journal_entries"][0]["event_date"] = Json::from("2026-02-30");
    t["foster_homes"][0]["kind"] = Json::from("villa");
    t["placements"][0]["secret_column"] = Json::from(1);
    t["placements"][0]["home_id"] = Json::from(999_999);
    let bytes = serde_json::to_vec(&doc).unwrap();

    let b = new_store(&tmp.path().join("b")).await;
    let before = audit_count(&b).await;
    let e = transfer::import(&b, &Actor::device(), &bytes, today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let named: Vec<(String, Reason)> = e
        .fields()
        .iter()
        .map(|f| (f.field.clone(), f.reason))
        .collect();
    for expected in [
        ("persons[1].personal_number", Reason::Checksum),
        ("journal_entries[0].event_date", Reason::Date),
        ("placements[0].secret_column", Reason::Unknown),
        ("placements[0].home_id", Reason::Unknown),
    ] {
        assert!(
            named.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} in {named:?}"
        );
    }
    assert_eq!(person::count(&b).await.unwrap(), 0, "nothing written");
    assert_eq!(audit_count(&b).await, before);

    // With the value checks passing, the schema's constraint is named too, and the
    // rows written before it are rolled back.
    let mut doc = serde_json::to_value(&file).unwrap();
    doc["tables"]["foster_homes"][0]["kind"] = Json::from("villa");
    let e = transfer::import(
        &b,
        &Actor::device(),
        &serde_json::to_vec(&doc).unwrap(),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "foster_homes[0].kind");
    assert_eq!(person::count(&b).await.unwrap(), 0, "persons rolled back");
    let homes: i64 = sqlx::query_scalar("SELECT count(*) FROM foster_homes")
        .fetch_one(b.pool())
        .await
        .unwrap();
    assert_eq!(homes, 0);

    // Not a transfer document at all.
    for (bad, field) in [
        (&b"{ not json"[..], "file"),
        (br#"{"format":"other"}"#, "format"),
        (
            br#"{"format":"akta-transfer","format_version":2}"#,
            "format_version",
        ),
        (
            br#"{"format":"akta-transfer","format_version":1,"schema_version":9999,"tables":{}}"#,
            "schema_version",
        ),
    ] {
        let e = transfer::import(&b, &Actor::device(), bad, today())
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, field);
    }
    b.close().await;
}

#[tokio::test]
async fn importing_into_a_store_with_data_matches_the_registry_and_refuses_a_clash() {
    let tmp = tempfile::tempdir().unwrap();
    let a = demo_store(&tmp.path().join("a")).await;
    let file = transfer::export(&a, &Actor::device()).await.unwrap();
    let persons_before = person::count(&a).await.unwrap();
    // The same data again: numbered persons and organisations are matched, not copied.
    let report = transfer::import(
        &a,
        &Actor::device(),
        &plain_without_documents(&file),
        today(),
    )
    .await
    .unwrap();
    let numbered = rows(&file, "persons")
        .iter()
        .filter(|p| !p["personal_number"].is_null())
        .count();
    assert_eq!(report.matched["persons"] as usize, numbered);
    assert_eq!(
        person::count(&a).await.unwrap() as usize,
        persons_before as usize + rows(&file, "persons").len() - numbered
    );

    // A personnummer already in the store under another name is a clash, not a merge.
    let mut doc: Json = serde_json::from_slice(&plain_without_documents(&file)).unwrap();
    let i = rows(&file, "persons")
        .iter()
        .position(|p| !p["personal_number"].is_null())
        .unwrap();
    doc["tables"]["persons"][i]["given_name"] = Json::from("Någon Annan");
    let count = person::count(&a).await.unwrap();
    let e = transfer::import(
        &a,
        &Actor::device(),
        &serde_json::to_vec(&doc).unwrap(),
        today(),
    )
    .await
    .unwrap_err();
    assert!(e.fields().iter().any(
        |f| f.field == format!("persons[{i}].personal_number") && f.reason == Reason::Duplicate
    ));
    assert_eq!(person::count(&a).await.unwrap(), count);
    a.close().await;
}

#[tokio::test]
async fn only_the_data_protection_role_moves_a_whole_store() {
    let tmp = tempfile::tempdir().unwrap();
    let a = demo_store(tmp.path()).await;
    let users = user::list(&a).await.unwrap();
    let caseworker = users.iter().find(|u| u.role == Role::Handlaggare).unwrap();
    let e = transfer::export(&a, &Actor::user(caseworker.clone()))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    let e = transfer::import(&a, &Actor::user(caseworker.clone()), b"{}", today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    let dpo = user::add(
        &a,
        &Actor::device(),
        &UserInput {
            name: "Dan Dataskydd".into(),
            title: None,
            role: Role::Dataskyddsansvarig,
        },
    )
    .await
    .unwrap();
    let before = audit_count(&a).await;
    transfer::export(&a, &Actor::user(dpo)).await.unwrap();
    assert_eq!(audit_count(&a).await, before + 1, "the export is audited");
    let last = audit::list(&a, 1).await.unwrap();
    assert_eq!(last[0].action, "export");
    assert_eq!(last[0].entity_kind, "store");
    a.close().await;
}
