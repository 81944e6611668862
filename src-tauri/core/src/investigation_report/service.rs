//! Drafting, saving, signing and reading versions of the written report. Each call is
//! one transaction; every refusal names its field and writes nothing.
//!
//! A section's text is kept exactly as written (not trimmed: the editor saves while
//! the caseworker types); "written" at signing means more than white space.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::facts::{self, Context};
use super::new_sections::{from_template, with_new_adults, NewSection};
use super::repo::{self, Head};
use super::template::{self, ASSESSMENT_KEY, RECOMMENDATION_KEY};
use super::{InvestigationReport, ReportSave, ReportVersion, MAX_BODY_CHARS};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// Longest accepted co-investigator, in characters.
const MAX_CO_INVESTIGATOR_CHARS: usize = 200;
/// Longest accepted justification for signing with an incomplete checklist.
const MAX_JUSTIFICATION_CHARS: usize = 2_000;

fn author_of(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::ProfileRequired)
}

/// The store's age limit of register extracts, in months.
fn max_age(store: &Store) -> u32 {
    crate::settings::Settings::load(store.dir()).extract_max_age_months
}

/// `person_restricted` when any member of the home (past or present) has their data
/// restricted: nothing new is written about them.
async fn ensure_unrestricted(conn: &mut SqliteConnection, home_id: i64) -> Result<()> {
    let ids = crate::person::home_member_ids(conn, home_id).await?;
    crate::person::ensure_unrestricted(conn, &ids).await
}

/// The open draft of investigation `investigation_id`'s report, made if there is none:
/// version 1 from the method's current template, or, after a signed version, the next
/// version starting from the latest version's sections, text, co-investigator and
/// recommendation, with sections of their own for adults who joined the home since
/// (not from the template, which may have changed since: a new version
/// changes the signed report, it does not start it again). Its facts are drawn from the
/// store. Idempotent: an open draft is returned as it is. Refused: an unknown
/// investigation (`investigation`: unknown); a restricted member of the home
/// (`person_restricted`).
pub async fn draft(
    store: &Store,
    actor: &Actor,
    investigation_id: i64,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    let author = author_of(actor)?;
    let max_age = max_age(store);
    let mut tx = store.begin().await?;
    let home_id = sqlx::query_scalar!(
        "SELECT home_id FROM investigations WHERE id = ?",
        investigation_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("investigation", Reason::Unknown))?;
    ensure_unrestricted(&mut tx, home_id).await?;
    let open = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM investigation_reports
           WHERE investigation_id = ? AND signed_at IS NULL"#,
        investigation_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = open {
        let report = read_audited(&mut tx, actor, id, today, max_age).await?;
        tx.commit().await?;
        return Ok(report);
    }
    let c = repo::context(&mut tx, investigation_id, today, max_age).await?;
    let latest = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM investigation_reports
           WHERE investigation_id = ? ORDER BY version DESC LIMIT 1"#,
        investigation_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (version, method, co, recommendation, sections) = match latest {
        None => {
            let method = c.investigation.method;
            let t = template::current(&mut tx, method).await?;
            (1, method, None, None, from_template(&t, &c))
        }
        Some(prev) => {
            let h: Head = repo::head(&mut tx, prev)
                .await?
                .ok_or(Error::NotFound("investigation report"))?;
            let sections = repo::sections(&mut tx, prev)
                .await?
                .into_iter()
                .map(|s| NewSection {
                    key: s.key,
                    heading: s.heading,
                    guidance: s.guidance,
                    facts: s.facts,
                    person_id: s.person_id,
                    body: s.body,
                })
                .collect();
            let sections = with_new_adults(sections, &c);
            (
                h.version + 1,
                h.method,
                h.co_investigator,
                h.recommendation,
                sections,
            )
        }
    };
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO investigation_reports (investigation_id, version, method, co_investigator,
                                            recommendation, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        investigation_id,
        version,
        method,
        co,
        recommendation,
        author,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    for (i, s) in sections.iter().enumerate() {
        let position = i as i64 + 1;
        let facts_text = facts::of_section(s.facts, s.person_id, &c);
        sqlx::query!(
            "INSERT INTO investigation_report_sections (report_id, position, key, heading, guidance,
                                                        facts, person_id, facts_text, body, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            id,
            position,
            s.key,
            s.heading,
            s.guidance,
            s.facts,
            s.person_id,
            facts_text,
            s.body,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::InvestigationReport,
        Some(id),
    )
    .await?;
    let report = repo::read(&mut tx, id, today, max_age).await?;
    tx.commit().await?;
    Ok(report)
}

/// One version, audited as a read; a draft's facts are current.
pub async fn get(
    store: &Store,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    let max_age = max_age(store);
    let mut tx = store.begin().await?;
    let report = read_audited(&mut tx, actor, id, today, max_age).await?;
    tx.commit().await?;
    Ok(report)
}

/// Version `id` (a draft's facts current), audited as a read.
async fn read_audited(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
    max_age: u32,
) -> Result<InvestigationReport> {
    let report = repo::read(conn, id, today, max_age).await?;
    audit::record(
        conn,
        actor,
        AuditAction::Read,
        EntityKind::InvestigationReport,
        Some(id),
    )
    .await?;
    Ok(report)
}

/// The versions of an investigation's report, oldest first (empty before the first
/// draft); audited as a read. `investigation`: unknown.
pub async fn for_investigation(
    store: &Store,
    actor: &Actor,
    investigation_id: i64,
) -> Result<Vec<ReportVersion>> {
    let mut tx = store.begin().await?;
    let known = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM investigations WHERE id = ?"#,
        investigation_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if known == 0 {
        return Err(Error::invalid("investigation", Reason::Unknown));
    }
    let versions = repo::versions(&mut tx, investigation_id).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::InvestigationReport,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(versions)
}

/// Version `id` as a draft its author may change: refused (`report`: not allowed) when
/// signed or drafted by someone else; `person_restricted` for a restricted member.
async fn own_draft(
    conn: &mut SqliteConnection,
    author: i64,
    id: i64,
    today: NaiveDate,
    max_age: u32,
) -> Result<(Head, Context)> {
    let h = repo::head(conn, id)
        .await?
        .ok_or(Error::NotFound("investigation report"))?;
    if h.signed_at.is_some() || h.author_id != author {
        return Err(Error::invalid("report", Reason::NotAllowed));
    }
    let c = repo::context(conn, h.investigation_id, today, max_age).await?;
    ensure_unrestricted(conn, c.investigation.home_id).await?;
    Ok((h, c))
}

/// Writes the facts drawn from `c` into every section of report `id`.
async fn store_facts(conn: &mut SqliteConnection, id: i64, c: &Context) -> Result<()> {
    for s in repo::sections(conn, id).await? {
        let text = facts::of_section(s.facts, s.person_id, c);
        if text != s.facts_text {
            sqlx::query!(
                "UPDATE investigation_report_sections SET facts_text = ? WHERE id = ?",
                text,
                s.id
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Saves what `input` gives of a draft (its author only) and draws its facts again: the
/// sections named by id (the others stay as they are), the co-investigator (one line;
/// empty: none) and the recommendation (`None`: not chosen). A section's text is kept
/// exactly as given. Refused, nothing written: a signed version or another author's
/// (`report`: not allowed); a text longer than [`MAX_BODY_CHARS`] (`body`: too long) or
/// with control characters other than line breaks and tabs (`body`: characters); a
/// section id not of this version (`sections`: unknown); a co-investigator of more than
/// 200 characters or several lines (`co_investigator`).
pub async fn save(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &ReportSave,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    let author = author_of(actor)?;
    let max_age = max_age(store);
    let mut tx = store.begin().await?;
    let (h, c) = own_draft(&mut tx, author, id, today, max_age).await?;
    let ids: Vec<i64> = repo::sections(&mut tx, id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let mut p = Problems::new();
    let (mut characters, mut long, mut unknown) = (false, false, false);
    for s in &input.sections {
        characters |= s
            .body
            .chars()
            .any(|ch| ch.is_control() && !matches!(ch, '\n' | '\r' | '\t'));
        long |= s.body.chars().count() > MAX_BODY_CHARS;
        unknown |= !ids.contains(&s.id);
    }
    if characters {
        p.push("body", Reason::Characters);
    } else if long {
        p.push("body", Reason::TooLong);
    }
    if unknown {
        p.push("sections", Reason::Unknown);
    }
    let co = p
        .check(validate::optional_text(
            "co_investigator",
            input.co_investigator.as_deref(),
            MAX_CO_INVESTIGATOR_CHARS,
        ))
        .flatten();
    p.finish()?;
    let now = Utc::now();
    for s in &input.sections {
        sqlx::query!(
            "UPDATE investigation_report_sections SET body = ?, updated_at = ?
             WHERE id = ? AND report_id = ?",
            s.body,
            now,
            s.id,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    store_facts(&mut tx, id, &c).await?;
    sqlx::query!(
        "UPDATE investigation_reports SET co_investigator = ?, recommendation = ?, updated_at = ?
         WHERE id = ?",
        co,
        input.recommendation,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::InvestigationReport,
        Some(id),
    )
    .await?;
    let h = repo::head(&mut tx, h.id)
        .await?
        .ok_or(Error::NotFound("investigation report"))?;
    let report = repo::assemble(&mut tx, h, &c).await?;
    tx.commit().await?;
    Ok(report)
}

/// Signs a draft (its author only): the facts are drawn one last time (ages at
/// `today`) and frozen with the cover (the home's name; its address, none when a
/// member of the home has a protected identity), and the version is locked (the store
/// refuses any later change). Refused, nothing written: another author's or a signed
/// version (`report`: not allowed); no recommendation chosen (`recommendation`:
/// required); the recommendation section not written (`recommendation_text`:
/// required); an assessment section of the template not written (`assessment`:
/// required); while the investigation's checklist (at its decision date, or today) is
/// not complete, no justification (`justification`: required; at most 2 000
/// characters). A justification given with a complete checklist is not kept.
pub async fn sign(
    store: &Store,
    actor: &Actor,
    id: i64,
    justification: Option<&str>,
    today: NaiveDate,
) -> Result<InvestigationReport> {
    let author = author_of(actor)?;
    let max_age = max_age(store);
    let mut tx = store.begin().await?;
    let (h, c) = own_draft(&mut tx, author, id, today, max_age).await?;
    let sections = repo::sections(&mut tx, id).await?;
    let written = |key: &str| {
        let mut of_key = sections.iter().filter(|s| s.key == key).peekable();
        of_key.peek().is_none() || of_key.all(|s| !s.body.trim().is_empty())
    };
    let mut p = Problems::new();
    if h.recommendation.is_none() {
        p.push("recommendation", Reason::Required);
    }
    if !sections.iter().any(|s| s.key == RECOMMENDATION_KEY) || !written(RECOMMENDATION_KEY) {
        p.push("recommendation_text", Reason::Required);
    }
    if !written(ASSESSMENT_KEY) {
        p.push("assessment", Reason::Required);
    }
    let complete = c.investigation.checklist.complete;
    let justification =
        match validate::optional_multiline("justification", justification, MAX_JUSTIFICATION_CHARS)
        {
            Ok(None) if !complete => {
                p.push("justification", Reason::Required);
                None
            }
            r => p.check(r).flatten(),
        };
    p.finish()?;
    let justification = if complete { None } else { justification };
    store_facts(&mut tx, id, &c).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE investigation_reports SET home_name = ?, home_address = ?, justification = ?,
                updated_at = ?, signed_at = ?, signed_by = ?
         WHERE id = ?",
        c.home_name,
        c.home_address,
        justification,
        now,
        now,
        author,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Sign,
        EntityKind::InvestigationReport,
        Some(id),
    )
    .await?;
    let report = repo::read(&mut tx, id, today, max_age).await?;
    tx.commit().await?;
    Ok(report)
}
