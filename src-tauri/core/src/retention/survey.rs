//! The survey of files the rules reach: which are due, which are held and why, and
//! which fall due within a year (the preview and the dashboard's list).

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};
use sqlx::SqliteConnection;

use super::handover::Handovers;
use super::holds::Holds;
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

/// Every file the rules reach on `as_of` or within the year after. A fixed number of
/// statements however many files there are: holds, hand-overs, members, placements
/// and the rows each file holds are read once for all files.
pub(super) async fn survey(conn: &mut SqliteConnection, as_of: NaiveDate) -> Result<Preview> {
    let rules = rules_in(conn).await?;
    let horizon = as_of
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    let holds = Holds::load(conn, as_of).await?;
    let handovers = Handovers::load(conn).await?;
    let mut files = Vec::new();

    let child_rule = rule(&rules, "child_files")?;
    let children = child_files(conn).await?;
    let child_due: HashMap<i64, NaiveDate> = children
        .iter()
        .map(|(id, _, anchor)| (*id, child_rule.due_on(*anchor)))
        .collect();
    let reached: Vec<i64> = children
        .iter()
        .filter(|(id, ..)| child_due[id] <= horizon)
        .map(|(id, ..)| *id)
        .collect();
    let counts = files::counts(conn, FileKind::Child, &reached).await?;
    for (id, name, anchor) in &children {
        let due_on = child_due[id];
        if due_on > horizon {
            continue;
        }
        let mut reasons = holds.reasons(&[*id], None);
        let waiting = handovers.pending(*id);
        let handover = handovers.open(*id);
        let needs_handover = waiting.is_some() && handover.is_none();
        reasons.extend(waiting);
        let (rows, documents) = counts.get(id).copied().unwrap_or_default();
        files.push(FileDue {
            rule: child_rule.code.clone(),
            category: child_rule.category.clone(),
            kind: FileKind::Child,
            id: *id,
            label: name.clone(),
            anchor_on: *anchor,
            due_on,
            rows,
            documents,
            holds: reasons,
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
    let homes: Vec<(i64, String, NaiveDate, NaiveDate)> = homes
        .into_iter()
        .map(|(id, name, closed_on)| (id, name, closed_on, home_rule.due_on(closed_on)))
        .filter(|h| h.3 <= horizon)
        .collect();
    let ids: Vec<i64> = homes.iter().map(|h| h.0).collect();
    let counts = files::counts(conn, FileKind::Home, &ids).await?;
    let members = by_home(conn, "SELECT home_id, person_id FROM foster_home_members").await?;
    // A child placed here whose own file stays keeps the placement, so the home.
    let placed = by_home(conn, "SELECT DISTINCT home_id, child_id FROM placements").await?;
    for (id, name, closed_on, due_on) in homes {
        let mut reasons = holds.reasons(members.get(&id).map_or(&[], Vec::as_slice), Some(id));
        for child in placed.get(&id).into_iter().flatten() {
            let goes = child_due.get(child).is_some_and(|d| *d <= as_of)
                && holds.reasons(&[*child], None).is_empty()
                && handovers.pending(*child).is_none();
            if !goes {
                reasons.push("Ett placerat barns akt sparas ännu".to_owned());
                break;
            }
        }
        let (rows, documents) = counts.get(&id).copied().unwrap_or_default();
        files.push(FileDue {
            rule: home_rule.code.clone(),
            category: home_rule.category.clone(),
            kind: FileKind::Home,
            id,
            label: name,
            anchor_on: closed_on,
            due_on,
            rows,
            documents,
            holds: reasons,
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

/// (home, person) pairs grouped by home, in the order read.
async fn by_home(conn: &mut SqliteConnection, sql: &str) -> Result<HashMap<i64, Vec<i64>>> {
    let pairs: Vec<(i64, i64)> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for (home, person) in pairs {
        out.entry(home).or_default().push(person);
    }
    Ok(out)
}
