//! Bevakningar set by hand: a date and a text on a home, a person's file, a placement,
//! an investigation or a data-subject request, optionally for a profile of the device.
//! Open until done; postponed to a later date with a reason (the earlier date is kept
//! in `follow_up_postponements`); removed by deleting the row. Each is audited in the
//! same transaction. Follow-ups on a request are the data-protection role's, as the
//! request itself is (`Permission::ManageRequests`).

mod items;
mod repo;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, FieldError, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate::{self, Problems};

pub(crate) use items::items;

/// Longest text of a bevakning, in characters.
pub const TEXT_MAX: usize = 2000;
/// Longest reason for a postponement, in characters.
pub const REASON_MAX: usize = 500;

/// What a bevakning is set on: exactly one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum FollowUpSubject {
    Home {
        #[ts(type = "number")]
        home_id: i64,
    },
    Person {
        #[ts(type = "number")]
        person_id: i64,
    },
    Placement {
        #[ts(type = "number")]
        placement_id: i64,
    },
    Investigation {
        #[ts(type = "number")]
        investigation_id: i64,
    },
    Request {
        #[ts(type = "number")]
        request_id: i64,
    },
}

impl FollowUpSubject {
    /// The column (and the refused field's name) of the subject.
    pub fn field(self) -> &'static str {
        match self {
            FollowUpSubject::Home { .. } => "home_id",
            FollowUpSubject::Person { .. } => "person_id",
            FollowUpSubject::Placement { .. } => "placement_id",
            FollowUpSubject::Investigation { .. } => "investigation_id",
            FollowUpSubject::Request { .. } => "request_id",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            FollowUpSubject::Home { home_id: id }
            | FollowUpSubject::Person { person_id: id }
            | FollowUpSubject::Placement { placement_id: id }
            | FollowUpSubject::Investigation {
                investigation_id: id,
            }
            | FollowUpSubject::Request { request_id: id } => id,
        }
    }

    /// The five columns of the row, exactly one of them set.
    fn columns(self) -> [Option<i64>; 5] {
        let mut c = [None; 5];
        let i = match self {
            FollowUpSubject::Home { .. } => 0,
            FollowUpSubject::Person { .. } => 1,
            FollowUpSubject::Placement { .. } => 2,
            FollowUpSubject::Investigation { .. } => 3,
            FollowUpSubject::Request { .. } => 4,
        };
        c[i] = Some(self.id());
        c
    }

    fn is_request(self) -> bool {
        matches!(self, FollowUpSubject::Request { .. })
    }
}

/// What a form or the CLI gives for a new bevakning.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUpInput {
    pub subject: FollowUpSubject,
    pub due_on: NaiveDate,
    /// The text (several lines allowed), at most [`TEXT_MAX`] characters.
    pub text: String,
    /// The profile it is for; none: whoever opens the inbox.
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
}

/// An earlier date of a bevakning and why it was moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Postponement {
    #[ts(type = "number")]
    pub id: i64,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    pub reason: String,
    /// The profile's name.
    pub postponed_by: String,
    pub postponed_at: DateTime<Utc>,
}

/// A bevakning as its subject's file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUp {
    #[ts(type = "number")]
    pub id: i64,
    pub subject: FollowUpSubject,
    /// The subject's name: the home's (home, investigation), the person's (person,
    /// placement's child, request's person; none once that person is erased).
    pub subject_name: Option<String>,
    /// The home of a home, placement or investigation.
    #[ts(type = "number | null")]
    pub home_id: Option<i64>,
    /// The home's name for a placement (the subject name is the child's).
    pub home_name: Option<String>,
    /// The person of a person's file, a placement's child, a request's person.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub due_on: NaiveDate,
    pub text: String,
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_by: String,
    pub done_on: Option<NaiveDate>,
    pub done_by: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The earlier dates, oldest first.
    pub postponements: Vec<Postponement>,
}

/// A date a bevakning can fall on: from 2000 to 2999 (stored as text, so sorted as
/// text).
fn date_ok(field: &str, d: NaiveDate) -> std::result::Result<NaiveDate, FieldError> {
    let lo = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(2999, 12, 31).unwrap_or(NaiveDate::MAX);
    if d < lo || d > hi {
        Err(validate::refuse(field, Reason::Date))
    } else {
        Ok(d)
    }
}

fn profile_id(actor: &Actor) -> Result<i64> {
    actor.user_id().ok_or(Error::ProfileRequired)
}

/// Refused unless `actor` may see bevakningar of this subject.
fn may_see(actor: &Actor, subject: FollowUpSubject) -> Result<()> {
    if subject.is_request() {
        actor.require(Permission::ManageRequests)?;
    }
    Ok(())
}

/// Sets a bevakning. Refused (field named, nothing written): an unknown subject (its
/// column: `home_id`, `person_id`, … unknown); an empty, too long or control-character
/// text (`text`); a date before 2000 or after 2999 (`due_on`: date); an assignee that
/// is not a profile of the store (`assignee_id`: unknown). A request's without the
/// data-protection role, one by no profile, and one about a person whose processing
/// is restricted are refused too.
pub async fn add(store: &Store, actor: &Actor, input: &FollowUpInput) -> Result<FollowUp> {
    may_see(actor, input.subject)?;
    let by = profile_id(actor)?;
    let mut tx = store.begin().await?;
    let mut p = Problems::new();
    match repo::subject_persons(&mut tx, input.subject).await? {
        None => p.push(input.subject.field(), Reason::Unknown),
        Some(persons) => crate::person::ensure_unrestricted(&mut tx, &persons).await?,
    }
    let due_on = p.check(date_ok("due_on", input.due_on));
    let text = p.check(validate::required_multiline("text", &input.text, TEXT_MAX));
    if let Some(a) = input.assignee_id {
        if !repo::profile_exists(&mut tx, a).await? {
            p.push("assignee_id", Reason::Unknown);
        }
    }
    p.finish()?;
    let (Some(due_on), Some(text)) = (due_on, text) else {
        return Err(Error::Internal("validation state".into()));
    };
    let id = repo::insert(&mut tx, input.subject, due_on, &text, input.assignee_id, by).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::FollowUp,
        Some(id),
    )
    .await?;
    let row = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Marks a bevakning done on `today` by the acting profile. Refused when it is already
/// done (`done_on`: not allowed).
pub async fn done(store: &Store, actor: &Actor, id: i64, today: NaiveDate) -> Result<FollowUp> {
    let by = profile_id(actor)?;
    let mut tx = store.begin().await?;
    let cur = repo::one(&mut tx, id).await?;
    may_see(actor, cur.subject)?;
    if cur.done_on.is_some() {
        return Err(Error::invalid("done_on", Reason::NotAllowed));
    }
    let today = date_ok("done_on", today).map_err(|e| Error::Invalid(vec![e]))?;
    repo::mark_done(&mut tx, id, today, by).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::FollowUp,
        Some(id),
    )
    .await?;
    let row = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Moves an open bevakning to `to_on`, keeping its date and `reason`. Refused (nothing
/// written): a date not after the current one, or not between 2000 and 2999 (`to_on`:
/// not allowed / date); an empty, too long or control-character reason (`reason`); a
/// bevakning already done (`done_on`: not allowed).
pub async fn postpone(
    store: &Store,
    actor: &Actor,
    id: i64,
    to_on: NaiveDate,
    reason: &str,
) -> Result<FollowUp> {
    let by = profile_id(actor)?;
    let mut tx = store.begin().await?;
    let cur = repo::one(&mut tx, id).await?;
    may_see(actor, cur.subject)?;
    if let Some(persons) = repo::subject_persons(&mut tx, cur.subject).await? {
        crate::person::ensure_unrestricted(&mut tx, &persons).await?;
    }
    let mut p = Problems::new();
    if cur.done_on.is_some() {
        p.push("done_on", Reason::NotAllowed);
    }
    if let Some(to) = p.check(date_ok("to_on", to_on)) {
        if to <= cur.due_on {
            p.push("to_on", Reason::NotAllowed);
        }
    }
    let reason = p.check(validate::required_multiline("reason", reason, REASON_MAX));
    p.finish()?;
    let reason = reason.ok_or_else(|| Error::Internal("validation state".into()))?;
    repo::postpone(&mut tx, id, cur.due_on, to_on, &reason, by).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::FollowUp,
        Some(id),
    )
    .await?;
    let row = repo::one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Deletes a bevakning and its postponements. The audit log keeps that it was.
pub async fn remove(store: &Store, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let cur = repo::one(&mut tx, id).await?;
    may_see(actor, cur.subject)?;
    repo::delete(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Delete, EntityKind::FollowUp, id).await
}

/// A subject's bevakningar, open and done: the open ones first by date, then the done
/// ones, the latest done first.
pub async fn list_for(
    store: &Store,
    actor: &Actor,
    subject: FollowUpSubject,
) -> Result<Vec<FollowUp>> {
    may_see(actor, subject)?;
    let mut conn = store.pool().acquire().await?;
    let mut rows = repo::select(&mut conn, repo::Filter::Subject(subject)).await?;
    rows.sort_by(|a, b| match (a.done_on, b.done_on) {
        (None, None) => (a.due_on, a.id).cmp(&(b.due_on, b.id)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => (y, b.id).cmp(&(x, a.id)),
    });
    Ok(rows)
}

/// One bevakning.
pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<FollowUp> {
    let mut conn = store.pool().acquire().await?;
    let row = repo::one(&mut conn, id).await?;
    may_see(actor, row.subject)?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_before_2000_or_after_2999_are_refused() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert!(date_ok("due_on", d(2000, 1, 1)).is_ok());
        assert!(date_ok("due_on", d(2999, 12, 31)).is_ok());
        assert!(date_ok("due_on", d(2024, 2, 29)).is_ok());
        for bad in [d(1999, 12, 31), d(3000, 1, 1)] {
            assert_eq!(
                date_ok("due_on", bad).map_err(|e| e.reason),
                Err(Reason::Date)
            );
        }
    }

    #[test]
    fn a_subject_sets_exactly_one_column_and_serialises_tagged() {
        let s = FollowUpSubject::Placement { placement_id: 7 };
        assert_eq!(s.columns(), [None, None, Some(7), None, None]);
        assert_eq!(s.field(), "placement_id");
        let json = serde_json::to_value(s).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "placement", "placement_id": 7 })
        );
    }
}
