//! The inbox's lines of hand-made bevakningar: each open one on its date, grouped by
//! its home (home, placement, investigation) or person (person; a request's person, or
//! the agency once that person is erased). A request's only for the data-protection
//! role.

use super::repo::{self, Filter};
use super::{FollowUp, FollowUpSubject};
use crate::due::{Ctx, DueItem, DueKind, Group, Place, Why};
use crate::error::Result;
use crate::user::Permission;

pub(crate) async fn items(cx: &Ctx<'_>) -> Result<Vec<DueItem>> {
    let requests = cx.actor.permissions().contains(&Permission::ManageRequests);
    let mut conn = cx.store.pool().acquire().await?;
    let rows = repo::select(&mut conn, Filter::Open { requests }).await?;
    Ok(rows.into_iter().map(line).collect())
}

fn line(f: FollowUp) -> DueItem {
    let home_group = |home_id: Option<i64>, name: Option<String>| match home_id {
        Some(home_id) => Group::Home {
            home_id,
            name: name.unwrap_or_default(),
        },
        None => Group::Agency,
    };
    let mut person = None;
    let (group, place) = match f.subject {
        FollowUpSubject::Home { home_id } => (
            home_group(Some(home_id), f.home_name.clone()),
            Place::Home { home_id },
        ),
        FollowUpSubject::Person { person_id } => (
            Group::Person {
                person_id,
                name: f.subject_name.clone().unwrap_or_default(),
            },
            Place::Person { person_id },
        ),
        FollowUpSubject::Placement { placement_id } => {
            person.clone_from(&f.subject_name);
            (
                home_group(f.home_id, f.home_name.clone()),
                Place::Placement {
                    placement_id,
                    home_id: f.home_id.unwrap_or_default(),
                },
            )
        }
        FollowUpSubject::Investigation { investigation_id } => (
            home_group(f.home_id, f.home_name.clone()),
            Place::Investigation {
                investigation_id,
                home_id: f.home_id.unwrap_or_default(),
            },
        ),
        FollowUpSubject::Request { request_id } => (
            match (&f.subject_name, f.person_id) {
                (Some(name), Some(person_id)) => Group::Person {
                    person_id,
                    name: name.clone(),
                },
                _ => Group::Agency,
            },
            Place::Request { request_id },
        ),
    };
    let mut item = DueItem::new(
        DueKind::Manual,
        format!("manual:{}", f.id),
        f.due_on,
        group,
        place,
    )
    .why(Why {
        person,
        text: Some(f.text),
        ..Why::default()
    });
    item.profile_id = f.assignee_id;
    item.follow_up_id = Some(f.id);
    item
}
