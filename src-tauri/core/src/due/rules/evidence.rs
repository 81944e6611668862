//! The renewed evidence of an approved or active home's adults: the register check
//! (`settings.due.register_check_months` after the last register extract of the adult,
//! from the home's investigations or a recorded renewal) and the health declaration
//! (`health_declaration_months` after the last one; not at all when 0). An adult with
//! none falls due on the day the home was approved, else today. A renewal recorded
//! (`due::checks`) moves the line on; an adult who leaves, or a home that closes, has
//! none.

use chrono::{Months, NaiveDate};

use crate::due::{Ctx, DueItem, DueKind, Group, Place, Why};
use crate::error::Result;

/// An adult of an approved or active home.
struct Adult {
    home_id: i64,
    home_name: String,
    person_id: i64,
    name: String,
}

/// The latest of a kind of evidence of an adult, with its register (for an extract).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Last {
    on: NaiveDate,
    register: Option<String>,
}

/// `last` plus `months` (the last day of a shorter month when the day is not in it:
/// 31 January + 1 month is 28 or 29 February).
pub(crate) fn due_after(last: NaiveDate, months: u32) -> NaiveDate {
    last.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `YYYY-MM-DD register` (or a date alone) as the query below writes the latest of a
/// kind.
fn parse_last(s: Option<&str>) -> Option<Last> {
    let s = s?;
    let (on, register) = match s.split_once(' ') {
        Some((on, register)) => (on, Some(register.to_owned())),
        None => (s, None),
    };
    Some(Last {
        on: on.parse().ok()?,
        register,
    })
}

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    // One row per adult of an approved or active home, with the latest of each kind of
    // evidence worked out by the database (the latest date; on the same day the larger
    // register name): the home's investigations' extracts of the adult, renewals of the
    // adult recorded anywhere, the home's investigations' health declaration. The
    // approval day: the latest approving decision, else the first move to godkänd.
    let rows = sqlx::query!(
        r#"SELECT h.id AS "home_id!", h.name AS home_name, p.id AS "person_id!",
                  p.given_name, p.family_name,
                  coalesce(
                    (SELECT max(decision_on) FROM investigations
                      WHERE home_id = h.id AND decision = 'approved'),
                    (SELECT min(on_date) FROM foster_home_status_changes
                      WHERE home_id = h.id AND to_status = 'godkand')) AS "approved_on?: NaiveDate",
                  (SELECT it.done_on || ' ' || it.register FROM investigation_items it
                     JOIN investigations inv ON inv.id = it.investigation_id
                    WHERE inv.home_id = h.id AND it.person_id = p.id AND it.kind = 'register_extract'
                    ORDER BY it.done_on DESC, it.register DESC LIMIT 1) AS "home_extract?: String",
                  (SELECT checked_on || ' ' || register FROM evidence_checks
                    WHERE person_id = p.id AND kind = 'register_extract'
                    ORDER BY checked_on DESC, register DESC LIMIT 1) AS "renewed_extract?: String",
                  (SELECT max(health_declaration_on) FROM investigations
                    WHERE home_id = h.id) AS "home_health?: String",
                  (SELECT max(checked_on) FROM evidence_checks
                    WHERE person_id = p.id AND kind = 'health_declaration') AS "renewed_health?: String"
           FROM foster_homes h
           JOIN foster_home_members m ON m.home_id = h.id
           JOIN persons p ON p.id = m.person_id
           WHERE h.status IN ('godkand', 'aktiv') AND m.role = 'vuxen' AND m.left_on IS NULL"#
    )
    .fetch_all(cx.store.pool())
    .await?;

    let due = &cx.settings.due;
    let mut items = Vec::new();
    for r in rows {
        let a = Adult {
            home_id: r.home_id,
            home_name: r.home_name,
            person_id: r.person_id,
            name: format!("{} {}", r.given_name, r.family_name),
        };
        let extract = parse_last(r.home_extract.as_deref())
            .into_iter()
            .chain(parse_last(r.renewed_extract.as_deref()))
            .max();
        items.push(line(
            cx,
            &a,
            DueKind::RegisterCheck,
            extract.as_ref(),
            due.register_check_months,
            r.approved_on,
        ));
        if due.health_declaration_months > 0 {
            let health = parse_last(r.home_health.as_deref())
                .into_iter()
                .chain(parse_last(r.renewed_health.as_deref()))
                .max();
            items.push(line(
                cx,
                &a,
                DueKind::HealthDeclaration,
                health.as_ref(),
                due.health_declaration_months,
                r.approved_on,
            ));
        }
    }
    Ok(items)
}

/// The line of one adult and kind: `months` after the last, else on the approval day,
/// else today.
fn line(
    cx: &Ctx<'_>,
    a: &Adult,
    kind: DueKind,
    last: Option<&Last>,
    months: u32,
    approved: Option<NaiveDate>,
) -> DueItem {
    let due_on = match last {
        Some(l) => due_after(l.on, months),
        None => approved.unwrap_or(cx.as_of),
    };
    DueItem::new(
        kind,
        format!("{}:{}:{}", kind.as_str(), a.home_id, a.person_id),
        due_on,
        Group::Home {
            home_id: a.home_id,
            name: a.home_name.clone(),
        },
        Place::Home { home_id: a.home_id },
    )
    .why(Why {
        person: Some(a.name.clone()),
        since: last.map(|l| l.on),
        detail: last.and_then(|l| l.register.clone()),
        ..Why::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn months_end_on_the_last_day_of_a_shorter_month() {
        assert_eq!(due_after(d(2027, 1, 31), 1), d(2027, 2, 28));
        assert_eq!(due_after(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(due_after(d(2028, 2, 29), 12), d(2029, 2, 28));
        assert_eq!(due_after(d(2026, 8, 31), 1), d(2026, 9, 30));
        assert_eq!(due_after(d(2026, 12, 15), 1), d(2027, 1, 15));
    }

    proptest! {
        #[test]
        fn a_renewal_falls_due_months_later_on_the_same_day_or_the_months_last(
            days in 0i64..60_000, months in 1u32..=120
        ) {
            let last = d(1900, 1, 1) + chrono::Days::new(days as u64);
            let due = due_after(last, months);
            prop_assert!(due > last);
            use chrono::Datelike;
            let month_index = |x: NaiveDate| x.year() * 12 + x.month0() as i32;
            prop_assert_eq!(month_index(due) - month_index(last), months as i32);
            // The same day, or the month's last day when it is shorter.
            let next = due + chrono::Days::new(1);
            prop_assert!(due.day() == last.day() || (due.day() < last.day() && next.day() == 1));
        }
    }
}
