//! The register extract as a Swedish A4 PDF: a letter from the agency (first page),
//! the person's data section by section with drafts marked, the log of who handled it
//! (one line per day and person), and the information Art. 15(1) requires.

use std::borrow::Cow;
use std::io::Write;

use super::document::{
    Audience, ExtractAccess, ExtractDocument, ExtractRecord, ExtractSection, RegisterExtract,
    WITHHELD_PARTY, WITHHELD_PASSAGE,
};
use super::extract_letter::{cover, Content, DRAFT};
use crate::error::Result;
use crate::pdf::{write_long, Doc, VOLUME_PAGES};
use crate::settings::Agency;

/// Tables whose records are drafts until a column is set: (table, column).
const DRAFTS: &[(&str, &str)] = &[("journal_entries", "signed_at")];

/// Renders the extract into `w`; returns the number of pages. However long the file,
/// the layout holds one volume of pages at a time ([`crate::pdf::write_long`]).
pub(super) fn render_to(x: &RegisterExtract, agency: &Agency, w: &mut dyn Write) -> Result<u32> {
    let date = x.generated_on.to_string();
    let pages = if x.audience == Audience::Municipality {
        write_long(
            || Doc::new("Överlämning av akt", &x.document_id, &date),
            |d| handover(d, x),
            VOLUME_PAGES,
            w,
        )?
    } else {
        write_long(
            || Doc::blank("Registerutdrag", &x.document_id, &date),
            |d| extract(d, x, agency),
            VOLUME_PAGES,
            w,
        )?
    };
    Ok(u32::try_from(pages).unwrap_or(u32::MAX))
}

/// The register extract, page by page.
fn extract(d: &mut Doc<'_>, x: &RegisterExtract, agency: &Agency) {
    let withheld = |v: &str| v.contains(WITHHELD_PARTY) || v.contains(WITHHELD_PASSAGE);
    let content = Content {
        withheld: x
            .sections
            .iter()
            .flat_map(|s| &s.records)
            .flat_map(|r| &r.fields)
            .any(|f| withheld(&f.value))
            || x.access_log.iter().any(|a| withheld(&a.who)),
        drafts: x
            .sections
            .iter()
            .any(|s| s.records.iter().any(|r| is_draft(&s.table, r))),
        access_log: !x.access_log.is_empty(),
        documents: !x.documents.is_empty(),
    };
    cover(d, x, agency, &content);

    d.heading("Dina personuppgifter");
    if x.sections.is_empty() {
        d.paragraph("Vi behandlar inga personuppgifter om dig utöver det som står i brevet.");
    }
    sections(d, &x.sections);
    if !x.documents.is_empty() {
        documents(d, &x.documents);
    }

    d.heading("Vem som har hanterat dina uppgifter");
    if x.access_log.is_empty() {
        d.paragraph("Inga händelser finns registrerade.");
    } else {
        d.paragraph(
            "En rad per dag och person: vad som gjordes med dina uppgifter, och inom \
             parentes hur många gånger.",
        );
        for line in access_lines(&x.access_log) {
            d.hanging(&line, 8.0);
        }
    }

    let info = &x.information;
    d.heading("Ändamål och rättslig grund");
    for p in &info.purposes {
        d.field("Ändamål", &p.purpose);
        d.field("Rättslig grund", &p.legal_basis);
        d.field("Kategorier", &p.data_categories);
        d.field("Mottagare", &p.recipients);
        d.field("Lagringstid", &p.retention);
        d.paragraph("");
    }
    d.heading("Kategorier av personuppgifter");
    for c in &info.categories {
        d.hanging(&format!("•  {c}"), 4.0);
    }
    d.heading("Mottagare");
    for r in &info.recipients {
        d.hanging(&format!("•  {r}"), 4.0);
    }
    d.heading("Hur länge uppgifterna sparas");
    for r in &info.retention {
        d.hanging(&format!("•  {r}"), 4.0);
    }
    d.heading("Varifrån uppgifterna kommer");
    for s in &info.sources {
        d.hanging(&format!("•  {s}"), 4.0);
    }
    d.heading("Dina rättigheter");
    for r in &info.rights {
        d.hanging(&format!("•  {r}"), 4.0);
    }
    d.heading("Rätt att klaga till Integritetsskyddsmyndigheten");
    d.paragraph(&info.complaint);
    d.heading("Automatiserade beslut");
    d.paragraph(&info.automated_decisions);
}

/// Whether a record of `table` is a draft (its signing column is not set).
fn is_draft(table: &str, record: &ExtractRecord) -> bool {
    DRAFTS
        .iter()
        .any(|(t, c)| *t == table && !record.fields.iter().any(|f| f.column == *c))
}

/// The person's data, section by section, as tables; a draft's first row says so. The
/// rows are made as the table takes them, not copied out of the extract first.
fn sections(d: &mut Doc, sections: &[ExtractSection]) {
    for s in sections {
        d.heading(&s.title);
        d.paragraph(&format!("Kategori: {}", s.category));
        let rows = s.records.iter().enumerate().flat_map(|(i, r)| {
            let draft = is_draft(&s.table, r).then_some(["Status", DRAFT]);
            let fields = r.fields.iter().map(|f| [&*f.label, f.value.as_str()]);
            draft
                .into_iter()
                .chain(fields)
                .enumerate()
                .map(move |(k, [label, value])| {
                    let nr = if k == 0 {
                        Cow::Owned(format!("{}", i + 1))
                    } else {
                        Cow::Borrowed("")
                    };
                    [nr, Cow::Borrowed(label), Cow::Borrowed(value)]
                })
        });
        d.table(&["Nr", "Uppgift", "Värde"], &[0.6, 3.0, 7.0], rows);
    }
}

/// The documents about the person: each with its copy's file name and SHA-256, or why
/// no copy is included.
fn documents(d: &mut Doc, docs: &[ExtractDocument]) {
    d.heading("Kopior av dokument");
    d.paragraph(
        "Dokument om dig som har kommit in till oss eller som vi har upprättat. Kopiorna \
         finns i mappen som följer med utdraget; filen heter som dokumentets nummer. \
         Kontrollsumman (SHA-256) visar att kopian är oförändrad. Ett dokument som vi inte \
         lämnar ut står med skälet.",
    );
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|x| {
            let mut about = format!("{}\n{} · {} · {}", x.title, x.kind, x.doc_type, x.dated_on);
            if let Some(c) = &x.counterpart {
                about.push_str(&format!("\n{c}"));
            }
            let copy = match (&x.file, &x.sha256) {
                (Some(file), Some(sha)) if x.included => {
                    format!("Bifogas som {file}\nSHA-256: {sha}")
                }
                _ => format!(
                    "Lämnas inte ut: {}",
                    x.reason.as_deref().unwrap_or_default()
                ),
            };
            vec![x.id.to_string(), about, copy]
        })
        .collect();
    d.table(&["Nr", "Dokument", "Kopia"], &[0.8, 5.0, 5.0], &rows);
}

/// The access log in lines, one per day and person, in the order the days came:
/// "2026-03-14 · Anna Lind (Handläggare) · läste journalanteckning (12), ändrade
/// personuppgifter (1)". What was done is counted, in the order it was first done.
pub(super) fn access_lines(log: &[ExtractAccess]) -> Vec<String> {
    // (day, who) → [(action and what, count)], in order of first appearance.
    type Done = Vec<(String, usize)>;
    let mut groups: Vec<((&str, &str), Done)> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::new();
    for a in log {
        let day = a.at.get(..10).unwrap_or(&a.at);
        let key = (day, a.who.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        let what = format!("{} {}", a.action, a.what);
        let items = &mut groups[i].1;
        match items.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => items.push((what, 1)),
        }
    }
    // Days in order (the log is in order; a stable sort keeps each day's people in the
    // order they first acted).
    groups.sort_by(|a, b| a.0 .0.cmp(b.0 .0));
    groups
        .into_iter()
        .map(|((day, who), items)| {
            let done: Vec<String> = items
                .into_iter()
                .map(|(what, n)| format!("{what} ({n})"))
                .collect();
            format!("{day} · {who} · {}", done.join(", "))
        })
        .collect()
}

/// A placed child's whole file for the placing municipality.
fn handover(d: &mut Doc<'_>, x: &RegisterExtract) {
    d.paragraph(&format!(
        "Akten överlämnas från {} till den placerande kommunens socialtjänst innan den \
         gallras hos oss (två år efter att den avslutades). Handlingen innehåller hela akten.",
        x.controller
    ));
    d.field("Akten gäller", &x.subject_name);
    if let Some(n) = &x.subject_number {
        d.field("Personnummer", n);
    }
    d.field("Datum", &x.generated_on.to_string());
    d.field("Dokument-id", &x.document_id);
    sections(d, &x.sections);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at: &str, who: &str, action: &str, what: &str) -> ExtractAccess {
        ExtractAccess {
            at: at.into(),
            who: who.into(),
            action: action.into(),
            what: what.into(),
        }
    }

    #[test]
    fn the_access_log_is_one_line_per_day_and_person_with_counts() {
        let log = vec![
            event(
                "2026-03-14 08:01",
                "Anna Lind",
                "läste",
                "journalanteckning",
            ),
            event("2026-03-14 08:02", "Bo Ek", "läste", "personuppgifter"),
            event(
                "2026-03-14 09:00",
                "Anna Lind",
                "läste",
                "journalanteckning",
            ),
            event(
                "2026-03-14 09:05",
                "Anna Lind",
                "ändrade",
                "personuppgifter",
            ),
            event(
                "2026-03-15 10:00",
                "Anna Lind",
                "läste",
                "journalanteckning",
            ),
        ];
        assert_eq!(
            access_lines(&log),
            vec![
                "2026-03-14 · Anna Lind · läste journalanteckning (2), ändrade personuppgifter (1)",
                "2026-03-14 · Bo Ek · läste personuppgifter (1)",
                "2026-03-15 · Anna Lind · läste journalanteckning (1)",
            ]
        );
        assert!(access_lines(&[]).is_empty());
    }
}
