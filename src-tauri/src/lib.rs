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
        .manage(commands::files::SaveGrants::default())
        .manage(commands::documents::DocumentFiles::default())
        // Files dropped on the window are remembered in Rust; the window gets a token
        // and a name for each (commands/documents.rs), never their place.
        .on_window_event(commands::documents::on_window_event)
        // The save dialog, shown from Rust only (commands/files.rs): no dialog
        // permission is granted to the window.
        .plugin(tauri_plugin_dialog::init())
        // The desktop notification of how many bevakningar are due, shown from Rust only
        // (commands/due.rs): no notification permission is granted to the window.
        .plugin(tauri_plugin_notification::init())
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
        // The names are listed once in src-tauri/commands.txt (tests/command_names.rs).
        .invoke_handler(tauri::generate_handler![
            commands::session::session_status,
            commands::session::create_store,
            commands::session::unlock_keychain,
            commands::session::unlock_passphrase,
            commands::session::lock_store,
            commands::session::touch,
            commands::session::save_settings,
            commands::users::list_users,
            commands::users::create_user,
            commands::users::select_user,
            commands::users::profile_rules,
            commands::persons::list_persons,
            commands::persons::get_person,
            commands::persons::person_relations,
            commands::persons::add_person,
            commands::persons::update_person_contact,
            commands::homes::list_homes,
            commands::homes::get_home,
            commands::homes::add_home,
            commands::homes::change_home_status,
            commands::homes::add_home_member,
            commands::homes::update_home,
            commands::homes::remove_home_member,
            commands::organisations::list_organisations,
            commands::journal::list_journal,
            commands::journal::create_journal_entry,
            commands::journal::update_journal_entry,
            commands::journal::sign_journal_entry,
            commands::journal::amend_journal_entry,
            commands::journal::search_journals,
            commands::contacts::contacts_list,
            commands::contacts::contact_add,
            commands::contacts::contact_update,
            commands::contacts::contact_themes,
            commands::contacts::contact_add_theme,
            commands::placements::home_placements,
            commands::placements::child_placements,
            commands::placements::place_child,
            commands::placements::end_placement,
            commands::investigations::home_investigations,
            commands::investigations::start_investigation,
            commands::investigations::add_investigation_item,
            commands::investigations::update_investigation_details,
            commands::investigations::decide_investigation,
            commands::notices::list_notices,
            commands::notices::add_notice,
            commands::notices::plan_notice_take_up,
            commands::notices::take_up_notice,
            commands::notices::delete_notice,
            commands::concerns::list_concerns,
            commands::concerns::create_concern,
            commands::concerns::advance_concern,
            commands::concerns::save_concern_pdf,
            commands::due::due_inbox,
            commands::due::due_notify,
            commands::follow_ups::list_follow_ups,
            commands::follow_ups::add_follow_up,
            commands::follow_ups::follow_up_done,
            commands::follow_ups::postpone_follow_up,
            commands::follow_ups::remove_follow_up,
            commands::consents::processing_activities,
            commands::consents::person_consents,
            commands::consents::give_consent,
            commands::consents::withdraw_consent,
            commands::rights::list_requests,
            commands::rights::get_request,
            commands::rights::person_requests,
            commands::rights::create_request,
            commands::rights::verify_request_identity,
            commands::rights::extend_request,
            commands::rights::complete_request,
            commands::rights::rectify_person,
            commands::rights::person_rectifications,
            commands::rights::set_restriction,
            commands::rights::preview_erasure,
            commands::rights::erase_person,
            commands::extract::review_extract,
            commands::extract::confirm_extract_review,
            commands::extract::withhold_passage,
            commands::extract::decide_extract_document,
            commands::extract::create_extract,
            commands::extract::mark_extract_sent,
            commands::retention::retention_preview,
            commands::retention::run_retention,
            commands::retention::retention_receipts,
            commands::retention::retention_rules,
            commands::retention::set_retention_rule,
            commands::retention::legal_holds,
            commands::retention::add_legal_hold,
            commands::retention::lift_legal_hold,
            commands::retention::offer_handover,
            commands::retention::decide_handover,
            commands::backup::list_backups,
            commands::backup::create_backup,
            commands::files::choose_save_path,
            commands::files::reveal_saved_file,
            commands::documents::documents_list,
            commands::documents::document_types,
            commands::documents::document_choose_files,
            commands::documents::document_add,
            commands::documents::document_remove_original,
            commands::documents::document_open,
            commands::documents::document_choose_save_path,
            commands::documents::document_save_copy,
            commands::documents::document_update,
            commands::documents::document_mark_sent,
            commands::documents::document_delete,
            commands::training::home_trainings,
            commands::training::home_training_year,
            commands::training::add_training,
            commands::training::delete_training,
            commands::checks::home_checks,
            commands::checks::add_check,
            commands::checks::delete_check,
            commands::agreements::placement_agreements,
            commands::agreements::add_agreement,
            commands::agreements::update_agreement,
            commands::surveys::home_surveys,
            commands::surveys::record_survey,
            commands::surveys::survey_summary,
            commands::surveys::save_survey_summary_pdf,
            commands::plans::plan_glance,
            commands::plans::plan_add,
            commands::plans::plan_end,
            commands::plans::plans_behind,
            commands::reports::reports_list,
            commands::reports::report_draft,
            commands::reports::report_draft_all,
            commands::reports::report_update,
            commands::reports::report_sign,
            commands::reports::report_save_pdf,
            commands::reports::report_mark_sent,
            commands::investigation_reports::investigation_report_draft,
            commands::investigation_reports::investigation_report_get,
            commands::investigation_reports::investigation_report_versions,
            commands::investigation_reports::investigation_report_save,
            commands::investigation_reports::investigation_report_sign,
            commands::investigation_reports::investigation_report_save_pdf,
            commands::investigation_reports::investigation_report_mark_sent,
            commands::investigation_reports::report_template_get,
            commands::investigation_reports::report_template_set,
            commands::investigation_reports::report_template_reset,
            // Debug builds only: the end-to-end tests' stand-in for a file drop.
            #[cfg(debug_assertions)]
            commands::documents::e2e_drop_files,
        ])
        .run(tauri::generate_context!("tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("akta: the app stopped with an error: {e}");
        std::process::exit(1);
    }
}
