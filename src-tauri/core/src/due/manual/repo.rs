//! The queries of hand-made bevakningar. Each takes the caller's connection; the
//! service owns the transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{FollowUp, FollowUpSubject, Postponement};
use crate::error::{Error, Result};

/// Which rows to read.
pub(super) enum Filter {
    Id(i64),
    Subject(FollowUpSubject),
    /// Every open one (the inbox); a request's only when asked.
    Open {
        requests: bool,
    },
}

/// The persons whose processing a new line on `subject` touches (for the restriction
/// check), or `None` when the subject does not exist.
pub(super) async fn subject_persons(
    conn: &mut SqliteConnection,
    subject: FollowUpSubject,
) -> Result<Option<Vec<i64>>> {
    let id = subject.id();
    let home_of = match subject {
        FollowUpSubject::Home { .. } => {
            sqlx::query_scalar!(r#"SELECT id AS "id!" FROM foster_homes WHERE id = ?"#, id)
                .fetch_optional(&mut *conn)
                .await?
        }
        FollowUpSubject::Investigation { .. } => {
            sqlx::query_scalar!(
                r#"SELECT home_id AS "id!" FROM investigations WHERE id = ?"#,
                id
            )
            .fetch_optional(&mut *conn)
            .await?
        }
        FollowUpSubject::Placement { .. } => {
            let Some(p) = sqlx::query!("SELECT child_id, home_id FROM placements WHERE id = ?", id)
                .fetch_optional(&mut *conn)
                .await?
            else {
                return Ok(None);
            };
            let mut ids = crate::person::home_member_ids(conn, p.home_id).await?;
            ids.push(p.child_id);
            return Ok(Some(ids));
        }
        FollowUpSubject::Person { .. } => {
            let found = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM persons WHERE id = ?"#, id)
                .fetch_optional(&mut *conn)
                .await?;
            return Ok(found.map(|p| vec![p]));
        }
        FollowUpSubject::Request { .. } => {
            // Handling a request goes on while its person's processing is restricted.
            let found =
                sqlx::query_scalar!(r#"SELECT id AS "id!" FROM dsr_requests WHERE id = ?"#, id)
                    .fetch_optional(&mut *conn)
                    .await?;
            return Ok(found.map(|_| Vec::new()));
        }
    };
    match home_of {
        Some(home) => Ok(Some(crate::person::home_member_ids(conn, home).await?)),
        None => Ok(None),
    }
}

pub(super) async fn profile_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE id = ?) AS "e!: bool""#,
        id
    )
    .fetch_one(&mut *conn)
    .await?)
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    subject: FollowUpSubject,
    due_on: NaiveDate,
    text: &str,
    assignee: Option<i64>,
    by: i64,
) -> Result<i64> {
    let [home, person, placement, investigation, request] = subject.columns();
    let now = Utc::now();
    Ok(sqlx::query!(
        "INSERT INTO follow_ups (home_id, person_id, placement_id, investigation_id, request_id,
                                 due_on, text, assignee_id, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        home,
        person,
        placement,
        investigation,
        request,
        due_on,
        text,
        assignee,
        by,
        now,
        now
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

pub(super) async fn mark_done(
    conn: &mut SqliteConnection,
    id: i64,
    on: NaiveDate,
    by: i64,
) -> Result<()> {
    let now = Utc::now();
    sqlx::query!(
        "UPDATE follow_ups SET done_on = ?, done_by = ?, updated_at = ? WHERE id = ?",
        on,
        by,
        now,
        id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn postpone(
    conn: &mut SqliteConnection,
    id: i64,
    from_on: NaiveDate,
    to_on: NaiveDate,
    reason: &str,
    by: i64,
) -> Result<()> {
    let now = Utc::now();
    sqlx::query!(
        "INSERT INTO follow_up_postponements (follow_up_id, from_on, to_on, reason, postponed_by, postponed_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        id,
        from_on,
        to_on,
        reason,
        by,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE follow_ups SET due_on = ?, updated_at = ? WHERE id = ?",
        to_on,
        now,
        id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query!("DELETE FROM follow_ups WHERE id = ?", id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One row with its postponements; `not_found` when there is none.
pub(super) async fn one(conn: &mut SqliteConnection, id: i64) -> Result<FollowUp> {
    select(conn, Filter::Id(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("follow_up"))
}

/// The rows of `filter`, by date; with their postponements unless it is the inbox's.
pub(super) async fn select(conn: &mut SqliteConnection, filter: Filter) -> Result<Vec<FollowUp>> {
    let (id, subject, open_only, requests) = match filter {
        Filter::Id(id) => (Some(id), None, false, true),
        Filter::Subject(s) => (None, Some(s), false, true),
        Filter::Open { requests } => (None, None, true, requests),
    };
    let [home, person, placement, investigation, request] =
        subject.map(FollowUpSubject::columns).unwrap_or([None; 5]);
    let rows = sqlx::query!(
        r#"SELECT f.id AS "id!", f.home_id, f.person_id, f.placement_id, f.investigation_id, f.request_id,
                  f.due_on AS "due_on: NaiveDate", f.text, f.assignee_id,
                  ua.name AS "assignee_name?: String", uc.name AS "created_by_name!: String",
                  f.done_on AS "done_on: NaiveDate", ud.name AS "done_by_name?: String",
                  f.created_at AS "created_at: DateTime<Utc>",
                  h.name AS "home_name?: String",
                  pl.home_id AS "placement_home?: i64", ph.name AS "placement_home_name?: String",
                  pl.child_id AS "child_id?: i64", r.person_id AS "request_person?: i64",
                  inv.home_id AS "investigation_home?: i64", ih.name AS "investigation_home_name?: String",
                  p.given_name || ' ' || p.family_name AS "person_name?: String",
                  c.given_name || ' ' || c.family_name AS "child_name?: String",
                  rp.given_name || ' ' || rp.family_name AS "request_person_name?: String"
           FROM follow_ups f
           JOIN users uc ON uc.id = f.created_by
           LEFT JOIN users ua ON ua.id = f.assignee_id
           LEFT JOIN users ud ON ud.id = f.done_by
           LEFT JOIN foster_homes h ON h.id = f.home_id
           LEFT JOIN persons p ON p.id = f.person_id
           LEFT JOIN placements pl ON pl.id = f.placement_id
           LEFT JOIN foster_homes ph ON ph.id = pl.home_id
           LEFT JOIN persons c ON c.id = pl.child_id
           LEFT JOIN investigations inv ON inv.id = f.investigation_id
           LEFT JOIN foster_homes ih ON ih.id = inv.home_id
           LEFT JOIN dsr_requests r ON r.id = f.request_id
           LEFT JOIN persons rp ON rp.id = r.person_id
           WHERE (?1 IS NULL OR f.id = ?1)
             AND (?2 IS NULL OR f.home_id = ?2) AND (?3 IS NULL OR f.person_id = ?3)
             AND (?4 IS NULL OR f.placement_id = ?4) AND (?5 IS NULL OR f.investigation_id = ?5)
             AND (?6 IS NULL OR f.request_id = ?6)
             AND (NOT ?7 OR f.done_on IS NULL) AND (?8 OR f.request_id IS NULL)
           ORDER BY f.due_on, f.id"#,
        id,
        home,
        person,
        placement,
        investigation,
        request,
        open_only,
        requests
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let (subject, subject_name, home_id, home_name, person_id) = if let Some(h) = r.home_id {
            (
                FollowUpSubject::Home { home_id: h },
                r.home_name.clone(),
                Some(h),
                r.home_name,
                None,
            )
        } else if let Some(p) = r.person_id {
            (
                FollowUpSubject::Person { person_id: p },
                r.person_name,
                None,
                None,
                Some(p),
            )
        } else if let Some(p) = r.placement_id {
            (
                FollowUpSubject::Placement { placement_id: p },
                r.child_name,
                r.placement_home,
                r.placement_home_name,
                r.child_id,
            )
        } else if let Some(i) = r.investigation_id {
            (
                FollowUpSubject::Investigation {
                    investigation_id: i,
                },
                r.investigation_home_name.clone(),
                r.investigation_home,
                r.investigation_home_name,
                None,
            )
        } else if let Some(q) = r.request_id {
            (
                FollowUpSubject::Request { request_id: q },
                r.request_person_name,
                None,
                None,
                r.request_person,
            )
        } else {
            return Err(Error::Internal("follow-up without subject".into()));
        };
        out.push(FollowUp {
            id: r.id,
            subject,
            subject_name,
            home_id,
            home_name,
            person_id,
            due_on: r.due_on,
            text: r.text,
            assignee_id: r.assignee_id,
            assignee_name: r.assignee_name,
            created_by: r.created_by_name,
            done_on: r.done_on,
            done_by: r.done_by_name,
            created_at: r.created_at,
            postponements: Vec::new(),
        });
    }
    if !open_only && !out.is_empty() {
        attach_postponements(conn, &mut out).await?;
    }
    Ok(out)
}

async fn attach_postponements(conn: &mut SqliteConnection, rows: &mut [FollowUp]) -> Result<()> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let ids = serde_json::to_string(&ids).map_err(|e| Error::Internal(e.to_string()))?;
    let all = sqlx::query!(
        r#"SELECT x.id AS "id!", x.follow_up_id, x.from_on AS "from_on: NaiveDate",
                  x.to_on AS "to_on: NaiveDate", x.reason, u.name AS "by!: String",
                  x.postponed_at AS "postponed_at: DateTime<Utc>"
           FROM follow_up_postponements x JOIN users u ON u.id = x.postponed_by
           WHERE x.follow_up_id IN (SELECT value FROM json_each(?))
           ORDER BY x.id"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for p in all {
        if let Some(row) = rows.iter_mut().find(|r| r.id == p.follow_up_id) {
            row.postponements.push(Postponement {
                id: p.id,
                from_on: p.from_on,
                to_on: p.to_on,
                reason: p.reason,
                postponed_by: p.by,
                postponed_at: p.postponed_at,
            });
        }
    }
    Ok(())
}
