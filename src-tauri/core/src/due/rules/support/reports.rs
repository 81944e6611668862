//! The month's report of every placement that ran in the previous or the current month
//! (up to `as_of`) and has no signed report for it: due on the settings' `report_day` of
//! the month after. Signing the report clears the line; a draft is opened where it is.

use chrono::NaiveDate;

use super::{full_name, home_group};
use crate::due::{Ctx, DueItem, DueKind, Place, Why};
use crate::error::Result;
use crate::report::YearMonth;

/// The day `month`'s report is due: `report_day` (1–28) of the next month.
pub(super) fn report_due(month: YearMonth, report_day: u32) -> NaiveDate {
    let next = month.next().first_day();
    next.checked_add_days(chrono::Days::new(u64::from(report_day.clamp(1, 28) - 1)))
        .unwrap_or(next)
}

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let current = YearMonth::of(cx.as_of);
    let mut out = Vec::new();
    for month in [current.previous(), current] {
        let (first, last) = (month.first_day(), month.last_day().min(cx.as_of));
        let name = month.to_string();
        let rows = sqlx::query!(
            r#"SELECT pl.id AS "id!", pl.home_id, h.name AS home_name, p.given_name, p.family_name,
                      r.id AS "report_id?"
               FROM placements pl
               JOIN foster_homes h ON h.id = pl.home_id
               JOIN persons p ON p.id = pl.child_id
               LEFT JOIN monthly_reports r ON r.placement_id = pl.id AND r.month = ?3
               WHERE pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date >= ?1)
                 AND r.signed_at IS NULL
               ORDER BY pl.id"#,
            first,
            last,
            name
        )
        .fetch_all(cx.store.pool())
        .await?;
        let due_on = report_due(month, cx.settings.due.report_day);
        for r in rows {
            out.push(
                DueItem::new(
                    DueKind::MonthlyReport,
                    format!("monthly_report:{}:{name}", r.id),
                    due_on,
                    home_group(r.home_id, r.home_name),
                    Place::MonthlyReport {
                        placement_id: r.id,
                        month: name.clone(),
                        report_id: r.report_id,
                    },
                )
                .why(Why {
                    person: Some(full_name(&r.given_name, &r.family_name)),
                    month: Some(name.clone()),
                    ..Why::default()
                }),
            );
        }
    }
    Ok(out)
}
