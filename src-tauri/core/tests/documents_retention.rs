//! Documents under the promises that delete, on real encrypted stores: a retention run
//! purges a child's and a home's documents (keys first, then files, no key left in any
//! decrypted page), the preview and the receipt count them, the hand-over carries every
//! document of the child's file byte-identical, and an erasure keeps documents (the
//! law requires it) and the person only a document names, cleared.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::document::{self, DocumentInput, DocumentOwner};
use akta_core::foster_home::{self, HomeStatus, MemberRole, StatusChangeInput};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::placement::{self, EndPlacementInput, PlacementInput};
use akta_core::retention::{self, FileKind};
use akta_core::rights::erasure;
use akta_core::rights::RequestKind;
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::user::Actor;
use chrono::{Months, NaiveDate};
use common::*;

const MARKER: &str = "GALLRAS-MED-AKTEN-5c1e";

fn pdf() -> Vec<u8> {
    pdf_showing(MARKER)
}

fn jpeg() -> Vec<u8> {
    jpeg_of(&[0x37; 500])
}

fn text() -> Vec<u8> {
    format!("Anteckning om placeringen.\n{MARKER}\n").into_bytes()
}

fn ago(days: u64) -> NaiveDate {
    today() - chrono::Days::new(days)
}

/// A certificate received 20 days ago about `persons`.
fn input(owner: DocumentOwner, title: &str, persons: Vec<i64>) -> DocumentInput {
    let mut input = document_input(owner, title);
    input.description.dated_on = ago(20);
    input.description.persons = persons;
    input
}

async fn person(store: &Store, actor: &Actor, given: &str, number: &str) -> i64 {
    person::add(
        store,
        actor,
        &PersonInput {
            personal_number: Some(number.into()),
            given_name: given.into(),
            family_name: "Dokumentsson".into(),
            email: Some(format!("{}@example.se", given.to_lowercase())),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap()
    .id
}

async fn move_home(store: &Store, actor: &Actor, home: i64, to: HomeStatus, on: NaiveDate) {
    foster_home::change_status(
        store,
        actor,
        home,
        &StatusChangeInput {
            to,
            on_date: Some(on),
            reason: (to == HomeStatus::Avslutad).then(|| "Flyttat".into()),
        },
        today(),
    )
    .await
    .unwrap();
}

/// A closed home with an adult, a child whose placement there ended, and documents in
/// both files: (the home's documents, the child's documents) with their bytes.
struct World {
    store: Store,
    dpo: Actor,
    home: i64,
    adults: Vec<i64>,
    child: i64,
    home_docs: Vec<(i64, Vec<u8>)>,
    child_docs: Vec<(i64, Vec<u8>)>,
}

async fn world(dir: &std::path::Path) -> World {
    let Staff { store, dpo, .. } = store_with_staff(dir).await;
    let a = person(&store, &dpo, "Astrid", &pnr("19700101", "238")).await;
    let b = person(&store, &dpo, "Bertil", &pnr("19710202", "217")).await;
    let home = foster_home::add(&store, &dpo, &home_input("Familjen Dokumentsson"), today())
        .await
        .unwrap()
        .id;
    for p in [a, b] {
        foster_home::add_member(&store, &dpo, home, p, MemberRole::Vuxen)
            .await
            .unwrap();
    }
    move_home(&store, &dpo, home, HomeStatus::Utreds, ago(60)).await;
    move_home(&store, &dpo, home, HomeStatus::Godkand, ago(50)).await;
    let org = organisation::add(
        &store,
        &dpo,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Dokuments kommun".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap();
    let child = person(&store, &dpo, "Cecilia", &pnr("20150303", "264")).await;
    let placement = placement::place(
        &store,
        &dpo,
        &PlacementInput {
            child_id: child,
            home_id: home,
            municipality_id: org.id,
            start_date: ago(45),
        },
        today(),
    )
    .await
    .unwrap();
    let mut home_docs = Vec::new();
    let mut child_docs = Vec::new();
    let d = document::add_bytes(
        &store,
        &dpo,
        &pdf(),
        &input(DocumentOwner::Home(home), "Hemmets avtal", vec![a, b]),
        today(),
    )
    .await
    .unwrap();
    home_docs.push((d.id, pdf()));
    for (owner, bytes) in [
        (DocumentOwner::Child(child), jpeg()),
        (DocumentOwner::Placement(placement.id), text()),
    ] {
        let d = document::add_bytes(
            &store,
            &dpo,
            &bytes,
            &input(owner, "Barnets papper", vec![]),
            today(),
        )
        .await
        .unwrap();
        child_docs.push((d.id, bytes));
    }
    placement::end(
        &store,
        &dpo,
        placement.id,
        &EndPlacementInput {
            end_date: ago(35),
            reason: "Hem till vårdnadshavare".into(),
        },
        today(),
    )
    .await
    .unwrap();
    move_home(&store, &dpo, home, HomeStatus::Avslutad, ago(30)).await;
    World {
        store,
        dpo,
        home,
        adults: vec![a, b],
        child,
        home_docs,
        child_docs,
    }
}

async fn secrets(store: &Store) -> Vec<String> {
    sqlx::query_scalar("SELECT secret FROM documents ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap()
}

/// Far enough ahead that every closed file is due.
fn far() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()
}

#[tokio::test]
async fn a_run_purges_a_childs_and_a_homes_documents_keys_first_then_files() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let keys = secrets(&w.store).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(document_files(tmp.path()).len(), 3);

    // The page check is real: before the run the keys are in the decrypted pages.
    let key = raw_key(tmp.path());
    w.store.close().await;
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    for k in &keys {
        assert!(
            pages.iter().any(|p| contains(p, k.as_bytes())),
            "a key is in a page"
        );
    }
    let store = Store::open(
        &StoreDir::new(tmp.path().to_path_buf()),
        Unlock::Passphrase(passphrase()),
    )
    .await
    .unwrap();

    // The child's file waits for the hand-over; the hand-over carries its documents.
    let offer = retention::offer_handover(&store, &w.dpo, w.child, today())
        .await
        .unwrap();
    let pdf_path = tmp.path().join("out").join("overlamning.pdf");
    std::fs::create_dir_all(pdf_path.parent().unwrap()).unwrap();
    retention::save_handover(&store, offer.clone(), &pdf_path)
        .await
        .unwrap();
    retention::decide_handover(&store, &w.dpo, offer.id, "confirmed", today(), today())
        .await
        .unwrap();

    // The preview counts each file's documents (among its rows) and changes nothing.
    let p = retention::preview(&store, &w.dpo, far()).await.unwrap();
    let due = |kind: FileKind| p.due.iter().find(|f| f.kind == kind).unwrap().clone();
    let (child_file, home_file) = (due(FileKind::Child), due(FileKind::Home));
    assert_eq!((child_file.id, child_file.documents), (w.child, 2));
    assert_eq!((home_file.id, home_file.documents), (w.home, 1));
    assert!(child_file.rows > child_file.documents && home_file.rows > home_file.documents);
    assert_eq!(secrets(&store).await.len(), 3, "a preview changes nothing");

    let r = retention::run(&store, &w.dpo, far()).await.unwrap();
    let lines: Vec<(&str, i64, i64)> = r
        .lines
        .iter()
        .filter(|l| l.rows > 0)
        .map(|l| (l.rule.as_str(), l.files, l.documents))
        .collect();
    assert_eq!(lines, vec![("child_files", 1, 2), ("home_files", 1, 1)]);
    let stored = retention::receipts(&store).await.unwrap();
    assert_eq!(
        stored[0].lines, r.lines,
        "the stored receipt counts them too"
    );
    let text = serde_json::to_string(&stored).unwrap();
    for bad in ["Dokumentsson", "Hemmets avtal", "Barnets papper", MARKER] {
        assert!(!text.contains(bad), "the receipt shows {bad:?}");
    }

    // Rows, files, persons: gone.
    assert!(secrets(&store).await.is_empty());
    assert!(
        document_files(tmp.path()).is_empty(),
        "the files are removed"
    );
    for (id, _) in w.home_docs.iter().chain(&w.child_docs) {
        let e = document::get(&store, &w.dpo, *id).await.unwrap_err();
        assert_eq!(e.code(), akta_core::error::ErrorCode::NotFound);
    }
    assert_eq!(person::count(&store).await.unwrap(), 0);
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;

    // No key and no title is left in any page of the database, free pages included.
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    assert!(pages.len() > 3);
    for (i, page) in pages.iter().enumerate() {
        for k in &keys {
            assert!(
                !contains(page, k.as_bytes()),
                "page {} holds a purged key",
                i + 1
            );
        }
        assert!(
            !contains(page, b"Hemmets avtal"),
            "page {} holds a title",
            i + 1
        );
    }
    assert!(!tmp.path().join("akta.db-wal").exists());
}

#[tokio::test]
async fn the_hand_over_carries_every_document_of_the_childs_file_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let offer = retention::offer_handover(&w.store, &w.dpo, w.child, today())
        .await
        .unwrap();
    let mut ids: Vec<i64> = offer.copies.iter().map(|c| c.document_id).collect();
    ids.sort_unstable();
    let mut expected: Vec<i64> = w.child_docs.iter().map(|d| d.0).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "the child's documents, not the home's");
    // The JSON (whose hash the hand-over records) lists each copy's checksum.
    let json = String::from_utf8(offer.documents.json.clone()).unwrap();
    for c in &offer.copies {
        assert!(json.contains(&c.sha256), "the JSON lists copy {}", c.file);
    }
    let recorded: String = sqlx::query_scalar("SELECT json_sha256 FROM handovers WHERE id = ?")
        .bind(offer.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    assert_eq!(recorded, offer.documents.json_sha256);

    // Where the user chose: the PDF, the JSON and the documents' folder beside them.
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let pdf_path = out.join("overlamning.pdf");
    let saved = retention::save_handover(&w.store, offer.clone(), &pdf_path)
        .await
        .unwrap();
    assert!(std::path::Path::new(&saved.json_path).exists());
    let folder = retention::copies_folder(&pdf_path);
    assert_eq!(folder, out.join("overlamning-dokument"));
    for (id, bytes) in &w.child_docs {
        let c = offer.copies.iter().find(|c| c.document_id == *id).unwrap();
        assert!(c.file.starts_with(&format!("{id}.")));
        assert_eq!(
            &std::fs::read(folder.join(&c.file)).unwrap(),
            bytes,
            "byte-identical"
        );
    }
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for c in &offer.copies {
            let mode = std::fs::metadata(folder.join(&c.file))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
    // Never over what is there, and all or nothing: a place whose PDF is taken gets no
    // folder of copies either; the package saved before stays as it was.
    let before = std::fs::read(folder.join(&offer.copies[0].file)).unwrap();
    for taken in [pdf_path.clone(), out.join("annan.pdf")] {
        if !taken.exists() {
            std::fs::write(&taken, "någon annans fil").unwrap();
        }
        let e = retention::save_handover(&w.store, offer.clone(), &taken)
            .await
            .unwrap_err();
        assert_eq!(e.code(), akta_core::error::ErrorCode::FileExists);
    }
    assert!(
        !out.join("annan-dokument").exists(),
        "no copies without their package"
    );
    assert_eq!(
        std::fs::read(folder.join(&offer.copies[0].file)).unwrap(),
        before
    );
    // Each copy is audited as exported (ids only).
    let exported: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE action = 'export' AND entity_kind = 'document'",
    )
    .fetch_one(w.store.pool())
    .await
    .unwrap();
    assert_eq!(exported, 2);
    w.store.close().await;
}

#[tokio::test]
async fn a_childs_file_with_only_documents_is_due_two_years_after_the_last_one() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, dpo, .. } = store_with_staff(tmp.path()).await;
    let child = person(&store, &dpo, "Dora", &pnr("20160404", "240")).await;
    let d = document::add_bytes(
        &store,
        &dpo,
        &jpeg(),
        &input(DocumentOwner::Child(child), "Skolintyg", vec![]),
        today(),
    )
    .await
    .unwrap();
    let due_on = ago(20).checked_add_months(Months::new(24)).unwrap();
    let p = retention::preview(&store, &dpo, due_on - chrono::Days::new(1))
        .await
        .unwrap();
    assert!(p.due.is_empty());
    assert_eq!(p.upcoming[0].due_on, due_on);
    let r = retention::run(&store, &dpo, due_on).await.unwrap();
    assert_eq!(r.lines[0].documents, 1);
    assert!(document::get(&store, &dpo, d.id).await.is_err());
    assert!(document_files(tmp.path()).is_empty());
    store.close().await;
}

#[tokio::test]
async fn erasure_keeps_documents_and_the_person_only_a_document_names_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let bertil = w.adults[1];
    // Bertil is known to the store only as a person the home's agreement concerns (his
    // membership row is gone, as after an import of a register that did not keep it).
    sqlx::query("DELETE FROM foster_home_members WHERE person_id = ?")
        .bind(bertil)
        .execute(w.store.pool())
        .await
        .unwrap();
    let request = verified_request(&w.store, &w.dpo, bertil, RequestKind::Erasure, today()).await;
    let preview = erasure::preview(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    let s = erasure::erase(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    assert_eq!(preview, s, "the preview is what was done");
    let kept: Vec<(&str, i64)> = s
        .kept
        .iter()
        .map(|l| (l.title.as_str(), l.records))
        .collect();
    assert!(kept.contains(&("Dokument i dina akter", 1)), "{kept:?}");
    // The document's links to the persons it concerns (Astrid's too): kept with it.
    assert!(kept.contains(&("Personer som dokument rör", 2)), "{kept:?}");
    assert!(s.kept.iter().all(|l| l.basis.is_some()));
    assert!(!s.person_removed, "a kept document still names him");
    let (email, name): (Option<String>, String) =
        sqlx::query_as("SELECT email, given_name FROM persons WHERE id = ?")
            .bind(bertil)
            .fetch_one(w.store.pool())
            .await
            .unwrap();
    assert_eq!(
        (email, name.as_str()),
        (None, "Bertil"),
        "contact data cleared, name kept"
    );
    // The document stays whole: its key, its file, its bytes.
    let (id, bytes) = &w.home_docs[0];
    let (doc, content) = document::open(&w.store, &w.dpo, *id).await.unwrap();
    assert_eq!(&content, bytes);
    assert!(doc.persons.iter().any(|p| p.id == bertil));
    assert_eq!(document_files(tmp.path()).len(), 3);
    w.store.close().await;
}
