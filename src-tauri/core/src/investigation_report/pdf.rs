//! A signed version as a Swedish A4 PDF with a cover, and the record of its sending.
//!
//! The cover names the home (its address only when the report froze one at signing:
//! never while a member of the home has a protected identity), the agency, the
//! investigators, the dates and the version, and says what the report is: supporting
//! material; the placing municipality's social welfare board investigates and decides
//! itself. Then each section in order: its heading, the facts the store filled in (a
//! line each), the caseworker's text; the recommendation in its section; the
//! justification when it was signed while the checklist was not complete; the
//! signature. Every page's footer has "Sida N av M", the document id (`FU-<id>-v<n>`)
//! and the date the PDF was made.
//!
//! As with the monthly report, the hash recorded is that of the PDF made last (exactly
//! the bytes returned), until the version is recorded as sent; after that it is the sent
//! PDF's and no longer changes.

use chrono::NaiveDate;

use super::template::RECOMMENDATION_KEY;
use super::{repo, InvestigationReport, Recommendation, ReportSection};
use crate::error::{Reason, Result};
use crate::label::{capitalised, SwedishLabel};
use crate::pdf::sent::{self, Sendable};
use crate::pdf::Doc;
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;

/// What the report is and is not: the agency's investigation is supporting material.
pub const ROLE_STATEMENT: &str = "Utredningen är familjehemsenhetens underlag till socialnämnden i den placerande kommunen. Den är inte ett beslut om placering: nämnden utreder och beslutar själv om ett barn ska placeras i hemmet.";

/// The id printed on every page: the version's row id and its number.
pub fn document_id(r: &InvestigationReport) -> String {
    format!("FU-{}-v{}", r.id, r.version)
}

/// The sentence of the recommendation ("Familjehemsenheten rekommenderar …").
pub fn recommendation_sentence(r: &InvestigationReport) -> String {
    let kind = r.home_kind.sv();
    match r.recommendation {
        Some(Recommendation::Recommended) => format!(
            "Familjehemsenheten rekommenderar {} som {kind}.",
            r.home_name
        ),
        Some(Recommendation::NotRecommended) => format!(
            "Familjehemsenheten rekommenderar inte {} som {kind}.",
            r.home_name
        ),
        None => "Ingen rekommendation är vald.".into(),
    }
}

fn co_investigator(r: &InvestigationReport) -> Option<&str> {
    r.co_investigator
        .as_deref()
        .filter(|c| !c.trim().is_empty())
}

fn cover(d: &mut Doc, r: &InvestigationReport, agency: Option<&str>) {
    d.lines(&r.home_name, true);
    d.space(4.0);
    d.field("Typ av hem", &capitalised(r.home_kind.sv()));
    if let Some(address) = r.home_address.as_deref().filter(|a| !a.trim().is_empty()) {
        d.field("Adress", address);
    }
    if let Some(agency) = agency.filter(|a| !a.trim().is_empty()) {
        d.field("Utförd av", agency);
    }
    d.field("Utredare", &r.author_name);
    if let Some(co) = co_investigator(r) {
        d.field("Medutredare", co);
    }
    d.field("Metod", &capitalised(r.method.sv()));
    d.field("Utredningsomgång", &r.round.to_string());
    d.field("Utredningen påbörjad", &r.started_on.to_string());
    d.field(
        "Signerad",
        &sent::signed_on(r.signed_at)
            .map_or_else(|| "Ej signerad (utkast)".into(), |d| d.to_string()),
    );
    let version = if r.version > 1 {
        format!("Version {} (ersätter version {})", r.version, r.version - 1)
    } else {
        format!("Version {}", r.version)
    };
    d.field("Version", &version);
    if let Some(decision) = r.decision {
        let on = r.decision_on.map(|o| format!(" {o}")).unwrap_or_default();
        d.field(
            "Familjehemsenhetens beslut",
            &format!("{}{on}", capitalised(decision.sv())),
        );
    }
    d.space(6.0);
    d.paragraph(ROLE_STATEMENT);
}

/// The caseworker's text: its paragraphs (separated by blank lines) kept, a line break
/// within one kept too.
fn body(d: &mut Doc, text: &str) {
    let text = text.replace("\r\n", "\n");
    let mut para: Vec<&str> = Vec::new();
    let mut any = false;
    for line in text.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !para.is_empty() {
                d.paragraph(&para.join("\n"));
                para.clear();
                any = true;
            }
        } else {
            para.push(line.trim_end());
        }
    }
    if !any {
        d.paragraph("Inget skrivet.");
    }
}

fn section(d: &mut Doc, r: &InvestigationReport, s: &ReportSection) {
    d.heading(&s.heading);
    if let Some(facts) = &s.facts_text {
        for line in facts.lines().filter(|l| !l.trim().is_empty()) {
            d.hanging(line, 5.0);
        }
        d.space(1.5);
    }
    if s.key == RECOMMENDATION_KEY {
        d.lines(&recommendation_sentence(r), true);
        d.space(3.0);
    }
    body(d, &s.body);
}

/// The signature: one label and its lines, so that the block is never split over two
/// pages (a field keeps up to three lines of its value together).
fn signature(d: &mut Doc, r: &InvestigationReport) {
    let mut lines = vec![format!("{} (utredare)", r.author_name)];
    if let Some(co) = co_investigator(r) {
        lines.push(format!("{co} (medutredare)"));
    }
    lines.push(match (r.signed_at, r.signed_by_name.as_deref()) {
        (Some(at), Some(by)) => format!("Signerad av {by} {}", sent::signed_time(at)),
        _ => "Ej signerad".into(),
    });
    d.space(8.0);
    d.field("Underskrift", &lines.join("\n"));
}

/// Renders a version; `agency` is the agency's name for the cover, `made_on` goes in
/// every page's footer. Pure: the version as given, nothing read or written.
pub fn render_pdf(
    r: &InvestigationReport,
    agency: Option<&str>,
    made_on: NaiveDate,
) -> Result<Vec<u8>> {
    let mut d = Doc::new(
        "Familjehemsutredning",
        &document_id(r),
        &made_on.to_string(),
    )?;
    cover(&mut d, r, agency);
    d.page_break();
    for s in &r.sections {
        section(&mut d, r, s);
    }
    if !r.sections.iter().any(|s| s.key == RECOMMENDATION_KEY) {
        d.heading("Rekommendation");
        d.paragraph(&recommendation_sentence(r));
    }
    if let Some(why) = r.justification.as_deref().filter(|j| !j.trim().is_empty()) {
        d.heading("Signerad trots att checklistan inte var komplett");
        body(&mut d, why);
    }
    signature(&mut d, r);
    Ok(d.finish())
}

/// The signed version `id` as a PDF to send (`report`: not allowed for a draft).
/// Records the SHA-256 of exactly the bytes returned (until the version is recorded as
/// sent) and audits the export.
pub async fn pdf(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<Vec<u8>> {
    let agency = Settings::load(store.dir()).agency.name;
    sent::export(
        store,
        actor,
        Sendable::InvestigationReport,
        id,
        async |c| repo::one(c, id, today).await,
        |r| render_pdf(r, agency.as_deref(), today),
    )
    .await
}

/// Writes the version's PDF at `path`, the place the user chose: a new file only,
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

/// Records that the version was sent on `on` to the municipality `municipality_id`:
/// an organisation of kind `kommun` (`sent_to`: unknown otherwise), not in the future
/// nor before the signing (`sent_on`: future / date), only once its PDF was made
/// (`pdf`: required), once (`report`: not allowed).
pub async fn mark_sent(
    store: &Store,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    municipality_id: i64,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    let mut tx = store.begin().await?;
    let r = repo::one(&mut tx, id, today).await?;
    let kommun = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM organisations WHERE id = ? AND kind = 'kommun'"#,
        municipality_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let mut p = crate::validate::Problems::new();
    if kommun == 0 {
        p.push("sent_to", Reason::Unknown);
    }
    if on > today {
        p.push("sent_on", Reason::Future);
    } else if sent::sent_before_signing(r.signed_at, on, today) {
        p.push("sent_on", Reason::Date);
    }
    p.finish()?;
    sent::ensure_signed(r.signed_at)?;
    sent::ensure_sendable(r.sent_on, r.pdf_sha256.as_deref())?;
    sqlx::query!(
        "UPDATE investigation_reports SET sent_on = ?, sent_to = ? WHERE id = ?",
        on,
        municipality_id,
        id
    )
    .execute(&mut *tx)
    .await?;
    sent::record_sent(&mut tx, actor, Sendable::InvestigationReport, id).await?;
    let report = repo::one(&mut tx, id, today).await?;
    tx.commit().await?;
    Ok(report)
}
