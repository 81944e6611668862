//! Documents through the real `akta` binary on a real store: add a PDF, a JPEG and a
//! DOCX, list, save a copy (byte-identical; never over an existing file), delete; the
//! refusals (a renamed program, an empty file, an oversized file, an owner or type that
//! does not exist) leave no row and no file; the document folder holds no plaintext;
//! a criminal-record extract needs a reason; sent documents are kept; the folder check.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use akta_core::crypto::Passphrase;
use akta_core::investigation::{self, ItemInput, ItemKind, Method, Register};
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::user::{self, Actor};
use common::{akta, cli_init, contains, stderr, stdout, CLI_PASS};

/// A string inside every test document; it must never be on disk in the store.
const MARKER: &str = "AKTA-KLARTEXT-MARKOR-5b1e";

fn ok(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null)
}

/// Exit 2 with `words` (a field and its reason, or a code) on stderr.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
}

/// A store with a caseworker profile and a foster home; the home's id.
fn store_with_home(dir: &Path) -> (PathBuf, String) {
    let store = dir.join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &["user", "add", "--name", "Karin Konsulent", "--json"],
    ));
    let home = ok(&akta(
        &store,
        &["home", "add", "--name", "Familjen Lindqvist", "--json"],
    ));
    (store, home["id"].to_string())
}

/// A small but well-formed PDF whose page shows the marker.
fn pdf() -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td (Uppdragsavtal {MARKER}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A baseline JPEG of 8 × 8 grey pixels: one Huffman code each for "no difference"
/// and "end of block", and a comment holding the marker.
fn jpeg() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    j.extend_from_slice(&[0xFF, 0xE0, 0, 16]);
    j.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let comment = MARKER.as_bytes();
    j.extend_from_slice(&[0xFF, 0xFE, 0, (comment.len() + 2) as u8]);
    j.extend_from_slice(comment);
    j.extend_from_slice(&[0xFF, 0xDB, 0, 67, 0]);
    j.extend_from_slice(&[1; 64]);
    j.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
    for class in [0x00, 0x10] {
        j.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        j.extend_from_slice(&[0; 15]);
        j.push(0);
    }
    j.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
    j.push(0x3F); // DC "0", EOB "0", padded with ones
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP of stored (uncompressed) entries.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, len, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0]); // flags, stored, time
        common.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&len.to_le_bytes());
        common.extend_from_slice(&len.to_le_bytes());
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 8]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn docx() -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Referensutlåtande {MARKER}</w:t></w:r></w:p></w:body></w:document>"#
    );
    zip(&[
        ("[Content_Types].xml", types),
        ("word/document.xml", body.as_bytes()),
    ])
}

/// The names of the files in the store's document folder.
fn folder(store: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(store.join("documents")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn list(store: &Path, home: &str) -> Vec<serde_json::Value> {
    let v = ok(&akta(
        store,
        &["document", "list", "--home", home, "--json"],
    ));
    v.as_array().unwrap().clone()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn a_pdf_a_jpeg_and_a_docx_are_added_listed_saved_and_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home) = store_with_home(tmp.path());
    let pdf_bytes = pdf();
    let pdf_path = write(tmp.path(), "Uppdragsavtal 2026.pdf", &pdf_bytes);
    let jpg_path = write(tmp.path(), "foto.jpg", &jpeg());
    let docx_path = write(tmp.path(), "referens.docx", &docx());

    let added = ok(&akta(
        &store,
        &[
            "document",
            "add",
            "--home",
            &home,
            &pdf_path,
            "--type",
            "avtal",
            "--direction",
            "drawn-up",
            "--date",
            "2026-01-15",
            "--from",
            "Familjen Lindqvist",
            "--json",
        ],
    ));
    let pdf_id = added["id"].as_i64().unwrap();
    assert_eq!(
        added.as_object().unwrap().len(),
        1,
        "--json gives the id only: {added}"
    );
    let o = akta(
        &store,
        &[
            "document",
            "add",
            "--home",
            &home,
            &jpg_path,
            "--title",
            "Foto på huset",
            "--type",
            "foto",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let jpg_id: i64 = stdout(&o).trim().parse().expect("the id alone on stdout");
    ok(&akta(
        &store,
        &[
            "document", "add", "--home", &home, &docx_path, "--type", "referens",
        ],
    ));

    let docs = list(&store, &home);
    assert_eq!(docs.len(), 3);
    let by_media = |m: &str| docs.iter().find(|d| d["media_type"] == m).unwrap().clone();
    let p = by_media("pdf");
    assert_eq!(p["id"], pdf_id);
    assert_eq!(
        p["title"], "Uppdragsavtal 2026",
        "the title defaults to the file's stem"
    );
    assert_eq!(p["direction"], "drawn_up");
    assert_eq!(p["doc_type"], "avtal");
    assert_eq!(p["dated_on"], "2026-01-15");
    assert_eq!(p["counterpart"], "Familjen Lindqvist");
    assert_eq!(p["bytes"], pdf_bytes.len() as i64);
    assert_eq!(by_media("jpeg")["title"], "Foto på huset");
    let d = by_media("docx");
    assert_eq!(d["title"], "referens");
    assert_eq!(d["direction"], "incoming");
    assert_eq!(d["viewable"], false);
    let table = stdout(&akta(&store, &["document", "list", "--home", &home]));
    assert!(
        table.contains("upprättad") && table.contains("inkommen"),
        "{table}"
    );

    // No plaintext anywhere in the store: the document folder holds ciphertext only.
    assert_eq!(folder(&store).len(), 3);
    for f in files_under(&store) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !contains(&bytes, MARKER.as_bytes()),
            "plaintext in {}",
            f.display()
        );
    }

    // A saved copy is the original, byte for byte, and is never written over.
    let out = tmp.path().join("kopia.pdf");
    let out_s = out.to_string_lossy().into_owned();
    ok(&akta(
        &store,
        &["document", "export", &pdf_id.to_string(), "--out", &out_s],
    ));
    assert_eq!(std::fs::read(&out).unwrap(), pdf_bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "a saved copy is readable by its owner only"
        );
    }
    std::fs::write(&out, b"mine").unwrap();
    refused(
        &akta(
            &store,
            &["document", "export", &pdf_id.to_string(), "--out", &out_s],
        ),
        "file_exists",
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"mine",
        "an existing file is left alone"
    );

    let shown = ok(&akta(
        &store,
        &["document", "show", &jpg_id.to_string(), "--json"],
    ));
    assert_eq!(shown["media_type"], "jpeg");
    ok(&akta(&store, &["document", "delete", &jpg_id.to_string()]));
    let docs = list(&store, &home);
    assert_eq!(docs.len(), 2);
    assert!(docs.iter().all(|d| d["id"] != jpg_id));
    assert_eq!(
        folder(&store).len(),
        2,
        "the deleted document's file is gone"
    );
    refused(
        &akta(&store, &["document", "show", &jpg_id.to_string()]),
        "not found",
    );
}

#[test]
fn refused_files_and_places_leave_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home) = store_with_home(tmp.path());
    let good = write(tmp.path(), "brev.pdf", &pdf());
    ok(&akta(&store, &["document", "add", "--home", &home, &good]));
    let files = folder(&store);
    assert_eq!(files.len(), 1);

    let program = write(
        tmp.path(),
        "x.pdf",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0 This program cannot be run in DOS mode.",
    );
    let empty = write(tmp.path(), "tom.pdf", b"");
    let big_path = tmp.path().join("stor.pdf");
    {
        let f = std::fs::File::create(&big_path).unwrap();
        std::io::Write::write_all(&mut &f, b"%PDF-1.7\n").unwrap();
        f.set_len(100 * 1024 * 1024 + 1).unwrap(); // sparse: nothing more is written
    }
    let big = big_path.to_string_lossy().into_owned();
    let gone = tmp
        .path()
        .join("finns-inte.pdf")
        .to_string_lossy()
        .into_owned();
    let cases: [(Vec<&str>, &str); 7] = [
        (
            vec!["--home", &home, &program],
            "file is a program or a script",
        ),
        (vec!["--home", &home, &empty], "file is required"),
        (vec!["--home", &home, &big], "file is too long"),
        (
            vec!["--home", &home, &gone],
            "file refers to something that does not exist",
        ),
        (
            vec!["--home", "9999", &good],
            "home_id refers to something that does not exist",
        ),
        (
            vec!["--home", &home, &good, "--type", "recept"],
            "doc_type refers to something that does not exist",
        ),
        (
            vec!["--home", &home, &good, "--date", "2999-01-01"],
            "dated_on lies in the future",
        ),
    ];
    for (args, why) in cases {
        let mut all = vec!["document", "add"];
        all.extend(args);
        refused(&akta(&store, &all), why);
        assert_eq!(folder(&store), files, "no file after: {why}");
    }
    assert_eq!(list(&store, &home).len(), 1, "no row after any refusal");
    // A clap-level refusal (no owner at all) is exit 2 too.
    let o = akta(&store, &["document", "add", &good]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(folder(&store), files);
}

/// Opens the CLI's store with the core, as the first profile.
async fn open(store: &Path) -> (Store, Actor) {
    let s = Store::open(
        &StoreDir::new(store.to_path_buf()),
        Unlock::Passphrase(Passphrase::new(CLI_PASS.into())),
    )
    .await
    .unwrap();
    let actor = Actor::user(user::get(&s, 1).await.unwrap());
    (s, actor)
}

#[tokio::test]
async fn a_criminal_record_extract_is_kept_only_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home) = store_with_home(tmp.path());
    let person = ok(&akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Johan",
            "--family-name",
            "Lindqvist",
            "--json",
        ],
    ));
    let person = person["id"].to_string();
    ok(&akta(
        &store,
        &["home", "member", &home, "--person", &person],
    ));
    let item = {
        let (s, actor) = open(&store).await;
        let today = akta_core::today();
        let home_id: i64 = home.parse().unwrap();
        let inv = investigation::start(&s, &actor, home_id, Method::Kalvesten, today, today)
            .await
            .unwrap();
        let input = ItemInput {
            kind: ItemKind::RegisterExtract,
            person_id: Some(person.parse().unwrap()),
            register: Some(Register::Belastningsregistret),
            done_on: today,
            note: None,
        };
        let inv = investigation::add_item(&s, &actor, inv.id, &input, today, 3)
            .await
            .unwrap();
        s.close().await;
        inv.items[0].id.to_string()
    };
    let scan = write(tmp.path(), "utdrag.pdf", &pdf());

    let o = akta(&store, &["document", "add", "--item", &item, &scan]);
    refused(&o, "criminal_reason is required");
    assert!(stderr(&o).contains("--reason"), "{}", stderr(&o));
    assert!(list(&store, &home).is_empty());
    assert!(folder(&store).is_empty());
    // Saying it is such an extract, in another file, needs the reason as well.
    refused(
        &akta(
            &store,
            &[
                "document",
                "add",
                "--home",
                &home,
                &scan,
                "--criminal-record",
            ],
        ),
        "criminal_reason is required",
    );

    let why = "Nämnden har begärt att utdraget bifogas utredningen.";
    let added = ok(&akta(
        &store,
        &[
            "document", "add", "--item", &item, &scan, "--type", "intyg", "--person", &person,
            "--reason", why, "--json",
        ],
    ));
    let shown = ok(&akta(
        &store,
        &["document", "show", &added["id"].to_string(), "--json"],
    ));
    assert_eq!(shown["criminal_record"], true);
    assert_eq!(shown["criminal_reason"], why);
    assert_eq!(shown["item_id"].to_string(), item);
    assert_eq!(shown["persons"][0]["id"].to_string(), person);
    let listed = ok(&akta(
        &store,
        &["document", "list", "--item", &item, "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn a_sent_document_is_kept_and_the_folder_check_removes_orphans() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home) = store_with_home(tmp.path());
    let letter = write(
        tmp.path(),
        "brev.txt",
        "Hej!\nVälkomna till familjehemsträffen.\n".as_bytes(),
    );
    let id = ok(&akta(
        &store,
        &[
            "document",
            "add",
            "--home",
            &home,
            &letter,
            "--direction",
            "drawn-up",
            "--type",
            "brev",
            "--json",
        ],
    ))["id"]
        .to_string();
    ok(&akta(
        &store,
        &[
            "document",
            "edit",
            &id,
            "--title",
            "Inbjudan",
            "--from",
            "Familjen Lindqvist",
        ],
    ));
    let today = akta_core::today().to_string();
    ok(&akta(&store, &["document", "sent", &id, "--on", &today]));
    let shown = ok(&akta(&store, &["document", "show", &id, "--json"]));
    assert_eq!(shown["title"], "Inbjudan");
    assert_eq!(shown["counterpart"], "Familjen Lindqvist");
    assert_eq!(shown["sent_on"], today);
    refused(
        &akta(&store, &["document", "delete", &id]),
        "sent_on is not allowed now",
    );
    refused(
        &akta(&store, &["document", "edit", &id, "--title", "Annat"]),
        "sent_on is not allowed now",
    );
    refused(
        &akta(&store, &["document", "sent", &id, "--on", &today]),
        "sent_on is not allowed now",
    );
    assert_eq!(list(&store, &home).len(), 1);

    let types = ok(&akta(&store, &["document", "types", "--json"]));
    assert!(types
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["code"] == "ovrigt"));

    // A file without a row (an interrupted import) is removed by the check at once;
    // the document's own file stays.
    let orphan = store
        .join("documents")
        .join(format!("{}.age", "ab".repeat(16)));
    std::fs::write(&orphan, b"age-encryption.org/v1 leftover").unwrap();
    let report = ok(&akta(&store, &["document", "check", "--json"]));
    assert_eq!(report["removed"], 1);
    assert_eq!(report["missing"], 0);
    assert!(!orphan.exists());
    assert_eq!(folder(&store).len(), 1);
    let o = akta(&store, &["document", "check"]);
    assert!(
        stdout(&o).contains("orphan files removed: 0"),
        "{}",
        stdout(&o)
    );
}
