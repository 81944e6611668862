//! `akta bench-written-report`: what rendering a long written familjehemsutredning
//! costs. A report is generated in memory (the Kälvesten template, two adults, facts
//! under their sections, every section written in paragraphs of generated Swedish
//! text) with bodies long enough for at least N pages (30 by default: the long end of
//! what agencies write). Its PDF is rendered again and again (p50, p95), against a
//! baseline in the same run: the same headings and text as a plain document of
//! paragraphs (no cover, no facts, no fields). Pure rendering, no store: the PDF a
//! caseworker makes also reads one report from the store, which is small beside this.
//! Figures for docs/PERFORMANCE.md, not a test.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use serde::Serialize;

use crate::bench::{percentile, sentence, Lcg};
use crate::error::Result;
use crate::foster_home::HomeKind;
use crate::investigation::{Decision, Method};
use crate::investigation_report::{
    default_template, render_pdf, InvestigationReport, Recommendation, ReportSection, ReportStatus,
    ReportVersion,
};
use crate::pdf::Doc;

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenFigures {
    /// Pages of the report's PDF (at least the pages asked for).
    pub pages: usize,
    pub sections: usize,
    /// Characters of written text over all sections.
    pub body_chars: usize,
    pub pdf_bytes: usize,
    pub runs: u32,
    pub render_p50_ms: f64,
    pub render_p95_ms: f64,
    /// The baseline: the same headings and text as a plain document of paragraphs.
    pub baseline_pages: usize,
    pub baseline_p50_ms: f64,
    pub baseline_p95_ms: f64,
}

impl WrittenFigures {
    pub fn to_markdown(&self) -> String {
        let ratio = if self.baseline_p50_ms > 0.0 {
            self.render_p50_ms / self.baseline_p50_ms
        } else {
            0.0
        };
        let mut s = String::new();
        s.push_str("| written report (PDF) | Akta p50 | Akta p95 | baseline p50 | baseline p95 | ratio (p50) |\n|---|---:|---:|---:|---:|---:|\n");
        s.push_str(&format!(
            "| render a {}-page familjehemsutredning ({} sections, {} k characters, {} kB) vs the same text as a plain {}-page document | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.2}× |\n",
            self.pages,
            self.sections,
            self.body_chars / 1000,
            self.pdf_bytes / 1000,
            self.baseline_pages,
            self.render_p50_ms,
            self.render_p95_ms,
            self.baseline_p50_ms,
            self.baseline_p95_ms,
            ratio
        ));
        s.push_str(&format!("\n{} runs of each.\n", self.runs));
        s
    }
}

const ADULTS: [(i64, &str); 2] = [(1, "Åsa Öberg"), (2, "Örjan Öberg")];

fn facts_of(key: &str) -> Option<String> {
    let lines: &[&str] = match key {
        "assignment" => &[
            "Familjehem, utredning enligt Kälvestens metod (omgång 1), påbörjad 2026-03-02.",
            "Utredare: Karin Konsulent.",
        ],
        "conduct" => &[
            "Hembesök 2026-03-10 och 2026-04-14.",
            "Intervju med Åsa Öberg 2026-03-17, med Örjan Öberg 2026-03-24.",
            "Samtal med Ella Öberg (11 år) 2026-04-14.",
        ],
        "home" => &[
            "Åsa Öberg, 44 år, vuxen.",
            "Örjan Öberg, 46 år, vuxen.",
            "Ella Öberg, 11 år, hemmets eget barn.",
        ],
        "network" => &["Referens 2026-04-02.", "Referens 2026-04-09."],
        "register_checks" => &[
            "Belastningsregistret: Åsa Öberg, utdrag 2026-03-05.",
            "Belastningsregistret: Örjan Öberg, utdrag 2026-03-05.",
            "Socialtjänsten: Åsa Öberg, utdrag 2026-03-06.",
        ],
        "bra_fam" => &["BRA-Fam 2026-03-31. Hälsodeklaration 2026-03-31."],
        "assessment" => &["Checklistan är komplett."],
        _ => return None,
    };
    Some(lines.join("\n"))
}

/// A report whose every section holds `paragraphs` paragraphs of about 90 words.
fn report(paragraphs: usize) -> InvestigationReport {
    let mut words = Lcg(18);
    let mut sections = Vec::new();
    for t in default_template(Method::Kalvesten).sections {
        let about: Vec<(Option<i64>, String)> = if t.per_adult {
            ADULTS
                .iter()
                .map(|(id, name)| (Some(*id), format!("{} – {name}", t.heading)))
                .collect()
        } else {
            vec![(None, t.heading.clone())]
        };
        for (person_id, heading) in about {
            let body = (0..paragraphs)
                .map(|_| {
                    let mut p = sentence(&mut words, 90);
                    p.push('.');
                    p
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            sections.push(ReportSection {
                id: sections.len() as i64 + 1,
                position: sections.len() as i64 + 1,
                key: t.key.clone(),
                heading,
                guidance: t.guidance.clone(),
                facts: t.facts,
                person_id,
                facts_text: facts_of(&t.key),
                body,
            });
        }
    }
    let signed = Utc.with_ymd_and_hms(2026, 5, 4, 9, 30, 0).single();
    let started_on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    InvestigationReport {
        id: 1,
        investigation_id: 1,
        home_id: 1,
        round: 1,
        version: 1,
        method: Method::Kalvesten,
        home_name: "Familjen Öberg".into(),
        home_kind: HomeKind::Familjehem,
        home_address: Some("Storgatan 1, 431 30 Mölndal".into()),
        started_on,
        decision: Some(Decision::Approved),
        decision_on: NaiveDate::from_ymd_opt(2026, 5, 6),
        co_investigator: Some("Per Persson".into()),
        recommendation: Some(Recommendation::Recommended),
        justification: None,
        author_id: 1,
        author_name: "Karin Konsulent".into(),
        created_at: signed.unwrap_or_default(),
        updated_at: signed.unwrap_or_default(),
        signed_at: signed,
        signed_by_name: Some("Karin Konsulent".into()),
        pdf_sha256: None,
        sent_on: None,
        sent_to: None,
        sent_to_name: None,
        status: ReportStatus::Signed,
        sections,
        versions: vec![ReportVersion {
            id: 1,
            version: 1,
            status: ReportStatus::Signed,
            signed_at: signed,
            sent_on: None,
        }],
        checklist_complete: true,
    }
}

/// The same headings and text as a plain document of paragraphs; its page count.
fn baseline(r: &InvestigationReport, made_on: &str) -> Result<(Vec<u8>, usize)> {
    let mut d = Doc::new("Familjehemsutredning", "FU-1-v1", made_on)?;
    for s in &r.sections {
        d.heading(&s.heading);
        for p in s.body.split("\n\n") {
            d.paragraph(p);
        }
    }
    let pages = d.page_count();
    Ok((d.finish(), pages))
}

/// Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`; with or without the
/// space).
pub fn pages_of(pdf: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = pdf;
    while let Some(at) = rest.windows(5).position(|w| w == b"/Type") {
        rest = &rest[at + 5..];
        let value = rest.trim_ascii_start();
        if value.starts_with(b"/Page") && value.get(5) != Some(&b's') {
            n += 1;
        }
    }
    n
}

fn time<T>(runs: u32, mut f: impl FnMut() -> Result<T>) -> Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(runs as usize);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f()?);
        out.push(t.elapsed());
    }
    out.sort();
    Ok(out)
}

/// Renders a generated report of at least `pages` pages `runs` times, and the
/// baseline as often. Blocking (CPU only).
pub fn run(pages: u32, runs: u32) -> Result<WrittenFigures> {
    let made_on = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap_or_default();
    let pages = (pages as usize).max(1);
    let runs = runs.max(1);
    // Paragraphs per section: a first guess, then as many as the pages so far say.
    let mut paragraphs = 4;
    let (r, bytes) = loop {
        let r = report(paragraphs);
        let bytes = render_pdf(&r, Some("Familjehemsenheten i Mölndal"), made_on)?;
        let got = pages_of(&bytes);
        if got >= pages || paragraphs >= 400 {
            break (r, bytes);
        }
        paragraphs = (paragraphs * pages)
            .div_ceil(got.max(1))
            .clamp(paragraphs + 1, 400);
    };
    let agency = Some("Familjehemsenheten i Mölndal");
    let render = time(runs, || render_pdf(&r, agency, made_on))?;
    let made = made_on.to_string();
    let (_, baseline_pages) = baseline(&r, &made)?;
    let base = time(runs, || baseline(&r, &made))?;
    Ok(WrittenFigures {
        pages: pages_of(&bytes),
        sections: r.sections.len(),
        body_chars: r.sections.iter().map(|s| s.body.chars().count()).sum(),
        pdf_bytes: bytes.len(),
        runs,
        render_p50_ms: percentile(&render, 0.5),
        render_p95_ms: percentile(&render, 0.95),
        baseline_pages,
        baseline_p50_ms: percentile(&base, 0.5),
        baseline_p95_ms: percentile(&base, 0.95),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_report_has_at_least_the_pages_asked_for() {
        let f = run(3, 1).unwrap();
        assert!(f.pages >= 3, "{f:?}");
        assert!(f.baseline_pages >= 2, "{f:?}");
        assert!(f
            .to_markdown()
            .contains(&format!("render a {}-page", f.pages)));
    }
}
