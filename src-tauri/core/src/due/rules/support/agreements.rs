//! An agreement of a running placement that ends within the notice (or has ended while
//! the placement runs on): due on its last day. An agreement followed by one that ends
//! later (or never) is superseded and shows nothing; editing its end to a later day
//! beyond the notice clears the line.

use chrono::{Days, NaiveDate};

use super::{full_name, home_group};
use crate::due::{Ctx, DueItem, DueKind, Place, Why};
use crate::error::Result;

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let horizon = cx
        .as_of
        .checked_add_days(Days::new(u64::from(cx.settings.due.agreement_notice_days)))
        .unwrap_or(NaiveDate::MAX);
    let rows = sqlx::query!(
        r#"SELECT a.id AS "id!", a.placement_id, a.valid_from AS "valid_from: NaiveDate",
                  a.valid_to AS "valid_to!: NaiveDate", pl.home_id, h.name AS home_name,
                  p.given_name, p.family_name
           FROM placement_agreements a
           JOIN placements pl ON pl.id = a.placement_id
           JOIN foster_homes h ON h.id = pl.home_id
           JOIN persons p ON p.id = pl.child_id
           WHERE a.valid_to IS NOT NULL AND a.valid_to <= ?2
             AND pl.start_date <= ?1 AND (pl.end_date IS NULL OR pl.end_date >= ?1)
             AND NOT EXISTS (
               SELECT 1 FROM placement_agreements b
               WHERE b.placement_id = a.placement_id AND b.id <> a.id
                 AND (b.valid_to IS NULL OR b.valid_to > a.valid_to))
           ORDER BY a.id"#,
        cx.as_of,
        horizon
    )
    .fetch_all(cx.store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            DueItem::new(
                DueKind::AgreementEnds,
                format!("agreement_ends:{}", r.id),
                r.valid_to,
                home_group(r.home_id, r.home_name),
                Place::Placement {
                    placement_id: r.placement_id,
                    home_id: r.home_id,
                },
            )
            .why(Why {
                person: Some(full_name(&r.given_name, &r.family_name)),
                since: Some(r.valid_from),
                ..Why::default()
            })
        })
        .collect())
}
