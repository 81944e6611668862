//! The tables, one file per domain; [`TABLES`] lists them in order.

#[macro_use]
mod prelude;
mod casework;
mod consents;
mod documents;
mod follow_ups;
mod homes;
mod investigation_reports;
mod registry;
mod retention;
mod rights;
mod support;

use super::Table;

/// Every table that holds the agency's data, parents before the tables that refer to
/// them (the order in which an import writes them).
pub const TABLES: &[Table] = &[
    registry::ORGANISATIONS,
    registry::PERSONS,
    registry::USERS,
    registry::PROCESSING_ACTIVITIES,
    homes::FOSTER_HOMES,
    homes::FOSTER_HOME_MEMBERS,
    homes::FOSTER_HOME_STATUS_CHANGES,
    homes::INVESTIGATIONS,
    homes::INVESTIGATION_ITEMS,
    investigation_reports::REPORT_TEMPLATE_SECTIONS,
    investigation_reports::INVESTIGATION_REPORTS,
    investigation_reports::INVESTIGATION_REPORT_SECTIONS,
    homes::PLACEMENTS,
    casework::JOURNAL_ENTRIES,
    casework::INTEREST_NOTICES,
    casework::CONCERN_REPORTS,
    casework::CONCERN_REPORT_GUARDIANS,
    documents::DOCUMENT_TYPES,
    documents::DOCUMENTS,
    documents::DOCUMENT_PERSONS,
    support::CONTACT_THEMES,
    support::CONTACTS,
    support::CONTACT_PARTICIPANTS,
    support::CONTACT_ENTRY_THEMES,
    support::CONTACT_PLANS,
    support::TRAININGS,
    support::PLACEMENT_AGREEMENTS,
    support::MONTHLY_REPORTS,
    support::HOME_SURVEYS,
    follow_ups::EVIDENCE_CHECKS,
    consents::PERSON_PROCESSINGS,
    consents::CONSENTS,
    rights::DSR_REQUESTS,
    rights::DSR_REDACTIONS,
    rights::DSR_REVIEWS,
    rights::DSR_DISCLOSURES,
    rights::DSR_DOCUMENT_DECISIONS,
    rights::DSR_DISCLOSED_DOCUMENTS,
    rights::PERSON_RECTIFICATIONS,
    follow_ups::FOLLOW_UPS,
    follow_ups::FOLLOW_UP_POSTPONEMENTS,
    retention::RETENTION_RULES,
    retention::LEGAL_HOLDS,
    retention::HANDOVERS,
];
