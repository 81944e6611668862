//! The register extract as a Swedish A4 PDF: the person's data section by section, the
//! log of who handled it, and the information Art. 15(1) requires.

use super::document::{Audience, ExtractSection, RegisterExtract};
use crate::error::Result;
use crate::pdf::Doc;

/// Renders the extract; returns the bytes and the number of pages.
pub(super) fn render(x: &RegisterExtract) -> Result<(Vec<u8>, u32)> {
    if x.audience == Audience::Municipality {
        return render_handover(x);
    }
    let mut d = Doc::new(
        "Registerutdrag",
        &x.document_id,
        &x.generated_on.to_string(),
    )?;
    d.paragraph(&format!(
        "Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR) från {}. \
         Här finns alla personuppgifter om dig som vi behandlar i vårt ärendesystem, \
         varför vi behandlar dem och vilka rättigheter du har. Uppgifter om andra personer \
         lämnas inte ut (artikel 15.4) och är ersatta med en markering.",
        x.controller
    ));
    d.field("Utdraget gäller", &x.subject_name);
    if let Some(n) = &x.subject_number {
        d.field("Personnummer", n);
    }
    d.field("Datum", &x.generated_on.to_string());
    d.field("Dokument-id", &x.document_id);

    d.heading("Dina personuppgifter");
    if x.sections.is_empty() {
        d.paragraph("Vi behandlar inga personuppgifter om dig utöver det som står ovan.");
    }
    sections(&mut d, &x.sections);

    d.heading("Vem som har hanterat dina uppgifter");
    if x.access_log.is_empty() {
        d.paragraph("Inga händelser finns registrerade.");
    } else {
        let rows: Vec<Vec<String>> = x
            .access_log
            .iter()
            .map(|a| {
                vec![
                    a.at.clone(),
                    a.who.clone(),
                    a.action.clone(),
                    a.what.clone(),
                ]
            })
            .collect();
        d.table(
            &["Tid", "Vem", "Åtgärd", "Vad"],
            &[2.2, 3.4, 1.8, 2.6],
            &rows,
        );
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
        d.paragraph(&format!("• {c}"));
    }
    d.heading("Mottagare");
    for r in &info.recipients {
        d.paragraph(&format!("• {r}"));
    }
    d.heading("Hur länge uppgifterna sparas");
    for r in &info.retention {
        d.paragraph(&format!("• {r}"));
    }
    d.heading("Varifrån uppgifterna kommer");
    for s in &info.sources {
        d.paragraph(&format!("• {s}"));
    }
    d.heading("Dina rättigheter");
    for r in &info.rights {
        d.paragraph(&format!("• {r}"));
    }
    d.heading("Rätt att klaga till Integritetsskyddsmyndigheten");
    d.paragraph(&info.complaint);
    d.heading("Automatiserade beslut");
    d.paragraph(&info.automated_decisions);
    let pages = u32::try_from(d.page_count()).unwrap_or(u32::MAX);
    Ok((d.finish(), pages))
}

/// The person's data, section by section, as tables.
fn sections(d: &mut Doc, sections: &[ExtractSection]) {
    for s in sections {
        d.heading(&s.title);
        d.paragraph(&format!("Kategori: {}", s.category));
        let rows: Vec<Vec<String>> = s
            .records
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.fields.iter().enumerate().map(move |(j, f)| {
                    vec![
                        if j == 0 {
                            format!("{}", i + 1)
                        } else {
                            String::new()
                        },
                        f.label.clone(),
                        f.value.clone(),
                    ]
                })
            })
            .collect();
        d.table(&["Nr", "Uppgift", "Värde"], &[0.6, 3.0, 7.0], &rows);
    }
}

/// A placed child's whole file for the placing municipality.
fn render_handover(x: &RegisterExtract) -> Result<(Vec<u8>, u32)> {
    let mut d = Doc::new(
        "Överlämning av akt",
        &x.document_id,
        &x.generated_on.to_string(),
    )?;
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
    sections(&mut d, &x.sections);
    let pages = u32::try_from(d.page_count()).unwrap_or(u32::MAX);
    Ok((d.finish(), pages))
}
