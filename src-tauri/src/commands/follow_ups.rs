//! Bevakningar set by hand on a home, a person's file, a placement, an investigation or
//! a request: list a subject's, add, mark done, postpone with a reason, remove.

use std::sync::Arc;

use akta_core::due::manual::{self, FollowUp, FollowUpInput, FollowUpSubject};
use akta_core::error::{Error, Reason};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

/// A subject's bevakningar: the open ones by date, then the done ones.
#[tauri::command]
pub async fn list_follow_ups(
    session: State<'_, Arc<Session>>,
    subject: FollowUpSubject,
) -> Res<Vec<FollowUp>> {
    let w = work(&session).await?;
    manual::list_for(&w.store, &w.actor, subject)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_follow_up(
    session: State<'_, Arc<Session>>,
    input: FollowUpInput,
) -> Res<FollowUp> {
    let w = work(&session).await?;
    manual::add(&w.store, &w.actor, &input).await.map_err(ui)
}

/// Marks a bevakning done today.
#[tauri::command]
pub async fn follow_up_done(session: State<'_, Arc<Session>>, id: i64) -> Res<FollowUp> {
    let w = work(&session).await?;
    manual::done(&w.store, &w.actor, id, w.today)
        .await
        .map_err(ui)
}

/// Moves a bevakning to `to_on` (`YYYY-MM-DD`), with the reason.
#[tauri::command]
pub async fn postpone_follow_up(
    session: State<'_, Arc<Session>>,
    id: i64,
    to_on: String,
    reason: String,
) -> Res<FollowUp> {
    let w = work(&session).await?;
    let to_on = to_on
        .trim()
        .parse()
        .map_err(|_| ui(Error::invalid("to_on", Reason::Date)))?;
    manual::postpone(&w.store, &w.actor, id, to_on, &reason)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn remove_follow_up(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    manual::remove(&w.store, &w.actor, id).await.map_err(ui)
}
