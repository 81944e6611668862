//! Bevakningar: the inbox (the start screen) and the desktop notification of how many
//! are overdue or due today.

use std::sync::Arc;

use akta_core::due::{self, Inbox, Lang};
use akta_core::error::{Error, Reason};
use akta_core::session::Session;
use tauri::{AppHandle, State};
use tauri_plugin_notification::NotificationExt;

use super::{ui, work, Res};

/// The inbox of the working profile as of `as_of` (`YYYY-MM-DD`; default today).
#[tauri::command]
pub async fn due_inbox(session: State<'_, Arc<Session>>, as_of: Option<String>) -> Res<Inbox> {
    let w = work(&session).await?;
    let as_of = match as_of.as_deref() {
        Some(d) => d
            .trim()
            .parse()
            .map_err(|_| ui(Error::invalid("as_of", Reason::Date)))?,
        None => w.today,
    };
    due::build(&w.store, &w.actor, as_of, &w.settings())
        .await
        .map_err(ui)
}

/// Shows the desktop notification of how many bevakningar are overdue or due today
/// (nothing when none are). The text is made here from the counts alone, never taken
/// from the window: it holds no name, number or free text, since notifications show on
/// locked screens. A desktop without a notification service is logged, not an error.
#[tauri::command]
pub async fn due_notify(app: AppHandle, session: State<'_, Arc<Session>>, lang: Lang) -> Res<()> {
    let w = work(&session).await?;
    let inbox = due::build(&w.store, &w.actor, w.today, &w.settings())
        .await
        .map_err(ui)?;
    drop(w);
    let Some(notice) = due::notice(&inbox.counts, lang) else {
        return Ok(());
    };
    if let Err(e) = app
        .notification()
        .builder()
        .title(notice.title)
        .body(notice.body)
        .show()
    {
        // The error names the desktop's notification service, never the text.
        tracing::warn!(error = %e, "desktop notification not shown");
    }
    Ok(())
}
