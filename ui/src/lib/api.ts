// Typed calls to Akta's Tauri commands. Argument and result types are generated from
// Rust (ui/src/bindings); the command names are the ones listed in src-tauri/commands.txt.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Person } from '../bindings/Person';
import type { Relations } from '../bindings/Relations';
import type { PersonInput } from '../bindings/PersonInput';
import type { ContactInput } from '../bindings/ContactInput';
import type { ProfileRules } from '../bindings/ProfileRules';
import type { PersonPage } from '../bindings/PersonPage';
import type { PersonSort } from '../bindings/PersonSort';
import type { SessionStatus } from '../bindings/SessionStatus';
import type { Settings } from '../bindings/Settings';
import type { User } from '../bindings/User';
import type { FosterHome } from '../bindings/FosterHome';
import type { FosterHomeFile } from '../bindings/FosterHomeFile';
import type { FosterHomeInput } from '../bindings/FosterHomeInput';
import type { FosterHomeSummary } from '../bindings/FosterHomeSummary';
import type { MemberRole } from '../bindings/MemberRole';
import type { Organisation } from '../bindings/Organisation';
import type { StatusChangeInput } from '../bindings/StatusChangeInput';
import type { EntryInput } from '../bindings/EntryInput';
import type { EntryKind } from '../bindings/EntryKind';
import type { JournalEntry } from '../bindings/JournalEntry';
import type { JournalFile } from '../bindings/JournalFile';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchOrder } from '../bindings/SearchOrder';
import type { ContactTheme } from '../bindings/ContactTheme';
import type { HomeContactInput } from '../bindings/HomeContactInput';
import type { EndPlacementInput } from '../bindings/EndPlacementInput';
import type { Placement } from '../bindings/Placement';
import type { PlacementInput } from '../bindings/PlacementInput';
import type { DecisionInput } from '../bindings/DecisionInput';
import type { DetailsInput } from '../bindings/DetailsInput';
import type { Investigation } from '../bindings/Investigation';
import type { ItemInput } from '../bindings/ItemInput';
import type { Method } from '../bindings/Method';
import type { InterestNotice } from '../bindings/InterestNotice';
import type { ConcernInput } from '../bindings/ConcernInput';
import type { Inbox } from '../bindings/Inbox';
import type { Lang } from '../bindings/Lang';
import type { Consent } from '../bindings/Consent';
import type { ConsentInput } from '../bindings/ConsentInput';
import type { PersonConsents } from '../bindings/PersonConsents';
import type { ProcessingActivity } from '../bindings/ProcessingActivity';
import type { ConcernReport } from '../bindings/ConcernReport';
import type { ConcernStep } from '../bindings/ConcernStep';
import type { DraftAllOutcome } from '../bindings/DraftAllOutcome';
import type { MonthlyReport } from '../bindings/MonthlyReport';
import type { ReportSections } from '../bindings/ReportSections';
import type { InterestNoticeInput } from '../bindings/InterestNoticeInput';
import type { TakeUpPlan } from '../bindings/TakeUpPlan';
import type { HomeKind } from '../bindings/HomeKind';
import type { UserInput } from '../bindings/UserInput';
import type { Request } from '../bindings/Request';
import type { RequestInput } from '../bindings/RequestInput';
import type { ExtensionInput } from '../bindings/ExtensionInput';
import type { CompletionInput } from '../bindings/CompletionInput';
import type { ExtractReview } from '../bindings/ExtractReview';
import type { DocumentDecisionInput } from '../bindings/DocumentDecisionInput';
import type { ReviewDocument } from '../bindings/ReviewDocument';
import type { RedactionInput } from '../bindings/RedactionInput';
import type { SavedExtract } from '../bindings/SavedExtract';
import type { Rectification } from '../bindings/Rectification';
import type { ErasureStatement } from '../bindings/ErasureStatement';
import type { Preview } from '../bindings/Preview';
import type { Receipt } from '../bindings/Receipt';
import type { RetentionRule } from '../bindings/RetentionRule';
import type { LegalHold } from '../bindings/LegalHold';
import type { HoldInput } from '../bindings/HoldInput';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { SaveKind } from '../bindings/SaveKind';
import type { Document } from '../bindings/Document';
import type { DocumentDescription } from '../bindings/DocumentDescription';
import type { DocumentInput } from '../bindings/DocumentInput';
import type { DocumentOwner } from '../bindings/DocumentOwner';
import type { DocumentType } from '../bindings/DocumentType';
import type { PickedFile } from '../bindings/PickedFile';
import type { Training } from '../bindings/Training';
import type { TrainingInput } from '../bindings/TrainingInput';
import type { TrainingYear } from '../bindings/TrainingYear';
import type { CheckInput } from '../bindings/CheckInput';
import type { EvidenceCheck } from '../bindings/EvidenceCheck';
import type { FollowUp } from '../bindings/FollowUp';
import type { FollowUpInput } from '../bindings/FollowUpInput';
import type { FollowUpSubject } from '../bindings/FollowUpSubject';
import type { Agreement } from '../bindings/Agreement';
import type { AgreementInput } from '../bindings/AgreementInput';
import type { Survey } from '../bindings/Survey';
import type { SurveyInput } from '../bindings/SurveyInput';
import type { SurveySummary } from '../bindings/SurveySummary';
import type { BehindHome } from '../bindings/BehindHome';
import type { HomePlanGlance } from '../bindings/HomePlanGlance';
import type { PlanInput } from '../bindings/PlanInput';
import type { PlanLine } from '../bindings/PlanLine';
import type { InvestigationReport } from '../bindings/InvestigationReport';
import type { ReportSave } from '../bindings/ReportSave';
import type { ReportVersion } from '../bindings/ReportVersion';
import type { Template } from '../bindings/Template';
import type { TemplateSection } from '../bindings/TemplateSection';

export const LOCKED_EVENT = 'akta://locked';
export const EXTRACT_PROGRESS_EVENT = 'extract-progress';
/** Files dropped on the window: a token and a name each (src-tauri/src/commands/documents.rs). */
export const FILES_DROPPED_EVENT = 'akta://files-dropped';

export const api = {
  sessionStatus: () => invoke<SessionStatus>('session_status'),
  createStore: (passphrase: string, demo: boolean) => invoke<SessionStatus>('create_store', { passphrase, demo }),
  unlockKeychain: () => invoke<SessionStatus>('unlock_keychain'),
  unlockPassphrase: (passphrase: string) => invoke<SessionStatus>('unlock_passphrase', { passphrase }),
  lock: () => invoke<SessionStatus>('lock_store'),
  touch: () => invoke<void>('touch'),
  saveSettings: (settings: Settings) => invoke<SessionStatus>('save_settings', { settings }),
  listUsers: () => invoke<User[]>('list_users'),
  /** `recoveryIdentity`: the agency's identity text, vouching for a data-protection profile. */
  createUser: (input: UserInput, recoveryIdentity: string | null = null) =>
    invoke<SessionStatus>('create_user', { input, recoveryIdentity }),
  profileRules: () => invoke<ProfileRules>('profile_rules'),
  selectUser: (id: number) => invoke<SessionStatus>('select_user', { id }),
  /** The first `limit` matching persons (all when null) in the order `sort` (by name when null), and how many matched. */
  listPersons: (query: string | null, limit: number | null, sort: PersonSort | null = null) =>
    invoke<PersonPage>('list_persons', { query, limit, sort }),
  getPerson: (id: number) => invoke<Person>('get_person', { id }),
  personRelations: (id: number) => invoke<Relations>('person_relations', { id }),
  addPerson: (input: PersonInput) => invoke<Person>('add_person', { input }),
  /** An everyday edit of contact details (audited as an update; not a rectification). */
  updatePersonContact: (id: number, input: ContactInput) => invoke<Person>('update_person_contact', { id, input }),
  listHomes: () => invoke<FosterHomeSummary[]>('list_homes'),
  getHome: (id: number) => invoke<FosterHomeFile>('get_home', { id }),
  addHome: (input: FosterHomeInput) => invoke<FosterHome>('add_home', { input }),
  changeHomeStatus: (id: number, change: StatusChangeInput) => invoke<FosterHome>('change_home_status', { id, change }),
  updateHome: (id: number, input: FosterHomeInput) => invoke<FosterHome>('update_home', { id, input }),
  /** The member leaves the home on `leftOn` (YYYY-MM-DD); she stays in its history. */
  removeHomeMember: (id: number, personId: number, leftOn: string) =>
    invoke<void>('remove_home_member', { id, personId, leftOn }),
  addHomeMember: (id: number, personId: number, role: MemberRole) =>
    invoke<void>('add_home_member', { id, personId, role }),
  listOrganisations: () => invoke<Organisation[]>('list_organisations'),
  listJournal: (file: JournalFile) => invoke<JournalEntry[]>('list_journal', { file }),
  createJournalEntry: (file: JournalFile, kind: EntryKind, input: EntryInput) =>
    invoke<JournalEntry>('create_journal_entry', { file, kind, input }),
  updateJournalEntry: (id: number, input: EntryInput) => invoke<JournalEntry>('update_journal_entry', { id, input }),
  signJournalEntry: (id: number) => invoke<JournalEntry>('sign_journal_entry', { id }),
  amendJournalEntry: (id: number, input: EntryInput) => invoke<JournalEntry>('amend_journal_entry', { id, input }),
  searchJournals: (query: string, order: SearchOrder = 'newest') => invoke<SearchHit[]>('search_journals', { query, order }),
  /** A home's contacts (journal entries with their structure), newest first. Signed with signJournalEntry. */
  contactsList: (homeId: number) => invoke<JournalEntry[]>('contacts_list', { homeId }),
  contactAdd: (input: HomeContactInput) => invoke<JournalEntry>('contact_add', { input }),
  contactUpdate: (id: number, input: HomeContactInput) => invoke<JournalEntry>('contact_update', { id, input }),
  contactThemes: () => invoke<ContactTheme[]>('contact_themes'),
  contactAddTheme: (label: string) => invoke<ContactTheme>('contact_add_theme', { label }),
  homePlacements: (homeId: number) => invoke<Placement[]>('home_placements', { homeId }),
  childPlacements: (childId: number) => invoke<Placement[]>('child_placements', { childId }),
  placeChild: (input: PlacementInput) => invoke<Placement>('place_child', { input }),
  endPlacement: (id: number, input: EndPlacementInput) => invoke<Placement>('end_placement', { id, input }),
  homeInvestigations: (homeId: number) => invoke<Investigation[]>('home_investigations', { homeId }),
  startInvestigation: (homeId: number, method: Method, startedOn: string) =>
    invoke<Investigation>('start_investigation', { homeId, method, startedOn }),
  addInvestigationItem: (id: number, input: ItemInput) => invoke<Investigation>('add_investigation_item', { id, input }),
  updateInvestigationDetails: (id: number, input: DetailsInput) =>
    invoke<Investigation>('update_investigation_details', { id, input }),
  decideInvestigation: (id: number, input: DecisionInput) => invoke<Investigation>('decide_investigation', { id, input }),
  listNotices: () => invoke<InterestNotice[]>('list_notices'),
  addNotice: (input: InterestNoticeInput) => invoke<InterestNotice>('add_notice', { input }),
  planNoticeTakeUp: (id: number) => invoke<TakeUpPlan>('plan_notice_take_up', { id }),
  takeUpNotice: (id: number, kind: HomeKind) => invoke<number>('take_up_notice', { id, kind }),
  deleteNotice: (id: number) => invoke<void>('delete_notice', { id }),
  listConcerns: () => invoke<ConcernReport[]>('list_concerns'),
  createConcern: (input: ConcernInput) => invoke<ConcernReport>('create_concern', { input }),
  advanceConcern: (id: number, step: ConcernStep) => invoke<ConcernReport>('advance_concern', { id, step }),
  /** Saves the PDF at `path`, a place `chooseSavePath('concern_pdf')` returned. */
  saveConcernPdf: (id: number, path: string) => invoke<string>('save_concern_pdf', { id, path }),
  /** Monthly reports of a placement and/or a month (`YYYY-MM`). */
  reportsList: (placement: number | null, month: string | null) =>
    invoke<MonthlyReport[]>('reports_list', { placement, month }),
  reportDraft: (placementId: number, month: string) => invoke<MonthlyReport>('report_draft', { placementId, month }),
  /** Drafts the month's report for every placement that ran in it and has none yet. */
  reportDraftAll: (month: string) => invoke<DraftAllOutcome>('report_draft_all', { month }),
  reportUpdate: (id: number, sections: ReportSections) => invoke<MonthlyReport>('report_update', { id, sections }),
  reportSign: (id: number) => invoke<MonthlyReport>('report_sign', { id }),
  /** Saves the signed report's PDF at `path`, a place `chooseSavePath('monthly_report')` returned. */
  reportSavePdf: (id: number, path: string) => invoke<string>('report_save_pdf', { id, path }),
  reportMarkSent: (id: number, sentOn: string, sentTo: string) =>
    invoke<MonthlyReport>('report_mark_sent', { id, sentOn, sentTo }),
  /** The investigation's open draft of its written report, made if there is none
   * (version 1 from the method's template, or the next version after a signed one). */
  investigationReportDraft: (investigationId: number) =>
    invoke<InvestigationReport>('investigation_report_draft', { investigationId }),
  investigationReportGet: (id: number) => invoke<InvestigationReport>('investigation_report_get', { id }),
  /** The versions of the investigation's written report, oldest first ([]: none written). */
  investigationReportVersions: (investigationId: number) =>
    invoke<ReportVersion[]>('investigation_report_versions', { investigationId }),
  /** Autosave: the sections given (the others stay), the co-investigator and the recommendation. */
  investigationReportSave: (id: number, input: ReportSave) =>
    invoke<InvestigationReport>('investigation_report_save', { id, input }),
  investigationReportSign: (id: number, justification: string | null) =>
    invoke<InvestigationReport>('investigation_report_sign', { id, justification }),
  /** Saves the signed version's PDF at `path`, a place `chooseSavePath('investigation_report')` returned. */
  investigationReportSavePdf: (id: number, path: string) => invoke<string>('investigation_report_save_pdf', { id, path }),
  /** Records the signed version as sent on `on` (YYYY-MM-DD) to a municipality (an organisation of kind kommun). */
  investigationReportMarkSent: (id: number, on: string, municipalityId: number) =>
    invoke<InvestigationReport>('investigation_report_mark_sent', { id, on, municipalityId }),
  reportTemplateGet: (method: Method) => invoke<Template>('report_template_get', { method }),
  reportTemplateSet: (method: Method, sections: TemplateSection[]) =>
    invoke<Template>('report_template_set', { method, sections }),
  reportTemplateReset: (method: Method) => invoke<Template>('report_template_reset', { method }),
  /** The inbox of bevakningar as of `asOf` (`YYYY-MM-DD`; default today). */
  dueInbox: (asOf: string | null = null) => invoke<Inbox>('due_inbox', { asOf }),
  /** Asks Rust to show the desktop notification of how many are due (the text is made
   * there from the counts; nothing is passed but the language). */
  dueNotify: (lang: Lang) => invoke<void>('due_notify', { lang }),
  processingActivities: () => invoke<ProcessingActivity[]>('processing_activities'),
  personConsents: (personId: number) => invoke<PersonConsents>('person_consents', { personId }),
  giveConsent: (input: ConsentInput) => invoke<Consent>('give_consent', { input }),
  withdrawConsent: (id: number, withdrawnOn: string) => invoke<Consent>('withdraw_consent', { id, withdrawnOn }),
  listRequests: () => invoke<Request[]>('list_requests'),
  getRequest: (id: number) => invoke<Request>('get_request', { id }),
  personRequests: (personId: number) => invoke<Request[]>('person_requests', { personId }),
  createRequest: (input: RequestInput) => invoke<Request>('create_request', { input }),
  verifyRequestIdentity: (id: number, method: string, on: string) =>
    invoke<Request>('verify_request_identity', { id, method, on }),
  extendRequest: (id: number, input: ExtensionInput) => invoke<Request>('extend_request', { id, input }),
  completeRequest: (id: number, input: CompletionInput) => invoke<Request>('complete_request', { id, input }),
  reviewExtract: (requestId: number) => invoke<ExtractReview>('review_extract', { requestId }),
  confirmExtractReview: (requestId: number) => invoke<ExtractReview>('confirm_extract_review', { requestId }),
  withholdPassage: (requestId: number, input: RedactionInput) => invoke<void>('withhold_passage', { requestId, input }),
  /** Includes a copy of a document about the person in the extract, or withholds it with a reason. */
  decideExtractDocument: (requestId: number, input: DocumentDecisionInput) =>
    invoke<ReviewDocument[]>('decide_extract_document', { requestId, input }),
  /** Makes the extract and saves it at `path` (and its JSON beside it), a place `chooseSavePath('extract')` returned. */
  createExtract: (requestId: number, path: string) => invoke<SavedExtract>('create_extract', { requestId, path }),
  markExtractSent: (requestId: number, documentId: string, sentTo: string, sentOn: string) =>
    invoke<void>('mark_extract_sent', { requestId, documentId, sentTo, sentOn }),
  rectifyPerson: (personId: number, input: PersonInput, requestId: number | null) =>
    invoke<Person>('rectify_person', { personId, input, requestId }),
  personRectifications: (personId: number) => invoke<Rectification[]>('person_rectifications', { personId }),
  setRestriction: (personId: number, restricted: boolean) => invoke<Person>('set_restriction', { personId, restricted }),
  previewErasure: (requestId: number) => invoke<ErasureStatement>('preview_erasure', { requestId }),
  erasePerson: (requestId: number) => invoke<ErasureStatement>('erase_person', { requestId }),
  retentionPreview: (asOf: string | null = null) => invoke<Preview>('retention_preview', { asOf }),
  runRetention: () => invoke<Receipt>('run_retention'),
  retentionReceipts: () => invoke<Receipt[]>('retention_receipts'),
  retentionRules: () => invoke<RetentionRule[]>('retention_rules'),
  setRetentionRule: (code: string, months: number, days: number) =>
    invoke<RetentionRule>('set_retention_rule', { code, months, days }),
  legalHolds: () => invoke<LegalHold[]>('legal_holds'),
  addLegalHold: (input: HoldInput) => invoke<LegalHold>('add_legal_hold', { input }),
  liftLegalHold: (id: number) => invoke<void>('lift_legal_hold', { id }),
  /** Makes the hand-over package and saves it at `path`, a place `chooseSavePath('handover')` returned. */
  offerHandover: (childId: number, path: string) => invoke<SavedExtract>('offer_handover', { childId, path }),
  decideHandover: (id: number, decision: 'confirmed' | 'declined') => invoke<void>('decide_handover', { id, decision }),
  listBackups: () => invoke<BackupInfo[]>('list_backups'),
  /** A backup into the store's own folder, or (with `path` from `chooseSavePath('backup')`) at the place chosen. */
  createBackup: (passphrase: string | null, path: string | null = null) =>
    invoke<string>('create_backup', { passphrase, path }),
  /** The native save dialog with a proposed name without personal data; null when cancelled. */
  chooseSavePath: (kind: SaveKind) => invoke<string | null>('choose_save_path', { kind }),
  /** "Visa i mappen" for a file the app saved. */
  revealSavedFile: (path: string) => invoke<void>('reveal_saved_file', { path }),
  onExtractProgress: (handler: (p: { done: number; total: number }) => void): Promise<UnlistenFn> =>
    listen<{ done: number; total: number }>(EXTRACT_PROGRESS_EVENT, (e) => handler(e.payload)),
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen(LOCKED_EVENT, handler),
  documentsList: (owner: DocumentOwner) => invoke<Document[]>('documents_list', { owner }),
  documentTypes: () => invoke<DocumentType[]>('document_types'),
  /** The native open dialog (several files): a token and a name each, never a place; [] when cancelled. */
  documentChooseFiles: () => invoke<PickedFile[]>('document_choose_files'),
  /** Adds the chosen or dropped file `token` as a document. */
  documentAdd: (token: number, input: DocumentInput) => invoke<Document>('document_add', { token, input }),
  /** Removes the original of an added file from the disk (only when the user asks). */
  documentRemoveOriginal: (token: number) => invoke<void>('document_remove_original', { token }),
  /** The document's bytes for the viewer (audited as read); nothing is written to disk. */
  documentOpen: (id: number) => invoke<ArrayBuffer>('document_open', { id }),
  /** The save dialog for a copy, proposing `dokument-<id>.<ext>`; null when cancelled. */
  documentChooseSavePath: (id: number) => invoke<string | null>('document_choose_save_path', { id }),
  /** Saves a copy at `path`, a place `documentChooseSavePath(id)` returned. */
  documentSaveCopy: (id: number, path: string) => invoke<string>('document_save_copy', { id, path }),
  documentUpdate: (id: number, change: DocumentDescription) => invoke<Document>('document_update', { id, change }),
  documentMarkSent: (id: number, sentOn: string) => invoke<Document>('document_mark_sent', { id, sentOn }),
  documentDelete: (id: number) => invoke<void>('document_delete', { id }),
  /** A home's training rows (in `year`, or all years), newest first. */
  homeTrainings: (homeId: number, year: number | null = null) => invoke<Training[]>('home_trainings', { homeId, year }),
  /** A home's training occasions in `year` against the agency's target. */
  homeTrainingYear: (homeId: number, year: number) => invoke<TrainingYear>('home_training_year', { homeId, year }),
  addTraining: (input: TrainingInput) => invoke<Training>('add_training', { input }),
  deleteTraining: (id: number) => invoke<void>('delete_training', { id }),
  /** A home's renewed checks (register extracts, health declarations), the latest first. */
  homeChecks: (homeId: number) => invoke<EvidenceCheck[]>('home_checks', { homeId }),
  addCheck: (homeId: number, input: CheckInput) => invoke<EvidenceCheck>('add_check', { homeId, input }),
  deleteCheck: (id: number) => invoke<void>('delete_check', { id }),
  /** A home's, person's, placement's, investigation's or request's bevakningar set by hand: open by date, then done. */
  listFollowUps: (subject: FollowUpSubject) => invoke<FollowUp[]>('list_follow_ups', { subject }),
  addFollowUp: (input: FollowUpInput) => invoke<FollowUp>('add_follow_up', { input }),
  /** Marks a bevakning done today. */
  followUpDone: (id: number) => invoke<FollowUp>('follow_up_done', { id }),
  /** Moves a bevakning to a later date (`YYYY-MM-DD`), with the reason. */
  postponeFollowUp: (id: number, toOn: string, reason: string) => invoke<FollowUp>('postpone_follow_up', { id, toOn, reason }),
  removeFollowUp: (id: number) => invoke<void>('remove_follow_up', { id }),
  placementAgreements: (placementId: number) => invoke<Agreement[]>('placement_agreements', { placementId }),
  addAgreement: (placementId: number, input: AgreementInput) => invoke<Agreement>('add_agreement', { placementId, input }),
  updateAgreement: (id: number, input: AgreementInput) => invoke<Agreement>('update_agreement', { id, input }),
  homeSurveys: (homeId: number) => invoke<Survey[]>('home_surveys', { homeId }),
  recordSurvey: (input: SurveyInput) => invoke<Survey>('record_survey', { input }),
  /** The agency's egenkontroll summary of `year`: no home named (data-protection profile only). */
  surveySummary: (year: number) => invoke<SurveySummary>('survey_summary', { year }),
  /** Saves the summary's PDF at `path`, a place `chooseSavePath('survey_summary')` returned. */
  saveSurveySummaryPdf: (year: number, path: string) => invoke<string>('save_survey_summary_pdf', { year, path }),
  /** A home's contact plan (its own lines and its placements'), with this month's and year's progress. */
  planGlance: (homeId: number) => invoke<HomePlanGlance>('plan_glance', { homeId }),
  planAdd: (input: PlanInput) => invoke<PlanLine>('plan_add', { input }),
  /** Ends a plan line: `on` (YYYY-MM-DD) is the last day it holds; the line stays as history. */
  planEnd: (id: number, on: string) => invoke<PlanLine>('plan_end', { id, on }),
  /** The active homes whose contact plan is behind (no personal data beyond the home's name). */
  plansBehind: () => invoke<BehindHome[]>('plans_behind'),
  onFilesDropped: (handler: (files: PickedFile[]) => void): Promise<UnlistenFn> =>
    listen<PickedFile[]>(FILES_DROPPED_EVENT, (e) => handler(e.payload)),
};
