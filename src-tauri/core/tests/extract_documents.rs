//! A register extract covers the documents about the person, on a real encrypted store:
//! the data-protection officer decides per document (a copy included, or withheld with a
//! reason), the copies go out beside the PDF byte-identical (SHA-256), withheld ones and
//! documents about others do not, what was sent is recorded by hash and audited (ids
//! only), and the PDF (read back with pdftotext) and JSON list them. Through the core
//! and through `akta extract`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use akta_core::crypto::Passphrase;
use akta_core::document::{self, DocumentInput, DocumentOwner};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, HomeStatus, MemberRole, StatusChangeInput};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::placement::{self, PlacementInput};
use akta_core::rights::extract::{
    self, DocumentDecisionInput, RegisterExtract, Review, NOT_REVIEWED,
};
use akta_core::rights::RequestKind;
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir};
use akta_core::user::Actor;
use common::*;
use sha2::{Digest, Sha256};

/// A PDF, a JPEG and a text file: the kinds are told from the bytes.
const PDF: &[u8] = b"%PDF-1.4\n% Lakarintyg infor placering (test)\n1 0 obj << >> endobj\n%%EOF\n";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01 avtal (test) \xFF\xD9";
const TEXT: &[u8] = "Yttrande om familjen Berg och barnet. Grannen berättar.\n".as_bytes();

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Elin (the subject) is the Ek home's own child and placed in the Berg home; Nils is
/// the Berg home's adult; Omar another placed child. The documents:
/// - `child`: a certificate in Elin's child file (PDF);
/// - `own_home`: an agreement in the Ek home's file, a home Elin is a member of (JPEG);
/// - `naming`: a statement in the Berg home's file naming Elin and Nils (text);
/// - `berg`: a reference in the Berg home's file about Nils only (not Elin's);
/// - `omar`: a letter in Omar's child file (not Elin's).
struct World {
    store: Store,
    dpo: Actor,
    karin: Actor,
    elin: i64,
    elin_number: String,
    child: i64,
    own_home: i64,
    naming: i64,
    berg: i64,
    omar: i64,
}

/// A document received today from the children's clinic about `persons`.
fn doc(owner: DocumentOwner, title: &str, doc_type: &str, persons: Vec<i64>) -> DocumentInput {
    let mut input = document_input(owner, title);
    input.description.doc_type = doc_type.into();
    input.description.counterpart = Some("Barnläkarmottagningen".into());
    input.description.persons = persons;
    input
}

async fn world(store: Store) -> World {
    let a = Actor::device();
    let dpo = profile(
        &store,
        "Dana Dataskydd",
        akta_core::user::Role::Dataskyddsansvarig,
    )
    .await;
    let karin = profile(
        &store,
        "Karin Konsulent",
        akta_core::user::Role::Handlaggare,
    )
    .await;
    let elin_number = pnr("20120305", "238");
    let add = |given: &str, family: &str, number: Option<String>| {
        let input = PersonInput {
            personal_number: number,
            ..named(given, family)
        };
        let store = &store;
        let a = &a;
        async move { person::add(store, a, &input, today()).await.unwrap().id }
    };
    let elin = add("Elin", "Ek", Some(elin_number.clone())).await;
    let maja = add("Maja", "Ek", None).await;
    let nils = add("Nils", "Berg", None).await;
    let omar = add("Omar", "Said", None).await;
    let ek = foster_home::add(&store, &a, &home_input("Familjen Ek"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&store, &a, ek, maja, MemberRole::Vuxen)
        .await
        .unwrap();
    foster_home::add_member(&store, &a, ek, elin, MemberRole::EgetBarn)
        .await
        .unwrap();
    let berg = foster_home::add(&store, &a, &home_input("Familjen Berg"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&store, &a, berg, nils, MemberRole::Vuxen)
        .await
        .unwrap();
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(&store, &a, berg, &change, today())
            .await
            .unwrap();
    }
    let kommun = organisation::add(
        &store,
        &a,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id;
    for child in [elin, omar] {
        let input = PlacementInput {
            child_id: child,
            home_id: berg,
            municipality_id: kommun,
            start_date: today(),
        };
        placement::place(&store, &a, &input, today()).await.unwrap();
    }
    let documents = [
        (
            PDF,
            DocumentOwner::Child(elin),
            "Läkarintyg inför placering",
            "intyg",
            vec![elin],
        ),
        (
            JPEG,
            DocumentOwner::Home(ek),
            "Avtal om familjehemsvård",
            "avtal",
            vec![maja],
        ),
        (
            TEXT,
            DocumentOwner::Home(berg),
            "Yttrande från grannen",
            "yttrande",
            vec![elin, nils],
        ),
        (
            TEXT,
            DocumentOwner::Home(berg),
            "Referens om familjehemmet",
            "referens",
            vec![nils],
        ),
        (
            PDF,
            DocumentOwner::Child(omar),
            "Skolans skrivelse",
            "brev",
            vec![omar],
        ),
    ];
    let mut ids = Vec::new();
    for (bytes, owner, title, doc_type, persons) in documents {
        let input = doc(owner, title, doc_type, persons);
        let d = document::add_bytes(&store, &karin, bytes, &input, today())
            .await
            .unwrap();
        ids.push(d.id);
    }
    let [child, own_home, naming, berg_doc, omar_doc]: [i64; 5] = ids.try_into().unwrap();
    World {
        store,
        dpo,
        karin,
        elin,
        elin_number,
        child,
        own_home,
        naming,
        berg: berg_doc,
        omar: omar_doc,
    }
}

fn pdftotext(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("read-back.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The names of the files in a folder.
fn names_in(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The ids of the documents audited as exported.
async fn exported(store: &Store) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT entity_id FROM audit_events WHERE entity_kind = 'document' AND action = 'export'
         ORDER BY entity_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap()
}

fn decision(document_id: i64, include: bool, reason: Option<&str>) -> DocumentDecisionInput {
    DocumentDecisionInput {
        document_id,
        include,
        reason: reason.map(Into::into),
    }
}

#[tokio::test]
async fn the_extract_copies_the_included_documents_byte_identical_and_withholds_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(new_store(&tmp.path().join("store")).await).await;
    let request = verified_request(&w.store, &w.dpo, w.elin, RequestKind::Access, today()).await;

    // The review lists every document about Elin — her child file, her own home's file,
    // the one naming her — and none about others; none is decided yet.
    let review = extract::review(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    assert_eq!(review.candidates, 0, "the titles hold no candidates");
    let listed: BTreeSet<i64> = review.documents.iter().map(|d| d.document.id).collect();
    assert_eq!(listed, BTreeSet::from([w.child, w.own_home, w.naming]));
    assert_eq!(review.undecided, 3);
    assert!(!review.reviewed);
    assert!(review.documents.iter().all(|d| d.include.is_none()));

    // Undecided: the extract is refused and the review cannot be confirmed.
    let e = extract::create(&w.store, &w.dpo, request, today(), Review::Required)
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("documents", Reason::Required)]);
    let e = extract::confirm_review(&w.store, &w.dpo, request, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("documents", Reason::Required)]);

    // Bad decisions are refused and change nothing: withholding needs a reason; a
    // document not about Elin is unknown; a caseworker does not decide.
    let audit_before = audit_count(&w.store).await;
    for (input, field, reason) in [
        (decision(w.naming, false, None), "reason", Reason::Required),
        (
            decision(w.naming, false, Some("  ")),
            "reason",
            Reason::Required,
        ),
        (decision(w.berg, true, None), "document_id", Reason::Unknown),
        (decision(w.omar, true, None), "document_id", Reason::Unknown),
        (
            decision(999_999, true, None),
            "document_id",
            Reason::Unknown,
        ),
    ] {
        let e = extract::decide_document(&w.store, &w.dpo, request, &input, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), vec![(field, reason)], "{input:?}");
    }
    let e = extract::decide_document(
        &w.store,
        &w.karin,
        request,
        &decision(w.child, true, None),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert_eq!(audit_count(&w.store).await, audit_before);
    let review = extract::review(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    assert_eq!(review.undecided, 3, "nothing was decided");

    // The officer decides: the certificate and the agreement go out; the statement
    // names another person and is withheld. A later decision replaces an earlier one.
    let withheld_reason = "Uppgifter om annan person (art. 15.4)";
    for input in [
        decision(w.child, false, Some("först fel")),
        decision(w.child, true, None),
        decision(w.own_home, true, None),
        decision(w.naming, false, Some(withheld_reason)),
    ] {
        extract::decide_document(&w.store, &w.dpo, request, &input, today())
            .await
            .unwrap();
    }
    let review = extract::review(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    assert_eq!(review.undecided, 0);
    assert!(review.reviewed);
    let of = |id: i64| {
        review
            .documents
            .iter()
            .find(|d| d.document.id == id)
            .unwrap()
    };
    assert_eq!(of(w.child).include, Some(true));
    assert_eq!(of(w.child).reason, None);
    assert_eq!(of(w.naming).reason.as_deref(), Some(withheld_reason));

    let exported_before = exported(&w.store).await;
    let docs = extract::create(&w.store, &w.dpo, request, today(), Review::Required)
        .await
        .unwrap();

    // The JSON lists all three: the copies with their hashes, the withheld one with its
    // reason and no copy. The listing is readable: type labels, never the key.
    let x: RegisterExtract = serde_json::from_slice(&docs.json).unwrap();
    assert_eq!(x.documents, docs.documents);
    let listed: BTreeSet<i64> = x.documents.iter().map(|d| d.id).collect();
    assert_eq!(listed, BTreeSet::from([w.child, w.own_home, w.naming]));
    let entry = |id: i64| x.documents.iter().find(|d| d.id == id).unwrap();
    assert!(entry(w.child).included);
    assert_eq!(entry(w.child).sha256.as_deref(), Some(sha(PDF).as_str()));
    assert_eq!(
        entry(w.child).file.as_deref(),
        Some(format!("{}.pdf", w.child).as_str())
    );
    assert_eq!(entry(w.child).doc_type, "Intyg");
    assert_eq!(entry(w.child).kind, "Inkommen");
    assert_eq!(
        entry(w.own_home).sha256.as_deref(),
        Some(sha(JPEG).as_str())
    );
    assert_eq!(
        entry(w.own_home).file.as_deref(),
        Some(format!("{}.jpg", w.own_home).as_str())
    );
    let withheld = entry(w.naming);
    assert!(!withheld.included);
    assert_eq!(
        (withheld.file.as_ref(), withheld.sha256.as_ref()),
        (None, None)
    );
    assert_eq!(withheld.reason.as_deref(), Some(withheld_reason));
    let section = x.sections.iter().find(|s| s.table == "documents").unwrap();
    assert_eq!(section.records.len(), 3);
    for f in section.records.iter().flat_map(|r| &r.fields) {
        assert!(!["secret", "blob"].contains(&f.column.as_ref()), "{f:?}");
        if f.column == "doc_type" {
            assert!(
                ["Intyg", "Avtal", "Yttrande"].contains(&f.value.as_str()),
                "{f:?}"
            );
        }
    }
    let keys: Vec<(String, String)> = sqlx::query_as("SELECT blob, secret FROM documents")
        .fetch_all(w.store.pool())
        .await
        .unwrap();
    let json = String::from_utf8(docs.json.clone()).unwrap();
    for (blob, secret) in &keys {
        assert!(!json.contains(blob.as_str()) && !json.contains(secret.as_str()));
    }
    for title in ["Referens om familjehemmet", "Skolans skrivelse"] {
        assert!(!json.contains(title), "{title} is not about Elin");
    }

    // The PDF lists the titles and what became of each.
    let text = pdftotext(&docs.pdf, tmp.path());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for title in [
        "Läkarintyg inför placering",
        "Avtal om familjehemsvård",
        "Yttrande från grannen",
        "Kopior av dokument",
    ] {
        assert!(flat.contains(title), "the PDF lacks {title:?}");
    }
    assert!(
        flat.contains(&format!("Bifogas som {}.pdf", w.child)),
        "{flat}"
    );
    assert!(flat.contains("Lämnas inte ut"));
    for title in ["Referens om familjehemmet", "Skolans skrivelse"] {
        assert!(!flat.contains(title), "{title} is not about Elin");
    }
    for (_, secret) in &keys {
        assert!(!flat.contains(secret.as_str()));
    }

    // What was sent is recorded by hash, each copy audited as exported (ids only).
    let sent: Vec<(String, Option<i64>, String)> = sqlx::query_as(
        "SELECT extract_id, document_id, sha256 FROM dsr_disclosed_documents ORDER BY document_id",
    )
    .fetch_all(w.store.pool())
    .await
    .unwrap();
    let mut expected = vec![
        (docs.document_id.clone(), Some(w.child), sha(PDF)),
        (docs.document_id.clone(), Some(w.own_home), sha(JPEG)),
    ];
    expected.sort_by_key(|e| e.1);
    assert_eq!(sent, expected);
    let mut now_exported = exported(&w.store).await;
    for id in exported_before {
        let at = now_exported.iter().position(|x| *x == id).unwrap();
        now_exported.remove(at);
    }
    let mut copies = vec![w.child, w.own_home];
    copies.sort_unstable();
    assert_eq!(now_exported, copies);

    // Saved where the officer chose: the PDF, the JSON, and the copies in the folder
    // beside them — exactly the included ones, byte-identical, owner-only.
    let out = tmp.path().join("ut");
    std::fs::create_dir(&out).unwrap();
    let pdf = out.join("registerutdrag-2026-11-23.pdf");
    let saved = extract::save_with_copies(&w.store, docs.clone(), &pdf)
        .await
        .unwrap();
    let folder = out.join("registerutdrag-2026-11-23-dokument");
    assert_eq!(saved.copies_path.as_deref(), Some(folder.to_str().unwrap()));
    assert_eq!(
        names_in(&folder),
        BTreeSet::from([format!("{}.pdf", w.child), format!("{}.jpg", w.own_home)])
    );
    for d in x.documents.iter().filter(|d| d.included) {
        let bytes = std::fs::read(folder.join(d.file.as_ref().unwrap())).unwrap();
        assert_eq!(Some(sha(&bytes)), d.sha256, "document {}", d.id);
    }
    assert_eq!(
        std::fs::read(folder.join(format!("{}.pdf", w.child))).unwrap(),
        PDF
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&folder.join(format!("{}.pdf", w.child))), 0o600);
    }
    assert_eq!(std::fs::read(&pdf).unwrap(), docs.pdf);
    assert_eq!(
        std::fs::read(pdf.with_extension("json")).unwrap(),
        docs.json
    );

    // Never over what is there: a second save at the same place is refused and changes
    // nothing; a folder already named like the copies' refuses it too.
    let before = names_in(&out);
    let e = extract::save_with_copies(&w.store, docs.clone(), &pdf)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    let other = out.join("andra.pdf");
    std::fs::create_dir(out.join("andra-dokument")).unwrap();
    let e = extract::save_with_copies(&w.store, docs.clone(), &other)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    assert!(!other.exists() && !other.with_extension("json").exists());
    assert_eq!(names_in(&out).len(), before.len() + 1);
    assert!(names_in(&out.join("andra-dokument")).is_empty());
    w.store.close().await;
}

#[tokio::test]
async fn a_new_document_needs_a_decision_and_the_automatic_rules_alone_withhold_it() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(new_store(&tmp.path().join("store")).await).await;
    let request = verified_request(&w.store, &w.dpo, w.elin, RequestKind::Access, today()).await;
    for id in [w.child, w.own_home, w.naming] {
        extract::decide_document(
            &w.store,
            &w.dpo,
            request,
            &decision(id, true, None),
            today(),
        )
        .await
        .unwrap();
    }
    assert!(
        extract::review(&w.store, &w.dpo, request, today())
            .await
            .unwrap()
            .reviewed
    );

    // A document added after the decisions is undecided: the review is open again.
    let late = document::add_bytes(
        &w.store,
        &w.karin,
        TEXT,
        &doc(
            DocumentOwner::Child(w.elin),
            "Anteckning efter samtal",
            "ovrigt",
            vec![w.elin],
        ),
        today(),
    )
    .await
    .unwrap()
    .id;
    let review = extract::review(&w.store, &w.dpo, request, today())
        .await
        .unwrap();
    assert_eq!((review.undecided, review.reviewed), (1, false));
    let e = extract::create(&w.store, &w.dpo, request, today(), Review::Required)
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("documents", Reason::Required)]);

    // On the automatic rules alone it is withheld, never copied.
    let docs = extract::create(&w.store, &w.dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let late_entry = docs.documents.iter().find(|d| d.id == late).unwrap();
    assert!(!late_entry.included);
    assert_eq!(late_entry.reason.as_deref(), Some(NOT_REVIEWED));
    assert_eq!(docs.documents.iter().filter(|d| d.included).count(), 3);
    let recorded: i64 =
        sqlx::query_scalar("SELECT count(*) FROM dsr_disclosed_documents WHERE document_id = ?")
            .bind(late)
            .fetch_one(w.store.pool())
            .await
            .unwrap();
    assert_eq!(recorded, 0);
    let folder = tmp.path().join("copies");
    extract::write_copies(&w.store, &docs, &folder)
        .await
        .unwrap();
    assert_eq!(names_in(&folder).len(), 3);
    assert!(!names_in(&folder)
        .iter()
        .any(|n| n.starts_with(&format!("{late}."))));
    w.store.close().await;
}

/// A store the `akta` binary opens (the CLI tests' passphrase), with the world in it.
async fn cli_world(dir: &Path) -> World {
    let store = Store::create(
        &StoreDir::new(dir.to_path_buf()),
        CreateOptions {
            passphrase: Some(Passphrase::new(CLI_PASS.into())),
            recovery_recipient: None,
            keychain: KeychainUse::Off,
            passphrase_cost: TEST_COST,
        },
        &UnreachableKeychainTestDouble,
    )
    .await
    .unwrap();
    world(store).await
}

#[tokio::test]
async fn akta_extract_takes_decisions_per_document_and_writes_the_copies_beside_the_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let w = cli_world(&dir).await;
    let dpo = w.dpo.user_id().unwrap().to_string();
    let (child, own_home, naming) = (
        w.child.to_string(),
        w.own_home.to_string(),
        w.naming.to_string(),
    );
    let number = w.elin_number.clone();
    w.store.close().await;
    let pdf = tmp.path().join("utdrag.pdf");
    let json = tmp.path().join("utdrag.json");
    let folder = tmp.path().join("utdrag-dokument");
    let base = |extra: &[&str]| {
        let mut a = vec![
            "--user",
            dpo.as_str(),
            "extract",
            "--personnummer",
            number.as_str(),
            "--pdf",
            pdf.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
        ];
        a.extend_from_slice(extra);
        akta(&dir, &a)
    };

    // Undecided documents: exit 2, the way out named, nothing written.
    let o = base(&[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("documents") && stderr(&o).contains("--include-document"));
    assert!(!pdf.exists() && !json.exists() && !folder.exists());
    // Withholding without a reason is refused by the command line itself.
    let o = base(&["--include-document", &child, "--withhold-document", &naming]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!pdf.exists() && !folder.exists());

    let o = base(&[
        "--include-document",
        &child,
        "--include-document",
        &own_home,
        "--withhold-document",
        &naming,
        "--reason",
        "Uppgifter om annan person",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "document #{child}: copy {child}.pdf sha256 {}",
            sha(PDF)
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "document #{naming} withheld: Uppgifter om annan person"
        )),
        "{out}"
    );
    for title in ["Läkarintyg", "Avtal om", "Yttrande från"] {
        assert!(!out.contains(title), "titles are not printed: {out}");
    }
    assert_eq!(
        names_in(&folder),
        BTreeSet::from([format!("{child}.pdf"), format!("{own_home}.jpg")])
    );
    assert_eq!(
        std::fs::read(folder.join(format!("{own_home}.jpg"))).unwrap(),
        JPEG
    );
    let x: RegisterExtract = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(x.documents.iter().filter(|d| d.included).count(), 2);

    // The same places again: exit 2, the copies untouched.
    std::fs::remove_file(&pdf).unwrap();
    std::fs::remove_file(&json).unwrap();
    let o = base(&["--accept-automatic"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!pdf.exists());
    assert_eq!(names_in(&folder).len(), 2);
}
