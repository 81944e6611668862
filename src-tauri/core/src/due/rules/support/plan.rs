//! The next contact of every plan line in force of an active home (status `aktiv`, or a
//! placement running) or of a running placement: due on the day the line's period asks
//! for it (`crate::contact::progress::next_contact`), so overdue exactly when the period
//! so far is behind; flagged when last month also fell short.

use chrono::NaiveDate;

use super::{full_name, home_group};
use std::collections::HashMap;

use crate::contact::progress::next::ContactFact;
use crate::contact::progress::{contact_facts, look_back, next_contact, NextContact, Validity};
use crate::contact::{ContactKind, PlanLine, PlanPer};
use crate::due::{Ctx, DueItem, DueKind, Place, Why};
use crate::error::{Error, Result};
use crate::report::YearMonth;

/// The name of a plan period as serde writes it (`Why::detail`).
fn per_name(per: PlanPer) -> &'static str {
    match per {
        PlanPer::Week => "week",
        PlanPer::Month => "month",
        PlanPer::Quarter => "quarter",
        PlanPer::Year => "year",
    }
}

/// `Why::detail` of a line: its contact kind when it has one (`hembesok`), else its
/// period (`week`, `month`, ...); as `DueItem::describe` and the UI read it (a monthly
/// line also names its month in `Why::month`).
pub(super) fn detail(per: PlanPer, kind: Option<ContactKind>) -> String {
    kind.map_or_else(|| per_name(per).to_owned(), |k| k.as_str().to_owned())
}

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let mut conn = cx.store.pool().acquire().await?;
    let rows = sqlx::query!(
        r#"SELECT c.id AS "id!", c.home_id, c.placement_id, c.kind AS "kind: ContactKind", c.times,
                  c.per AS "per: PlanPer", c.valid_from AS "valid_from: NaiveDate",
                  c.valid_to AS "valid_to: NaiveDate", h.name AS home_name,
                  pl.child_id AS "child_id?", pl.start_date AS "placed_from?: NaiveDate",
                  pl.end_date AS "placed_to?: NaiveDate",
                  p.given_name AS "given_name?", p.family_name AS "family_name?"
           FROM contact_plans c
           JOIN foster_homes h ON h.id = c.home_id
           LEFT JOIN placements pl ON pl.id = c.placement_id
           LEFT JOIN persons p ON p.id = pl.child_id
           WHERE c.valid_from <= ?1 AND (c.valid_to IS NULL OR c.valid_to >= ?1)
             AND h.status <> 'avslutad'
             AND CASE WHEN c.placement_id IS NULL
                   THEN h.status = 'aktiv' OR EXISTS (
                     SELECT 1 FROM placements r WHERE r.home_id = h.id AND r.start_date <= ?1
                       AND (r.end_date IS NULL OR r.end_date >= ?1))
                   ELSE pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date >= ?1)
                 END
           ORDER BY c.id"#,
        cx.as_of
    )
    .fetch_all(&mut *conn)
    .await?;
    let Some(from) = rows.iter().map(|r| look_back(r.per, cx.as_of)).min() else {
        return Ok(Vec::new());
    };
    let mut by_home: HashMap<i64, Vec<ContactFact>> = HashMap::new();
    for f in contact_facts(&mut conn, from, cx.as_of).await? {
        by_home.entry(f.home_id).or_default().push(f);
    }
    let mut out = Vec::new();
    for r in rows {
        let line = PlanLine {
            id: r.id,
            home_id: r.home_id,
            placement_id: r.placement_id,
            kind: r.kind,
            times: u32::try_from(r.times)
                .map_err(|_| Error::Internal("contact plan times".into()))?,
            per: r.per,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
        };
        let own = Validity {
            from: line.valid_from,
            to: line.valid_to,
        };
        // A placement's line holds within the placement's period (as `validity_of`).
        let validity = match r.placed_from {
            Some(from) => own.within(Validity {
                from,
                to: r.placed_to,
            }),
            None => own,
        };
        let facts = by_home.get(&line.home_id).map_or(&[][..], Vec::as_slice);
        let Some(next) = next_contact(facts, &line, r.child_id, validity, cx.as_of) else {
            continue;
        };
        let person = match (&r.given_name, &r.family_name) {
            (Some(g), Some(f)) => Some(full_name(g, f)),
            _ => None,
        };
        out.push(item(&line, next, r.home_name, person));
    }
    Ok(out)
}

fn item(line: &PlanLine, next: NextContact, home_name: String, person: Option<String>) -> DueItem {
    let place = match line.placement_id {
        Some(placement_id) => Place::Placement {
            placement_id,
            home_id: line.home_id,
        },
        None => Place::Home {
            home_id: line.home_id,
        },
    };
    let month = (line.per == PlanPer::Month).then(|| YearMonth::of(next.period_start).to_string());
    DueItem::new(
        DueKind::PlanContact,
        format!("plan_contact:plan:{}", line.id),
        next.due_on,
        home_group(line.home_id, home_name),
        place,
    )
    .why(Why {
        person,
        month,
        done: Some(i64::from(next.done)),
        expected: Some(i64::from(next.expected)),
        detail: Some(detail(line.per, line.kind)),
        flagged: next.last_month_short,
        period: Some(per_name(line.per).to_owned()),
        owed: (next.owed > 0).then_some(i64::from(next.owed)),
        ..Why::default()
    })
}
