//! A caseworker adds an agreement to a home's file by the open dialog, opens it
//! inside the app (the PDF's first page drawn from the bytes the core hands over),
//! saves a copy byte for byte, and deletes it after being asked. And a photo and a
//! note dropped on a child's file are added and shown, as an image and as text.

use std::path::Path;

use crate::pages::documents::Documents;
use crate::pages::file::{File, QuickFind};
use crate::pages::homes::Homes;
use crate::pages::nav::Nav;
use crate::pages::person::Person;
use crate::pages::session::Unlock;
use crate::support::app::{choose_save_place, SAVE_DIR};
use crate::support::files::paths_in;
use crate::support::{cli, App, PASS};

/// A one-page PDF with a line of large text, its cross-reference table counted.
fn write_pdf(path: &Path) {
    let content = "BT /F1 36 Tf 72 700 Td (Familjehemsavtal) Tj ET";
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
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    std::fs::write(path, pdf).unwrap();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_adds_views_saves_and_deletes_a_document_in_a_homes_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let saved = tmp.path().join("saved");
    let original = tmp.path().join("avtal-lindqvist.pdf");
    cli::store_with_demo(&store);
    // A new home: the demo homes have documents of their own.
    cli::akta(&store, &["home", "add", "--name", "Familjen Testsson"]);
    write_pdf(&original);
    let app = App::start_with(
        4466,
        &[
            ("AKTA_STORE", &store),
            (SAVE_DIR, &saved),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
            (akta_core::files::E2E_OPEN_FILES, &original),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let docs = Documents::on(&app);

    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");
    nav.homes();
    Homes::on(&app).open("Familjen Testsson");
    File::on(&app).tab("documents");
    docs.wait_empty();

    // The open dialog gives the file; the form shows its name (never its folder) and
    // starts the title from it.
    docs.add_from_dialog();
    assert_eq!(docs.file_name(), "avtal-lindqvist.pdf");
    assert_eq!(docs.title(), "avtal-lindqvist");
    docs.describe("Familjehemsavtal 2026", "avtal");
    docs.add();
    app.wait_text("Ta bort originalfilen från datorn?");
    app.wait_text("papperskorgen");
    docs.answer_remove_original(false);
    app.wait_text("Originalfilen ligger kvar på datorn.");
    docs.wait_form_closed();
    assert!(original.exists(), "the original is removed only when asked");
    assert_eq!(
        docs.wait_titles_with("Familjehemsavtal 2026"),
        ["Familjehemsavtal 2026"]
    );

    // Opened inside the app: pdf.js draws the first page from the bytes.
    docs.open("Familjehemsavtal 2026");
    let (width, height) = docs.wait_first_page();
    assert!(
        width > 100 && height > width,
        "a portrait page: {width}×{height}"
    );
    assert!(docs.page_has_ink(), "the page's text is drawn");

    // A copy, saved where the user chose, is the document byte for byte.
    docs.save_copy();
    choose_save_place(&app);
    let copies = paths_in(&saved);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("dokument-") && name.ends_with(".pdf"),
        "no title in the proposed name: {name}"
    );
    assert_eq!(
        std::fs::read(&copies[0]).unwrap(),
        std::fs::read(&original).unwrap()
    );

    // Deleting asks first, then the list is empty again.
    docs.delete();
    app.wait_text("är borttaget");
    docs.wait_empty();
    app.close();
}

/// A 64×48 grey baseline JPEG, written out marker by marker: every 8×8 block has only
/// a DC coefficient of 0 (mid-grey), coded with one-code Huffman tables (`0` = DC
/// difference 0, `0` = end of block), so the scan is 48 blocks × 2 zero bits.
fn write_jpeg(path: &Path) {
    let mut j = vec![0xFF, 0xD8]; // start of image
    j.extend_from_slice(&[
        0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    ]);
    j.extend_from_slice(&[0xFF, 0xDB, 0, 67, 0]); // quantisation table 0: all ones
    j.extend_from_slice(&[1; 64]);
    j.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 48, 0, 64, 1, 1, 0x11, 0]); // 64×48, grey
    for class in [0x00, 0x10] {
        // Huffman table 0 (DC, then AC): one code of length 1 for symbol 0.
        j.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        j.extend_from_slice(&[0; 15]);
        j.push(0);
    }
    j.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0]); // start of scan
    j.extend_from_slice(&[0; 12]);
    j.extend_from_slice(&[0xFF, 0xD9]); // end of image
    std::fs::write(path, j).unwrap();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn files_dropped_on_a_childs_file_are_added_and_shown_as_an_image_and_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let photo = tmp.path().join("skolavslutning.jpg");
    let note = tmp.path().join("samtal.txt");
    cli::store_with_demo(&store);
    write_jpeg(&photo);
    std::fs::write(&note, "Liam berättade om sommarlovet och fotbollslägret.\n").unwrap();
    // WebDriver cannot drop a file on a window: the test build drops these when asked.
    let dropped = std::env::join_paths([&photo, &note]).unwrap();
    let app = App::start_with(
        4468,
        &[
            ("AKTA_STORE", &store),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
            (akta_core::files::E2E_DROP_FILES, Path::new(&dropped)),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let file = File::on(&app);
    let docs = Documents::on(&app);

    // A placed child of the demo data; the files are dropped while his overview shows.
    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");
    let quick = QuickFind::on(&app);
    quick.find("liam");
    quick.wait_hit("Liam Johansson");
    quick.open_first();
    assert_eq!(Person::on(&app).name(), "Liam Johansson");
    file.tab("documents");
    docs.wait_loaded();
    file.tab("overview");

    // The drop opens the documents with the add form for both files.
    assert_eq!(docs.drop_files(), 2);
    docs.wait_tab_chosen();
    assert_eq!(
        docs.wait_file_names(2),
        ["skolavslutning.jpg", "samtal.txt"]
    );
    docs.describe("Foto från skolavslutningen", "foto");
    docs.add();
    docs.answer_remove_original(false);
    assert_eq!(docs.wait_file_names(1), ["samtal.txt"]);
    assert_eq!(docs.title(), "samtal");
    docs.describe("Samtal om sommarlovet", "ovrigt");
    docs.add();
    docs.answer_remove_original(false);
    docs.wait_form_closed();
    assert!(
        photo.exists() && note.exists(),
        "originals removed only when asked"
    );
    let titles = docs.wait_titles_with("Samtal om sommarlovet");
    for title in ["Foto från skolavslutningen", "Samtal om sommarlovet"] {
        assert!(titles.iter().any(|t| t == title), "{title} in {titles:?}");
    }

    // The photo is shown as an image the web view decoded, the note as its text.
    docs.open("Foto från skolavslutningen");
    assert_eq!(docs.wait_image(), (64, 48));
    docs.back();
    docs.open("Samtal om sommarlovet");
    assert_eq!(
        docs.text_shown().trim(),
        "Liam berättade om sommarlovet och fotbollslägret."
    );
    app.close();
}
