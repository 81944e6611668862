//! A signed monthly report as a Swedish PDF, its SHA-256 recorded; and the record of
//! when and to whom it was sent (the bytes themselves are never kept).
//!
//! The PDF library gives every document fresh internal ids (the same sequence in every
//! new process), so two PDFs of the same report made by one running app differ in a few
//! bytes: the hash recorded is the one of the PDF made last, exactly the bytes returned. Once the report is recorded as sent, its hash is the sent
//! PDF's and no longer changes; a copy made after that is not the one sent.

use chrono::NaiveDate;

use super::{repo, MonthlyReport, YearMonth, MAX_RECIPIENT_CHARS};
use crate::error::{Error, Reason, Result};
use crate::pdf::sent::{self, Sendable};
use crate::pdf::Doc;
use crate::person::format_personal_number;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// What the report is and is not: the trade association's role boundary.
pub const ROLE_STATEMENT: &str = "Rapporten beskriver familjehemsenhetens stöd och handledning till familjehemmet under perioden. Den är inte en bedömning av barnet: bedömningen av barnets situation och behov görs av socialtjänsten i den placerande kommunen.";

fn section(d: &mut Doc, heading: &str, text: &str) {
    d.heading(heading);
    if text.trim().is_empty() {
        d.paragraph("Inget skrivet.");
    } else {
        d.paragraph(text);
    }
}

/// The facts, a line each (a wrapped line is indented under its first).
fn facts(d: &mut Doc, heading: &str, text: &str) {
    d.heading(heading);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        d.hanging(line, 5.0);
    }
}

/// Renders a report; `made_on` goes in every page's footer.
pub fn render_pdf(r: &MonthlyReport, made_on: NaiveDate) -> Result<Vec<u8>> {
    let month = YearMonth::parse("month", &r.month)?;
    let doc_id = format!("MR-{}-{}", r.id, r.month);
    let mut d = Doc::new(
        "Månadsrapport – familjehemsvård",
        &doc_id,
        &made_on.to_string(),
    )?;
    d.paragraph(&format!(
        "Till socialtjänsten i {}. Uppföljning av placeringen i familjehem under {}.",
        r.municipality_name,
        month.sv()
    ));
    d.paragraph(ROLE_STATEMENT);
    d.heading("Placeringen");
    d.field("Placerande kommun", &r.municipality_name);
    let number = r
        .child
        .personal_number
        .as_deref()
        .map(format_personal_number)
        .unwrap_or_else(|| "saknar nummer".into());
    d.field(
        "Barnet",
        &format!("{} {} ({number})", r.child.given_name, r.child.family_name),
    );
    d.field("Familjehem", &r.home_name);
    d.field("Period", &format!("{} – {}", r.period_from, r.period_to));
    facts(&mut d, "Kontakter med familjehemmet", &r.contacts_text);
    facts(&mut d, "Kontaktplanen och vad som gjorts", &r.plan_text);
    facts(&mut d, "Utbildning för familjehemmet", &r.training_text);
    section(
        &mut d,
        "Barnets situation så som den kommit fram i handledningen",
        &r.child_situation,
    );
    section(&mut d, "Familjehemmets behov av stöd", &r.home_support);
    section(&mut d, "Överenskomna nästa steg", &r.next_steps);
    d.heading("Underskrift");
    let signed = match (r.signed_at, r.signed_by_name.as_deref()) {
        (Some(at), Some(by)) => format!("{by}, {}", sent::signed_time(at)),
        _ => "Ej signerad".into(),
    };
    d.field("Signerad av", &signed);
    Ok(d.finish())
}

/// The signed report `id` as a PDF to send (`report`: not allowed for a draft). Records
/// the SHA-256 of exactly the bytes returned (until the report is recorded as sent) and
/// audits the export.
pub async fn pdf(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<Vec<u8>> {
    sent::export(
        store,
        actor,
        Sendable::MonthlyReport,
        id,
        async |c| repo::one(c, id).await,
        |r| render_pdf(r, today),
    )
    .await
}

/// Writes the report's PDF at `path`, the place the user chose: a new file only,
/// owner-only (see [`crate::pdf::save_chosen`]). The place is checked first, so a
/// refused place makes, records and audits nothing.
pub async fn save_pdf(
    store: &Store,
    actor: &Actor,
    id: i64,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<()> {
    crate::pdf::save_chosen(path, pdf(store, actor, id, today)).await
}

/// Records that the report was sent on `on` to `to` (e.g. the municipality's
/// socialsekreterare): only once its PDF was made (`pdf`: required), once
/// (`report`: not allowed), not in the future nor before the signing (`sent_on`),
/// with a recipient (`sent_to`: required, at most [`MAX_RECIPIENT_CHARS`]).
pub async fn mark_sent(
    store: &Store,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    to: &str,
    today: NaiveDate,
) -> Result<MonthlyReport> {
    let mut p = Problems::new();
    let to = p.check(validate::required_text("sent_to", to, MAX_RECIPIENT_CHARS));
    if on > today {
        p.push("sent_on", Reason::Future);
    }
    p.finish()?;
    let to = to.ok_or_else(|| Error::Internal("validation state".into()))?;
    let mut tx = store.begin().await?;
    let r = repo::one(&mut tx, id).await?;
    sent::ensure_sendable(r.sent_on, r.pdf_sha256.as_deref())?;
    if sent::sent_before_signing(r.signed_at, on, today) {
        return Err(Error::invalid("sent_on", Reason::Date));
    }
    sqlx::query!(
        "UPDATE monthly_reports SET sent_on = ?, sent_to = ? WHERE id = ?",
        on,
        to,
        id
    )
    .execute(&mut *tx)
    .await?;
    sent::record_sent(&mut tx, actor, Sendable::MonthlyReport, id).await?;
    let report = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(report)
}
