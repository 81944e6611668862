//! Backups carry the documents: a backup holds every document's file as it lies on disk,
//! a restore puts them back so that the restored store opens every document byte for
//! byte, and a damaged or cut-off backup restores nothing (no documents folder either).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::io::{Read, Write};

use akta_core::backup::{self, Opener, Seal};
use akta_core::crypto;
use akta_core::document::{self, DocumentOwner};
use akta_core::error::ErrorCode;
use akta_core::foster_home;
use akta_core::store::{Store, StoreDir, Unlock};
use common::*;

const MARKER: &str = "SAKERHETSKOPIA-MARKOR-91b0";

fn documents() -> Vec<Vec<u8>> {
    let pdf = pdf_showing(MARKER);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..200_000u32).map(|i| (i % 251) as u8));
    let text = format!("Referens från förskolan.\n{MARKER}\n").into_bytes();
    vec![pdf, png, text]
}

/// A store (sealed to `recipient` when given) with a home and its documents; their ids
/// in the order of [`documents`].
async fn store_with_documents(
    dir: &std::path::Path,
    recipient: Option<String>,
) -> (Store, Vec<i64>) {
    let (store, karin) = caseworker_store(dir, recipient).await;
    let home = foster_home::add(&store, &karin, &home_input("Familjen Backup"), today())
        .await
        .unwrap()
        .id;
    let mut ids = Vec::new();
    for (i, bytes) in documents().iter().enumerate() {
        let mut input = document_input(DocumentOwner::Home(home), &format!("Dokument {i}"));
        input.description.doc_type = "ovrigt".into();
        ids.push(
            document::add_bytes(&store, &karin, bytes, &input, today())
                .await
                .unwrap()
                .id,
        );
    }
    (store, ids)
}

fn folder_files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    match std::fs::read_dir(dir.join("documents")) {
        Ok(_) => snapshot(&dir.join("documents")),
        Err(_) => Default::default(),
    }
}

async fn open_all(store: &Store, ids: &[i64]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for id in ids {
        // Decrypted and checked against the hash its row keeps.
        out.push(document::content(store, *id).await.unwrap());
    }
    out
}

/// Nothing of a store is in `dir`: no store file, no documents folder.
fn nothing_in(dir: &StoreDir) {
    assert!(!dir.has_any_store_file(), "no store file is left");
    assert!(
        !dir.root().join("documents").exists(),
        "no documents folder is left"
    );
    assert!(!dir.root().join("akta.db-wal").exists() && !dir.root().join("akta.db-shm").exists());
}

#[tokio::test]
async fn a_restored_store_opens_every_document_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, ids) = store_with_documents(&tmp.path().join("s"), None).await;
    let files = folder_files(&tmp.path().join("s"));
    assert_eq!(files.len(), 3);
    let path = backup::create(&store, Seal::Passphrase(&passphrase()), None)
        .await
        .unwrap();
    store.close().await;
    let sealed = std::fs::read(&path).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(
        !contains(&sealed, MARKER.as_bytes()),
        "no plaintext in the backup"
    );

    let new = StoreDir::new(tmp.path().join("new"));
    backup::restore(&path, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap();
    // The files come back as they lay on disk (still encrypted to their own keys).
    assert_eq!(folder_files(new.root()), files);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(new.root().join("documents"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let restored = Store::open(&new, Unlock::Passphrase(passphrase()))
        .await
        .unwrap();
    assert_eq!(open_all(&restored, &ids).await, documents());
    let check = document::check_folder(&restored).await.unwrap();
    assert_eq!((check.removed, check.missing), (0, 0));
    restored.close().await;
}

#[tokio::test]
async fn a_backup_sealed_to_the_agency_restores_its_documents_with_the_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let id = crypto::generate_recovery_identity();
    let (store, ids) = store_with_documents(&tmp.path().join("s"), Some(id.recipient())).await;
    let path = backup::create(&store, Seal::Recipient, None).await.unwrap();
    store.close().await;
    let new = StoreDir::new(tmp.path().join("new"));
    let e = backup::restore(&path, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongKey);
    nothing_in(&new);
    backup::restore(&path, &new, Opener::Identity(&id))
        .await
        .unwrap();
    let restored = Store::open(&new, Unlock::Passphrase(passphrase()))
        .await
        .unwrap();
    assert_eq!(open_all(&restored, &ids).await, documents());
    restored.close().await;
}

#[tokio::test]
async fn a_truncated_or_damaged_backup_restores_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = store_with_documents(&tmp.path().join("s"), None).await;
    let path = backup::create(&store, Seal::Passphrase(&passphrase()), None)
        .await
        .unwrap();
    store.close().await;
    let sealed = std::fs::read(&path).unwrap();
    let len = sealed.len();
    // Cut inside the last document, inside the database, just before the end; and one
    // byte changed in the middle of the documents.
    let mut flipped = sealed.clone();
    flipped[len - 70_000] ^= 0x01;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("cut in the last document", sealed[..len - 1000].to_vec()),
        ("cut in the database", sealed[..len / 3].to_vec()),
        ("cut before the end tag", sealed[..len - 1].to_vec()),
        ("a byte changed", flipped),
    ];
    for (what, bytes) in cases {
        let bad = tmp.path().join("bad.age");
        std::fs::write(&bad, &bytes).unwrap();
        let new = StoreDir::new(tmp.path().join(format!("new-{}", what.replace(' ', "-"))));
        let e = backup::restore(&bad, &new, Opener::Passphrase(&passphrase()))
            .await
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::StoreDamaged, "{what}: {e:?}");
        nothing_in(&new);
        std::fs::remove_file(&bad).unwrap();
    }
    // A folder with documents in it already is not a place to restore to.
    let taken = StoreDir::new(tmp.path().join("taken"));
    std::fs::create_dir_all(taken.root().join("documents")).unwrap();
    std::fs::write(taken.root().join("documents").join("x.age"), b"x").unwrap();
    let e = backup::restore(&path, &taken, Opener::Passphrase(&passphrase()))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreExists);
}

#[tokio::test]
async fn a_version_1_backup_without_documents_still_restores() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(&tmp.path().join("s")).await;
    let path = backup::create(&store, Seal::Passphrase(&passphrase()), None)
        .await
        .unwrap();
    store.close().await;
    // The same payload as the version before documents wrote it.
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(PASSPHRASE.to_owned()));
    let sealed = std::fs::read(&path).unwrap();
    let mut plain = Vec::new();
    age::Decryptor::new_buffered(&sealed[..])
        .unwrap()
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let body = plain.strip_prefix(b"akta-backup 2\n").unwrap();
    let nl = body.iter().position(|&b| b == b'\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&body[..nl]).unwrap();
    assert_eq!(header["documents"], serde_json::json!([]));
    header.as_object_mut().unwrap().remove("documents");
    let mut v1 = b"akta-backup 1\n".to_vec();
    v1.extend(serde_json::to_vec(&header).unwrap());
    v1.extend_from_slice(&body[nl..]);
    let old = tmp.path().join("old.age");
    let enc = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(
        PASSPHRASE.to_owned(),
    ));
    let mut w = enc
        .wrap_output(std::fs::File::create(&old).unwrap())
        .unwrap();
    w.write_all(&v1).unwrap();
    w.finish().unwrap();

    let new = StoreDir::new(tmp.path().join("new"));
    backup::restore(&old, &new, Opener::Passphrase(&passphrase()))
        .await
        .unwrap();
    assert!(new.exists());
    assert!(!new.root().join("documents").exists());
}
