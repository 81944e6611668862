//! The data-protection rules, for the profiles that may act on them (as the dashboard
//! shows them): data-subject requests to answer (`Permission::ManageRequests`), files
//! the retention rules will purge and hand-overs waiting for the municipality's answer
//! (`Permission::ManageRetention`). The deadlines are the ones `rights` and
//! `retention` work out.

use chrono::{Days, NaiveDate};

use super::casework::name_of;
use crate::due::{Ctx, DueItem, DueKind, Group, Place, Why};
use crate::error::Result;
use crate::retention::FileKind;
use crate::rights::RequestStatus;
use crate::user::Permission;

pub(super) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let may = |p: Permission| cx.actor.permissions().contains(&p);
    let mut out = Vec::new();
    if may(Permission::ManageRequests) {
        out.extend(requests(cx).await?);
    }
    if may(Permission::ManageRetention) {
        out.extend(purges(cx).await?);
        out.extend(handovers(cx).await?);
    }
    Ok(out)
}

/// `Request`: every open request, due on its deadline (`Request::due_on`, with any
/// extension); one still waiting for the requester's identity is due the day it came
/// in (the agency owes the next step). `why.detail` is the request's kind, `why.since`
/// the day it came in; `why.flagged` says an extension can still be told (none yet,
/// identity verified, and the first month not over: the UI says it must be told by
/// `due_on`, which is then the first month's last day). Grouped under the requester,
/// or the agency when the requester was erased.
async fn requests(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let mut out = Vec::new();
    for r in crate::rights::list(cx.store, cx.actor, cx.as_of).await? {
        if r.status != RequestStatus::Open {
            continue;
        }
        let group = match (r.person_id, &r.person_name) {
            (Some(person_id), Some(name)) => Group::Person {
                person_id,
                name: name.clone(),
            },
            _ => Group::Agency,
        };
        let flagged =
            r.extended_months == 0 && r.first_due_on.is_some_and(|first| cx.as_of <= first);
        out.push(
            DueItem::new(
                DueKind::Request,
                format!("request:{}", r.id),
                r.due_on.unwrap_or(r.received_on),
                group,
                Place::Request { request_id: r.id },
            )
            .why(Why {
                since: Some(r.received_on),
                detail: name_of(r.kind),
                flagged,
                ..Why::default()
            }),
        );
    }
    Ok(out)
}

/// `Purge`: every file due for purge now or within `settings.due.purge_notice_days`
/// (`retention::due_within`, held files included), due the day the retention rules
/// reach it. `why.since` is the file's anchor (closed on); `why.detail` says what
/// keeps a due file: `needs_handover` (never offered to the placing municipality) or
/// `held` (a legal hold, an open request, a child's file, an offer unanswered).
async fn purges(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let files = crate::retention::due_within(
        cx.store,
        cx.as_of,
        u64::from(cx.settings.due.purge_notice_days),
    )
    .await?;
    Ok(files
        .into_iter()
        .map(|f| {
            let (file, group) = match f.kind {
                FileKind::Home => (
                    "home",
                    Group::Home {
                        home_id: f.id,
                        name: f.label.clone(),
                    },
                ),
                FileKind::Child => (
                    "child",
                    Group::Person {
                        person_id: f.id,
                        name: f.label.clone(),
                    },
                ),
            };
            let detail = if f.needs_handover && f.handover.is_none() {
                Some("needs_handover".to_owned())
            } else if !f.holds.is_empty() {
                Some("held".to_owned())
            } else {
                None
            };
            DueItem::new(
                DueKind::Purge,
                format!("purge:{file}:{}", f.id),
                f.due_on,
                group,
                Place::Retention,
            )
            .why(Why {
                since: Some(f.anchor_on),
                detail,
                ..Why::default()
            })
        })
        .collect())
}

/// `Handover`: every hand-over offered and not answered, due
/// `settings.due.handover_answer_days` after the offer. Grouped under the child, or
/// the agency when the child is gone; `why.since` is the offer.
async fn handovers(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let rows = sqlx::query!(
        r#"SELECT hd.id AS "id!", hd.child_id, hd.offered_on AS "offered_on: NaiveDate",
                  p.given_name || ' ' || p.family_name AS "child_name?: String"
           FROM handovers hd LEFT JOIN persons p ON p.id = hd.child_id
           WHERE hd.decision IS NULL
           ORDER BY hd.id"#
    )
    .fetch_all(cx.store.pool())
    .await?;
    let wait = Days::new(u64::from(cx.settings.due.handover_answer_days));
    Ok(rows
        .into_iter()
        .map(|r| {
            let group = match (r.child_id, r.child_name) {
                (Some(person_id), Some(name)) => Group::Person { person_id, name },
                _ => Group::Agency,
            };
            DueItem::new(
                DueKind::Handover,
                format!("handover:{}", r.id),
                r.offered_on
                    .checked_add_days(wait)
                    .unwrap_or(NaiveDate::MAX),
                group,
                Place::Retention,
            )
            .why(Why {
                since: Some(r.offered_on),
                ..Why::default()
            })
        })
        .collect())
}
