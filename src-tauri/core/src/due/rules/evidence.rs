//! The renewed evidence of an approved or active home's adults: the register check
//! (`settings.due.register_check_months` after the last register extract of the adult,
//! from the home's investigations or a recorded renewal) and the health declaration
//! (`health_declaration_months` after the last one; not at all when 0). An adult with
//! none falls due on the day the home was approved, else today. A renewal recorded
//! (`due::checks`) moves the line on; an adult who leaves, or a home that closes, has
//! none.

use std::collections::HashMap;

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

fn keep_latest<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Last>, key: K, last: Last) {
    match map.get(&key) {
        Some(old) if *old >= last => {}
        _ => {
            map.insert(key, last);
        }
    }
}

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let mut conn = cx.store.pool().acquire().await?;
    let adults: Vec<Adult> = sqlx::query!(
        r#"SELECT h.id AS "home_id!", h.name AS home_name, p.id AS "person_id!",
                  p.given_name, p.family_name
           FROM foster_homes h
           JOIN foster_home_members m ON m.home_id = h.id
           JOIN persons p ON p.id = m.person_id
           WHERE h.status IN ('godkand', 'aktiv') AND m.role = 'vuxen' AND m.left_on IS NULL"#
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| Adult {
        home_id: r.home_id,
        home_name: r.home_name,
        person_id: r.person_id,
        name: format!("{} {}", r.given_name, r.family_name),
    })
    .collect();
    if adults.is_empty() {
        return Ok(Vec::new());
    }

    // The day each home was approved: its latest approving decision, else the first
    // move to approved.
    let mut approved: HashMap<i64, NaiveDate> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT home_id AS "home_id!", min(on_date) AS "on?: NaiveDate"
           FROM foster_home_status_changes WHERE to_status = 'godkand' GROUP BY home_id"#
    )
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(on) = r.on {
            approved.insert(r.home_id, on);
        }
    }
    for r in sqlx::query!(
        r#"SELECT home_id AS "home_id!", max(decision_on) AS "on?: NaiveDate"
           FROM investigations WHERE decision = 'approved' GROUP BY home_id"#
    )
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(on) = r.on {
            approved.insert(r.home_id, on);
        }
    }

    // Register extracts: the home's investigations' (by home and person), the recorded
    // renewals (by person).
    let mut extract_in_home: HashMap<(i64, i64), Last> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT inv.home_id, it.person_id AS "person_id!", it.done_on AS "on: NaiveDate", it.register
           FROM investigation_items it JOIN investigations inv ON inv.id = it.investigation_id
           JOIN foster_homes h ON h.id = inv.home_id
           WHERE it.kind = 'register_extract' AND it.person_id IS NOT NULL
             AND h.status IN ('godkand', 'aktiv')"#
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let last = Last {
            on: r.on,
            register: r.register,
        };
        keep_latest(&mut extract_in_home, (r.home_id, r.person_id), last);
    }
    let mut extract_of_person: HashMap<i64, Last> = HashMap::new();
    let mut health_of_person: HashMap<i64, Last> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT person_id, kind, register, checked_on AS "on: NaiveDate" FROM evidence_checks"#
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let last = Last {
            on: r.on,
            register: r.register,
        };
        if r.kind == "register_extract" {
            keep_latest(&mut extract_of_person, r.person_id, last);
        } else {
            keep_latest(&mut health_of_person, r.person_id, last);
        }
    }
    // Health declarations of the home's investigations.
    let mut health_of_home: HashMap<i64, Last> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT home_id AS "home_id!", max(health_declaration_on) AS "on?: NaiveDate"
           FROM investigations WHERE health_declaration_on IS NOT NULL GROUP BY home_id"#
    )
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(on) = r.on {
            health_of_home.insert(r.home_id, Last { on, register: None });
        }
    }

    let due = &cx.settings.due;
    let mut items = Vec::new();
    for a in &adults {
        let extract = extract_in_home
            .get(&(a.home_id, a.person_id))
            .into_iter()
            .chain(extract_of_person.get(&a.person_id))
            .max();
        items.push(line(
            cx,
            a,
            DueKind::RegisterCheck,
            extract,
            due.register_check_months,
            approved.get(&a.home_id).copied(),
        ));
        if due.health_declaration_months > 0 {
            let health = health_of_home
                .get(&a.home_id)
                .into_iter()
                .chain(health_of_person.get(&a.person_id))
                .max();
            items.push(line(
                cx,
                a,
                DueKind::HealthDeclaration,
                health,
                due.health_declaration_months,
                approved.get(&a.home_id).copied(),
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
