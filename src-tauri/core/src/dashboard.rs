//! What needs the caseworker's attention now: investigations with missing parts or old
//! register extracts, the profile's unsigned drafts, and concern reports whose receipt
//! or feedback is overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::concern::{self, Reminder};
use crate::error::Result;
use crate::investigation;
use crate::journal::{JournalFile, STALE_DRAFT_DAYS};
use crate::settings::Settings;
use crate::store::Store;
use crate::user::Actor;

/// An investigation under way.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct OpenInvestigation {
    #[ts(type = "number")]
    pub home_id: i64,
    pub home_name: String,
    #[ts(type = "number")]
    pub round: i64,
    #[ts(type = "number")]
    pub missing: i64,
    #[ts(type = "number")]
    pub stale_extracts: i64,
}

/// An unsigned draft of the acting profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct DraftToSign {
    #[ts(type = "number")]
    pub entry_id: i64,
    pub file: JournalFile,
    pub file_name: String,
    pub event_date: NaiveDate,
    /// Older than 14 days.
    pub stale: bool,
}

/// A concern report waiting too long.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ConcernDue {
    #[ts(type = "number")]
    pub report_id: i64,
    pub child_name: String,
    pub reminder: Reminder,
}

/// The dashboard.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Dashboard {
    pub investigations: Vec<OpenInvestigation>,
    pub drafts: Vec<DraftToSign>,
    pub concerns: Vec<ConcernDue>,
    /// For the data-protection role: data-subject requests overdue, due within seven
    /// days, or waiting for identity; most urgent first.
    pub requests: Vec<crate::rights::Request>,
    /// For the data-protection role: files due for purge now or within 30 days.
    pub purges: Vec<crate::retention::FileDue>,
}

/// Builds the dashboard for the acting profile.
pub async fn overview(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
    settings: &Settings,
) -> Result<Dashboard> {
    let homes = sqlx::query!(
        r#"SELECT DISTINCT i.home_id, h.name FROM investigations i JOIN foster_homes h ON h.id = i.home_id
           WHERE i.decision IS NULL ORDER BY h.name"#
    )
    .fetch_all(store.pool())
    .await?;
    let mut investigations = Vec::new();
    for h in homes {
        for inv in investigation::for_home(store, h.home_id, today, settings.extract_max_age_months)
            .await?
        {
            if inv.decision.is_none() {
                investigations.push(OpenInvestigation {
                    home_id: h.home_id,
                    home_name: h.name.clone(),
                    round: inv.round,
                    missing: inv.checklist.missing.len() as i64,
                    stale_extracts: inv.checklist.stale_extracts.len() as i64,
                });
            }
        }
    }
    let author = actor.user_id().unwrap_or(-1);
    let drafts = sqlx::query!(
        r#"SELECT e.id AS "id!", e.home_id, e.child_id, e.event_date AS "event_date!: NaiveDate",
                  e.created_at AS "created_at!: chrono::DateTime<chrono::Utc>",
                  coalesce(h.name, p.given_name || ' ' || p.family_name) AS "file_name!: String"
           FROM journal_entries e
           LEFT JOIN foster_homes h ON h.id = e.home_id
           LEFT JOIN persons p ON p.id = e.child_id
           WHERE e.signed_at IS NULL AND e.author_id = ?
           ORDER BY e.created_at"#,
        author
    )
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .map(|r| DraftToSign {
        entry_id: r.id,
        file: match (r.home_id, r.child_id) {
            (Some(h), _) => JournalFile::Home(h),
            (None, Some(c)) => JournalFile::Child(c),
            (None, None) => JournalFile::Home(0),
        },
        file_name: r.file_name,
        event_date: r.event_date,
        stale: (today - r.created_at.date_naive()).num_days() > STALE_DRAFT_DAYS,
    })
    .collect();
    let concerns = concern::list(store, actor, today, settings)
        .await?
        .into_iter()
        .filter_map(|c| {
            c.reminder.map(|reminder| ConcernDue {
                report_id: c.id,
                child_name: format!("{} {}", c.child.given_name, c.child.family_name),
                reminder,
            })
        })
        .collect();
    let requests = if actor
        .permissions()
        .contains(&crate::user::Permission::ManageRequests)
    {
        crate::rights::due_soon(store, today, 7).await?
    } else {
        Vec::new()
    };
    let purges = if actor
        .permissions()
        .contains(&crate::user::Permission::ManageRetention)
    {
        crate::retention::due_within(store, today, 30).await?
    } else {
        Vec::new()
    };
    Ok(Dashboard {
        investigations,
        drafts,
        concerns,
        requests,
        purges,
    })
}
