//! Commands, one file per area of the core: parse, call the core, map the error.
//! Nothing else. Every command's name is listed once in `src-tauri/commands.txt`
//! (tests/command_names.rs checks the handler, the capability and the UI against it).

pub mod agreements;
pub mod backup;
pub mod checks;
pub mod concerns;
pub mod consents;
pub mod contacts;
pub mod documents;
pub mod due;
pub mod extract;
pub mod files;
pub mod follow_ups;
pub mod homes;
pub mod investigation_reports;
pub mod investigations;
pub mod journal;
pub mod notices;
pub mod organisations;
pub mod persons;
pub mod placements;
pub mod plans;
pub mod reports;
pub mod retention;
pub mod rights;
pub mod session;
pub mod surveys;
pub mod training;
pub mod users;

use akta_core::access::Actor;
use akta_core::session::Session;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::{Error, UiError};
use chrono::NaiveDate;
use tokio::sync::RwLockReadGuard;

/// What every command returns: its value, or the error shape the UI knows.
pub type Res<T> = Result<T, UiError>;

/// Logs the error (its message never holds personal data) and hands the UI its shape.
pub fn ui(e: Error) -> UiError {
    let e = e.to_ui();
    tracing::warn!(code = ?e.code, "command failed");
    e
}

/// What a command works with: the open store, the working profile and today's date.
pub struct Work<'a> {
    pub store: RwLockReadGuard<'a, Store>,
    pub actor: Actor,
    pub today: NaiveDate,
    session: &'a Session,
}

impl Work<'_> {
    /// The device settings as saved now.
    pub fn settings(&self) -> Settings {
        self.session.settings()
    }
}

/// The open store and the working profile, or the error that stops the command
/// (store locked, no profile chosen).
pub async fn work(session: &Session) -> Res<Work<'_>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    Ok(Work {
        store,
        actor,
        today: akta_core::today(),
        session,
    })
}
