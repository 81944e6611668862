//! Documents of a personakt through the core, on real encrypted stores: adding from
//! disk and from memory, refusals that leave nothing, no plaintext in the document
//! folder, deletion that destroys the key, locking of sent documents, the folder check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use akta_core::document::{
    self, blob, Direction, DocumentChange, DocumentInput, DocumentOwner, MediaType,
};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{self, ItemInput, ItemKind, Method, Register};
use akta_core::person;
use akta_core::rights;
use akta_core::store::{Store, StoreDir, Unlock};
use common::*;
use proptest::prelude::*;

const MARKER: &str = "HEMLIG-MARKOR-I-DOKUMENTET-7f3a";

/// A small but real PDF with the marker in its content stream.
fn pdf() -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
         3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n\
         4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 10 100 Td ({MARKER}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

fn jpeg() -> Vec<u8> {
    let mut b = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    b.extend_from_slice(&[0x42; 300]);
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

fn docx() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0; 26]);
    b.extend_from_slice(b"[Content_Types].xml<Types/>PK\x01\x02word/document.xml");
    b
}

struct World {
    store: Store,
    karin: akta_core::user::Actor,
    dpo: akta_core::user::Actor,
    home: i64,
    adult: i64,
    child: i64,
    stranger: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let Staff { store, dpo, karin } = store_with_staff(dir).await;
    let home = foster_home::add(&store, &karin, &home_input("Familjen Berg"), today())
        .await
        .unwrap()
        .id;
    let adult = person::add(&store, &karin, &anna(), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&store, &karin, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let child = person::add(&store, &karin, &named("Lina", "Berg"), today())
        .await
        .unwrap()
        .id;
    let stranger = person::add(&store, &karin, &named("Okänd", "Person"), today())
        .await
        .unwrap()
        .id;
    World {
        store,
        karin,
        dpo,
        home,
        adult,
        child,
        stranger,
    }
}

fn input(owner: DocumentOwner, title: &str) -> DocumentInput {
    DocumentInput {
        owner,
        title: title.into(),
        direction: Direction::Incoming,
        doc_type: "intyg".into(),
        dated_on: today(),
        counterpart: Some("Vårdcentralen Mölndal".into()),
        counterpart_org_id: None,
        persons: Vec::new(),
        criminal_record: false,
        criminal_reason: None,
        supersedes_id: None,
    }
}

fn doc_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir.join("documents")) {
        Ok(e) => e.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

async fn rows(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM documents")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn documents_are_added_listed_opened_and_saved_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let src = tmp.path().join("intyg.pdf");
    std::fs::write(&src, pdf()).unwrap();
    let mut a = input(DocumentOwner::Home(w.home), "Läkarintyg");
    a.persons = vec![w.adult];
    let d1 = document::add(&w.store, &w.karin, &src, &a, today())
        .await
        .unwrap();
    assert_eq!(d1.media_type, MediaType::Pdf);
    assert!(d1.viewable);
    assert_eq!(d1.persons.len(), 1);
    assert_eq!(d1.doc_type_label, "Intyg");
    let mut b = input(DocumentOwner::Home(w.home), "Foto av huset");
    b.doc_type = "foto".into();
    b.dated_on = today().pred_opt().unwrap();
    let d2 = document::add_bytes(&w.store, &w.karin, &jpeg(), &b, today())
        .await
        .unwrap();
    let d3 = document::add_bytes(
        &w.store,
        &w.karin,
        &docx(),
        &input(DocumentOwner::Home(w.home), "Ansökan"),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(d3.media_type, MediaType::Docx);
    assert!(!d3.viewable);
    // Newest first; same day: the later added first.
    let listed = document::list(&w.store, &w.karin, DocumentOwner::Home(w.home))
        .await
        .unwrap();
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
    let files = doc_files(tmp.path());
    assert_eq!(files.len(), 3);
    for f in files {
        assert!(!contains(&std::fs::read(f).unwrap(), MARKER.as_bytes()));
    }
}

#[tokio::test]
async fn refused_files_leave_nothing_and_say_why() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
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
        let f = std::fs::File::create(&big).unwrap();
        use std::io::Write;
        (&f).write_all(b"%PDF-1.7\n").unwrap();
        f.set_len(document::MAX_BYTES + 1).unwrap();
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
    for (path, reason) in cases {
        let e = document::add(
            &w.store,
            &w.karin,
            path,
            &input(DocumentOwner::Home(w.home), "X"),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(refusals(&e), vec![("file", reason)], "{}", path.display());
        // The message names no file and no path.
        assert!(!e.to_ui().message.contains(".pdf"));
    }
    // Bad descriptions are refused before the file is read.
    let mut bad = input(DocumentOwner::Home(w.home), "  ");
    bad.doc_type = "recept".into();
    bad.dated_on = today().succ_opt().unwrap();
    bad.persons = vec![w.stranger];
    let e = document::add_bytes(&w.store, &w.karin, &pdf(), &bad, today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("title", Reason::Required),
            ("dated_on", Reason::Future),
            ("doc_type", Reason::Unknown),
            ("persons", Reason::Unknown)
        ]
    );
    let e = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Placement(999), "X"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(refusals(&e), vec![("placement_id", Reason::Unknown)]);
    assert_eq!(rows(&w.store).await, 0);
    assert!(doc_files(tmp.path()).is_empty());
    assert_eq!(audit_count(&w.store).await, events);
}

#[tokio::test]
async fn a_criminal_record_extract_needs_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let inv = investigation::start(
        &w.store,
        &w.karin,
        w.home,
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
            person_id: Some(w.adult),
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
    let e = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Item(item), "Utdrag"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(refusals(&e), vec![("criminal_reason", Reason::Required)]);
    // Outside the checklist, saying it is such an extract asks the same.
    let mut said = input(DocumentOwner::Home(w.home), "Utdrag");
    said.criminal_record = true;
    let e = document::add_bytes(&w.store, &w.karin, &pdf(), &said, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("criminal_reason", Reason::Required)]);
    let mut ok = input(DocumentOwner::Item(item), "Utdrag");
    ok.criminal_reason = Some("Kommunen har begärt att få se utdraget.".into());
    let d = document::add_bytes(&w.store, &w.karin, &pdf(), &ok, today())
        .await
        .unwrap();
    assert!(d.criminal_record);
    assert_eq!(
        (d.home_id, d.investigation_id, d.item_id),
        (Some(w.home), Some(inv.id), Some(item))
    );
    let listed = document::list(&w.store, &w.karin, DocumentOwner::Investigation(inv.id))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

#[tokio::test]
async fn sent_documents_are_locked_and_corrected_by_a_new_version() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let mut a = input(DocumentOwner::Child(w.child), "Yttrande till socialnämnden");
    a.direction = Direction::DrawnUp;
    a.doc_type = "yttrande".into();
    let d = document::add_bytes(&w.store, &w.karin, &pdf(), &a, today())
        .await
        .unwrap();
    // Received documents are never "sent".
    let got = document::add_bytes(
        &w.store,
        &w.karin,
        &jpeg(),
        &input(DocumentOwner::Child(w.child), "Brev"),
        today(),
    )
    .await
    .unwrap();
    let e = document::mark_sent(&w.store, &w.karin, got.id, today(), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("sent_on", Reason::NotAllowed)]);
    let sent = document::mark_sent(&w.store, &w.karin, d.id, today(), today())
        .await
        .unwrap();
    assert_eq!(sent.sent_on, Some(today()));
    let change = DocumentChange {
        title: "Nytt namn".into(),
        direction: Direction::DrawnUp,
        doc_type: "yttrande".into(),
        dated_on: today(),
        counterpart: None,
        counterpart_org_id: None,
        persons: Vec::new(),
    };
    for e in [
        document::update(&w.store, &w.karin, d.id, &change, today())
            .await
            .unwrap_err(),
        document::delete(&w.store, &w.karin, d.id)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(refusals(&e), vec![("sent_on", Reason::NotAllowed)]);
    }
    let mut v2 = a.clone();
    v2.supersedes_id = Some(d.id);
    let newer = document::add_bytes(&w.store, &w.karin, &pdf(), &v2, today())
        .await
        .unwrap();
    let old = document::get(&w.store, &w.karin, d.id).await.unwrap();
    assert_eq!(old.superseded_by, Some(newer.id));
    // Only a sent drawn-up document of the same file can be superseded.
    let mut wrong = a.clone();
    wrong.supersedes_id = Some(got.id);
    let e = document::add_bytes(&w.store, &w.karin, &pdf(), &wrong, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("supersedes_id", Reason::NotAllowed)]);
    // An unsent one is renamed and re-linked.
    let mut change = change;
    change.direction = Direction::Incoming;
    change.doc_type = "brev".into();
    change.persons = vec![w.child];
    let renamed = document::update(&w.store, &w.karin, got.id, &change, today())
        .await
        .unwrap();
    assert_eq!(
        (renamed.title.as_str(), renamed.persons.len()),
        ("Nytt namn", 1)
    );
}

#[tokio::test]
async fn deleting_destroys_the_key_and_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let d = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Home(w.home), "Referens"),
        today(),
    )
    .await
    .unwrap();
    let secret: String = sqlx::query_scalar("SELECT secret FROM documents WHERE id = ?")
        .bind(d.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    let file = doc_files(tmp.path()).remove(0);
    let kept = std::fs::read(&file).unwrap();
    document::delete(&w.store, &w.karin, d.id).await.unwrap();
    assert!(!file.exists());
    let ev = last_event(&w.store).await;
    assert_eq!(
        (ev.action.as_str(), ev.entity_kind.as_str(), ev.entity_id),
        ("delete", "document", Some(d.id))
    );
    assert_eq!(
        document::get(&w.store, &w.karin, d.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    // A copy of the file that survived elsewhere is unreadable without the key, and the
    // key is in no page of the database, nor in its log.
    let key = raw_key(tmp.path());
    w.store.close().await;
    let secret_tail = &secret.as_bytes()[20..];
    for (i, page) in decrypted_pages(&tmp.path().join("akta.db"), &key)
        .iter()
        .enumerate()
    {
        assert!(
            !contains(page, secret_tail),
            "page {} holds a deleted key",
            i + 1
        );
    }
    assert!(!contains(&kept, MARKER.as_bytes()));
}

#[tokio::test]
async fn the_page_check_finds_a_key_that_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let d = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Home(w.home), "Referens"),
        today(),
    )
    .await
    .unwrap();
    let secret: String = sqlx::query_scalar("SELECT secret FROM documents WHERE id = ?")
        .bind(d.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    let key = raw_key(tmp.path());
    w.store.close().await;
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    assert!(pages.iter().any(|p| contains(p, &secret.as_bytes()[20..])));
}

#[tokio::test]
async fn a_restricted_person_gets_no_new_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    rights::rectify::set_restriction(&w.store, &w.dpo, w.adult, Some(today()), today())
        .await
        .unwrap();
    let e = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Home(w.home), "Brev"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert!(doc_files(tmp.path()).is_empty());
}

#[tokio::test]
async fn the_folder_check_removes_orphans_and_counts_missing_files() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let d = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Home(w.home), "Brev"),
        today(),
    )
    .await
    .unwrap();
    // What an import killed between writing the file and committing its row leaves.
    let dir = StoreDir::new(tmp.path().to_path_buf());
    let orphan = blob::seal_bytes(&dir, &pdf()).unwrap();
    let orphan_path = blob::ciphertext_path(&dir, &orphan.blob).unwrap();
    let partial = blob::folder(&dir).join(format!("{}.partial", blob::fresh_name()));
    std::fs::write(&partial, b"half").unwrap();
    let old = std::time::SystemTime::now() - blob::SWEEP_GRACE * 2;
    for p in [&orphan_path, &partial] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    // A young orphan may be another program's import in progress: left alone.
    let young = blob::seal_bytes(&dir, &pdf()).unwrap();
    w.store.close().await;
    let store = Store::open(&dir, Unlock::Passphrase(passphrase()))
        .await
        .unwrap();
    assert!(!orphan_path.exists() && !partial.exists());
    assert!(blob::ciphertext_path(&dir, &young.blob).unwrap().exists());
    let (_, bytes) = document::open(&store, &w.karin, d.id).await.unwrap();
    assert_eq!(bytes, pdf());
    // A row whose file went missing is counted, and opening it says the store is damaged.
    let file: String = sqlx::query_scalar("SELECT blob FROM documents WHERE id = ?")
        .bind(d.id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    std::fs::remove_file(blob::ciphertext_path(&dir, &file).unwrap()).unwrap();
    let report = document::check_folder(&store).await.unwrap();
    assert_eq!(report.missing, 1);
    let e = document::open(&store, &w.karin, d.id).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreDamaged);
}

#[tokio::test]
async fn a_tampered_file_does_not_open() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let d = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf(),
        &input(DocumentOwner::Home(w.home), "Brev"),
        today(),
    )
    .await
    .unwrap();
    let file = doc_files(tmp.path()).remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x55;
    std::fs::write(&file, bytes).unwrap();
    let e = document::open(&w.store, &w.karin, d.id).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreDamaged);
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
            let w = world(tmp.path()).await;
            match document::add_bytes(&w.store, &w.karin, &bytes, &input(DocumentOwner::Child(w.child), "Skannat"), today()).await {
                Ok(d) => {
                    let (_, back) = document::open(&w.store, &w.karin, d.id).await.unwrap();
                    assert_eq!(back, bytes);
                    use sha2::Digest;
                    assert_eq!(d.sha256, hex::encode(sha2::Sha256::digest(&bytes)));
                    assert_eq!(d.bytes as usize, bytes.len());
                }
                Err(e) => {
                    assert_eq!(e.fields()[0].field, "file");
                    assert_eq!(rows(&w.store).await, 0);
                    assert!(doc_files(tmp.path()).is_empty());
                }
            }
        });
    }
}
