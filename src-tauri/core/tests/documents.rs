//! Documents of a personakt through the core, on real encrypted stores: adding from
//! disk and from memory, opening and saving a copy byte-identical, no plaintext in the
//! document folder, refusals that leave nothing, criminal-record extracts. What becomes
//! of a document afterwards (sent, corrected, deleted, tampered with, checked) is in
//! `documents_lifecycle.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use akta_core::document::{self, Document, DocumentInput, DocumentOwner, MediaType};
use akta_core::error::{ErrorCode, Reason};
use akta_core::investigation::{self, ItemInput, ItemKind, Method, Register};
use akta_core::person;
use common::*;
use proptest::prelude::*;

const MARKER: &str = "HEMLIG-MARKOR-I-DOKUMENTET-7f3a";

/// A small but real PDF with the marker on its page.
fn pdf() -> Vec<u8> {
    pdf_showing(MARKER)
}

fn jpeg() -> Vec<u8> {
    jpeg_of(&[0x42; 300])
}

fn docx() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0; 26]);
    b.extend_from_slice(b"[Content_Types].xml<Types/>PK\x01\x02word/document.xml");
    b
}

/// Karin adds `bytes` as a document today.
async fn add(w: &Staff, bytes: &[u8], input: &DocumentInput) -> akta_core::Result<Document> {
    document::add_bytes(&w.store, &w.karin, bytes, input, today()).await
}

async fn rows(w: &Staff) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM documents")
        .fetch_one(w.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn documents_are_added_listed_opened_and_saved_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, f) = store_with_family(tmp.path(), "Berg").await;
    let home = DocumentOwner::Home(f.home);
    let src = tmp.path().join("intyg.pdf");
    std::fs::write(&src, pdf()).unwrap();
    let mut a = document_input(home, "Läkarintyg");
    a.description.counterpart = Some("Vårdcentralen Mölndal".into());
    a.description.persons = vec![f.adult];
    let d1 = document::add(&w.store, &w.karin, &src, &a, today())
        .await
        .unwrap();
    assert_eq!(d1.media_type, MediaType::Pdf);
    assert!(d1.viewable);
    assert_eq!(d1.persons.len(), 1);
    assert_eq!(d1.doc_type_label, "Intyg");
    assert_eq!(d1.counterpart.as_deref(), Some("Vårdcentralen Mölndal"));
    let mut b = document_input(home, "Foto av huset");
    b.description.doc_type = "foto".into();
    b.description.dated_on = today().pred_opt().unwrap();
    let d2 = add(&w, &jpeg(), &b).await.unwrap();
    let d3 = add(&w, &docx(), &document_input(home, "Ansökan"))
        .await
        .unwrap();
    assert_eq!(d3.media_type, MediaType::Docx);
    assert!(!d3.viewable);
    // Newest first; same day: the later added first.
    let listed = document::list(&w.store, &w.karin, home).await.unwrap();
    let ids: Vec<i64> = listed.iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![d3.id, d1.id, d2.id]);
    // Opened in memory, byte-identical, audited as read with ids only.
    let (_, bytes) = document::open(&w.store, &w.karin, d1.id).await.unwrap();
    assert_eq!(bytes, pdf());
    let ev = last_event(&w.store).await;
    assert_eq!(
        (ev.action.as_str(), ev.entity_kind.as_str(), ev.entity_id),
        ("read", "document", Some(d1.id))
    );
    // A saved copy is byte-identical, and never written over an existing file.
    let out = tmp.path().join("kopia.pdf");
    document::export(&w.store, &w.karin, d1.id, &out)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), pdf());
    let again = document::export(&w.store, &w.karin, d1.id, &out)
        .await
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::FileExists);
    // No plaintext in the document folder.
    let files = document_files(tmp.path());
    assert_eq!(files.len(), 3);
    for file in files {
        assert!(!contains(&std::fs::read(file).unwrap(), MARKER.as_bytes()));
    }
}

#[test]
fn a_new_document_is_one_flat_object_in_json() {
    // As the window sends it: the description's fields beside the owner, the optional
    // ones left out.
    let sent = serde_json::json!({
        "owner": { "kind": "home", "id": 4 },
        "title": "Brev",
        "direction": "drawn_up",
        "doc_type": "brev",
        "dated_on": "2026-11-23",
    });
    let input: DocumentInput = serde_json::from_value(sent).unwrap();
    assert_eq!(input.owner, DocumentOwner::Home(4));
    assert_eq!(
        (input.description.title.as_str(), input.description.dated_on),
        ("Brev", today())
    );
    assert!(input.description.persons.is_empty() && input.description.counterpart.is_none());
    assert!(!input.criminal_record && input.supersedes_id.is_none());
    let back = serde_json::to_value(&input).unwrap();
    let mut keys: Vec<&str> = back
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "counterpart",
            "counterpart_org_id",
            "criminal_reason",
            "criminal_record",
            "dated_on",
            "direction",
            "doc_type",
            "owner",
            "persons",
            "supersedes_id",
            "title"
        ]
    );
}

#[tokio::test]
async fn refused_files_leave_nothing_and_say_why() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, f) = store_with_family(tmp.path(), "Berg").await;
    let stranger = person::add(&w.store, &w.karin, &named("Okänd", "Person"), today())
        .await
        .unwrap()
        .id;
    let events = audit_count(&w.store).await;
    let exe = tmp.path().join("faktura.pdf");
    std::fs::write(
        &exe,
        b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode",
    )
    .unwrap();
    let empty = tmp.path().join("tom.pdf");
    std::fs::write(&empty, b"").unwrap();
    let big = tmp.path().join("stor.pdf");
    {
        let file = std::fs::File::create(&big).unwrap();
        use std::io::Write;
        (&file).write_all(b"%PDF-1.7\n").unwrap();
        file.set_len(document::MAX_BYTES + 1).unwrap();
    }
    let sheet = tmp.path().join("lista.pdf");
    std::fs::write(&sheet, b"PK\x03\x04 xl/workbook.xml").unwrap();
    let gone = tmp.path().join("finns-inte.pdf");
    let cases = [
        (&exe, Reason::Executable),
        (&empty, Reason::Required),
        (&big, Reason::TooLong),
        (&sheet, Reason::FileType),
        (&gone, Reason::Unknown),
    ];
    let x = document_input(DocumentOwner::Home(f.home), "X");
    for (path, reason) in cases {
        let e = document::add(&w.store, &w.karin, path, &x, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), vec![("file", reason)], "{}", path.display());
        // The message names no file and no path.
        assert!(!e.to_ui().message.contains(".pdf"));
    }
    // Bad descriptions are refused before the file is read.
    let mut bad = document_input(DocumentOwner::Home(f.home), "  ");
    bad.description.doc_type = "recept".into();
    bad.description.dated_on = today().succ_opt().unwrap();
    bad.description.persons = vec![stranger];
    let e = add(&w, &pdf(), &bad).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("title", Reason::Required),
            ("dated_on", Reason::Future),
            ("doc_type", Reason::Unknown),
            ("persons", Reason::Unknown)
        ]
    );
    let e = add(
        &w,
        &pdf(),
        &document_input(DocumentOwner::Placement(999), "X"),
    )
    .await
    .unwrap_err();
    assert_eq!(refusals(&e), vec![("placement_id", Reason::Unknown)]);
    assert_eq!(rows(&w).await, 0);
    assert!(document_files(tmp.path()).is_empty());
    assert_eq!(audit_count(&w.store).await, events);
}

#[tokio::test]
async fn a_criminal_record_extract_needs_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, f) = store_with_family(tmp.path(), "Berg").await;
    let inv = investigation::start(
        &w.store,
        &w.karin,
        f.home,
        Method::Kalvesten,
        today(),
        today(),
    )
    .await
    .unwrap();
    let inv = investigation::add_item(
        &w.store,
        &w.karin,
        inv.id,
        &ItemInput {
            kind: ItemKind::RegisterExtract,
            person_id: Some(f.adult),
            register: Some(Register::Belastningsregistret),
            done_on: today(),
            note: Some("Utan anmärkning".into()),
        },
        today(),
        12,
    )
    .await
    .unwrap();
    let item = inv.items[0].id;
    let mut extract = document_input(DocumentOwner::Item(item), "Utdrag");
    let e = add(&w, &pdf(), &extract).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("criminal_reason", Reason::Required)]);
    // Outside the checklist, saying it is such an extract asks the same.
    let mut said = document_input(DocumentOwner::Home(f.home), "Utdrag");
    said.criminal_record = true;
    let e = add(&w, &pdf(), &said).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("criminal_reason", Reason::Required)]);
    extract.criminal_reason = Some("Kommunen har begärt att få se utdraget.".into());
    let d = add(&w, &pdf(), &extract).await.unwrap();
    assert!(d.criminal_record);
    assert_eq!(
        (d.home_id, d.investigation_id, d.item_id),
        (Some(f.home), Some(inv.id), Some(item))
    );
    let listed = document::list(&w.store, &w.karin, DocumentOwner::Investigation(inv.id))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    /// Whatever bytes arrive are either refused with a reason and leave nothing, or
    /// stored and opened byte-identical with their hash.
    #[test]
    fn any_bytes_round_trip_or_are_refused(prefix in 0usize..5, body in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let starts: [&[u8]; 5] = [b"%PDF-1.5\n", &[0xFF, 0xD8, 0xFF], b"\x89PNG\r\n\x1a\n", b"", b"MZ"];
        let mut bytes = starts[prefix].to_vec();
        bytes.extend_from_slice(&body);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let tmp = tempfile::tempdir().unwrap();
            let (w, f) = store_with_family(tmp.path(), "Berg").await;
            match add(&w, &bytes, &document_input(DocumentOwner::Child(f.child), "Skannat")).await {
                Ok(d) => {
                    let (_, back) = document::open(&w.store, &w.karin, d.id).await.unwrap();
                    assert_eq!(back, bytes);
                    use sha2::Digest;
                    assert_eq!(d.sha256, hex::encode(sha2::Sha256::digest(&bytes)));
                    assert_eq!(d.bytes as usize, bytes.len());
                }
                Err(e) => {
                    assert_eq!(e.fields()[0].field, "file");
                    assert_eq!(rows(&w).await, 0);
                    assert!(document_files(tmp.path()).is_empty());
                }
            }
        });
    }
}
