//! The next contact a line asks for: the day by which it is needed in the line's current
//! period (the bevakning of `crate::due`). Built on the arithmetic above, so a line is due
//! exactly when [`expected_so_far`](super::expected_so_far) over its period passes what was
//! done in it.
//!
//! The period is the calendar month, quarter or year of the day; for a weekly line the
//! ISO week, Monday to Sunday (a week may span a year end). Within one period every day
//! carries the same share of it, `times / P` (P: the days of the period, 7 for a week),
//! so after `k` days of the period (counted from its first day inside the line's
//! validity) `floor(times × k / P)` contacts are expected. With `done` contacts so far,
//! the next is needed on the first day that count exceeds `done`: day
//! `ceil((done + 1) × P / times)` of the period. When that day lies beyond the period (or
//! the validity), the line asks for nothing more this period and the next contact is the
//! first of the next period.
//!
//! A contact the previous period asked for and did not get is owed: it was due on that
//! period's last day (so the line is overdue from the first day of this one), and the
//! first contacts of this period make it up before they count for this period. A
//! missed weekly call stays overdue until a call is made, not only until Monday.

use chrono::{Datelike, Days, NaiveDate};
use sqlx::SqliteConnection;

use super::{calendar_period, days, expected, month_of, Validity};
use crate::contact::{ContactKind, PlanLine, PlanPer};
use crate::error::Result;

/// The first and last day of the period of `per` that `day` lies in (for a week: its
/// ISO week, Monday first).
pub(crate) fn period_of(per: PlanPer, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    if per == PlanPer::Week {
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        return (monday, monday + Days::new(6));
    }
    calendar_period(per, day)
}

/// The day by which contact number `done + 1` of the period `start..=end` is needed, for
/// `times` contacts per period, counting from `from` (the period's first day inside the
/// line's validity) up to `to` (its last); `None`: none more is asked for in it.
pub(crate) fn due_in_period(
    times: u32,
    (start, end): (NaiveDate, NaiveDate),
    (from, to): (NaiveDate, NaiveDate),
    done: u32,
) -> Option<NaiveDate> {
    if times == 0 || to < from {
        return None;
    }
    let period = days(start, end);
    let times = u64::from(times);
    let k = ((u64::from(done) + 1) * period).div_ceil(times);
    let due = from.checked_add_days(Days::new(k.checked_sub(1)?))?;
    (due <= to).then_some(due)
}

/// The line's next contact, as of `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NextContact {
    /// The day by which it is needed (in this period, or the next one's first).
    pub due_on: NaiveDate,
    /// This period: its first day, and what was done in it up to `today` against what
    /// the whole of it asks for (inside the line's validity).
    pub period_start: NaiveDate,
    pub done: u32,
    pub expected: u32,
    /// The previous calendar month fell short of its expected count (the "behind" of
    /// [`super::glance`] that today's count alone does not show).
    pub last_month_short: bool,
    /// Contacts the previous period asked for and did not get, not yet made up.
    pub owed: u32,
}

/// A contact of a home as the plan counts it: its day, kind and the child it concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContactFact {
    pub home_id: i64,
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub child_id: Option<i64>,
}

/// The first day any line in force on `today` may look back to: the start of the period
/// before its own (a year line: the first of January last year), and last month.
pub(crate) fn look_back(per: PlanPer, today: NaiveDate) -> NaiveDate {
    let (start, _) = period_of(per, today);
    let before = start.pred_opt().map_or(start, |d| period_of(per, d).0);
    let last_month = month_of(month_of(today).0.pred_opt().unwrap_or(today)).0;
    before.min(last_month)
}

/// The contacts on `from..=today` of the homes with a plan line (one query, along each
/// home's journal index). A home's contacts come as one row, `date kind child` triples
/// joined by commas: the SQLite driver hands each row from its thread to the caller
/// one at a time, which at a thousand homes costs more than reading them.
pub(crate) async fn contact_facts(
    conn: &mut SqliteConnection,
    from: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ContactFact>> {
    let rows = sqlx::query!(
        r#"SELECT e.home_id AS "home_id!",
                  group_concat(e.event_date || ' ' || c.kind || ' ' || ifnull(c.child_id, ''), ',')
                      AS "facts!: String"
           FROM (SELECT DISTINCT home_id FROM contact_plans) hp
           JOIN journal_entries e ON e.home_id = hp.home_id AND e.event_date BETWEEN ?1 AND ?2
           JOIN contacts c ON c.entry_id = e.id
           GROUP BY e.home_id"#,
        from,
        today
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        for fact in r.facts.split(',') {
            let mut parts = fact.split(' ');
            let (Some(date), Some(kind), Some(child)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(crate::error::Error::Internal("contact facts".into()));
            };
            out.push(ContactFact {
                home_id: r.home_id,
                date: date
                    .parse()
                    .map_err(|_| crate::error::Error::Internal("contact date".into()))?,
                kind: ContactKind::parse(kind)
                    .ok_or_else(|| crate::error::Error::Internal("contact kind".into()))?,
                child_id: if child.is_empty() {
                    None
                } else {
                    Some(
                        child
                            .parse()
                            .map_err(|_| crate::error::Error::Internal("contact child".into()))?,
                    )
                },
            });
        }
    }
    Ok(out)
}

/// What `super::done_in` counts, over facts already read: the home's contacts on
/// `from..=to` inside `validity`, of the line's kind if it has one, and for a
/// placement's line (`child`) only those about that child or the whole home.
pub(crate) fn done_among(
    facts: &[ContactFact],
    line: &PlanLine,
    child: Option<i64>,
    validity: Validity,
    from: NaiveDate,
    to: NaiveDate,
) -> u32 {
    let Some((from, to)) = validity.clip(from, to) else {
        return 0;
    };
    let n = facts
        .iter()
        .filter(|f| f.home_id == line.home_id && f.date >= from && f.date <= to)
        .filter(|f| line.kind.is_none_or(|k| k == f.kind))
        .filter(|f| child.is_none() || f.child_id.is_none() || f.child_id == child)
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The next contact `line` asks for as of `today`, from the home's contacts since
/// [`look_back`] (`facts`); `child` is the placed child of a placement's line and
/// `validity` the line's validity within its placement's period. `None` when the line
/// is not in force today or asks for nothing more before it ends.
pub(crate) fn next_contact(
    facts: &[ContactFact],
    line: &PlanLine,
    child: Option<i64>,
    validity: Validity,
    today: NaiveDate,
) -> Option<NextContact> {
    if !validity.contains(today) {
        return None;
    }
    let done_in = |from, to| done_among(facts, line, child, validity, from, to);
    let (start, end) = period_of(line.per, today);
    let done = done_in(start, today);
    // What the period before asked for and did not get, due on its last day.
    let (owed, owed_due) = match start.pred_opt().map(|d| period_of(line.per, d)) {
        Some((ps, pe)) => match validity.clip(ps, pe) {
            Some((from, to)) => (
                expected(line, validity, ps, pe).saturating_sub(done_in(from, to)),
                Some(to),
            ),
            None => (0, None),
        },
        None => (0, None),
    };
    let due_on = if done < owed {
        owed_due?
    } else {
        match due_of(line, validity, (start, end), done - owed) {
            Some(due) => due,
            None => {
                let next = end.succ_opt()?;
                due_of(line, validity, period_of(line.per, next), 0)?
            }
        }
    };
    let (prev_start, prev_end) = month_of(month_of(today).0.pred_opt().unwrap_or(today));
    let last_month_short =
        expected(line, validity, prev_start, prev_end) > done_in(prev_start, prev_end);
    Some(NextContact {
        due_on,
        period_start: start,
        done,
        expected: expected(line, validity, start, end),
        last_month_short,
        owed: owed.saturating_sub(done),
    })
}

fn due_of(
    line: &PlanLine,
    validity: Validity,
    period: (NaiveDate, NaiveDate),
    done: u32,
) -> Option<NaiveDate> {
    let clipped = validity.clip(period.0, period.1)?;
    due_in_period(line.times, period, clipped, done)
}
