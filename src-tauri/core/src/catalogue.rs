//! The catalogue of the store's tables: every table and column declared once, with the
//! kind of value it holds and the references between tables. The whole-store transfer
//! (`akta export` / `akta import`) reads it, and a test compares it with the schema the
//! migrations build, so that a new column nobody declared fails the build's tests.
//! The data-subject rights and retention code read the same catalogue.

use crate::audit::EntityKind;

/// What a column holds, as the transfer format writes it in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// The row's own id (`INTEGER PRIMARY KEY`): a reference within the file.
    Id,
    /// The id of a row in the named table.
    Ref(&'static str),
    /// Text (names, codes, enum values, free text).
    Text,
    /// A whole number.
    Int,
    /// `true` / `false` (stored as 0 / 1).
    Bool,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A point in time, RFC 3339 with offset.
    Timestamp,
    /// A personnummer or samordningsnummer: 12 digits as stored; any written form is
    /// accepted on import.
    PersonalNumber,
    /// An organisationsnummer: 10 digits as stored; any written form accepted on import.
    OrgNumber,
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub value: Value,
}

/// One table of the store.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// A column that identifies a row across stores (a personnummer, a code): on import
    /// a row whose key is already in the store is that row, not a new one.
    pub natural_key: Option<&'static str>,
    /// The audit log's name for a row of this table (tables of links between rows have
    /// none: they belong to their parent's file).
    pub entity: Option<EntityKind>,
}

impl Table {
    /// The table's id column, if it has one.
    pub fn has_id(&self) -> bool {
        self.columns.iter().any(|c| c.value == Value::Id)
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

const fn c(name: &'static str, value: Value) -> Column {
    Column { name, value }
}

use Value::*;

/// Every table that holds the agency's data, parents before the tables that refer to
/// them (the order in which an import writes them).
pub const TABLES: &[Table] = &[
    Table {
        name: "organisations",
        columns: &[
            c("id", Id),
            c("org_number", OrgNumber),
            c("name", Text),
            c("kind", Text),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: Some("org_number"),
        entity: Some(EntityKind::Organisation),
    },
    Table {
        name: "persons",
        columns: &[
            c("id", Id),
            c("personal_number", PersonalNumber),
            c("number_kind", Text),
            c("given_name", Text),
            c("family_name", Text),
            c("email", Text),
            c("phone", Text),
            c("street_address", Text),
            c("postal_code", Text),
            c("city", Text),
            c("protected_identity", Bool),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: Some("personal_number"),
        entity: Some(EntityKind::Person),
    },
    Table {
        name: "users",
        columns: &[
            c("id", Id),
            c("name", Text),
            c("title", Text),
            c("role", Text),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: Some("name"),
        entity: Some(EntityKind::User),
    },
    Table {
        name: "processing_activities",
        columns: &[
            c("id", Id),
            c("code", Text),
            c("purpose", Text),
            c("legal_basis", Text),
            c("data_categories", Text),
            c("recipients", Text),
            c("retention", Text),
        ],
        natural_key: Some("code"),
        entity: None,
    },
    Table {
        name: "foster_homes",
        columns: &[
            c("id", Id),
            c("name", Text),
            c("kind", Text),
            c("status", Text),
            c("street_address", Text),
            c("postal_code", Text),
            c("city", Text),
            c("municipality_id", Ref("organisations")),
            c("closed_on", Date),
            c("closed_reason", Text),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::FosterHome),
    },
    Table {
        name: "foster_home_members",
        columns: &[
            c("home_id", Ref("foster_homes")),
            c("person_id", Ref("persons")),
            c("role", Text),
        ],
        natural_key: None,
        entity: None,
    },
    Table {
        name: "foster_home_status_changes",
        columns: &[
            c("id", Id),
            c("home_id", Ref("foster_homes")),
            c("from_status", Text),
            c("to_status", Text),
            c("on_date", Date),
            c("reason", Text),
            c("user_id", Ref("users")),
            c("at", Timestamp),
        ],
        natural_key: None,
        entity: None,
    },
    Table {
        name: "investigations",
        columns: &[
            c("id", Id),
            c("home_id", Ref("foster_homes")),
            c("round", Int),
            c("method", Text),
            c("started_on", Date),
            c("bra_fam_on", Date),
            c("health_declaration_on", Date),
            c("summary_assessment", Text),
            c("decision", Text),
            c("decision_on", Date),
            c("decided_by", Ref("users")),
            c("missing_items_reason", Text),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::Investigation),
    },
    Table {
        name: "investigation_items",
        columns: &[
            c("id", Id),
            c("investigation_id", Ref("investigations")),
            c("kind", Text),
            c("person_id", Ref("persons")),
            c("register", Text),
            c("done_on", Date),
            c("note", Text),
            c("created_at", Timestamp),
        ],
        natural_key: None,
        entity: None,
    },
    Table {
        name: "placements",
        columns: &[
            c("id", Id),
            c("child_id", Ref("persons")),
            c("home_id", Ref("foster_homes")),
            c("municipality_id", Ref("organisations")),
            c("start_date", Date),
            c("end_date", Date),
            c("end_reason", Text),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::Placement),
    },
    Table {
        name: "journal_entries",
        columns: &[
            c("id", Id),
            c("home_id", Ref("foster_homes")),
            c("child_id", Ref("persons")),
            c("kind", Text),
            c("event_date", Date),
            c("text", Text),
            c("author_id", Ref("users")),
            c("amends_id", Ref("journal_entries")),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
            c("signed_at", Timestamp),
            c("signed_by", Ref("users")),
        ],
        natural_key: None,
        entity: Some(EntityKind::JournalEntry),
    },
    Table {
        name: "interest_notices",
        columns: &[
            c("id", Id),
            c("given_name", Text),
            c("family_name", Text),
            c("email", Text),
            c("phone", Text),
            c("city", Text),
            c("message", Text),
            c("received_on", Date),
            c("home_id", Ref("foster_homes")),
            c("created_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::InterestNotice),
    },
    Table {
        name: "concern_reports",
        columns: &[
            c("id", Id),
            c("child_id", Ref("persons")),
            c("municipality_id", Ref("organisations")),
            c("observed", Text),
            c("hearsay", Text),
            c("guardians_informed", Bool),
            c("guardians_not_informed_reason", Text),
            c("reporter_id", Ref("users")),
            c("reporter_phone", Text),
            c("reporter_email", Text),
            c("status", Text),
            c("sent_on", Date),
            c("channel", Text),
            c("receipt_on", Date),
            c("feedback_on", Date),
            c("created_at", Timestamp),
            c("updated_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::ConcernReport),
    },
    Table {
        name: "concern_report_guardians",
        columns: &[
            c("report_id", Ref("concern_reports")),
            c("person_id", Ref("persons")),
        ],
        natural_key: None,
        entity: None,
    },
    Table {
        name: "person_processings",
        columns: &[
            c("person_id", Ref("persons")),
            c("activity_id", Ref("processing_activities")),
        ],
        natural_key: None,
        entity: None,
    },
    Table {
        name: "consents",
        columns: &[
            c("id", Id),
            c("person_id", Ref("persons")),
            c("activity_id", Ref("processing_activities")),
            c("given_on", Date),
            c("evidence", Text),
            c("withdrawn_on", Date),
            c("created_at", Timestamp),
        ],
        natural_key: None,
        entity: Some(EntityKind::Consent),
    },
];

/// Tables of the store that hold no data of their own to move or extract, and why.
pub const INTERNAL_TABLES: &[(&str, &str)] = &[
    (
        "audit_events",
        "this device's audit log: ids and actions only, chained on this device",
    ),
    ("audit_head", "the audit chain's head"),
    (
        "journal_fts",
        "full-text index of journal_entries.text, kept by triggers",
    ),
    ("_sqlx_migrations", "schema version bookkeeping"),
];

/// The table named `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
