//! A document written in volumes reads as the same document written whole.

use proptest::prelude::*;

use super::volumes::tests::assert_well_formed;
use super::{write_long, Doc};

/// The text `pdftotext` reads from `pdf`, page by page (it ends each page with a form
/// feed).
fn text_of(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads the file");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop(); // after the last form feed
    pages
}

/// qpdf's check of the file's structure: the cross-reference table, every object and
/// stream, the page tree. Warnings count as failures.
pub(crate) fn assert_qpdf_checks(pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is installed (.ci/setup)");
    assert_eq!(
        out.status.code(),
        Some(0),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn lay_out(d: &mut Doc<'_>, paragraphs: &[String]) {
    d.heading("Rubrik med åäö");
    for (i, p) in paragraphs.iter().enumerate() {
        if i % 7 == 6 {
            d.page_break();
        }
        d.paragraph(p);
        d.table(
            &["Nr", "Uppgift", "Värde"],
            &[0.6, 3.0, 7.0],
            &[vec![i.to_string(), "Text".into(), p.clone()]],
        );
    }
}

fn whole(paragraphs: &[String]) -> Vec<u8> {
    let mut d = Doc::new("Prov", "RU-1-1", "2026-12-01").unwrap();
    lay_out(&mut d, paragraphs);
    d.finish()
}

fn in_volumes(paragraphs: &[String], per_volume: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let pages = write_long(
        || Doc::new("Prov", "RU-1-1", "2026-12-01"),
        |d| lay_out(d, paragraphs),
        per_volume,
        &mut out,
    )
    .unwrap();
    (out, pages)
}

const WORDS: &[&str] = &[
    "samtal",
    "med",
    "familjehemmet",
    "om",
    "skolan",
    "Åsa",
    "Örjan",
    "är",
    "på",
    "besök",
    "handledning",
    "överenskommelse",
    "barnet",
    "mår",
    "bra",
    "ärende",
    "jourhem",
    "kväll",
];

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 1..120).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// However the pages fall into volumes, the file is well formed and reads page by
    /// page as the same document made whole, "Sida N av M" on every page.
    #[test]
    fn a_document_in_volumes_reads_as_the_whole(
        paragraphs in proptest::collection::vec(paragraph(), 1..40),
        per_volume in 1usize..5,
    ) {
        let one = whole(&paragraphs);
        let (parts, pages) = in_volumes(&paragraphs, per_volume);
        assert_well_formed(&one);
        assert_well_formed(&parts);
        assert_qpdf_checks(&parts);
        let (a, b) = (text_of(&one), text_of(&parts));
        prop_assert_eq!(b.len(), pages);
        prop_assert_eq!(&a, &b);
        for (i, page) in b.iter().enumerate() {
            let footer = format!("Sida {} av {}", i + 1, pages);
            prop_assert!(page.contains(&footer));
        }
    }
}

/// A writer that refuses after some bytes: a full disk.
struct FullAfter(usize);

impl std::io::Write for FullAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.0 {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "full"));
        }
        self.0 -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_fails_midway_is_an_error_not_a_short_file() {
    let paragraphs: Vec<String> = (0..60)
        .map(|i| format!("Stycke {i} {}", WORDS.join(" ")))
        .collect();
    let mut full = FullAfter(20_000);
    let made = write_long(
        || Doc::new("Prov", "RU-1-1", "2026-12-01"),
        |d| lay_out(d, &paragraphs),
        2,
        &mut full,
    );
    assert!(made.is_err());
}

/// How many font programs (streams with `/Length1`, the TrueType program's length) the
/// file holds.
fn font_programs(pdf: &[u8]) -> usize {
    pdf.windows(9).filter(|w| w == b"/Length1 ").count()
}

#[test]
fn a_long_document_holds_each_font_once() {
    let paragraphs: Vec<String> = (0..60)
        .map(|i| format!("Stycke {i} {}", WORDS.join(" ")))
        .collect();
    let (long, pages) = in_volumes(&paragraphs, 2);
    assert!(pages >= 6, "several volumes: {pages} pages");
    assert_eq!(font_programs(&long), 2, "regular and bold, once each");
    assert_qpdf_checks(&long);

    // The pages themselves are small: the long file is not much larger than one
    // page with its fonts.
    let (short, pages) = in_volumes(&paragraphs[..1], 250);
    assert_eq!(pages, 1);
    assert_eq!(font_programs(&short), 2);
    assert!(
        long.len() < short.len() + 100_000,
        "{} against {}",
        long.len(),
        short.len()
    );
}
