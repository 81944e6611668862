//! What was done against a contact plan: the one definition of its arithmetic.
//!
//! # Expected
//! A line asks for `times` contacts per week, month, quarter or year, from `valid_from`
//! through `valid_to` (both days included; a placement's line also only within the
//! placement's start and end). Only the part of a date range inside that validity counts;
//! of that part, each day carries its share of its period:
//!
//! - **month, quarter, year**: the calendar period (January–March is a quarter). A day
//!   carries `times / days in its period`, so a whole calendar period carries exactly
//!   `times`, whatever its length (28, 29, 30 or 31 days; 90–92; 365 or 366), and a line
//!   valid from 16 November carries `15/30 × times` of November.
//! - **week**: any 7 days carry `times`, so a day carries `times / 7` (weeks are not
//!   calendar weeks: a month of 30 days carries `30/7 × times`).
//!
//! The sum is kept as an exact fraction ([`Share`]) and made a whole number once, at the
//! end: for a range that has passed or is looked at whole (a month's report, this month,
//! a year) it is rounded to the nearest whole number, halves up ([`expected`]); for a
//! period still running, counted up to today, it is rounded down ([`expected_so_far`]): a
//! contact is expected only once its whole share of the period has gone by.
//!
//! # Done
//! The contacts of the home whose journal entry's `event_date` (the contact's local date,
//! so a contact at 23:30 on the last day of a month counts for that month) lies in the
//! range and inside the line's validity, of the line's kind (any kind when the line has
//! none). A placement's line counts only the contacts about that placement's child or
//! about the home as a whole (`contacts.child_id` NULL). Drafts count: the contact
//! happened whether or not its note is signed yet.
//!
//! # Behind
//! A line in force today is behind when the previous complete calendar month fell short
//! of its expected count ([`expected`] over that month, against what was done in it), or
//! when this month's expected count so far (1st of the month through today, rounded
//! down) exceeds what was done this month. A home is behind when one of its lines is.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::plan::{self, PlanLine};
use super::{ContactKind, PlanPer};
use crate::error::Result;
use crate::store::Store;

/// An exact, non-negative number of contacts (a fraction in lowest terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    num: u64,
    den: u64,
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Share {
    pub const ZERO: Share = Share { num: 0, den: 1 };

    pub fn new(num: u64, den: u64) -> Share {
        let g = gcd(num, den).max(1);
        Share {
            num: num / g,
            den: den / g,
        }
    }

    /// Rounded down.
    pub fn floor(self) -> u32 {
        u32::try_from(self.num / self.den).unwrap_or(u32::MAX)
    }

    /// Rounded to the nearest whole number, halves up.
    pub fn round(self) -> u32 {
        u32::try_from((2 * self.num + self.den) / (2 * self.den)).unwrap_or(u32::MAX)
    }

    /// As a decimal number (for display only).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

impl std::ops::Add for Share {
    type Output = Share;

    fn add(self, other: Share) -> Share {
        let g = gcd(self.den, other.den).max(1);
        let den = self.den / g * other.den;
        Share::new(self.num * (other.den / g) + other.num * (self.den / g), den)
    }
}

/// A span of days, both ends included; `to` `None`: open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// The days of `from..=to` inside this span, if any.
    pub fn clip(self, from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let from = from.max(self.from);
        let to = self.to.map_or(to, |end| end.min(to));
        (from <= to).then_some((from, to))
    }

    /// The days in both spans (an empty span when they do not meet: `to` before `from`).
    pub fn within(self, other: Validity) -> Validity {
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Validity {
            from: self.from.max(other.from),
            to,
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.clip(day, day).is_some()
    }
}

/// The first and last day of the calendar period (month, quarter, year) `day` lies in.
fn calendar_period(per: PlanPer, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (first_month, months) = match per {
        PlanPer::Month => (day.month(), 1),
        PlanPer::Quarter => ((day.month() - 1) / 3 * 3 + 1, 3),
        PlanPer::Year | PlanPer::Week => (1, 12),
    };
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    (start, end)
}

fn days(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days() + 1).unwrap_or(0)
}

/// The exact number of contacts `times` per `per` asks for over the days `from..=to`
/// (zero when `to` is before `from`).
pub fn share(per: PlanPer, times: u32, from: NaiveDate, to: NaiveDate) -> Share {
    if to < from {
        return Share::ZERO;
    }
    let times = u64::from(times);
    if per == PlanPer::Week {
        return Share::new(times * days(from, to), 7);
    }
    let mut total = Share::ZERO;
    let mut day = from;
    loop {
        let (start, end) = calendar_period(per, day);
        let last = end.min(to);
        total = total + Share::new(times * days(day, last), days(start, end));
        match last.succ_opt() {
            Some(next) if last < to => day = next,
            _ => return total,
        }
    }
}

/// The line's exact share of `from..=to` inside `validity`.
pub fn share_in(line: &PlanLine, validity: Validity, from: NaiveDate, to: NaiveDate) -> Share {
    validity
        .clip(from, to)
        .map_or(Share::ZERO, |(a, b)| share(line.per, line.times, a, b))
}

/// The expected count over a whole range: the exact share rounded to nearest, halves up.
pub fn expected(line: &PlanLine, validity: Validity, from: NaiveDate, to: NaiveDate) -> u32 {
    share_in(line, validity, from, to).round()
}

/// The expected count of a running period counted up to `today`: rounded down.
pub fn expected_so_far(
    line: &PlanLine,
    validity: Validity,
    from: NaiveDate,
    today: NaiveDate,
) -> u32 {
    share_in(line, validity, from, today).floor()
}

/// The first and last day of `day`'s calendar month.
pub fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    calendar_period(PlanPer::Month, day)
}

/// A line with its expected and done counts over a range.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PlanProgress {
    pub line: PlanLine,
    pub expected: u32,
    pub done: u32,
}

/// Where the line holds: its validity, within its placement's period for a placement's line.
async fn validity_of(conn: &mut SqliteConnection, line: &PlanLine) -> Result<Validity> {
    let own = Validity {
        from: line.valid_from,
        to: line.valid_to,
    };
    let Some(pid) = line.placement_id else {
        return Ok(own);
    };
    let placement = sqlx::query!(
        r#"SELECT start_date AS "start_date: NaiveDate", end_date AS "end_date: NaiveDate"
           FROM placements WHERE id = ?"#,
        pid
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(placement.map_or(own, |p| {
        own.within(Validity {
            from: p.start_date,
            to: p.end_date,
        })
    }))
}

/// The contacts done against `line` on the days `from..=to` inside `validity`.
async fn done_in(
    conn: &mut SqliteConnection,
    line: &PlanLine,
    validity: Validity,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32> {
    let Some((from, to)) = validity.clip(from, to) else {
        return Ok(0);
    };
    let child = match line.placement_id {
        Some(pid) => sqlx::query_scalar!("SELECT child_id FROM placements WHERE id = ?", pid)
            .fetch_optional(&mut *conn)
            .await?
            .or(Some(0)),
        None => None,
    };
    let n = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM contacts c JOIN journal_entries e ON e.id = c.entry_id
           WHERE e.home_id = ?1 AND e.event_date BETWEEN ?2 AND ?3
             AND (?4 IS NULL OR c.kind = ?4)
             AND (?5 IS NULL OR c.child_id IS NULL OR c.child_id = ?5)"#,
        line.home_id,
        from,
        to,
        line.kind,
        child
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The plan against what was done on the days `from..=to`: for `placement_id` `None`
/// the home's own lines; for `Some(p)` the home's own lines and placement `p`'s (a
/// placement's report shows both). Only lines in force on some day of the range.
pub async fn progress_in(
    conn: &mut SqliteConnection,
    home_id: i64,
    placement_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PlanProgress>> {
    let mut out = Vec::new();
    for line in plan::select(conn, home_id, None).await? {
        if line.placement_id.is_some() && line.placement_id != placement_id {
            continue;
        }
        let validity = validity_of(conn, &line).await?;
        if validity.clip(from, to).is_none() {
            continue;
        }
        let expected = expected(&line, validity, from, to);
        let done = done_in(conn, &line, validity, from, to).await?;
        out.push(PlanProgress {
            line,
            expected,
            done,
        });
    }
    Ok(out)
}

/// A line at a glance: this calendar month and this calendar year so far.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct LineGlance {
    pub line: PlanLine,
    /// In force today (or starting later): shown with its progress and can be ended.
    pub current: bool,
    /// This whole calendar month's expected count.
    pub month_expected: u32,
    pub month_done: u32,
    /// This calendar year's expected count up to today (rounded down).
    pub year_expected: u32,
    pub year_done: u32,
    pub behind: bool,
}

/// A home's plan at a glance, as of `today`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct HomePlanGlance {
    #[ts(type = "number")]
    pub home_id: i64,
    pub today: NaiveDate,
    /// Every line of the home's and its placements' plans, ended ones included.
    pub lines: Vec<LineGlance>,
    /// Some line in force is behind.
    pub behind: bool,
}

async fn line_glance(
    conn: &mut SqliteConnection,
    line: PlanLine,
    today: NaiveDate,
) -> Result<LineGlance> {
    let validity = validity_of(conn, &line).await?;
    let (month_start, month_end) = month_of(today);
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let (prev_start, prev_end) = month_of(month_start.pred_opt().unwrap_or(month_start));
    let current = validity
        .to
        .is_none_or(|to| to >= today && to >= validity.from);
    let month_done = done_in(conn, &line, validity, month_start, month_end).await?;
    let behind = if validity.contains(today) {
        let prev_short = expected(&line, validity, prev_start, prev_end)
            > done_in(conn, &line, validity, prev_start, prev_end).await?;
        let done_so_far = done_in(conn, &line, validity, month_start, today).await?;
        prev_short || expected_so_far(&line, validity, month_start, today) > done_so_far
    } else {
        false
    };
    Ok(LineGlance {
        current,
        month_expected: expected(&line, validity, month_start, month_end),
        month_done,
        year_expected: expected_so_far(&line, validity, year_start, today),
        year_done: done_in(conn, &line, validity, year_start, today).await?,
        behind,
        line,
    })
}

/// A home's plan at a glance: each line with this month and this year so far.
pub async fn glance(store: &Store, home_id: i64, today: NaiveDate) -> Result<HomePlanGlance> {
    let mut conn = store.pool().acquire().await?;
    let known = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM foster_homes WHERE id = ?) AS "x!: bool""#,
        home_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !known {
        return Err(crate::Error::NotFound("foster home"));
    }
    glance_on(&mut conn, home_id, today).await
}

async fn glance_on(
    conn: &mut SqliteConnection,
    home_id: i64,
    today: NaiveDate,
) -> Result<HomePlanGlance> {
    let mut lines = Vec::new();
    for line in plan::select(conn, home_id, None).await? {
        lines.push(line_glance(conn, line, today).await?);
    }
    Ok(HomePlanGlance {
        home_id,
        today,
        behind: lines.iter().any(|l| l.behind),
        lines,
    })
}

/// A line that is behind, without anything of a person: what it asks for and this
/// month's count.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct BehindLine {
    #[ts(type = "number")]
    pub line_id: i64,
    pub kind: Option<ContactKind>,
    pub times: u32,
    pub per: PlanPer,
    /// A placement's line rather than the home's own.
    pub for_placement: bool,
    pub month_expected: u32,
    pub month_done: u32,
}

/// An active home whose plan is behind.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct BehindHome {
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    pub lines: Vec<BehindLine>,
}

/// Every active home (status `aktiv`, or a placement running today) with at least one
/// line behind, by name.
pub async fn behind(store: &Store, today: NaiveDate) -> Result<Vec<BehindHome>> {
    let mut conn = store.pool().acquire().await?;
    let homes = sqlx::query!(
        r#"SELECT h.id AS "id!", h.name FROM foster_homes h
           WHERE h.status <> 'avslutad'
             AND (h.status = 'aktiv' OR EXISTS (
                   SELECT 1 FROM placements p WHERE p.home_id = h.id AND p.start_date <= ?1
                     AND (p.end_date IS NULL OR p.end_date >= ?1)))
             AND EXISTS (SELECT 1 FROM contact_plans c WHERE c.home_id = h.id)
           ORDER BY h.name COLLATE NOCASE, h.id"#,
        today
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for h in homes {
        let glance = glance_on(&mut conn, h.id, today).await?;
        let lines: Vec<BehindLine> = glance
            .lines
            .into_iter()
            .filter(|l| l.behind)
            .map(|l| BehindLine {
                line_id: l.line.id,
                kind: l.line.kind,
                times: l.line.times,
                per: l.line.per,
                for_placement: l.line.placement_id.is_some(),
                month_expected: l.month_expected,
                month_done: l.month_done,
            })
            .collect();
        if !lines.is_empty() {
            out.push(BehindHome {
                home_id: h.id,
                home_name: h.name,
                lines,
            });
        }
    }
    Ok(out)
}

pub(crate) mod next;
pub(crate) use next::{contact_facts, look_back, next_contact, NextContact};

#[cfg(test)]
mod tests;
