//! What becomes of a document once it is in a personakt, on real encrypted stores:
//! sent drawn-up documents are locked and corrected by a new version, deleting destroys
//! the key and the file, a restricted person's documents stay as they are, a tampered
//! file does not open, and the folder check at open removes orphaned files and counts
//! missing ones.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use akta_core::document::{self, blob, Direction, Document, DocumentInput, DocumentOwner};
use akta_core::error::{ErrorCode, Reason};
use akta_core::rights;
use akta_core::store::{Store, StoreDir, Unlock};
use common::*;

const MARKER: &str = "HEMLIG-MARKOR-I-DOKUMENTET-7f3a";

fn pdf() -> Vec<u8> {
    pdf_showing(MARKER)
}

/// Karin adds `bytes` as a document today.
async fn add(w: &Staff, bytes: &[u8], input: &DocumentInput) -> akta_core::Result<Document> {
    document::add_bytes(&w.store, &w.karin, bytes, input, today()).await
}

/// A store with the Berg family and a letter in the home's file.
async fn with_a_letter(dir: &std::path::Path) -> (Staff, Family, Document) {
    let (w, f) = store_with_family(dir, "Berg").await;
    let doc = add(&w, &pdf(), &letter(&f)).await.unwrap();
    (w, f, doc)
}

fn letter(f: &Family) -> DocumentInput {
    document_input(DocumentOwner::Home(f.home), "Brev")
}

/// A document's key, as its row holds it.
async fn secret(store: &Store, id: i64) -> String {
    sqlx::query_scalar("SELECT secret FROM documents WHERE id = ?")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn sent_documents_are_locked_and_corrected_by_a_new_version() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, f) = store_with_family(tmp.path(), "Berg").await;
    let child = DocumentOwner::Child(f.child);
    let mut a = document_input(child, "Yttrande till socialnämnden");
    a.description.direction = Direction::DrawnUp;
    a.description.doc_type = "yttrande".into();
    let d = add(&w, &pdf(), &a).await.unwrap();
    // Received documents are never "sent".
    let got = add(&w, &jpeg_of(&[0x42; 300]), &document_input(child, "Brev"))
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
    let mut change = a.description.clone();
    change.title = "Nytt namn".into();
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
    let newer = add(&w, &pdf(), &v2).await.unwrap();
    let old = document::get(&w.store, &w.karin, d.id).await.unwrap();
    assert_eq!(old.superseded_by, Some(newer.id));
    // Only a sent drawn-up document of the same file can be superseded.
    let mut wrong = a.clone();
    wrong.supersedes_id = Some(got.id);
    let e = add(&w, &pdf(), &wrong).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("supersedes_id", Reason::NotAllowed)]);
    // An unsent one is renamed and re-linked.
    change.direction = Direction::Incoming;
    change.doc_type = "brev".into();
    change.persons = vec![f.child];
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
    let (w, f) = store_with_family(tmp.path(), "Berg").await;
    let home = DocumentOwner::Home(f.home);
    let d = add(&w, &pdf(), &document_input(home, "Referens"))
        .await
        .unwrap();
    let deleted_key = secret(&w.store, d.id).await;
    let file = document_files(tmp.path()).remove(0);
    let kept = std::fs::read(&file).unwrap();
    // A document that stays: the page check below finds a key that is there.
    let other = add(&w, &pdf(), &document_input(home, "Brev"))
        .await
        .unwrap();
    let kept_key = secret(&w.store, other.id).await;
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
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            !contains(page, &deleted_key.as_bytes()[20..]),
            "page {} holds a deleted key",
            i + 1
        );
    }
    assert!(pages
        .iter()
        .any(|p| contains(p, &kept_key.as_bytes()[20..])));
    assert!(!contains(&kept, MARKER.as_bytes()));
}

#[tokio::test]
async fn a_restricted_person_gets_no_new_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, f, before) = with_a_letter(tmp.path()).await;
    rights::rectify::set_restriction(&w.store, &w.dpo, f.adult, Some(today()), today())
        .await
        .unwrap();
    // What is there stays as it is.
    let e = document::delete(&w.store, &w.karin, before.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let e = add(&w, &pdf(), &letter(&f)).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(document_files(tmp.path()).len(), 1);
}

#[tokio::test]
async fn a_tampered_file_does_not_open() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, _, d) = with_a_letter(tmp.path()).await;
    let file = document_files(tmp.path()).remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x55;
    std::fs::write(&file, bytes).unwrap();
    let e = document::open(&w.store, &w.karin, d.id).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreDamaged);
}

#[tokio::test]
async fn the_folder_check_removes_orphans_and_counts_missing_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (w, _, d) = with_a_letter(tmp.path()).await;
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
