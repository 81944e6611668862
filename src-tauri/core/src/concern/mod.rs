//! Concern reports (orosanmälningar): one report per child, to the social services of
//! a municipality, by a staff member who is never anonymous. draft → sent (date,
//! channel) → receipt confirmed → feedback received, with reminders when confirmation
//! or feedback is overdue. A report prints as a PDF to send.

mod print;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::person::{NumberKind, PersonSummary};
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

pub use print::render_pdf;

/// Longest accepted free text of a report, in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// Where a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ConcernStatus {
    Draft,
    Sent,
    ReceiptConfirmed,
    FeedbackReceived,
}

impl crate::label::SwedishLabel for ConcernStatus {
    fn sv(self) -> &'static str {
        match self {
            ConcernStatus::Draft => "utkast",
            ConcernStatus::Sent => "skickad",
            ConcernStatus::ReceiptConfirmed => "mottagande bekräftat",
            ConcernStatus::FeedbackReceived => "återkoppling mottagen",
        }
    }
}

/// How a report was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    ETjanst,
    Epost,
    Telefon,
    Post,
    Personligen,
}

impl crate::label::SwedishLabel for Channel {
    fn sv(self) -> &'static str {
        match self {
            Channel::ETjanst => "e-tjänst",
            Channel::Epost => "e-post",
            Channel::Telefon => "telefon",
            Channel::Post => "post",
            Channel::Personligen => "personligen",
        }
    }
}

/// A reminder due on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Reminder {
    /// Sent, but the receipt is not confirmed in time.
    ReceiptOverdue,
    /// Confirmed, but no feedback in time.
    FeedbackOverdue,
}

/// A report as shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ConcernReport {
    #[ts(type = "number")]
    pub id: i64,
    pub child: PersonSummary,
    pub guardians: Vec<PersonSummary>,
    #[ts(type = "number")]
    pub municipality_id: i64,
    pub municipality_name: String,
    pub observed: String,
    pub hearsay: Option<String>,
    pub guardians_informed: bool,
    pub guardians_not_informed_reason: Option<String>,
    #[ts(type = "number")]
    pub reporter_id: i64,
    pub reporter_name: String,
    pub reporter_title: Option<String>,
    pub reporter_phone: String,
    pub reporter_email: Option<String>,
    pub status: ConcernStatus,
    pub sent_on: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub receipt_on: Option<NaiveDate>,
    pub feedback_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub reminder: Option<Reminder>,
    /// Days past the reminder's limit (the receipt or the feedback is that many days
    /// late); `None` when no reminder is due.
    #[ts(type = "number | null")]
    pub days_overdue: Option<i64>,
}

/// What a form gives for a draft.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConcernInput {
    #[ts(type = "number")]
    pub child_id: i64,
    #[ts(type = "number[]")]
    pub guardian_ids: Vec<i64>,
    #[ts(type = "number")]
    pub municipality_id: i64,
    pub observed: String,
    pub hearsay: Option<String>,
    /// Whether the guardians have been told: must be answered (`None` is refused as
    /// required, so a form cannot default it).
    pub guardians_informed: Option<bool>,
    pub guardians_not_informed_reason: Option<String>,
    pub reporter_phone: String,
    pub reporter_email: Option<String>,
}

/// A step forward: sent (with channel), receipt confirmed, or feedback received.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConcernStep {
    pub to: ConcernStatus,
    pub on_date: NaiveDate,
    pub channel: Option<Channel>,
}

struct Checked {
    observed: String,
    hearsay: Option<String>,
    informed: bool,
    reason: Option<String>,
    phone: String,
    email: Option<String>,
}

async fn check(conn: &mut SqliteConnection, input: &ConcernInput) -> Result<Checked> {
    let mut p = Problems::new();
    let child = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        input.child_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if child == 0 {
        p.push("child_id", Reason::Unknown);
    }
    for g in &input.guardian_ids {
        let n = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
            g
        )
        .fetch_one(&mut *conn)
        .await?;
        if n == 0 || *g == input.child_id {
            p.push("guardian_ids", Reason::Unknown);
            break;
        }
    }
    let kommun = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM organisations WHERE id = ? AND kind = 'kommun'"#,
        input.municipality_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if kommun == 0 {
        p.push("municipality_id", Reason::Unknown);
    }
    let observed = p.check(validate::optional_multiline(
        "observed",
        Some(&input.observed),
        MAX_TEXT_CHARS,
    ));
    if observed == Some(None) {
        p.push("observed", Reason::Required);
    }
    let observed = observed.flatten();
    let hearsay = p
        .check(validate::optional_multiline(
            "hearsay",
            input.hearsay.as_deref(),
            MAX_TEXT_CHARS,
        ))
        .flatten();
    let reason = p
        .check(validate::optional_multiline(
            "guardians_not_informed_reason",
            input.guardians_not_informed_reason.as_deref(),
            MAX_TEXT_CHARS,
        ))
        .flatten();
    match input.guardians_informed {
        None => p.push("guardians_informed", Reason::Required),
        Some(false) if reason.is_none() => {
            p.push("guardians_not_informed_reason", Reason::Required)
        }
        Some(_) => {}
    }
    let phone = p
        .check(validate::optional_phone(
            "reporter_phone",
            Some(&input.reporter_phone),
        ))
        .flatten();
    if phone.is_none() && input.reporter_phone.trim().is_empty() {
        p.push("reporter_phone", Reason::Required);
    }
    let email = p
        .check(validate::optional_email(
            "reporter_email",
            input.reporter_email.as_deref(),
        ))
        .flatten();
    p.finish()?;
    let (Some(observed), Some(phone), Some(informed)) = (observed, phone, input.guardians_informed)
    else {
        return Err(Error::Internal("validation state".into()));
    };
    Ok(Checked {
        observed,
        hearsay,
        informed,
        reason: if informed { None } else { reason },
        phone,
        email,
    })
}

struct Row {
    id: i64,
    child_id: i64,
    municipality_id: i64,
    municipality_name: String,
    observed: String,
    hearsay: Option<String>,
    guardians_informed: bool,
    guardians_not_informed_reason: Option<String>,
    reporter_id: i64,
    reporter_name: String,
    reporter_title: Option<String>,
    reporter_phone: String,
    reporter_email: Option<String>,
    status: ConcernStatus,
    sent_on: Option<NaiveDate>,
    channel: Option<Channel>,
    receipt_on: Option<NaiveDate>,
    feedback_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
}

async fn person_summaries(conn: &mut SqliteConnection, ids: &[i64]) -> Result<Vec<PersonSummary>> {
    let mut out = Vec::new();
    for id in ids {
        if let Some(r) = sqlx::query!(
            r#"SELECT id AS "id!", personal_number, number_kind AS "number_kind: NumberKind", given_name, family_name,
                      city, protected_identity AS "protected_identity: bool" FROM persons WHERE id = ?"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
        {
            out.push(PersonSummary::new(r.id, r.personal_number, r.number_kind, r.given_name, r.family_name, r.city, r.protected_identity));
        }
    }
    Ok(out)
}

/// The reminder a report in `status` waits on and the last day it is in time: the
/// receipt is due `concern_receipt_days` after sending, the feedback
/// `concern_feedback_days` after the receipt. The day after, the reminder is overdue.
/// `None` for a draft and once the feedback is in. (The bevakningar's rule reads it.)
pub(crate) fn reminder_due(
    status: ConcernStatus,
    sent_on: Option<NaiveDate>,
    receipt_on: Option<NaiveDate>,
    settings: &Settings,
) -> Option<(Reminder, NaiveDate)> {
    let (reminder, from, limit) = match status {
        ConcernStatus::Sent => (
            Reminder::ReceiptOverdue,
            sent_on?,
            settings.concern_receipt_days,
        ),
        ConcernStatus::ReceiptConfirmed => (
            Reminder::FeedbackOverdue,
            receipt_on?,
            settings.concern_feedback_days,
        ),
        _ => return None,
    };
    Some((
        reminder,
        from.checked_add_days(chrono::Days::new(u64::from(limit)))
            .unwrap_or(NaiveDate::MAX),
    ))
}

/// The reminder due on a report and how many days late it is (see [`reminder_due`]).
fn reminder(r: &Row, today: NaiveDate, settings: &Settings) -> Option<(Reminder, i64)> {
    let (reminder, due_on) = reminder_due(r.status, r.sent_on, r.receipt_on, settings)?;
    let late = (today - due_on).num_days();
    (late > 0).then_some((reminder, late))
}

async fn select(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    today: NaiveDate,
    settings: &Settings,
) -> Result<Vec<ConcernReport>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT c.id AS "id!", c.child_id, c.municipality_id, o.name AS municipality_name, c.observed, c.hearsay,
                  c.guardians_informed AS "guardians_informed: bool", c.guardians_not_informed_reason,
                  c.reporter_id, u.name AS reporter_name, u.title AS reporter_title, c.reporter_phone, c.reporter_email,
                  c.status AS "status: ConcernStatus", c.sent_on AS "sent_on: NaiveDate", c.channel AS "channel: Channel",
                  c.receipt_on AS "receipt_on: NaiveDate", c.feedback_on AS "feedback_on: NaiveDate",
                  c.created_at AS "created_at: DateTime<Utc>"
           FROM concern_reports c
           JOIN organisations o ON o.id = c.municipality_id
           JOIN users u ON u.id = c.reporter_id
           WHERE ?1 IS NULL OR c.id = ?1
           ORDER BY c.created_at DESC, c.id DESC"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let child = person_summaries(conn, &[r.child_id])
            .await?
            .pop()
            .ok_or(Error::NotFound("person"))?;
        let guardian_ids: Vec<i64> = sqlx::query_scalar!(
            "SELECT person_id FROM concern_report_guardians WHERE report_id = ?",
            r.id
        )
        .fetch_all(&mut *conn)
        .await?;
        let guardians = person_summaries(conn, &guardian_ids).await?;
        let (reminder, days_overdue) = reminder(&r, today, settings).unzip();
        out.push(ConcernReport {
            id: r.id,
            child,
            guardians,
            municipality_id: r.municipality_id,
            municipality_name: r.municipality_name,
            observed: r.observed,
            hearsay: r.hearsay,
            guardians_informed: r.guardians_informed,
            guardians_not_informed_reason: r.guardians_not_informed_reason,
            reporter_id: r.reporter_id,
            reporter_name: r.reporter_name,
            reporter_title: r.reporter_title,
            reporter_phone: r.reporter_phone,
            reporter_email: r.reporter_email,
            status: r.status,
            sent_on: r.sent_on,
            channel: r.channel,
            receipt_on: r.receipt_on,
            feedback_on: r.feedback_on,
            created_at: r.created_at,
            reminder,
            days_overdue,
        });
    }
    Ok(out)
}

async fn set_guardians(conn: &mut SqliteConnection, id: i64, guardians: &[i64]) -> Result<()> {
    sqlx::query!(
        "DELETE FROM concern_report_guardians WHERE report_id = ?",
        id
    )
    .execute(&mut *conn)
    .await?;
    for g in guardians {
        sqlx::query!(
            "INSERT OR IGNORE INTO concern_report_guardians (report_id, person_id) VALUES (?, ?)",
            id,
            g
        )
        .execute(&mut *conn)
        .await?;
        crate::consent::link_code(conn, *g, "administration").await?;
    }
    let child = sqlx::query_scalar!("SELECT child_id FROM concern_reports WHERE id = ?", id)
        .fetch_one(&mut *conn)
        .await?;
    crate::consent::link_code(conn, child, "administration").await?;
    Ok(())
}

/// Writes a draft; the reporter is the acting profile (never anonymous).
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: &ConcernInput,
    today: NaiveDate,
    settings: &Settings,
) -> Result<ConcernReport> {
    let reporter = actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let c = check(&mut tx, input).await?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO concern_reports (child_id, municipality_id, observed, hearsay, guardians_informed,
                                      guardians_not_informed_reason, reporter_id, reporter_phone, reporter_email,
                                      status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
        input.child_id,
        input.municipality_id,
        c.observed,
        c.hearsay,
        c.informed,
        c.reason,
        reporter,
        c.phone,
        c.email,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    set_guardians(&mut tx, id, &input.guardian_ids).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::ConcernReport,
        Some(id),
    )
    .await?;
    let report = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    tx.commit().await?;
    Ok(report)
}

/// Changes a draft (its reporter only). A sent report is not changed.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: &ConcernInput,
    today: NaiveDate,
    settings: &Settings,
) -> Result<ConcernReport> {
    let reporter = actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let current = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    if current.status != ConcernStatus::Draft || current.reporter_id != reporter {
        return Err(Error::invalid("report", Reason::NotAllowed));
    }
    let c = check(&mut tx, input).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE concern_reports SET child_id = ?, municipality_id = ?, observed = ?, hearsay = ?, guardians_informed = ?,
                guardians_not_informed_reason = ?, reporter_phone = ?, reporter_email = ?, updated_at = ?
         WHERE id = ?",
        input.child_id,
        input.municipality_id,
        c.observed,
        c.hearsay,
        c.informed,
        c.reason,
        c.phone,
        c.email,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    set_guardians(&mut tx, id, &input.guardian_ids).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::ConcernReport,
        Some(id),
    )
    .await?;
    let report = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    tx.commit().await?;
    Ok(report)
}

/// Moves a report one step forward: draft → sent (needs the channel) → receipt
/// confirmed → feedback received. Dates may not be in the future nor before the step
/// before.
pub async fn advance(
    store: &Store,
    actor: &Actor,
    id: i64,
    step: &ConcernStep,
    today: NaiveDate,
    settings: &Settings,
) -> Result<ConcernReport> {
    let mut tx = store.begin().await?;
    let r = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    let mut p = Problems::new();
    let (expected, previous) = match r.status {
        ConcernStatus::Draft => (ConcernStatus::Sent, None),
        ConcernStatus::Sent => (ConcernStatus::ReceiptConfirmed, r.sent_on),
        ConcernStatus::ReceiptConfirmed => (ConcernStatus::FeedbackReceived, r.receipt_on),
        ConcernStatus::FeedbackReceived => {
            return Err(Error::invalid("to", Reason::NotAllowed));
        }
    };
    if step.to != expected {
        p.push("to", Reason::NotAllowed);
    }
    if step.on_date > today {
        p.push("on_date", Reason::Future);
    } else if previous.is_some_and(|d| step.on_date < d) {
        p.push("on_date", Reason::Date);
    }
    if expected == ConcernStatus::Sent && step.channel.is_none() {
        p.push("channel", Reason::Required);
    }
    p.finish()?;
    let now = Utc::now();
    match expected {
        ConcernStatus::Sent => {
            sqlx::query!(
                "UPDATE concern_reports SET status = 'sent', sent_on = ?, channel = ?, updated_at = ? WHERE id = ?",
                step.on_date,
                step.channel,
                now,
                id
            )
            .execute(&mut *tx)
            .await?;
        }
        ConcernStatus::ReceiptConfirmed => {
            sqlx::query!(
                "UPDATE concern_reports SET status = 'receipt_confirmed', receipt_on = ?, updated_at = ? WHERE id = ?",
                step.on_date,
                now,
                id
            )
            .execute(&mut *tx)
            .await?;
        }
        _ => {
            sqlx::query!(
                "UPDATE concern_reports SET status = 'feedback_received', feedback_on = ?, updated_at = ? WHERE id = ?",
                step.on_date,
                now,
                id
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::ConcernReport,
        Some(id),
    )
    .await?;
    let report = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    tx.commit().await?;
    Ok(report)
}

/// Every report, newest first; reading them is a read of personal data, audited.
pub async fn list(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
    settings: &Settings,
) -> Result<Vec<ConcernReport>> {
    let mut tx = store.begin().await?;
    let all = select(&mut tx, None, today, settings).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::ConcernReport,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(all)
}

/// The report as a PDF to send; an export, audited.
pub async fn pdf(
    store: &Store,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
    settings: &Settings,
) -> Result<Vec<u8>> {
    let mut tx = store.begin().await?;
    let r = select(&mut tx, Some(id), today, settings)
        .await?
        .pop()
        .ok_or(Error::NotFound("concern report"))?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Export,
        EntityKind::ConcernReport,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    render_pdf(&r, today)
}

/// Writes the report's PDF at `path`, the place the user chose in the save dialog: a
/// new file only, owner-only (see [`crate::files::save_chosen`]). The place is checked
/// before the PDF is made, so a refused place makes and audits nothing.
pub async fn save_pdf(
    store: &Store,
    actor: &Actor,
    id: i64,
    path: &std::path::Path,
    today: NaiveDate,
    settings: &Settings,
) -> Result<()> {
    crate::pdf::save_chosen(path, pdf(store, actor, id, today, settings)).await
}
