//! Whole-store transfer with documents: a store that holds documents goes out only
//! sealed (the JSON holds their keys), carries every document's file, and comes in
//! whole — every document opens byte-identical, taken file names get fresh ones — or,
//! on any damage or refusal, not at all: no row, no file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::io::{Read, Write};
use std::path::Path;

use akta_core::backup::{Opener, Seal};
use akta_core::crypto::{self, Passphrase, RecoveryIdentity};
use akta_core::document::{self, DocumentOwner};
use akta_core::error::{ErrorCode, Reason};
use akta_core::store::Store;
use akta_core::transfer;
use akta_core::user::Actor;
use common::*;

const MARKER: &str = "FLYTTAS-MED-AKTEN-d41f";

fn documents() -> Vec<Vec<u8>> {
    let pdf = pdf_showing(MARKER);
    let jpeg = jpeg_of(&(0..150_000u32).map(|i| (i % 253) as u8).collect::<Vec<_>>());
    let text = format!("Yttrande från skolan.\n{MARKER}\n").into_bytes();
    vec![pdf, jpeg, text]
}

/// A store sealed to the agency `id`, with a home (an adult member) and a child, and
/// documents in both files; the documents' bytes by title.
async fn source(dir: &Path, id: &RecoveryIdentity) -> Store {
    let (store, karin) = caseworker_store(dir, Some(id.recipient())).await;
    let Family { home, adult, child } = family(&store, &karin, "Flytt").await;
    let owners = [
        (DocumentOwner::Home(home), vec![adult]),
        (DocumentOwner::Home(home), vec![]),
        (DocumentOwner::Child(child), vec![child]),
    ];
    for (i, (bytes, (owner, persons))) in documents().iter().zip(owners).enumerate() {
        let mut input = document_input(owner, &format!("Dokument {i}"));
        input.description.doc_type = "yttrande".into();
        input.description.persons = persons;
        document::add_bytes(&store, &karin, bytes, &input, today())
            .await
            .unwrap();
    }
    store
}

/// Every document of the store, opened (checked against its hash), by title.
async fn opened(store: &Store) -> Vec<(String, Vec<u8>)> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, title FROM documents ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    let mut out = Vec::new();
    for (id, title) in rows {
        out.push((title, document::content(store, id).await.unwrap()));
    }
    out
}

fn expected() -> Vec<(String, Vec<u8>)> {
    documents()
        .into_iter()
        .enumerate()
        .map(|(i, b)| (format!("Dokument {i}"), b))
        .collect()
}

/// Everything on disk of a store: its files and its documents' files.
fn on_disk(dir: &Path) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let files = snapshot(dir)
        .into_iter()
        .filter(|(n, _)| !(n.ends_with("-wal") || n.ends_with("-shm")))
        .collect();
    let docs = match std::fs::read_dir(dir.join("documents")) {
        Ok(e) => {
            let mut v: Vec<String> = e
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
        Err(_) => Vec::new(),
    };
    (files, docs)
}

async fn document_rows(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM documents")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_store_with_documents_moves_sealed_and_every_document_opens_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let id = crypto::generate_recovery_identity();
    let a = source(&tmp.path().join("a"), &id).await;
    // Their keys are in the rows: never as plain JSON.
    let file = transfer::export(&a, &Actor::device()).await.unwrap();
    assert!(transfer::holds_documents(&file));
    let e = transfer::to_json(&file).unwrap_err();
    assert_eq!(refusals(&e), vec![("seal", Reason::Required)]);

    let out = tmp.path().join("flytt.akta");
    let summary = transfer::export_sealed(&a, &Actor::device(), &Seal::Recipient, &out)
        .await
        .unwrap();
    assert_eq!(summary.documents, 3);
    let sealed = std::fs::read(&out).unwrap();
    assert!(transfer::is_sealed(&out).unwrap());
    assert!(!contains(&sealed, MARKER.as_bytes()));
    assert!(
        !contains(&sealed, b"AGE-SECRET-KEY"),
        "no key in plain text"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Never over an existing file.
    let e = transfer::export_sealed(&a, &Actor::device(), &Seal::Recipient, &out)
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("out", Reason::Duplicate)]);
    a.close().await;

    // Into a new store on another device: the agency's identity opens it.
    let b = new_store(&tmp.path().join("b")).await;
    let report =
        transfer::import_sealed(&b, &Actor::device(), &out, &Opener::Identity(&id), today())
            .await
            .unwrap();
    assert_eq!(report.added["documents"], 3);
    assert_eq!(opened(&b).await, expected());
    let check = document::check_folder(&b).await.unwrap();
    assert_eq!((check.removed, check.missing), (0, 0));
    // The same file again: every name is taken now, so each file comes in under a new
    // one, and both copies open.
    let before: Vec<String> = sqlx::query_scalar("SELECT blob FROM documents")
        .fetch_all(b.pool())
        .await
        .unwrap();
    transfer::import_sealed(&b, &Actor::device(), &out, &Opener::Identity(&id), today())
        .await
        .unwrap();
    let after: Vec<String> = sqlx::query_scalar("SELECT blob FROM documents ORDER BY id")
        .fetch_all(b.pool())
        .await
        .unwrap();
    assert_eq!(after.len(), 6);
    assert!(
        after[3..].iter().all(|n| !before.contains(n)),
        "fresh names"
    );
    let all = opened(&b).await;
    assert_eq!(&all[..3], &expected()[..]);
    assert_eq!(&all[3..], &expected()[..]);
    assert_eq!(on_disk(&tmp.path().join("b")).1.len(), 6);
    assert!(akta_core::audit::verify(&b).await.unwrap().intact);
    b.close().await;
}

#[tokio::test]
async fn a_transfer_sealed_to_a_passphrase_opens_with_it_only() {
    let tmp = tempfile::tempdir().unwrap();
    let id = crypto::generate_recovery_identity();
    let a = source(&tmp.path().join("a"), &id).await;
    let pass = Passphrase::new("en annan lösenfras för flytten".into());
    let out = tmp.path().join("flytt.akta");
    transfer::export_sealed(&a, &Actor::device(), &Seal::Passphrase(&pass), &out)
        .await
        .unwrap();
    a.close().await;
    let b = new_store(&tmp.path().join("b")).await;
    let before = on_disk(&tmp.path().join("b"));
    let e = transfer::import_sealed(&b, &Actor::device(), &out, &Opener::Identity(&id), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongKey);
    assert_eq!(on_disk(&tmp.path().join("b")), before);
    transfer::import_sealed(
        &b,
        &Actor::device(),
        &out,
        &Opener::Passphrase(&pass),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(opened(&b).await, expected());
    b.close().await;
}

/// The payload of a sealed transfer file, decrypted with the agency identity.
fn payload(path: &Path, id: &RecoveryIdentity) -> Vec<u8> {
    let sealed = std::fs::read(path).unwrap();
    let mut plain = Vec::new();
    age::Decryptor::new_buffered(&sealed[..])
        .unwrap()
        .decrypt(std::iter::once(id.age_identity()))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

/// Seals a payload to the agency identity's recipient.
fn reseal(plain: &[u8], id: &RecoveryIdentity, path: &Path) {
    let r = crypto::parse_recipient(&id.recipient()).unwrap();
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut w = enc
        .wrap_output(std::fs::File::create(path).unwrap())
        .unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
}

/// The payload's parts: header (JSON), the transfer document (JSON), the files.
fn split(plain: &[u8]) -> (serde_json::Value, serde_json::Value, Vec<u8>) {
    let body = plain
        .strip_prefix(transfer::SEALED_MAGIC.as_bytes())
        .unwrap();
    let nl = body.iter().position(|&b| b == b'\n').unwrap();
    let header: serde_json::Value = serde_json::from_slice(&body[..nl]).unwrap();
    let n = header["json_bytes"].as_u64().unwrap() as usize;
    let doc = serde_json::from_slice(&body[nl + 1..nl + 1 + n]).unwrap();
    (header, doc, body[nl + 1 + n..].to_vec())
}

fn join(header: &serde_json::Value, doc: &serde_json::Value, files: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec(doc).unwrap();
    let mut header = header.clone();
    header["json_bytes"] = serde_json::json!(json.len());
    let mut out = transfer::SEALED_MAGIC.as_bytes().to_vec();
    out.extend(serde_json::to_vec(&header).unwrap());
    out.push(b'\n');
    out.extend(json);
    out.extend_from_slice(files);
    out
}

#[tokio::test]
async fn a_damaged_or_refused_transfer_writes_nothing_not_even_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let id = crypto::generate_recovery_identity();
    let a = source(&tmp.path().join("a"), &id).await;
    let out = tmp.path().join("flytt.akta");
    transfer::export_sealed(&a, &Actor::device(), &Seal::Recipient, &out)
        .await
        .unwrap();
    let plain_json = transfer::export(&a, &Actor::device()).await.unwrap();
    a.close().await;
    let b = new_store(&tmp.path().join("b")).await;
    let opener = Opener::Identity(&id);
    let before = on_disk(&tmp.path().join("b"));
    let audit_before = audit_count(&b).await;
    let unchanged = |what: &str| {
        assert_eq!(
            on_disk(&tmp.path().join("b")),
            before,
            "{what}: the store is unchanged"
        );
    };

    // Cut off: in the last file, and before the end tag.
    let sealed = std::fs::read(&out).unwrap();
    for (what, cut) in [
        ("cut in a file", sealed.len() - 500),
        ("cut at the end", sealed.len() - 1),
    ] {
        let bad = tmp.path().join("cut.akta");
        std::fs::write(&bad, &sealed[..cut]).unwrap();
        let e = transfer::import_sealed(&b, &Actor::device(), &bad, &opener, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), vec![("file", Reason::Format)], "{what}");
        unchanged(what);
        std::fs::remove_file(&bad).unwrap();
    }

    let plain = payload(&out, &id);
    let (header, doc, files) = split(&plain);
    let bad = tmp.path().join("bad.akta");
    // A document whose file does not open to its row's content (another checksum), a
    // row refused by the registry's rules, a row whose file is not in the transfer file
    // (and so a file no row claims): each named, nothing written.
    let cases = [
        (
            "a file that does not match its row",
            "/tables/documents/1/sha256",
            serde_json::json!("0".repeat(64)),
            vec![("documents[1].blob", Reason::Format)],
        ),
        (
            "a refused row",
            "/tables/persons/0/personal_number",
            serde_json::json!("19811218-9875"),
            vec![("persons[0].personal_number", Reason::Checksum)],
        ),
        (
            "files and rows that do not match",
            "/tables/documents/2/blob",
            serde_json::json!(format!("{}.age", "ab".repeat(16))),
            vec![
                ("documents[2].blob", Reason::Unknown),
                ("files[2]", Reason::Unknown),
            ],
        ),
    ];
    for (what, field, value, named) in cases {
        let mut tampered = doc.clone();
        *tampered.pointer_mut(field).unwrap() = value;
        reseal(&join(&header, &tampered, &files), &id, &bad);
        let e = transfer::import_sealed(&b, &Actor::device(), &bad, &opener, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), named, "{what}");
        unchanged(what);
    }

    // A plain document cannot bring documents: their files are not in it.
    let mut text = serde_json::to_value(&plain_json).unwrap();
    text["tables"]["persons"][0]["given_name"] = serde_json::json!("Åsa");
    let e = transfer::import(
        &b,
        &Actor::device(),
        &serde_json::to_vec(&text).unwrap(),
        today(),
    )
    .await
    .unwrap_err();
    let named = refusals(&e);
    assert_eq!(named.len(), 3);
    assert!(named
        .iter()
        .all(|(f, r)| f.starts_with("documents[") && *r == Reason::Unknown));
    unchanged("a plain document with documents");
    assert_eq!(audit_count(&b).await, audit_before);
    assert_eq!(document_rows(&b).await, 0);

    // The untouched file still comes in whole.
    transfer::import_sealed(&b, &Actor::device(), &out, &opener, today())
        .await
        .unwrap();
    assert_eq!(opened(&b).await, expected());
    b.close().await;
}
