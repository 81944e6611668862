//! The Tauri shell: one window over the web UI in `ui/`, and thin commands that call
//! Akta's core. No business logic lives here.

mod commands;

use std::sync::Arc;
use std::time::Duration;

use akta_core::crypto::OsKeychain;
use akta_core::session::Session;
use akta_core::store::StoreDir;
use tauri::{Emitter, Manager};

/// The event sent to the UI when the store locks itself after inactivity.
pub const LOCKED_EVENT: &str = "akta://locked";

/// How often the auto-lock clock is checked.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Runs the app.
pub fn run() {
    let dir = match StoreDir::default_location() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("akta: cannot find a folder for the store: {e}");
            std::process::exit(1);
        }
    };
    // Technical logs (codes and counts only) in daily files beside the store.
    let _log_guard = match akta_core::logs::init(&dir) {
        Ok(g) => Some(g),
        Err(e) => {
            eprintln!("akta: no technical log: {:?}", e.code());
            None
        }
    };
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "app started");
    let session = Arc::new(Session::new(dir, Box::new(OsKeychain::new())));
    let result = tauri::Builder::default()
        .manage(session)
        .setup(|app| {
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(IDLE_CHECK).await;
                    let session = handle.state::<Arc<Session>>();
                    if session.lock_if_idle().await {
                        let _ = handle.emit(LOCKED_EVENT, ());
                    }
                    // Retention runs by itself once a day while the store is open.
                    if let Err(e) = session.retention_tick(akta_core::today()).await {
                        tracing::warn!(code = ?e.code(), "retention run failed");
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session_status,
            commands::create_store,
            commands::unlock_keychain,
            commands::unlock_passphrase,
            commands::lock_store,
            commands::touch,
            commands::save_settings,
            commands::list_users,
            commands::create_user,
            commands::select_user,
            commands::list_persons,
            commands::get_person,
            commands::add_person,
            commands::list_homes,
            commands::get_home,
            commands::add_home,
            commands::change_home_status,
            commands::add_home_member,
            commands::list_organisations,
            commands::list_journal,
            commands::create_journal_entry,
            commands::update_journal_entry,
            commands::sign_journal_entry,
            commands::amend_journal_entry,
            commands::search_journals,
            commands::home_placements,
            commands::child_placements,
            commands::place_child,
            commands::end_placement,
            commands::home_investigations,
            commands::start_investigation,
            commands::add_investigation_item,
            commands::update_investigation_details,
            commands::decide_investigation,
            commands::list_notices,
            commands::add_notice,
            commands::take_up_notice,
            commands::delete_notice,
            commands::list_concerns,
            commands::create_concern,
            commands::advance_concern,
            commands::save_concern_pdf,
            commands::dashboard,
            commands::processing_activities,
            commands::person_consents,
            commands::give_consent,
            commands::withdraw_consent,
            commands::list_requests,
            commands::person_requests,
            commands::create_request,
            commands::verify_request_identity,
            commands::extend_request,
            commands::complete_request,
            commands::review_extract,
            commands::confirm_extract_review,
            commands::withhold_passage,
            commands::create_extract,
            commands::mark_extract_sent,
            commands::rectify_person,
            commands::person_rectifications,
            commands::set_restriction,
            commands::erase_person,
            commands::retention_preview,
            commands::run_retention,
            commands::retention_receipts,
            commands::retention_rules,
            commands::set_retention_rule,
            commands::legal_holds,
            commands::add_legal_hold,
            commands::lift_legal_hold,
            commands::list_backups,
            commands::create_backup,
            commands::offer_handover,
            commands::decide_handover,
        ])
        .run(tauri::generate_context!("tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("akta: the app stopped with an error: {e}");
        std::process::exit(1);
    }
}
