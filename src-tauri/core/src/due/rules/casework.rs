//! The casework rules: investigations open longer than usual, register extracts that age
//! past their limit before the decision, concern reports waiting for receipt or
//! feedback, and journal drafts left unsigned. Each reads the deadline where its domain
//! works it out (the investigation's checklist, the concern report's reminder, the
//! journal's stale-draft limit); none derives one of its own.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::Serialize;

use crate::concern::{self, ConcernStatus};
use crate::due::{Ctx, DueItem, DueKind, Group, Place, Why};
use crate::error::Result;
use crate::investigation::{self, ItemKind, Register};
use crate::journal::{JournalFile, STALE_DRAFT_DAYS};

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let mut out = investigations(cx).await?;
    out.extend(concerns(cx).await?);
    out.extend(drafts(cx).await?);
    Ok(out)
}

/// A closed set's value as serde (and so the UI's translations) names it.
pub(super) fn name_of<T: Serialize>(value: T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The last day a register extract issued on `issued_on` is young enough for a
/// decision: the investigation's checklist flags it as too old once it was issued
/// before the decision date minus `max_age_months` months (a day the month lacks
/// becomes its last), so this is the last `at` where that does not hold. It is
/// `issued_on + max_age_months` months, or a few days later when that sum was cut
/// short at a month's end (issued 28 February 2027, three months: valid through
/// 31 May, since 31 May less three months is 28 February again).
pub(crate) fn extract_valid_through(issued_on: NaiveDate, max_age_months: u32) -> NaiveDate {
    let months = Months::new(max_age_months);
    let still_valid = |at: NaiveDate| {
        at.checked_sub_months(months)
            .is_none_or(|oldest_allowed| issued_on >= oldest_allowed)
    };
    let mut last = issued_on
        .checked_add_months(months)
        .unwrap_or(NaiveDate::MAX);
    for _ in 0..31 {
        match last.succ_opt() {
            Some(next) if still_valid(next) => last = next,
            _ => break,
        }
    }
    last
}

/// `InvestigationOpen`: every open investigation (no decision yet), due
/// `settings.due.investigation_months` months after it started (31 January plus one
/// month is the last of February); listed from the start, so it shows as "later"
/// until then. `why.since` is the start and `why.done` the number of parts the
/// checklist still misses (`Missing`, as the investigation's page lists them).
///
/// `EvidenceAges`: the newest register extract of each register for each adult of the
/// home, due the last day it is young enough for the decision
/// ([`extract_valid_through`], `settings.extract_max_age_months`): overdue exactly
/// when the checklist flags it as too old. `why.person` is the adult, `why.detail` the
/// register, `why.since` the extract's date.
async fn investigations(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let homes = sqlx::query!(
        r#"SELECT DISTINCT i.home_id, h.name FROM investigations i JOIN foster_homes h ON h.id = i.home_id
           WHERE i.decision IS NULL ORDER BY i.home_id"#
    )
    .fetch_all(cx.store.pool())
    .await?;
    let max_age = cx.settings.extract_max_age_months;
    let mut out = Vec::new();
    for h in homes {
        let group = Group::Home {
            home_id: h.home_id,
            name: h.name.clone(),
        };
        let adults: HashSet<i64> = sqlx::query_scalar!(
            "SELECT person_id FROM foster_home_members WHERE home_id = ? AND role = 'vuxen' AND left_on IS NULL",
            h.home_id
        )
        .fetch_all(cx.store.pool())
        .await?
        .into_iter()
        .collect();
        for inv in investigation::for_home(cx.store, h.home_id, cx.as_of, max_age).await? {
            if inv.decision.is_some() {
                continue;
            }
            let place = Place::Investigation {
                investigation_id: inv.id,
                home_id: inv.home_id,
            };
            let due_on = inv
                .started_on
                .checked_add_months(Months::new(cx.settings.due.investigation_months))
                .unwrap_or(NaiveDate::MAX);
            out.push(
                DueItem::new(
                    DueKind::InvestigationOpen,
                    format!("investigation_open:{}", inv.id),
                    due_on,
                    group.clone(),
                    place.clone(),
                )
                .why(Why {
                    since: Some(inv.started_on),
                    done: Some(inv.checklist.missing.len() as i64),
                    ..Why::default()
                }),
            );
            // The newest extract of each register for each adult counts, as in the
            // checklist.
            let mut newest: BTreeMap<(i64, String), &investigation::Item> = BTreeMap::new();
            for item in &inv.items {
                let (ItemKind::RegisterExtract, Some(person), Some(register)) =
                    (item.kind, item.person_id, item.register)
                else {
                    continue;
                };
                if !adults.contains(&person) {
                    continue;
                }
                let slot = (person, name_of::<Register>(register).unwrap_or_default());
                if newest.get(&slot).is_none_or(|n| n.done_on < item.done_on) {
                    newest.insert(slot, item);
                }
            }
            for ((_, register), item) in newest {
                out.push(
                    DueItem::new(
                        DueKind::EvidenceAges,
                        format!("evidence_ages:{}", item.id),
                        extract_valid_through(item.done_on, max_age),
                        group.clone(),
                        place.clone(),
                    )
                    .why(Why {
                        person: item.person_name.clone(),
                        since: Some(item.done_on),
                        detail: Some(register),
                        ..Why::default()
                    }),
                );
            }
        }
    }
    Ok(out)
}

/// `Concern`: every report waiting on the municipality, for its receipt (sent, not
/// confirmed) or its feedback (confirmed, no feedback yet), due the last day the
/// report's own reminder rule counts as in time (`concern::reminder_due`); overdue
/// exactly when the report shows its reminder. Listed before then too. `why.detail` is
/// the reminder (`receipt_overdue`, `feedback_overdue`), `why.since` the day it was
/// sent or confirmed.
async fn concerns(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let rows = sqlx::query!(
        r#"SELECT c.id AS "id!", c.child_id, p.given_name || ' ' || p.family_name AS "child_name!: String",
                  c.status AS "status: ConcernStatus", c.sent_on AS "sent_on: NaiveDate",
                  c.receipt_on AS "receipt_on: NaiveDate"
           FROM concern_reports c JOIN persons p ON p.id = c.child_id
           WHERE c.status IN ('sent', 'receipt_confirmed')
           ORDER BY c.id"#
    )
    .fetch_all(cx.store.pool())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let Some((reminder, due_on)) =
            concern::reminder_due(r.status, r.sent_on, r.receipt_on, cx.settings)
        else {
            continue;
        };
        let since = match r.status {
            ConcernStatus::Sent => r.sent_on,
            _ => r.receipt_on,
        };
        out.push(
            DueItem::new(
                DueKind::Concern,
                format!("concern:{}", r.id),
                due_on,
                Group::Person {
                    person_id: r.child_id,
                    name: r.child_name,
                },
                Place::Concern { report_id: r.id },
            )
            .why(Why {
                since,
                detail: name_of(reminder),
                ..Why::default()
            }),
        );
    }
    Ok(out)
}

/// `StaleDraft`: every unsigned journal draft, of any profile (the line is for its
/// author: `profile_id`), due `STALE_DRAFT_DAYS` after it was written (the journal
/// calls it stale the day after); listed from the start. `why.since` is the day it
/// was written.
async fn drafts(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let rows = sqlx::query!(
        r#"SELECT e.id AS "id!", e.home_id, e.child_id, e.author_id,
                  e.created_at AS "created_at!: DateTime<Utc>",
                  coalesce(h.name, p.given_name || ' ' || p.family_name) AS "file_name!: String"
           FROM journal_entries e
           LEFT JOIN foster_homes h ON h.id = e.home_id
           LEFT JOIN persons p ON p.id = e.child_id
           WHERE e.signed_at IS NULL"#
    )
    .fetch_all(cx.store.pool())
    .await?;
    let stale_after = Days::new(STALE_DRAFT_DAYS.unsigned_abs());
    let mut out = Vec::new();
    for r in rows {
        let (file, group) = match (r.home_id, r.child_id) {
            (Some(home_id), _) => (
                JournalFile::Home(home_id),
                Group::Home {
                    home_id,
                    name: r.file_name,
                },
            ),
            (None, Some(person_id)) => (
                JournalFile::Child(person_id),
                Group::Person {
                    person_id,
                    name: r.file_name,
                },
            ),
            (None, None) => continue,
        };
        let written = r.created_at.date_naive();
        let mut item = DueItem::new(
            DueKind::StaleDraft,
            format!("stale_draft:{}", r.id),
            written
                .checked_add_days(stale_after)
                .unwrap_or(NaiveDate::MAX),
            group,
            Place::Entry {
                entry_id: r.id,
                file,
            },
        )
        .why(Why {
            since: Some(written),
            ..Why::default()
        });
        item.profile_id = Some(r.author_id);
        out.push(item);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn an_extract_cut_short_at_a_months_end_stays_valid_to_the_next_months_end() {
        assert_eq!(extract_valid_through(d(2027, 2, 28), 3), d(2027, 5, 31));
        assert_eq!(extract_valid_through(d(2026, 11, 30), 3), d(2027, 2, 28));
        assert_eq!(extract_valid_through(d(2027, 11, 30), 3), d(2028, 2, 29));
        assert_eq!(extract_valid_through(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(extract_valid_through(d(2026, 1, 15), 3), d(2026, 4, 15));
    }

    proptest! {
        /// The line is overdue exactly when the checklist's rule calls the extract too
        /// old: issued before the decision date less the months.
        #[test]
        fn the_extract_line_is_overdue_exactly_when_the_checklist_flags_it(
            issued in 0i64..3000, later in 0i64..500, months in 1u32..=24,
        ) {
            let issued_on = d(2025, 1, 1) + chrono::Duration::days(issued);
            let at = issued_on + chrono::Duration::days(later);
            let stale = at
                .checked_sub_months(Months::new(months))
                .is_some_and(|oldest_allowed| issued_on < oldest_allowed);
            prop_assert_eq!(at > extract_valid_through(issued_on, months), stale);
        }
    }
}
