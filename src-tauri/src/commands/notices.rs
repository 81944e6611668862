//! Interest notices from private persons offering a foster home, and taking one up.

use std::sync::Arc;

use akta_core::foster_home::HomeKind;
use akta_core::interest::{self, InterestNotice, InterestNoticeInput, TakeUpPlan};
use akta_core::session::Session;
use tauri::State;

use super::{ui, work, Res};

#[tauri::command]
pub async fn list_notices(session: State<'_, Arc<Session>>) -> Res<Vec<InterestNotice>> {
    let w = work(&session).await?;
    interest::list(&w.store).await.map_err(ui)
}

#[tauri::command]
pub async fn add_notice(
    session: State<'_, Arc<Session>>,
    input: InterestNoticeInput,
) -> Res<InterestNotice> {
    let w = work(&session).await?;
    interest::add(&w.store, &w.actor, &input, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn plan_notice_take_up(session: State<'_, Arc<Session>>, id: i64) -> Res<TakeUpPlan> {
    let w = work(&session).await?;
    interest::plan(&w.store, id).await.map_err(ui)
}

#[tauri::command]
pub async fn take_up_notice(session: State<'_, Arc<Session>>, id: i64, kind: HomeKind) -> Res<i64> {
    let w = work(&session).await?;
    interest::take_up(&w.store, &w.actor, id, kind, w.today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn delete_notice(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let w = work(&session).await?;
    interest::delete(&w.store, &w.actor, id).await.map_err(ui)
}
