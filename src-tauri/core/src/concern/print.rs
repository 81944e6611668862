//! A concern report as a Swedish PDF to send to the social services.

use chrono::NaiveDate;

use super::{Channel, ConcernReport};
use crate::error::Result;
use crate::pdf::Doc;
use crate::person::{format_personal_number, PersonSummary};

fn person_line(p: &PersonSummary) -> String {
    let number = p
        .personal_number
        .as_deref()
        .map(format_personal_number)
        .unwrap_or_else(|| "saknar nummer".into());
    format!("{} {} ({number})", p.given_name, p.family_name)
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::ETjanst => "e-tjänst",
        Channel::Epost => "e-post",
        Channel::Telefon => "telefon",
        Channel::Post => "post",
        Channel::Personligen => "personligen",
    }
}

/// Renders the report.
pub fn render_pdf(r: &ConcernReport, today: NaiveDate) -> Result<Vec<u8>> {
    let doc_id = format!("OA-{}", r.id);
    let mut d = Doc::new("Orosanmälan", &doc_id, &today.to_string())?;
    d.paragraph(&format!(
        "Till socialtjänsten i {}. Anmälan enligt 14 kap. 1 § socialtjänstlagen om oro för att ett barn far illa.",
        r.municipality_name
    ));
    d.heading("Barnet");
    d.field("Barn", &person_line(&r.child));
    d.heading("Vårdnadshavare");
    if r.guardians.is_empty() {
        d.paragraph("Inga vårdnadshavare angivna.");
    }
    for g in &r.guardians {
        d.field("Vårdnadshavare", &person_line(g));
    }
    d.field(
        "Informerade om anmälan",
        &if r.guardians_informed {
            "Ja".to_owned()
        } else {
            format!(
                "Nej. Skäl: {}",
                r.guardians_not_informed_reason.as_deref().unwrap_or("")
            )
        },
    );
    d.heading("Vad anmälaren själv har sett eller hört");
    d.paragraph(&r.observed);
    d.heading("Vad andra har berättat");
    d.paragraph(r.hearsay.as_deref().unwrap_or("Inget."));
    d.heading("Anmälare");
    d.field("Namn", &r.reporter_name);
    if let Some(t) = &r.reporter_title {
        d.field("Titel", t);
    }
    d.field("Telefon", &r.reporter_phone);
    if let Some(e) = &r.reporter_email {
        d.field("E-post", e);
    }
    d.paragraph("Anmälan görs i tjänsten och är inte anonym.");
    if let (Some(sent), Some(ch)) = (r.sent_on, r.channel) {
        d.heading("Skickad");
        d.field("Datum", &sent.to_string());
        d.field("Skickad via", channel_name(ch));
    }
    Ok(d.finish())
}
