//! Commands: parse, call the core, map the error. Nothing else.

use std::sync::Arc;

use akta_core::backup::{self, BackupInfo};
use akta_core::concern::{self, ConcernInput, ConcernReport, ConcernStep};
use akta_core::consent::{self, Consent, ConsentInput, PersonConsents, ProcessingActivity};
use akta_core::dashboard::{self, Dashboard};
use akta_core::foster_home::{
    self, FosterHome, FosterHomeFile, FosterHomeInput, FosterHomeSummary, MemberRole,
    StatusChangeInput,
};
use akta_core::interest::{self, InterestNotice, InterestNoticeInput};
use akta_core::investigation::{
    self, DecisionInput, DetailsInput, Investigation, ItemInput, Method,
};
use akta_core::journal::{self, EntryInput, EntryKind, JournalEntry, JournalFile, SearchHit};
use akta_core::organisation::{self, Organisation};
use akta_core::person::{self, Person, PersonInput, PersonPage};
use akta_core::placement::{self, EndPlacementInput, Placement, PlacementInput};
use akta_core::retention::{self, HoldInput, LegalHold, Preview, Receipt, RetentionRule};
use akta_core::rights::erasure::{self, ErasureStatement};
use akta_core::rights::extract::{self, ExtractReview, RedactionInput, Review, SavedExtract};
use akta_core::rights::rectify::{self, Rectification};
use akta_core::rights::{self, CompletionInput, ExtensionInput, Request, RequestInput};
use akta_core::session::{Session, SessionStatus};
use akta_core::settings::Settings;
use akta_core::user::{User, UserInput};
use akta_core::{Error, UiError};
use tauri::{Emitter, State};

type Res<T> = Result<T, UiError>;

/// Logs the error (its message never holds personal data) and hands the UI its shape.
fn ui(e: Error) -> UiError {
    let e = e.to_ui();
    tracing::warn!(code = ?e.code, "command failed");
    e
}

#[tauri::command]
pub async fn session_status(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    Ok(session.status().await)
}

#[tauri::command]
pub async fn create_store(
    session: State<'_, Arc<Session>>,
    passphrase: String,
    demo: bool,
) -> Res<SessionStatus> {
    session
        .create(passphrase, demo)
        .await
        .map(|(s, _)| s)
        .map_err(ui)
}

#[tauri::command]
pub async fn unlock_keychain(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    session.unlock_with_keychain().await.map_err(ui)
}

#[tauri::command]
pub async fn unlock_passphrase(
    session: State<'_, Arc<Session>>,
    passphrase: String,
) -> Res<SessionStatus> {
    session.unlock_with_passphrase(passphrase).await.map_err(ui)
}

#[tauri::command]
pub async fn lock_store(session: State<'_, Arc<Session>>) -> Res<SessionStatus> {
    Ok(session.lock().await)
}

#[tauri::command]
pub fn touch(session: State<'_, Arc<Session>>) {
    session.touch();
}

#[tauri::command]
pub async fn save_settings(
    session: State<'_, Arc<Session>>,
    settings: Settings,
) -> Res<SessionStatus> {
    session.save_settings(settings).await.map_err(ui)
}

#[tauri::command]
pub async fn list_users(session: State<'_, Arc<Session>>) -> Res<Vec<User>> {
    session.users().await.map_err(ui)
}

#[tauri::command]
pub async fn create_user(session: State<'_, Arc<Session>>, input: UserInput) -> Res<SessionStatus> {
    session.create_user(input).await.map_err(ui)
}

#[tauri::command]
pub async fn select_user(session: State<'_, Arc<Session>>, id: i64) -> Res<SessionStatus> {
    session.select_user(id).await.map_err(ui)
}

#[tauri::command]
pub async fn list_persons(
    session: State<'_, Arc<Session>>,
    query: Option<String>,
    limit: Option<u32>,
) -> Res<PersonPage> {
    let (store, _) = session.work().await.map_err(ui)?;
    person::page(&store, query.as_deref(), limit)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn get_person(session: State<'_, Arc<Session>>, id: i64) -> Res<Person> {
    let (store, actor) = session.work().await.map_err(ui)?;
    person::get(&store, &actor, id).await.map_err(ui)
}

#[tauri::command]
pub async fn add_person(session: State<'_, Arc<Session>>, input: PersonInput) -> Res<Person> {
    let (store, actor) = session.work().await.map_err(ui)?;
    person::add(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn list_homes(session: State<'_, Arc<Session>>) -> Res<Vec<FosterHomeSummary>> {
    let (store, _) = session.work().await.map_err(ui)?;
    foster_home::list(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn get_home(session: State<'_, Arc<Session>>, id: i64) -> Res<FosterHomeFile> {
    let (store, actor) = session.work().await.map_err(ui)?;
    foster_home::get(&store, &actor, id).await.map_err(ui)
}

#[tauri::command]
pub async fn add_home(session: State<'_, Arc<Session>>, input: FosterHomeInput) -> Res<FosterHome> {
    let (store, actor) = session.work().await.map_err(ui)?;
    foster_home::add(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn change_home_status(
    session: State<'_, Arc<Session>>,
    id: i64,
    change: StatusChangeInput,
) -> Res<FosterHome> {
    let (store, actor) = session.work().await.map_err(ui)?;
    foster_home::change_status(&store, &actor, id, &change, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn add_home_member(
    session: State<'_, Arc<Session>>,
    id: i64,
    person_id: i64,
    role: MemberRole,
) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    foster_home::add_member(&store, &actor, id, person_id, role)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn list_organisations(session: State<'_, Arc<Session>>) -> Res<Vec<Organisation>> {
    let (store, _) = session.work().await.map_err(ui)?;
    organisation::list(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn list_journal(
    session: State<'_, Arc<Session>>,
    file: JournalFile,
) -> Res<Vec<JournalEntry>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::list(&store, &actor, file, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_journal_entry(
    session: State<'_, Arc<Session>>,
    file: JournalFile,
    kind: EntryKind,
    input: EntryInput,
) -> Res<JournalEntry> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::create_draft(&store, &actor, file, kind, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn update_journal_entry(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EntryInput,
) -> Res<JournalEntry> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::update_draft(&store, &actor, id, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn sign_journal_entry(session: State<'_, Arc<Session>>, id: i64) -> Res<JournalEntry> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::sign(&store, &actor, id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn amend_journal_entry(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EntryInput,
) -> Res<JournalEntry> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::amend(&store, &actor, id, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn search_journals(
    session: State<'_, Arc<Session>>,
    query: String,
) -> Res<Vec<SearchHit>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    journal::search(&store, &actor, &query, 100)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn home_placements(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<Placement>> {
    let (store, _) = session.work().await.map_err(ui)?;
    placement::for_home(&store, home_id).await.map_err(ui)
}

#[tauri::command]
pub async fn child_placements(
    session: State<'_, Arc<Session>>,
    child_id: i64,
) -> Res<Vec<Placement>> {
    let (store, _) = session.work().await.map_err(ui)?;
    placement::for_child(&store, child_id).await.map_err(ui)
}

#[tauri::command]
pub async fn place_child(
    session: State<'_, Arc<Session>>,
    input: PlacementInput,
) -> Res<Placement> {
    let (store, actor) = session.work().await.map_err(ui)?;
    placement::place(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn end_placement(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: EndPlacementInput,
) -> Res<Placement> {
    let (store, actor) = session.work().await.map_err(ui)?;
    placement::end(&store, &actor, id, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn home_investigations(
    session: State<'_, Arc<Session>>,
    home_id: i64,
) -> Res<Vec<Investigation>> {
    let max_age = session.settings().extract_max_age_months;
    let (store, _) = session.work().await.map_err(ui)?;
    investigation::for_home(&store, home_id, akta_core::today(), max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn start_investigation(
    session: State<'_, Arc<Session>>,
    home_id: i64,
    method: Method,
    started_on: chrono::NaiveDate,
) -> Res<Investigation> {
    let (store, actor) = session.work().await.map_err(ui)?;
    investigation::start(
        &store,
        &actor,
        home_id,
        method,
        started_on,
        akta_core::today(),
    )
    .await
    .map_err(ui)
}

#[tauri::command]
pub async fn add_investigation_item(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ItemInput,
) -> Res<Investigation> {
    let max_age = session.settings().extract_max_age_months;
    let (store, actor) = session.work().await.map_err(ui)?;
    investigation::add_item(&store, &actor, id, &input, akta_core::today(), max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn update_investigation_details(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: DetailsInput,
) -> Res<Investigation> {
    let max_age = session.settings().extract_max_age_months;
    let (store, actor) = session.work().await.map_err(ui)?;
    investigation::update_details(&store, &actor, id, &input, akta_core::today(), max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn decide_investigation(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: DecisionInput,
) -> Res<Investigation> {
    let max_age = session.settings().extract_max_age_months;
    let (store, actor) = session.work().await.map_err(ui)?;
    investigation::decide(&store, &actor, id, &input, akta_core::today(), max_age)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn list_notices(session: State<'_, Arc<Session>>) -> Res<Vec<InterestNotice>> {
    let (store, _) = session.work().await.map_err(ui)?;
    interest::list(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn add_notice(
    session: State<'_, Arc<Session>>,
    input: InterestNoticeInput,
) -> Res<InterestNotice> {
    let (store, actor) = session.work().await.map_err(ui)?;
    interest::add(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn take_up_notice(session: State<'_, Arc<Session>>, id: i64) -> Res<i64> {
    let (store, actor) = session.work().await.map_err(ui)?;
    interest::take_up(&store, &actor, id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn delete_notice(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    interest::delete(&store, &actor, id).await.map_err(ui)
}

#[tauri::command]
pub async fn list_concerns(session: State<'_, Arc<Session>>) -> Res<Vec<ConcernReport>> {
    let settings = session.settings();
    let (store, actor) = session.work().await.map_err(ui)?;
    concern::list(&store, &actor, akta_core::today(), &settings)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_concern(
    session: State<'_, Arc<Session>>,
    input: ConcernInput,
) -> Res<ConcernReport> {
    let settings = session.settings();
    let (store, actor) = session.work().await.map_err(ui)?;
    concern::create(&store, &actor, &input, akta_core::today(), &settings)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn advance_concern(
    session: State<'_, Arc<Session>>,
    id: i64,
    step: ConcernStep,
) -> Res<ConcernReport> {
    let settings = session.settings();
    let (store, actor) = session.work().await.map_err(ui)?;
    concern::advance(&store, &actor, id, &step, akta_core::today(), &settings)
        .await
        .map_err(ui)
}

/// Saves the PDF in the user's Downloads folder and returns where.
#[tauri::command]
pub async fn save_concern_pdf(session: State<'_, Arc<Session>>, id: i64) -> Res<String> {
    let settings = session.settings();
    let dir = akta_core::export_dir();
    let (store, actor) = session.work().await.map_err(ui)?;
    concern::save_pdf(&store, &actor, id, &dir, akta_core::today(), &settings)
        .await
        .map(|p| p.display().to_string())
        .map_err(ui)
}

#[tauri::command]
pub async fn dashboard(session: State<'_, Arc<Session>>) -> Res<Dashboard> {
    let settings = session.settings();
    let (store, actor) = session.work().await.map_err(ui)?;
    dashboard::overview(&store, &actor, akta_core::today(), &settings)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn processing_activities(
    session: State<'_, Arc<Session>>,
) -> Res<Vec<ProcessingActivity>> {
    let (store, _) = session.work().await.map_err(ui)?;
    consent::activities(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn person_consents(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<PersonConsents> {
    let (store, _) = session.work().await.map_err(ui)?;
    consent::for_person(&store, person_id).await.map_err(ui)
}

#[tauri::command]
pub async fn give_consent(session: State<'_, Arc<Session>>, input: ConsentInput) -> Res<Consent> {
    let (store, actor) = session.work().await.map_err(ui)?;
    consent::give(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn withdraw_consent(
    session: State<'_, Arc<Session>>,
    id: i64,
    withdrawn_on: chrono::NaiveDate,
) -> Res<Consent> {
    let (store, actor) = session.work().await.map_err(ui)?;
    consent::withdraw(&store, &actor, id, withdrawn_on, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn list_requests(session: State<'_, Arc<Session>>) -> Res<Vec<Request>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::list(&store, &actor, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn person_requests(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<Vec<Request>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::for_person(&store, &actor, person_id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn create_request(session: State<'_, Arc<Session>>, input: RequestInput) -> Res<Request> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::create(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn verify_request_identity(
    session: State<'_, Arc<Session>>,
    id: i64,
    method: String,
    on: chrono::NaiveDate,
) -> Res<Request> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::verify_identity(&store, &actor, id, &method, on, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn extend_request(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: ExtensionInput,
) -> Res<Request> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::extend(&store, &actor, id, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn complete_request(
    session: State<'_, Arc<Session>>,
    id: i64,
    input: CompletionInput,
) -> Res<Request> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rights::complete(&store, &actor, id, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn review_extract(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ExtractReview> {
    let (store, actor) = session.work().await.map_err(ui)?;
    extract::review(&store, &actor, request_id, akta_core::today())
        .await
        .map_err(ui)
}

/// The reviewer has decided every candidate the extract's review shows.
#[tauri::command]
pub async fn confirm_extract_review(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ExtractReview> {
    let (store, actor) = session.work().await.map_err(ui)?;
    extract::confirm_review(&store, &actor, request_id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn withhold_passage(
    session: State<'_, Arc<Session>>,
    request_id: i64,
    input: RedactionInput,
) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    extract::withhold(&store, &actor, request_id, &input, akta_core::today())
        .await
        .map_err(ui)
}

/// Progress of a register extract, sent to the window as `extract-progress`.
#[derive(Clone, serde::Serialize)]
struct ExtractProgress {
    done: u32,
    total: u32,
}

/// Makes the extract off the UI thread, reporting progress, and saves both documents
/// in the user's Downloads folder.
#[tauri::command]
pub async fn create_extract(
    app: tauri::AppHandle,
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<SavedExtract> {
    let dir = akta_core::export_dir();
    let (store, actor) = session.work().await.map_err(ui)?;
    let report = move |done: u32, total: u32| {
        let _ = app.emit("extract-progress", ExtractProgress { done, total });
    };
    let docs = extract::create_with_progress(
        &store,
        &actor,
        request_id,
        akta_core::today(),
        Review::Required,
        &report,
    )
    .await
    .map_err(ui)?;
    extract::save(docs, &dir).map_err(ui)
}

#[tauri::command]
pub async fn mark_extract_sent(
    session: State<'_, Arc<Session>>,
    request_id: i64,
    document_id: String,
    sent_to: String,
    sent_on: chrono::NaiveDate,
) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    let today = akta_core::today();
    extract::mark_sent(
        &store,
        &actor,
        request_id,
        &document_id,
        &sent_to,
        sent_on,
        today,
    )
    .await
    .map_err(ui)
}

#[tauri::command]
pub async fn rectify_person(
    session: State<'_, Arc<Session>>,
    person_id: i64,
    input: PersonInput,
    request_id: Option<i64>,
) -> Res<Person> {
    let (store, actor) = session.work().await.map_err(ui)?;
    rectify::rectify_person(
        &store,
        &actor,
        person_id,
        &input,
        request_id,
        akta_core::today(),
    )
    .await
    .map_err(ui)
}

#[tauri::command]
pub async fn person_rectifications(
    session: State<'_, Arc<Session>>,
    person_id: i64,
) -> Res<Vec<Rectification>> {
    let (store, _) = session.work().await.map_err(ui)?;
    rectify::history(&store, person_id).await.map_err(ui)
}

#[tauri::command]
pub async fn set_restriction(
    session: State<'_, Arc<Session>>,
    person_id: i64,
    restricted: bool,
) -> Res<Person> {
    let (store, actor) = session.work().await.map_err(ui)?;
    let today = akta_core::today();
    let on = restricted.then_some(today);
    rectify::set_restriction(&store, &actor, person_id, on, today)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn erase_person(
    session: State<'_, Arc<Session>>,
    request_id: i64,
) -> Res<ErasureStatement> {
    let (store, actor) = session.work().await.map_err(ui)?;
    erasure::erase(&store, &actor, request_id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn retention_preview(
    session: State<'_, Arc<Session>>,
    as_of: Option<chrono::NaiveDate>,
) -> Res<Preview> {
    let (store, actor) = session.work().await.map_err(ui)?;
    retention::preview(&store, &actor, as_of.unwrap_or_else(akta_core::today))
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn run_retention(session: State<'_, Arc<Session>>) -> Res<Receipt> {
    let (store, actor) = session.work().await.map_err(ui)?;
    retention::run(&store, &actor, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn retention_receipts(session: State<'_, Arc<Session>>) -> Res<Vec<Receipt>> {
    let (store, _) = session.work().await.map_err(ui)?;
    retention::receipts(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn retention_rules(session: State<'_, Arc<Session>>) -> Res<Vec<RetentionRule>> {
    let (store, _) = session.work().await.map_err(ui)?;
    retention::rules(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn set_retention_rule(
    session: State<'_, Arc<Session>>,
    code: String,
    months: i64,
    days: i64,
) -> Res<RetentionRule> {
    let (store, actor) = session.work().await.map_err(ui)?;
    retention::set_period(&store, &actor, &code, months, days)
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn legal_holds(session: State<'_, Arc<Session>>) -> Res<Vec<LegalHold>> {
    let (store, _) = session.work().await.map_err(ui)?;
    retention::holds(&store).await.map_err(ui)
}

#[tauri::command]
pub async fn add_legal_hold(session: State<'_, Arc<Session>>, input: HoldInput) -> Res<LegalHold> {
    let (store, actor) = session.work().await.map_err(ui)?;
    retention::add_hold(&store, &actor, &input, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn lift_legal_hold(session: State<'_, Arc<Session>>, id: i64) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    retention::lift_hold(&store, &actor, id, akta_core::today())
        .await
        .map_err(ui)
}

#[tauri::command]
pub async fn list_backups(session: State<'_, Arc<Session>>) -> Res<Vec<BackupInfo>> {
    let (store, actor) = session.work().await.map_err(ui)?;
    backup::list_for(&store, &actor).map_err(ui)
}

/// Makes a backup into the store's backup folder: sealed to the agency recovery
/// recipient when the store has one, else to the passphrase given (the store's own).
#[tauri::command]
pub async fn create_backup(
    session: State<'_, Arc<Session>>,
    passphrase: Option<String>,
) -> Res<String> {
    let (store, actor) = session.work().await.map_err(ui)?;
    let pass = passphrase.map(akta_core::crypto::Passphrase::new);
    backup::make(&store, &actor, pass.as_ref(), None)
        .await
        .map(|p| p.display().to_string())
        .map_err(ui)
}

/// Makes the hand-over package of a child's file and saves it (PDF and JSON) in the
/// user's Downloads folder.
#[tauri::command]
pub async fn offer_handover(session: State<'_, Arc<Session>>, child_id: i64) -> Res<SavedExtract> {
    let dir = akta_core::export_dir();
    let (store, actor) = session.work().await.map_err(ui)?;
    let offer = retention::offer_handover(&store, &actor, child_id, akta_core::today())
        .await
        .map_err(ui)?;
    extract::save_as(offer.documents, &dir, "Overlamning").map_err(ui)
}

#[tauri::command]
pub async fn decide_handover(
    session: State<'_, Arc<Session>>,
    id: i64,
    decision: String,
) -> Res<()> {
    let (store, actor) = session.work().await.map_err(ui)?;
    let today = akta_core::today();
    retention::decide_handover(&store, &actor, id, &decision, today, today)
        .await
        .map_err(ui)
}
