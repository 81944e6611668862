//! The large PDF of the app bench: a valid one-page PDF of a given size, and how long
//! the app takes from a click on it in a home's documents until its first page is drawn.

use std::path::Path;
use std::time::Instant;

use super::webdriver::Driver;
use super::{app, app_tree_pss_kb, PASS};

/// The size of the large PDF: what a long scanned document may weigh.
pub(crate) const LARGE_PDF_BYTES: usize = 50 * 1024 * 1024;

/// A valid one-page PDF of exactly `size` bytes: a line of text on an A4 page, and a
/// stream of noise that no page uses (as a scan's image data weighs, without the work
/// of drawing it), its cross-reference table counted so that pdf.js reads page 1
/// straight from it.
pub(crate) fn large_pdf(size: usize) -> Vec<u8> {
    let build = |padding: usize| {
        let content = "BT /F1 36 Tf 72 700 Td (Stor skannad handling) Tj ET";
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
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
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("6 0 obj\n<< /Length {padding} >>\nstream\n").as_bytes());
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        pdf.extend((0..padding).map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        }));
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 7\n0000000000 65535 f \n");
        for o in offsets {
            pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        pdf
    };
    // The numbers written in it (the padding's length, the table's place) grow with
    // the padding: correct until the size is exact.
    let mut padding = size - build(0).len();
    loop {
        let pdf = build(padding);
        match pdf.len().cmp(&size) {
            std::cmp::Ordering::Equal => return pdf,
            std::cmp::Ordering::Greater => padding -= pdf.len() - size,
            std::cmp::Ordering::Less => padding += size - pdf.len(),
        }
    }
}

pub(crate) struct PdfFigures {
    pub(crate) open_ms: u128,
    pub(crate) pss_mb: f64,
}

/// Opens the home's documents, then the PDF titled `title`, and times the click until
/// its first page is drawn (the canvas marked `data-rendered`): the core decrypts the
/// file, the bytes cross to the window, pdf.js parses them and draws the page.
pub(crate) fn measure_pdf(port: u16, store: &Path, home: &str, title: &str) -> PdfFigures {
    let xdg = store.with_file_name(format!("xdg-{port}"));
    let driver = Driver::start(
        port,
        &[
            ("AKTA_STORE", store),
            ("XDG_DATA_HOME", &xdg.join("data")),
            ("XDG_CONFIG_HOME", &xdg.join("config")),
            ("XDG_CACHE_HOME", &xdg.join("cache")),
        ],
    );
    let s = driver.session(app());
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.find("[data-testid=whoami]"); // the header names who is signed in
    s.click(&s.find("[data-testid=nav-homes]"));
    // Found and clicked in one step: a list that renders again leaves no stale element.
    let click = |testid: &str, text: &str| {
        format!(
            "const e = [...document.querySelectorAll('[data-testid={testid}]')] \
               .find(e => e.textContent.trim() === {}); if (e) e.click(); return !!e;",
            serde_json::to_string(text).unwrap()
        )
    };
    let open_home = click("home-row", home);
    s.wait_for("the home's row", || {
        (s.script(&open_home) == serde_json::Value::Bool(true)).then_some(())
    });
    s.click(&s.find("[data-testid=tab-documents]"));
    let open_doc = click("doc-open", title);
    s.wait_for("the document's row", || {
        s.try_find("[data-testid=doc-open]").map(|_| ())
    });
    let drawn = "const c = document.querySelector('[data-testid=doc-pdf-canvas]'); \
                 if (document.querySelector('[data-testid=doc-pdf-error]')) return 'failed'; \
                 return !!c && c.dataset.rendered === '1';";
    let t = Instant::now();
    assert_eq!(s.script(&open_doc), serde_json::Value::Bool(true));
    loop {
        match s.script(drawn) {
            serde_json::Value::Bool(true) => break,
            serde_json::Value::Bool(false) => {}
            other => panic!("the PDF was not drawn: {other}"),
        }
        assert!(
            t.elapsed() < std::time::Duration::from_secs(300),
            "the PDF's first page not drawn in 5 minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let open_ms = t.elapsed().as_millis();
    let (pss_kb, _) = app_tree_pss_kb(&driver);
    s.close();
    drop(driver);
    PdfFigures {
        open_ms,
        pss_mb: pss_kb as f64 / 1024.0,
    }
}
