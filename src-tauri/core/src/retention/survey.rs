//! The survey of files the rules reach: which are due, which are held and why, and
//! which fall due within a year (the preview and the dashboard's list).

use chrono::{Days, Months, NaiveDate};
use sqlx::SqliteConnection;

use super::handover::handover_pending;
use super::holds::hold_reasons;
use super::{files, rule, rules_in, FileDue, FileKind, Preview};
use crate::error::Result;
use crate::store::Store;
use crate::user::{Actor, Permission};

/// Child files: closed (no open placement), with their anchor date.
async fn child_files(conn: &mut SqliteConnection) -> Result<Vec<(i64, String, NaiveDate)>> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.given_name || ' ' || p.family_name,
                max(coalesce((SELECT max(end_date) FROM placements WHERE child_id = p.id), ''),
                    coalesce((SELECT max(event_date) FROM journal_entries WHERE child_id = p.id), ''),
                    coalesce((SELECT max(substr(updated_at, 1, 10)) FROM concern_reports WHERE child_id = p.id), ''),
                    coalesce((SELECT max(dated_on) FROM documents WHERE child_id = p.id), ''))
         FROM persons p
         WHERE (EXISTS (SELECT 1 FROM placements WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM journal_entries WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM concern_reports WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM documents WHERE child_id = p.id))
           AND NOT EXISTS (SELECT 1 FROM placements WHERE child_id = p.id AND end_date IS NULL)
         ORDER BY p.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, anchor)| {
            let anchor = anchor?.parse::<NaiveDate>().ok()?;
            Some((id, name, anchor))
        })
        .collect())
}

/// Every file the rules reach on `as_of` or within the year after.
pub(super) async fn survey(conn: &mut SqliteConnection, as_of: NaiveDate) -> Result<Preview> {
    let rules = rules_in(conn).await?;
    let horizon = as_of
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    let mut files = Vec::new();

    let child_rule = rule(&rules, "child_files")?;
    let children = child_files(conn).await?;
    let mut child_due: Vec<(i64, NaiveDate)> = Vec::new();
    for (id, name, anchor) in &children {
        let due_on = child_rule.due_on(*anchor);
        child_due.push((*id, due_on));
        if due_on > horizon {
            continue;
        }
        let mut holds = hold_reasons(conn, &[*id], None, as_of).await?;
        let waiting = handover_pending(conn, *id).await?;
        let handover: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM handovers WHERE child_id = ? AND decision IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let needs_handover = waiting.is_some() && handover.is_none();
        holds.extend(waiting);
        files.push(FileDue {
            rule: child_rule.code.clone(),
            category: child_rule.category.clone(),
            kind: FileKind::Child,
            id: *id,
            label: name.clone(),
            anchor_on: *anchor,
            due_on,
            rows: files::count(conn, FileKind::Child, *id).await?,
            documents: files::documents(conn, FileKind::Child, *id).await?,
            holds,
            handover,
            needs_handover,
        });
    }

    let home_rule = rule(&rules, "home_files")?;
    let homes: Vec<(i64, String, NaiveDate)> = sqlx::query_as(
        "SELECT id, name, closed_on FROM foster_homes WHERE status = 'avslutad' AND closed_on IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, closed_on) in homes {
        let due_on = home_rule.due_on(closed_on);
        if due_on > horizon {
            continue;
        }
        let members: Vec<i64> =
            sqlx::query_scalar("SELECT person_id FROM foster_home_members WHERE home_id = ?")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        let mut holds = hold_reasons(conn, &members, Some(id), as_of).await?;
        // A child placed here whose own file stays keeps the placement, so the home.
        let placed: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT child_id FROM placements WHERE home_id = ?")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for child in placed {
            let goes = child_due.iter().any(|(c, d)| *c == child && *d <= as_of)
                && hold_reasons(conn, &[child], None, as_of).await?.is_empty()
                && handover_pending(conn, child).await?.is_none();
            if !goes {
                holds.push("Ett placerat barns akt sparas ännu".to_owned());
                break;
            }
        }
        files.push(FileDue {
            rule: home_rule.code.clone(),
            category: home_rule.category.clone(),
            kind: FileKind::Home,
            id,
            label: name,
            anchor_on: closed_on,
            due_on,
            rows: files::count(conn, FileKind::Home, id).await?,
            documents: files::documents(conn, FileKind::Home, id).await?,
            holds,
            handover: None,
            needs_handover: false,
        });
    }

    let mut preview = Preview {
        as_of,
        due: Vec::new(),
        held: Vec::new(),
        upcoming: Vec::new(),
    };
    for f in files {
        if f.due_on > as_of {
            preview.upcoming.push(f);
        } else if f.holds.is_empty() {
            preview.due.push(f);
        } else {
            preview.held.push(f);
        }
    }
    for list in [&mut preview.due, &mut preview.held, &mut preview.upcoming] {
        list.sort_by_key(|f| (f.due_on, f.kind == FileKind::Home, f.id));
    }
    Ok(preview)
}

/// What a run on `as_of` would purge, what is held and why, and what falls due within
/// a year. Changes nothing.
pub async fn preview(store: &Store, actor: &Actor, as_of: NaiveDate) -> Result<Preview> {
    actor.require(Permission::ManageRetention)?;
    let mut conn = store.pool().acquire().await?;
    survey(&mut conn, as_of).await
}

/// Files due now (held or not) or within `days` after `today`: the dashboard's list.
pub async fn due_within(store: &Store, today: NaiveDate, days: u64) -> Result<Vec<FileDue>> {
    let mut conn = store.pool().acquire().await?;
    let p = survey(&mut conn, today).await?;
    let limit = today + Days::new(days);
    let mut out: Vec<FileDue> = p.due.into_iter().chain(p.held).collect();
    out.extend(p.upcoming.into_iter().filter(|f| f.due_on <= limit));
    out.sort_by_key(|f| (f.due_on, f.id));
    Ok(out)
}
