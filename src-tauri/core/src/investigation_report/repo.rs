//! Reading report versions and their sections, and what their facts are drawn from.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::facts::{self, Context, Member};
use super::{
    FactsKind, InvestigationReport, Recommendation, ReportSection, ReportStatus, ReportVersion,
};
use crate::error::{Error, Result};
use crate::foster_home::{HomeKind, MemberRole};
use crate::investigation::{self, Method, DEFAULT_EXTRACT_MAX_AGE_MONTHS};

/// What the facts of investigation `investigation_id` are drawn from, on `today`
/// (the checklist at the decision date, or `today`; extracts older than
/// `max_age_months` are too old).
pub(super) async fn context(
    conn: &mut SqliteConnection,
    investigation_id: i64,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Context> {
    let inv = investigation::one(conn, investigation_id, today, max_age_months).await?;
    let home = sqlx::query!(
        r#"SELECT h.name, h.kind AS "kind: HomeKind", h.street_address, h.postal_code, h.city,
                  EXISTS (SELECT 1 FROM foster_home_members m JOIN persons p ON p.id = m.person_id
                          WHERE m.home_id = h.id AND p.protected_identity = 1) AS "protected!: bool"
           FROM foster_homes h WHERE h.id = ?"#,
        inv.home_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("foster home"))?;
    let members = sqlx::query!(
        r#"SELECT p.id AS "id!", p.given_name, p.family_name, p.personal_number,
                  m.role AS "role: MemberRole"
           FROM foster_home_members m JOIN persons p ON p.id = m.person_id
           WHERE m.home_id = ? AND m.left_on IS NULL
           ORDER BY m.role = 'eget_barn', p.family_name COLLATE NOCASE,
                    p.given_name COLLATE NOCASE, p.id"#,
        inv.home_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| Member {
        id: r.id,
        name: format!("{} {}", r.given_name, r.family_name),
        role: r.role,
        personal_number: r.personal_number,
    })
    .collect();
    let home_address = if home.protected {
        None
    } else {
        address(home.street_address, home.postal_code, home.city)
    };
    Ok(Context {
        investigation: inv,
        home_name: home.name,
        home_kind: home.kind,
        home_address,
        protected: home.protected,
        members,
        today,
    })
}

/// "Street 1, 123 45 City", from what is known; `None` when nothing is.
fn address(street: Option<String>, postal: Option<String>, city: Option<String>) -> Option<String> {
    let place = [postal, city]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<String> = [street, Some(place)]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A report version's own row.
pub(super) struct Head {
    pub id: i64,
    pub investigation_id: i64,
    pub version: i64,
    pub method: Method,
    pub co_investigator: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub home_name: Option<String>,
    pub home_address: Option<String>,
    pub justification: Option<String>,
    pub author_id: i64,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
    pub pdf_sha256: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub sent_to: Option<i64>,
    pub sent_to_name: Option<String>,
}

pub(super) async fn head(conn: &mut SqliteConnection, id: i64) -> Result<Option<Head>> {
    Ok(sqlx::query_as!(
        Head,
        r#"SELECT r.id AS "id!", r.investigation_id, r.version, r.method AS "method: Method",
                  r.co_investigator, r.recommendation AS "recommendation: Recommendation",
                  r.home_name, r.home_address, r.justification, r.author_id, a.name AS author_name,
                  r.created_at AS "created_at: DateTime<Utc>", r.updated_at AS "updated_at: DateTime<Utc>",
                  r.signed_at AS "signed_at: DateTime<Utc>", s.name AS "signed_by_name?",
                  r.pdf_sha256, r.sent_on AS "sent_on: NaiveDate", r.sent_to, o.name AS "sent_to_name?"
           FROM investigation_reports r
           JOIN users a ON a.id = r.author_id
           LEFT JOIN users s ON s.id = r.signed_by
           LEFT JOIN organisations o ON o.id = r.sent_to
           WHERE r.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?)
}

/// The sections of report `report_id` as stored, in order.
pub(super) async fn sections(
    conn: &mut SqliteConnection,
    report_id: i64,
) -> Result<Vec<ReportSection>> {
    Ok(sqlx::query_as!(
        ReportSection,
        r#"SELECT id AS "id!", position, key, heading, guidance, facts AS "facts: FactsKind",
                  person_id, facts_text, body
           FROM investigation_report_sections WHERE report_id = ? ORDER BY position"#,
        report_id
    )
    .fetch_all(&mut *conn)
    .await?)
}

fn status(signed_at: Option<DateTime<Utc>>, sent_on: Option<NaiveDate>) -> ReportStatus {
    match (signed_at, sent_on) {
        (_, Some(_)) => ReportStatus::Sent,
        (Some(_), None) => ReportStatus::Signed,
        (None, None) => ReportStatus::Draft,
    }
}

/// The versions of an investigation's report, oldest first.
pub(super) async fn versions(
    conn: &mut SqliteConnection,
    investigation_id: i64,
) -> Result<Vec<ReportVersion>> {
    Ok(sqlx::query!(
        r#"SELECT id AS "id!", version, signed_at AS "signed_at: DateTime<Utc>",
                  sent_on AS "sent_on: NaiveDate"
           FROM investigation_reports WHERE investigation_id = ? ORDER BY version"#,
        investigation_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| ReportVersion {
        id: r.id,
        version: r.version,
        status: status(r.signed_at, r.sent_on),
        signed_at: r.signed_at,
        sent_on: r.sent_on,
    })
    .collect())
}

/// Version `id` as shown. A draft's facts, cover and checklist state are drawn now
/// from `c` (in memory; stored on save and at signing); a signed version's are those
/// frozen at signing (its checklist was complete unless it carries a justification).
pub(super) async fn assemble(
    conn: &mut SqliteConnection,
    h: Head,
    c: &Context,
) -> Result<InvestigationReport> {
    let mut sections = sections(conn, h.id).await?;
    let signed = h.signed_at.is_some();
    if !signed {
        for s in &mut sections {
            s.facts_text = facts::of_section(s.facts, s.person_id, c);
        }
    }
    let inv = &c.investigation;
    let (home_name, home_address, checklist_complete) = if signed {
        (
            h.home_name.unwrap_or_else(|| c.home_name.clone()),
            // Frozen at signing, and never shown once a member is protected.
            h.home_address.filter(|_| !c.protected),
            h.justification.is_none(),
        )
    } else {
        (
            c.home_name.clone(),
            c.home_address.clone(),
            inv.checklist.complete,
        )
    };
    Ok(InvestigationReport {
        id: h.id,
        investigation_id: h.investigation_id,
        home_id: inv.home_id,
        round: inv.round,
        version: h.version,
        method: h.method,
        home_name,
        home_kind: c.home_kind,
        home_address,
        started_on: inv.started_on,
        decision: inv.decision,
        decision_on: inv.decision_on,
        co_investigator: h.co_investigator,
        recommendation: h.recommendation,
        justification: h.justification,
        author_id: h.author_id,
        author_name: h.author_name,
        created_at: h.created_at,
        updated_at: h.updated_at,
        signed_at: h.signed_at,
        signed_by_name: h.signed_by_name,
        pdf_sha256: h.pdf_sha256,
        sent_on: h.sent_on,
        sent_to: h.sent_to,
        sent_to_name: h.sent_to_name,
        status: status(h.signed_at, h.sent_on),
        sections,
        versions: versions(conn, h.investigation_id).await?,
        checklist_complete,
    })
}

/// Version `id`, a draft's facts drawn with extracts older than `max_age_months` too
/// old (the store's setting).
pub(super) async fn read(
    conn: &mut SqliteConnection,
    id: i64,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<InvestigationReport> {
    let h = head(conn, id)
        .await?
        .ok_or(Error::NotFound("investigation report"))?;
    let c = context(conn, h.investigation_id, today, max_age_months).await?;
    assemble(conn, h, &c).await
}

/// Version `id` (not audited: the caller records what it does). A draft's facts are
/// drawn at `today` with the default age limit of extracts; the service's calls use the
/// store's setting. A signed version is as frozen.
pub(super) async fn one(
    conn: &mut SqliteConnection,
    id: i64,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    read(conn, id, today, DEFAULT_EXTRACT_MAX_AGE_MONTHS).await
}
