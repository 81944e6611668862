//! Profiles: who works in the store.

use std::sync::Arc;

use akta_core::session::{Session, SessionStatus};
use akta_core::user::{ProfileRules, User, UserInput};
use tauri::State;

use super::{ui, Res};

#[tauri::command]
pub async fn list_users(session: State<'_, Arc<Session>>) -> Res<Vec<User>> {
    session.users().await.map_err(ui)
}

/// Creates a profile and works on as it. `recovery_identity`, the text of the agency's
/// identity file, vouches for a data-protection profile.
#[tauri::command]
pub async fn create_user(
    session: State<'_, Arc<Session>>,
    input: UserInput,
    recovery_identity: Option<String>,
) -> Res<SessionStatus> {
    session
        .create_user_vouched(input, recovery_identity)
        .await
        .map_err(ui)
}

/// Which roles a new profile may be given now (the profile screen offers only those).
#[tauri::command]
pub async fn profile_rules(session: State<'_, Arc<Session>>) -> Res<ProfileRules> {
    session.profile_rules().await.map_err(ui)
}

#[tauri::command]
pub async fn select_user(session: State<'_, Arc<Session>>, id: i64) -> Res<SessionStatus> {
    session.select_user(id).await.map_err(ui)
}
