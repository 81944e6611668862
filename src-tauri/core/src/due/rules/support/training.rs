//! The year's training of every approved or active home (or one with a placement
//! running) below the agency's target: due on the settings' training deadline of the
//! year. Occasions are counted as `crate::training` counts them; a new year starts
//! again from none.

use std::collections::HashMap;

use chrono::Datelike;

use super::home_group;
use crate::due::{Ctx, DueItem, DueKind, Place, Why};
use crate::error::Result;
use crate::training;

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let year = cx.as_of.year();
    let target = cx.settings.training_target_per_year;
    let Some(due_on) = cx.settings.due.training_deadline_in(year) else {
        return Ok(Vec::new());
    };
    if target == 0 {
        return Ok(Vec::new());
    }
    let homes = sqlx::query!(
        r#"SELECT h.id AS "id!", h.name FROM foster_homes h
           WHERE h.status IN ('godkand', 'aktiv')
              OR (h.status <> 'avslutad' AND EXISTS (
                   SELECT 1 FROM placements p WHERE p.home_id = h.id AND p.start_date <= ?1
                     AND (p.end_date IS NULL OR p.end_date >= ?1)))
           ORDER BY h.id"#,
        cx.as_of
    )
    .fetch_all(cx.store.pool())
    .await?;
    let mut by_home: HashMap<i64, Vec<training::Training>> = HashMap::new();
    for row in training::all_in_year(cx.store, year).await? {
        if row.held_on <= cx.as_of {
            by_home.entry(row.home_id).or_default().push(row);
        }
    }
    let mut out = Vec::new();
    for h in homes {
        let rows = by_home.remove(&h.id).unwrap_or_default();
        let summary = training::summarise(h.id, year, target, &rows);
        if summary.met {
            continue;
        }
        out.push(
            DueItem::new(
                DueKind::Training,
                format!("training:{}:{year}", h.id),
                due_on,
                home_group(h.id, h.name),
                Place::Home { home_id: h.id },
            )
            .why(Why {
                done: Some(i64::from(summary.occasions)),
                expected: Some(i64::from(target)),
                ..Why::default()
            }),
        );
    }
    Ok(out)
}
