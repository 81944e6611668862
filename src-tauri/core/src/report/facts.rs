//! The facts of a monthly report, drawn from the store as Swedish plain text: the
//! contacts of the period, the contact plan against what was done, and the home's
//! training. They are drawn when a report is drafted, drawn again on every save of the
//! draft and at signing, and then stay frozen in the report's row.
//!
//! What goes in, and what never does:
//! - contacts: the placement's home's contacts on the period's days whose `child_id` is
//!   this child or none (the home as a whole); never their journal text;
//! - who took part: the home's adult members and this child by name, everyone else by
//!   role; another child (placed or the home's own) or a person outside the home is
//!   never named;
//! - training: of the home's adult members, held on the period's days.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use sqlx::SqliteConnection;

use crate::contact::progress::{progress_in, PlanProgress};
use crate::contact::{ContactKind, ParticipantRole, PlanPer};
use crate::error::Result;
use crate::label::{capitalised, SwedishLabel};

/// The placement a report is about, as the facts need it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subject {
    pub placement_id: i64,
    pub child_id: i64,
    pub home_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The three fact texts of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Facts {
    pub contacts: String,
    pub plan: String,
    pub training: String,
}

/// Draws the facts of `s` from the store.
pub(super) async fn draw(conn: &mut SqliteConnection, s: Subject) -> Result<Facts> {
    Ok(Facts {
        contacts: contacts(conn, s).await?,
        plan: plan(conn, s).await?,
        training: training(conn, s).await?,
    })
}

/// "1 gång" / "3 gånger".
fn times(n: u32) -> String {
    if n == 1 {
        "1 gång".into()
    } else {
        format!("{n} gånger")
    }
}

/// A length in minutes as Swedish text: "45 minuter", "1 timme", "2,5 timmar".
pub(super) fn length(minutes: i64) -> String {
    if minutes < 60 {
        return format!("{minutes} minuter");
    }
    let whole = minutes / 60;
    let rest = minutes % 60;
    match (whole, rest) {
        (1, 0) => "1 timme".into(),
        (h, 0) => format!("{h} timmar"),
        (h, 30) => format!("{h},5 timmar"),
        (h, m) => format!("{h} timmar och {m} minuter"),
    }
}

struct ContactRow {
    id: i64,
    event_date: NaiveDate,
    starts_at: String,
    kind: ContactKind,
    minutes: Option<i64>,
}

async fn contacts(conn: &mut SqliteConnection, s: Subject) -> Result<String> {
    let rows = sqlx::query_as!(
        ContactRow,
        r#"SELECT c.entry_id AS "id!", e.event_date AS "event_date: NaiveDate", c.starts_at,
                  c.kind AS "kind: ContactKind", c.minutes
           FROM contacts c JOIN journal_entries e ON e.id = c.entry_id
           WHERE e.home_id = ?1 AND (c.child_id IS NULL OR c.child_id = ?2)
             AND e.event_date BETWEEN ?3 AND ?4
           ORDER BY e.event_date, c.starts_at, c.entry_id"#,
        s.home_id,
        s.child_id,
        s.from,
        s.to
    )
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok("Inga kontakter med familjehemmet under perioden.".into());
    }
    // Who took part: the home's adults and this child by name (the SQL names no one
    // else), everyone else by role.
    let people = sqlx::query!(
        r#"SELECT cp.entry_id, cp.person_id, cp.role AS "role: ParticipantRole",
                  p.given_name AS "given_name?", p.family_name AS "family_name?"
           FROM contact_participants cp
           JOIN contacts c ON c.entry_id = cp.entry_id
           JOIN journal_entries e ON e.id = cp.entry_id
           LEFT JOIN persons p ON p.id = cp.person_id
           WHERE e.home_id = ?1 AND (c.child_id IS NULL OR c.child_id = ?2)
             AND e.event_date BETWEEN ?3 AND ?4
             AND (cp.role IS NOT NULL OR cp.person_id = ?2
                  OR cp.person_id IN (SELECT person_id FROM foster_home_members
                                      WHERE home_id = ?1 AND role = 'vuxen'))
           ORDER BY cp.entry_id, cp.person_id IS NULL, cp.person_id = ?2,
                    p.family_name, p.given_name, cp.role"#,
        s.home_id,
        s.child_id,
        s.from,
        s.to
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut who: HashMap<i64, Vec<String>> = HashMap::new();
    let mut roles: HashMap<i64, Vec<ParticipantRole>> = HashMap::new();
    for p in people {
        match (p.person_id, p.role, p.given_name, p.family_name) {
            (Some(id), _, Some(g), Some(f)) => {
                let as_who = if id == s.child_id {
                    "barnet"
                } else {
                    "familjehemsförälder"
                };
                who.entry(p.entry_id)
                    .or_default()
                    .push(format!("{g} {f} ({as_who})"));
            }
            (None, Some(role), _, _) => roles.entry(p.entry_id).or_default().push(role),
            _ => {}
        }
    }
    let themes = sqlx::query!(
        r#"SELECT t.entry_id, coalesce(ct.label, t.theme) AS "label!: String"
           FROM contact_entry_themes t
           JOIN contacts c ON c.entry_id = t.entry_id
           JOIN journal_entries e ON e.id = t.entry_id
           LEFT JOIN contact_themes ct ON ct.code = t.theme
           WHERE e.home_id = ?1 AND (c.child_id IS NULL OR c.child_id = ?2)
             AND e.event_date BETWEEN ?3 AND ?4
           ORDER BY t.entry_id, ct.position, t.theme"#,
        s.home_id,
        s.child_id,
        s.from,
        s.to
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut topics: HashMap<i64, Vec<String>> = HashMap::new();
    for t in themes {
        topics.entry(t.entry_id).or_default().push(t.label);
    }

    let mut by_kind: BTreeMap<usize, (ContactKind, u32)> = BTreeMap::new();
    for r in &rows {
        let at = ContactKind::ALL
            .iter()
            .position(|k| *k == r.kind)
            .unwrap_or(usize::MAX);
        by_kind.entry(at).or_insert((r.kind, 0)).1 += 1;
    }
    let counts: Vec<String> = by_kind
        .values()
        .map(|(k, n)| format!("{}: {n}", k.sv()))
        .collect();
    let total = rows.len();
    let noun = if total == 1 { "kontakt" } else { "kontakter" };
    let mut lines = vec![format!(
        "{total} {noun} under perioden ({}).",
        counts.join("; ")
    )];
    for r in rows {
        let mut line = format!("{} kl. {}, {}", r.event_date, r.starts_at, r.kind.sv());
        if let Some(m) = r.minutes {
            line.push_str(&format!(", {}", length(m)));
        }
        line.push('.');
        let mut took_part = who.remove(&r.id).unwrap_or_default();
        took_part.extend(
            roles
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|role| role.sv().to_owned()),
        );
        if !took_part.is_empty() {
            line.push_str(&format!(" Deltog: {}.", took_part.join(", ")));
        }
        if let Some(t) = topics.remove(&r.id) {
            line.push_str(&format!(" Teman: {}.", t.join(", ")));
        }
        lines.push(line);
    }
    Ok(lines.join("\n"))
}

/// A plan line's start: its kind and whose line it is.
fn line_head(p: &PlanProgress) -> (String, &'static str) {
    let what = p
        .line
        .kind
        .map(|k| capitalised(k.sv()))
        .unwrap_or_else(|| "Kontakt av valfritt slag".into());
    let whose = if p.line.placement_id.is_some() {
        "överenskommet för placeringen"
    } else {
        "familjehemmets plan"
    };
    (what, whose)
}

fn plan_line(p: &PlanProgress) -> String {
    let (what, whose) = line_head(p);
    let mut line = format!(
        "{what} {} {} ({whose}): {} genomförda av {} förväntade under perioden.",
        times(p.line.times),
        p.line.per.sv(),
        p.done,
        p.expected
    );
    if p.done < p.expected {
        line.push_str(" Färre än planerat.");
    }
    line
}

/// The first and last day of the quarter or year `day` is in, for a line counted per
/// quarter or year (`None` for week and month lines, which a month's report counts
/// whole).
fn longer_period(per: PlanPer, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (first_month, months) = match per {
        PlanPer::Week | PlanPer::Month => return None,
        PlanPer::Quarter => ((day.month0() / 3) * 3 + 1, 3),
        PlanPer::Year => (1, 12),
    };
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1)?;
    let end = start
        .checked_add_months(chrono::Months::new(months))?
        .pred_opt()?;
    Some((start, end))
}

/// A quarter's or year's line in a month's report: what was done in that quarter or
/// year up to the report's last day, against the line's target for the whole of it (a
/// month's share of it is mostly a fraction of one contact, which says nothing).
fn longer_line(
    p: &PlanProgress,
    done: u32,
    start: NaiveDate,
    end: NaiveDate,
    to: NaiveDate,
) -> String {
    let (what, whose) = line_head(p);
    let period = if p.line.per == PlanPer::Year {
        "året"
    } else {
        "kvartalet"
    };
    let mut line = format!(
        "{what} {} {} ({whose}): {done} genomförda under {period} {start} – {end} till och med {to}, målet är {}.",
        times(p.line.times),
        p.line.per.sv(),
        p.line.times
    );
    if to >= end && done < p.line.times {
        line.push_str(" Färre än planerat.");
    }
    line
}

async fn plan(conn: &mut SqliteConnection, s: Subject) -> Result<String> {
    let lines = progress_in(conn, s.home_id, Some(s.placement_id), s.from, s.to).await?;
    if lines.is_empty() {
        return Ok("Ingen kontaktplan gällde under perioden.".into());
    }
    let mut out = Vec::with_capacity(lines.len());
    for p in &lines {
        match longer_period(p.line.per, s.to) {
            None => out.push(plan_line(p)),
            Some((start, end)) => {
                let wider = progress_in(conn, s.home_id, Some(s.placement_id), start, s.to).await?;
                let done = wider
                    .iter()
                    .find(|w| w.line.id == p.line.id)
                    .map_or(p.done, |w| w.done);
                out.push(longer_line(p, done, start, end, s.to));
            }
        }
    }
    Ok(out.join("\n"))
}

/// A training occasion: the day, the course, the provider and the length in minutes.
type Occasion = (NaiveDate, String, Option<String>, Option<i64>);

async fn training(conn: &mut SqliteConnection, s: Subject) -> Result<String> {
    let rows = sqlx::query!(
        r#"SELECT t.held_on AS "held_on: NaiveDate", t.course, t.provider, t.minutes,
                  p.given_name, p.family_name
           FROM trainings t JOIN persons p ON p.id = t.person_id
           WHERE t.home_id = ?1 AND t.held_on BETWEEN ?2 AND ?3
             AND t.person_id IN (SELECT person_id FROM foster_home_members
                                 WHERE home_id = ?1 AND role = 'vuxen')
           ORDER BY t.held_on, t.course, t.provider, t.minutes, p.family_name, p.given_name"#,
        s.home_id,
        s.from,
        s.to
    )
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok("Ingen utbildning under perioden.".into());
    }
    // One line per occasion (day, course, provider, length) with everyone who took it.
    let mut occasions: Vec<(Occasion, Vec<String>)> = Vec::new();
    for r in rows {
        let key = (r.held_on, r.course, r.provider, r.minutes);
        let name = format!("{} {}", r.given_name, r.family_name);
        match occasions.last_mut() {
            Some((k, names)) if *k == key => names.push(name),
            _ => occasions.push((key, vec![name])),
        }
    }
    Ok(occasions
        .into_iter()
        .map(|((day, course, provider, minutes), names)| {
            let mut line = format!("{day} {course}");
            if let Some(p) = provider {
                line.push_str(&format!(" ({p})"));
            }
            if let Some(m) = minutes {
                line.push_str(&format!(", {}", length(m)));
            }
            format!("{line}. Deltog: {}.", names.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_as_a_person_would_say_them() {
        assert_eq!(length(45), "45 minuter");
        assert_eq!(length(60), "1 timme");
        assert_eq!(length(90), "1,5 timmar");
        assert_eq!(length(180), "3 timmar");
        assert_eq!(length(135), "2 timmar och 15 minuter");
        assert_eq!(times(1), "1 gång");
        assert_eq!(times(4), "4 gånger");
        assert_eq!(capitalised("hembesök"), "Hembesök");
    }
}
