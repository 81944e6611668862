//! Drafting, editing, signing and reading monthly reports. Each call is one
//! transaction; every refusal names its field and writes nothing.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::facts::{self, Facts};
use super::repo::{self, Placed};
use super::{DraftAllOutcome, MonthlyReport, ReportSections, YearMonth, MAX_SECTION_CHARS};
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

fn author_of(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::ProfileRequired)
}

async fn exists(conn: &mut SqliteConnection, placement: i64, month: YearMonth) -> Result<bool> {
    let month = month.to_string();
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM monthly_reports WHERE placement_id = ? AND month = ?"#,
        placement,
        month
    )
    .fetch_one(&mut *conn)
    .await?
        > 0)
}

/// The facts of placement `p`'s report for `month`; `month`: not allowed when the
/// placement did not run on any of its days.
async fn facts_of(conn: &mut SqliteConnection, p: Placed, month: YearMonth) -> Result<Facts> {
    let subject = p
        .subject(month)
        .ok_or_else(|| Error::invalid("month", Reason::NotAllowed))?;
    facts::draw(conn, subject).await
}

/// Writes the draft of `p`'s report for `month` (checked by the caller: the placement ran
/// in the month, no report yet); `person_restricted` when the child or a member of the
/// home has their data restricted.
async fn draft_in(
    conn: &mut SqliteConnection,
    actor: &Actor,
    author: i64,
    p: Placed,
    month: YearMonth,
) -> Result<i64> {
    let persons = repo::persons_of(conn, p).await?;
    crate::person::ensure_unrestricted(conn, &persons).await?;
    let f = facts_of(conn, p, month).await?;
    let now = Utc::now();
    let month = month.to_string();
    let id = sqlx::query!(
        "INSERT INTO monthly_reports (placement_id, month, contacts_text, plan_text, training_text,
                                      author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        p.id,
        month,
        f.contacts,
        f.plan,
        f.training,
        author,
        now,
        now
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    audit::record(
        conn,
        actor,
        AuditAction::Create,
        EntityKind::MonthlyReport,
        Some(id),
    )
    .await?;
    Ok(id)
}

/// Drafts placement `placement_id`'s report for `month`, its facts drawn from the store
/// and its sections empty. Refused, nothing written: an unknown placement
/// (`placement`: unknown); a month after this one (`month`: future); a month the
/// placement did not run on any day of (`month`: not allowed); a month that already has
/// its report (`month`: duplicate); a restricted child or home member
/// (`person_restricted`).
pub async fn draft(
    store: &Store,
    actor: &Actor,
    placement_id: i64,
    month: YearMonth,
    today: NaiveDate,
) -> Result<MonthlyReport> {
    let author = author_of(actor)?;
    let mut tx = store.begin().await?;
    let placed = repo::placement(&mut tx, placement_id).await?;
    let mut p = Problems::new();
    if placed.is_none() {
        p.push("placement", Reason::Unknown);
    }
    if month > YearMonth::of(today) {
        p.push("month", Reason::Future);
    }
    p.finish()?;
    let placed = placed.ok_or(Error::NotFound("placement"))?;
    if placed.period(month).is_none() {
        return Err(Error::invalid("month", Reason::NotAllowed));
    }
    if exists(&mut tx, placed.id, month).await? {
        return Err(Error::invalid("month", Reason::Duplicate));
    }
    let id = draft_in(&mut tx, actor, author, placed, month).await?;
    let report = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(report)
}

/// Drafts `month`'s report for every placement that ran on some day of it and has none
/// yet (the store is the caseworker's own: all its placements), in one transaction. A
/// placement whose child or home member has restricted data is left out and counted.
/// Drafting twice drafts nothing the second time.
pub async fn draft_all(
    store: &Store,
    actor: &Actor,
    month: YearMonth,
    today: NaiveDate,
) -> Result<DraftAllOutcome> {
    let author = author_of(actor)?;
    if month > YearMonth::of(today) {
        return Err(Error::invalid("month", Reason::Future));
    }
    let mut tx = store.begin().await?;
    let mut out = DraftAllOutcome::default();
    for placed in repo::placements_in(&mut tx, month).await? {
        if exists(&mut tx, placed.id, month).await? {
            out.already += 1;
            continue;
        }
        match draft_in(&mut tx, actor, author, placed, month).await {
            Ok(id) => out.drafted.push(id),
            Err(Error::PersonRestricted) => out.restricted += 1,
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(out)
}

fn check_sections(s: &ReportSections) -> Result<ReportSections> {
    let mut p = Problems::new();
    let mut field = |name: &str, value: &str| {
        p.check(validate::optional_multiline(
            name,
            Some(value),
            MAX_SECTION_CHARS,
        ))
        .flatten()
        .unwrap_or_default()
    };
    let checked = ReportSections {
        child_situation: field("child_situation", &s.child_situation),
        home_support: field("home_support", &s.home_support),
        next_steps: field("next_steps", &s.next_steps),
    };
    p.finish()?;
    Ok(checked)
}

/// The report `id` as a draft its author may change: refused (`report`: not allowed)
/// when signed or written by someone else; `person_restricted` when the child's or a
/// home member's data is restricted. With the placement and the month.
async fn own_draft(
    conn: &mut SqliteConnection,
    author: i64,
    id: i64,
) -> Result<(MonthlyReport, Placed, YearMonth)> {
    let r = repo::one(conn, id).await?;
    if r.signed_at.is_some() || r.author_id != author {
        return Err(Error::invalid("report", Reason::NotAllowed));
    }
    let placed = repo::placement(conn, r.placement_id)
        .await?
        .ok_or(Error::NotFound("placement"))?;
    let persons = repo::persons_of(conn, placed).await?;
    crate::person::ensure_unrestricted(conn, &persons).await?;
    let month = YearMonth::parse("month", &r.month)?;
    Ok((r, placed, month))
}

/// Saves the three written sections of a draft (its author only) and draws its facts
/// again. Each section is free text of at most [`MAX_SECTION_CHARS`] characters (line
/// breaks kept, other control characters refused), and may be empty in a draft.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    sections: &ReportSections,
    _today: NaiveDate,
) -> Result<MonthlyReport> {
    let author = author_of(actor)?;
    let s = check_sections(sections)?;
    let mut tx = store.begin().await?;
    let (_, placed, month) = own_draft(&mut tx, author, id).await?;
    let f = facts_of(&mut tx, placed, month).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE monthly_reports SET contacts_text = ?, plan_text = ?, training_text = ?,
                child_situation = ?, home_support = ?, next_steps = ?, updated_at = ?
         WHERE id = ?",
        f.contacts,
        f.plan,
        f.training,
        s.child_situation,
        s.home_support,
        s.next_steps,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::MonthlyReport,
        Some(id),
    )
    .await?;
    let report = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(report)
}

/// Signs a draft (its author only): the facts are drawn one last time and the report is
/// locked (the store refuses any later change of its content). Each of the three
/// sections must be written (`child_situation`, `home_support`, `next_steps`: required).
pub async fn sign(
    store: &Store,
    actor: &Actor,
    id: i64,
    _today: NaiveDate,
) -> Result<MonthlyReport> {
    let author = author_of(actor)?;
    let mut tx = store.begin().await?;
    let (r, placed, month) = own_draft(&mut tx, author, id).await?;
    let mut p = Problems::new();
    for (field, text) in [
        ("child_situation", &r.child_situation),
        ("home_support", &r.home_support),
        ("next_steps", &r.next_steps),
    ] {
        if text.trim().is_empty() {
            p.push(field, Reason::Required);
        }
    }
    p.finish()?;
    let f = facts_of(&mut tx, placed, month).await?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE monthly_reports SET contacts_text = ?, plan_text = ?, training_text = ?,
                updated_at = ?, signed_at = ?, signed_by = ?
         WHERE id = ?",
        f.contacts,
        f.plan,
        f.training,
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
        EntityKind::MonthlyReport,
        Some(id),
    )
    .await?;
    let report = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(report)
}

/// One report: a read of the child's file, audited.
pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<MonthlyReport> {
    let mut tx = store.begin().await?;
    let report = repo::one(&mut tx, id).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::MonthlyReport,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// The reports of a placement and/or a month (all when neither), newest month first,
/// then by home and child; audited as a read.
pub async fn list(
    store: &Store,
    actor: &Actor,
    placement: Option<i64>,
    month: Option<YearMonth>,
) -> Result<Vec<MonthlyReport>> {
    let month = month.map(|m| m.to_string());
    let mut tx = store.begin().await?;
    let reports = repo::select(&mut tx, None, placement, month.as_deref()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Read,
        EntityKind::MonthlyReport,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(reports)
}
