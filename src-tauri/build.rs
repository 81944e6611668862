//! Lists Akta's own commands so that each needs an `allow-<command>` grant in a
//! capability (src-tauri/capabilities/): without the list, app commands bypass the ACL.

const COMMANDS: &[&str] = &[
    "session_status",
    "create_store",
    "unlock_keychain",
    "unlock_passphrase",
    "lock_store",
    "touch",
    "save_settings",
    "list_users",
    "create_user",
    "select_user",
    "list_persons",
    "get_person",
    "add_person",
    "list_homes",
    "get_home",
    "add_home",
    "change_home_status",
    "add_home_member",
    "list_organisations",
    "list_journal",
    "create_journal_entry",
    "update_journal_entry",
    "sign_journal_entry",
    "amend_journal_entry",
    "search_journals",
    "home_placements",
    "child_placements",
    "place_child",
    "end_placement",
    "home_investigations",
    "start_investigation",
    "add_investigation_item",
    "update_investigation_details",
    "decide_investigation",
    "list_notices",
    "add_notice",
    "take_up_notice",
    "delete_notice",
    "list_concerns",
    "create_concern",
    "advance_concern",
    "save_concern_pdf",
    "dashboard",
    "processing_activities",
    "person_consents",
    "give_consent",
    "withdraw_consent",
    "list_requests",
    "person_requests",
    "create_request",
    "verify_request_identity",
    "extend_request",
    "complete_request",
    "review_extract",
    "withhold_passage",
    "create_extract",
    "mark_extract_sent",
    "rectify_person",
    "person_rectifications",
    "set_restriction",
    "erase_person",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build failed: {e:#}");
        std::process::exit(1);
    }
}
