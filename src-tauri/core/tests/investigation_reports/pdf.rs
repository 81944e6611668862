//! The written familjehemsutredning as a PDF, on a real encrypted store: drafted from an
//! investigation, written, signed, made as a PDF and read back with `pdftotext` (every
//! section heading, the recommendation, å ä ö, the cover, the document id and "Sida N av
//! M" on every page); a home with a member with protected identity has no address
//! anywhere in it; a report of 30 pages and more renders; the PDF's SHA-256 is recorded
//! and the version is recorded as sent to a municipality once, every refusal naming its
//! field and changing nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use crate::common::{anna, caseworker_store, home_input, kommun, refusals, today};
use akta_core::error::Reason;
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{self, Method};
use akta_core::investigation_report::{
    self as report, InvestigationReport, Recommendation, ReportSave, ReportStatus, SectionText,
};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::settings::{Agency, Settings};
use akta_core::store::Store;
use akta_core::user::Actor;
use sha2::Digest;

struct World {
    store: Store,
    karin: Actor,
    investigation: i64,
}

/// Karin's store with Familjen Öberg (Björkvägen 12, 431 37 Mölndal), its adult Åsa
/// Öberg (with a protected identity when `protected`), and an investigation started on
/// 2026-09-01 by Kälvesten's method.
async fn world(dir: &std::path::Path, protected: bool) -> World {
    let (store, karin) = caseworker_store(dir, None).await;
    let home = foster_home::add(&store, &karin, &home_input("Familjen Öberg"), today())
        .await
        .unwrap()
        .id;
    let input = PersonInput {
        protected_identity: protected,
        ..anna()
    };
    let adult = person::add(&store, &karin, &input, today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&store, &karin, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let inv = investigation::start(
        &store,
        &karin,
        home,
        Method::Kalvesten,
        "2026-09-01".parse().unwrap(),
        today(),
    )
    .await
    .unwrap();
    World {
        store,
        karin,
        investigation: inv.id,
    }
}

/// Writes every section of the draft with `text(section key)`, chooses the
/// recommendation and a co-investigator.
async fn write_all(w: &World, r: &InvestigationReport, text: impl Fn(&str) -> String) {
    let save = ReportSave {
        sections: r
            .sections
            .iter()
            .map(|s| SectionText {
                id: s.id,
                body: text(&s.key),
            })
            .collect(),
        co_investigator: Some("Per Persson".into()),
        recommendation: Some(Recommendation::Recommended),
    };
    report::save(&w.store, &w.karin, r.id, &save, today())
        .await
        .unwrap();
}

/// Drafted, written, signed (with a justification: the checklist is not complete).
async fn signed(w: &World, text: impl Fn(&str) -> String) -> InvestigationReport {
    let r = report::draft(&w.store, &w.karin, w.investigation, today())
        .await
        .unwrap();
    write_all(w, &r, text).await;
    report::sign(
        &w.store,
        &w.karin,
        r.id,
        Some("Referenserna dröjer; de läggs till i nästa version."),
        today(),
    )
    .await
    .unwrap()
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The text of each page (pdftotext ends every page with a form feed).
fn pages(text: &str) -> Vec<&str> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Collapses runs of white space, so that a phrase pdftotext laid out is found whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn body_of(key: &str) -> String {
    format!(
        "Om {key}: familjen berättar öppet om vardagen, om sina förväntningar och om hur \
         de löser konflikter.\n\nAndra stycket om {key}: Åsa är lugn och tydlig; Örjan \
         är nyfiken på barnets behov."
    )
}

#[tokio::test]
async fn the_pdf_has_a_cover_every_heading_the_recommendation_and_an_id_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    Settings {
        agency: Agency {
            name: Some("Familjehemsenheten i Västra Götaland".into()),
            ..Agency::default()
        },
        ..Settings::default()
    }
    .save(w.store.dir())
    .unwrap();
    let r = signed(&w, body_of).await;
    let pdf = report::pdf(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    let got = report::get(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    assert_eq!(
        got.pdf_sha256.as_deref(),
        Some(hex::encode(sha2::Sha256::digest(&pdf)).as_str())
    );
    let text = pdftotext(&pdf);
    let all = flat(&text);
    for s in &r.sections {
        assert!(all.contains(&flat(&s.heading)), "{}: {all}", s.heading);
    }
    for phrase in [
        "Familjehemsutredning",
        "Familjen Öberg",
        "Björkvägen 12",
        "Familjehemsenheten i Västra Götaland",
        "Per Persson",
        "Version 1",
        "Familjehemsenheten rekommenderar Familjen Öberg som familjehem.",
        "socialnämnden i den placerande kommunen",
        "beslutar själv",
        "Åsa är lugn och tydlig; Örjan är nyfiken på barnets behov.",
        "Referenserna dröjer",
        "Underskrift",
    ] {
        assert!(all.contains(phrase), "{phrase}: {all}");
    }
    assert!(!all.contains("Version 1 (ersätter"), "{all}");
    let id = format!("FU-{}-v1", r.id);
    let pages = pages(&text);
    assert!(
        pages.len() >= 2,
        "a cover and the sections: {}",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&id), "page {}: {page}", i + 1);
        assert!(
            page.contains(&format!("Sida {} av {}", i + 1, pages.len())),
            "page {}: {page}",
            i + 1
        );
    }
    // The cover is a page of its own: the first section starts the second page.
    assert!(!pages[0].contains(&r.sections[0].heading), "{}", pages[0]);
    assert!(pages[1].contains(&r.sections[0].heading), "{}", pages[1]);

    // A change after signing is version 2, whose cover says it replaces version 1.
    let v2 = signed(&w, |k| format!("Ändrat efter signering: {k}.")).await;
    assert_eq!(v2.version, 2);
    let text = flat(&pdftotext(
        &report::pdf(&w.store, &w.karin, v2.id, today())
            .await
            .unwrap(),
    ));
    assert!(text.contains("Version 2 (ersätter version 1)"), "{text}");
    assert!(text.contains(&format!("FU-{}-v2", v2.id)), "{text}");
}

#[tokio::test]
async fn a_home_with_a_protected_member_has_no_address_anywhere_in_its_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), true).await;
    let r = signed(&w, body_of).await;
    assert_eq!(r.home_address, None);
    let pdf = report::pdf(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    let text = pdftotext(&pdf);
    assert!(text.contains("Familjen Öberg"), "{text}");
    let squeezed: String = text.split_whitespace().collect();
    for part in ["Björkvägen", "43137", "Mölndal", "Adress"] {
        assert!(!squeezed.contains(part), "{part}: {text}");
    }
    // Nor in the bytes (text a viewer might not show).
    assert!(!crate::common::contains(&pdf, "Björkvägen".as_bytes()));
}

/// An identity protected after signing: the address frozen on the signed version is
/// not shown nor printed any more.
#[tokio::test]
async fn an_identity_protected_after_signing_takes_the_address_off_the_signed_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let r = signed(&w, body_of).await;
    assert!(r.home_address.is_some(), "signed before the protection");
    // What a rectification of the registry does to the person (the column alone).
    sqlx::query("UPDATE persons SET protected_identity = 1")
        .execute(w.store.pool())
        .await
        .unwrap();
    let again = report::get(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    assert_eq!(again.home_address, None);
    let pdf = report::pdf(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    let squeezed: String = pdftotext(&pdf).split_whitespace().collect();
    for part in ["Björkvägen", "43137", "Mölndal", "Adress"] {
        assert!(!squeezed.contains(part), "{part}");
    }
}

/// Deterministic Swedish prose of about `chars` characters.
fn prose(seed: usize, chars: usize) -> String {
    const WORDS: &[&str] = &[
        "familjen",
        "barnet",
        "vardagen",
        "trygghet",
        "skolan",
        "förståelse",
        "omsorg",
        "gränser",
        "samarbete",
        "nätverket",
        "känslor",
        "uppväxten",
        "föräldrarna",
        "syskon",
        "stöd",
        "handledning",
        "mötet",
        "berättade",
        "tydligt",
        "öppet",
        "lugnt",
        "återkommer",
        "är",
        "och",
        "med",
        "på",
        "i",
        "att",
        "som",
        "för",
    ];
    let mut out = String::new();
    let mut i = seed as u64;
    let mut in_para = 0;
    while out.len() < chars {
        i = i
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(WORDS[(i >> 33) as usize % WORDS.len()]);
        in_para += 1;
        if in_para % 14 == 0 {
            out.push('.');
        }
        if in_para == 120 {
            out.push_str("\n\n");
            in_para = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

#[tokio::test]
async fn a_report_of_thirty_pages_and_more_renders_with_its_id_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let r = signed(&w, |k| prose(k.len(), 9_000)).await;
    let pdf = report::pdf(&w.store, &w.karin, r.id, today())
        .await
        .unwrap();
    let text = pdftotext(&pdf);
    let pages = pages(&text);
    assert!(pages.len() >= 30, "{} pages", pages.len());
    let id = format!("FU-{}-v1", r.id);
    assert!(pages.iter().all(|p| p.contains(&id)));
    assert!(text.contains(&format!("Sida 1 av {}", pages.len())));
    assert!(text.contains(&format!("Sida {0} av {0}", pages.len())));
}

#[tokio::test]
async fn a_signed_version_is_recorded_as_sent_to_a_municipality_once_after_its_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let (s, k) = (&w.store, &w.karin);
    let goteborg = kommun(s, k).await;
    let firm = organisation::add(
        s,
        k,
        &OrganisationInput {
            org_number: format!(
                "556677-889{}",
                akta_core::validate::luhn_check_digit("556677889")
            ),
            name: "Konsultbolaget AB".into(),
            kind: OrganisationKind::Foretag,
        },
    )
    .await
    .unwrap()
    .id;
    let draft = report::draft(s, k, w.investigation, today()).await.unwrap();
    let e = report::pdf(s, k, draft.id, today()).await.unwrap_err();
    assert_eq!(refusals(&e), [("report", Reason::NotAllowed)]);
    let r = signed(&w, body_of).await;
    let on = today();
    // No PDF made yet.
    let e = report::mark_sent(s, k, r.id, on, goteborg, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("pdf", Reason::Required)]);
    let pdf = report::pdf(s, k, r.id, today()).await.unwrap();
    for (to, field) in [(firm, "sent_to"), (9_999, "sent_to")] {
        let e = report::mark_sent(s, k, r.id, on, to, today())
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), [(field, Reason::Unknown)]);
    }
    let tomorrow = today().succ_opt().unwrap();
    let e = report::mark_sent(s, k, r.id, tomorrow, goteborg, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("sent_on", Reason::Future)]);
    let signed_on = akta_core::today().min(today());
    let before = signed_on.pred_opt().unwrap();
    let e = report::mark_sent(s, k, r.id, before, goteborg, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("sent_on", Reason::Date)]);
    let unchanged = report::get(s, k, r.id, today()).await.unwrap();
    assert_eq!(unchanged.status, ReportStatus::Signed);
    assert_eq!(unchanged.sent_on, None);

    let sent = report::mark_sent(s, k, r.id, signed_on, goteborg, today())
        .await
        .unwrap();
    assert_eq!(sent.status, ReportStatus::Sent);
    assert_eq!(sent.sent_on, Some(signed_on));
    assert_eq!(sent.sent_to, Some(goteborg));
    assert_eq!(sent.sent_to_name.as_deref(), Some("Göteborgs Stad"));
    let sha = hex::encode(sha2::Sha256::digest(&pdf));
    assert_eq!(sent.pdf_sha256.as_deref(), Some(sha.as_str()));
    let e = report::mark_sent(s, k, r.id, signed_on, goteborg, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("report", Reason::NotAllowed)]);
    // A copy made after sending does not replace the sent PDF's hash.
    report::pdf(s, k, r.id, today()).await.unwrap();
    let after = report::get(s, k, r.id, today()).await.unwrap();
    assert_eq!(after.pdf_sha256.as_deref(), Some(sha.as_str()));
}
