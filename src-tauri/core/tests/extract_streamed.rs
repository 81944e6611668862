//! A register extract made as the app makes it — straight into the files where it is
//! saved — on a real encrypted store whose home's file is long enough for the PDF to be
//! written in several volumes: one well-formed file (qpdf), every entry in it (read back
//! with pdftotext), "Sida N av M" on every page, hashes that match the files and the
//! store's record, and nothing left beside the files. A place that is taken makes,
//! records and writes nothing. The same for a placed child's hand-over package.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;

use akta_core::error::Error;
use akta_core::pdf::VOLUME_PAGES;
use akta_core::retention;
use akta_core::rights::extract::{self, Review};
use akta_core::rights::RequestKind;
use akta_core::store::Store;
use common::*;
use sha2::{Digest, Sha256};

fn sha_of(path: &str) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `entries` journal entries in a home's file (`owner` `home_id`) or a child's
/// (`child_id`), each with a marker of its own (`A00017X`), inserted as the journal
/// stores them.
async fn long_file(store: &Store, owner: (&str, i64), author: i64, entries: usize) {
    let now = chrono::Utc::now();
    let mut tx = store.pool().begin().await.unwrap();
    for i in 0..entries {
        let text = format!(
            "A{i:05}X Hembesök hos familjen. Barnen mår bra och går till skolan varje dag; \
             vi talade om helgens planer och om kontakten med mamma. Familjehemmet berättar \
             att det har varit en lugn vecka, att läxorna blir gjorda och att fritids har \
             fungerat bättre sedan i höstas. Nästa besök bokades till början av nästa månad."
        );
        sqlx::query(&format!(
            "INSERT INTO journal_entries ({}, kind, event_date, text, author_id, created_at, updated_at)
             VALUES (?, 'note', '2026-01-01', ?, ?, ?, ?)",
            owner.0
        ))
        .bind(owner.1)
        .bind(text)
        .bind(author)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// A store whose Ek home's file holds `entries` entries, an identity-verified access
/// request from the home's adult, and an empty folder to save in.
async fn world(tmp: &Path, entries: usize) -> (Staff, i64, std::path::PathBuf) {
    let (staff, family) = store_with_family(&tmp.join("store"), "Ek").await;
    let author = staff.karin.user_id().unwrap();
    long_file(&staff.store, ("home_id", family.home), author, entries).await;
    let request = verified_request(
        &staff.store,
        &staff.dpo,
        family.adult,
        RequestKind::Access,
        today(),
    )
    .await;
    let out = tmp.join("ut");
    std::fs::create_dir(&out).unwrap();
    (staff, request, out)
}

fn pdf_pages(path: &str) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop();
    pages
}

#[tokio::test]
async fn a_long_extract_is_written_in_volumes_straight_to_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let entries = 1_000;
    let (staff, request, out) = world(tmp.path(), entries).await;
    let pdf = out.join("registerutdrag.pdf");
    let saved = extract::create_saved(
        &staff.store,
        &staff.dpo,
        request,
        today(),
        Review::AcceptAutomatic,
        &|_, _| {},
        &pdf,
    )
    .await
    .unwrap();
    let docs = &saved.documents;
    assert!(
        docs.pages as usize > VOLUME_PAGES,
        "{} pages: more than one volume",
        docs.pages
    );
    // The files, and nothing else: no hidden file left behind.
    assert_eq!(
        names_in(&out),
        vec!["registerutdrag.json", "registerutdrag.pdf"]
    );
    // The hashes are the files' and the store's record.
    assert_eq!(sha_of(&saved.pdf_path), docs.pdf_sha256);
    assert_eq!(sha_of(&saved.json_path), docs.json_sha256);
    let recorded: Vec<String> = sqlx::query_scalar(
        "SELECT sha256 FROM dsr_disclosures WHERE request_id = ? ORDER BY format",
    )
    .bind(request)
    .fetch_all(staff.store.pool())
    .await
    .unwrap();
    assert_eq!(
        recorded,
        vec![docs.json_sha256.clone(), docs.pdf_sha256.clone()]
    );
    // One well-formed file, every page numbered of the whole, every entry in it once.
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&saved.pdf_path)
        .output()
        .expect("qpdf installed (.ci/setup)");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let pages = pdf_pages(&saved.pdf_path);
    assert_eq!(pages.len(), docs.pages as usize);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Sida {} av {}", i + 1, docs.pages)),
            "page {} has its number",
            i + 1
        );
    }
    let text = pages.concat();
    for i in 0..entries {
        assert_eq!(text.matches(&format!("A{i:05}X")).count(), 1, "entry {i}");
    }
    // The JSON holds every entry too.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&saved.json_path).unwrap()).unwrap();
    let journal = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["table"] == "journal_entries")
        .unwrap();
    assert_eq!(journal["records"].as_array().unwrap().len(), entries);
}

#[tokio::test]
async fn a_taken_place_makes_records_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, request, out) = world(tmp.path(), 0).await;
    // The JSON's place beside the chosen PDF is taken by the caseworker's own file.
    std::fs::write(out.join("utdrag.json"), b"mitt eget").unwrap();
    let events = audit_count(&staff.store).await;
    let e = extract::create_saved(
        &staff.store,
        &staff.dpo,
        request,
        today(),
        Review::AcceptAutomatic,
        &|_, _| {},
        &out.join("utdrag.pdf"),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::FileExists), "{e:?}");
    assert_eq!(names_in(&out), vec!["utdrag.json"]);
    assert_eq!(
        std::fs::read(out.join("utdrag.json")).unwrap(),
        b"mitt eget"
    );
    assert_eq!(audit_count(&staff.store).await, events);
    let made: i64 = sqlx::query_scalar("SELECT count(*) FROM dsr_disclosures")
        .fetch_one(staff.store.pool())
        .await
        .unwrap();
    assert_eq!(made, 0);
}

/// A placed child whose file holds `entries` journal entries, and an empty folder.
async fn placed_child(tmp: &Path, entries: usize) -> (Staff, i64, std::path::PathBuf) {
    let staff = store_with_staff(&tmp.join("store")).await;
    let home = approved_home(&staff.store, &staff.karin, "Familjen Ek").await;
    let child = akta_core::person::add(&staff.store, &staff.karin, &named("Lina", "Ek"), today())
        .await
        .unwrap()
        .id;
    let kommun = kommun(&staff.store, &staff.karin).await;
    place(
        &staff.store,
        &staff.karin,
        child,
        home,
        kommun,
        "2026-01-01",
    )
    .await;
    let author = staff.karin.user_id().unwrap();
    long_file(&staff.store, ("child_id", child), author, entries).await;
    let out = tmp.join("ut");
    std::fs::create_dir(&out).unwrap();
    (staff, child, out)
}

#[tokio::test]
async fn a_long_handover_is_written_in_volumes_straight_to_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let entries = 1_000;
    let (staff, child, out) = placed_child(tmp.path(), entries).await;
    let (pdf, json) = (out.join("overlamning.pdf"), out.join("overlamning.json"));
    let h = retention::offer_saved(&staff.store, &staff.dpo, child, today(), &pdf, &json)
        .await
        .unwrap();
    let docs = &h.saved.documents;
    assert!(docs.pages as usize > VOLUME_PAGES, "{} pages", docs.pages);
    assert_eq!(h.copies, 0);
    assert_eq!(h.saved.copies_path, None);
    assert_eq!(names_in(&out), vec!["overlamning.json", "overlamning.pdf"]);
    assert!(
        docs.pdf.is_empty() && docs.json.is_empty(),
        "not held in memory"
    );
    // The hashes are the files' and the offer's record.
    assert_eq!(sha_of(&h.saved.pdf_path), docs.pdf_sha256);
    assert_eq!(sha_of(&h.saved.json_path), docs.json_sha256);
    let recorded: (String, String, String) =
        sqlx::query_as("SELECT document_id, pdf_sha256, json_sha256 FROM handovers WHERE id = ?")
            .bind(h.id)
            .fetch_one(staff.store.pool())
            .await
            .unwrap();
    assert_eq!(
        recorded,
        (
            docs.document_id.clone(),
            docs.pdf_sha256.clone(),
            docs.json_sha256.clone()
        )
    );
    let pages = pdf_pages(&h.saved.pdf_path);
    assert_eq!(pages.len(), docs.pages as usize);
    let text = pages.concat();
    for i in 0..entries {
        assert_eq!(text.matches(&format!("A{i:05}X")).count(), 1, "entry {i}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&h.saved.json_path).unwrap()).unwrap();
    assert_eq!(json["audience"], "municipality");
}

#[tokio::test]
async fn a_handover_whose_place_is_taken_records_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, child, out) = placed_child(tmp.path(), 3).await;
    std::fs::write(out.join("egen.json"), b"mitt eget").unwrap();
    let events = audit_count(&staff.store).await;
    let e = retention::offer_saved(
        &staff.store,
        &staff.dpo,
        child,
        today(),
        &out.join("overlamning.pdf"),
        &out.join("egen.json"),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::FileExists), "{e:?}");
    assert_eq!(names_in(&out), vec!["egen.json"]);
    assert_eq!(std::fs::read(out.join("egen.json")).unwrap(), b"mitt eget");
    assert_eq!(audit_count(&staff.store).await, events);
    let offered: i64 = sqlx::query_scalar("SELECT count(*) FROM handovers")
        .fetch_one(staff.store.pool())
        .await
        .unwrap();
    assert_eq!(offered, 0);
}
