//! The catalogue of the store's tables: every table and column declared once, with the
//! kind of value it holds and the references between tables. The whole-store transfer
//! (`akta export` / `akta import`) reads it, and a test compares it with the schema the
//! migrations build, so that a new column nobody declared fails the build's tests.
//! The register extract, erasure and retention read the same catalogue: which rows are
//! about a person, how each column appears in an extract, what erasure does, and the
//! category, purposes and retention rule of each table's data.

use crate::audit::EntityKind;

/// What a column holds, as the transfer format writes it in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// The row's own id (`INTEGER PRIMARY KEY`): a reference within the file.
    Id,
    /// The id of a row in the named table.
    Ref(&'static str),
    /// Text (names, codes, free text).
    Text,
    /// One of a closed set of stored names, shown by its Swedish label.
    Closed(Closed),
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

/// The closed sets a column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    HomeKind,
    HomeStatus,
    MemberRole,
    Method,
    ItemKind,
    Register,
    Decision,
    EntryKind,
    ConcernStatus,
    Channel,
    RequestKind,
    RequestStatus,
    HoldKind,
    HandoverDecision,
    DocumentDirection,
    ContactKind,
    ParticipantRole,
    PlanPer,
    EvidenceKind,
    FactsKind,
    Recommendation,
    /// A column of the person registry, by name (what a rectification changed).
    PersonField,
}

impl Closed {
    /// The Swedish label of a stored value, if it belongs to the set.
    pub fn label(self, stored: &str) -> Option<&'static str> {
        use crate::label::SwedishLabel;
        match self {
            Closed::HomeKind => crate::foster_home::HomeKind::sv_of(stored),
            Closed::HomeStatus => crate::foster_home::HomeStatus::sv_of(stored),
            Closed::MemberRole => crate::foster_home::MemberRole::sv_of(stored),
            Closed::Method => crate::investigation::Method::sv_of(stored),
            Closed::ItemKind => crate::investigation::ItemKind::sv_of(stored),
            Closed::Register => crate::investigation::Register::sv_of(stored),
            Closed::Decision => crate::investigation::Decision::sv_of(stored),
            Closed::EntryKind => crate::journal::EntryKind::sv_of(stored),
            Closed::ConcernStatus => crate::concern::ConcernStatus::sv_of(stored),
            Closed::Channel => crate::concern::Channel::sv_of(stored),
            Closed::RequestKind => crate::rights::RequestKind::sv_of(stored),
            Closed::RequestStatus => crate::rights::RequestStatus::sv_of(stored),
            Closed::HoldKind => crate::retention::kinds::HoldKind::sv_of(stored),
            Closed::HandoverDecision => crate::retention::kinds::HandoverDecision::sv_of(stored),
            Closed::DocumentDirection => crate::document::Direction::sv_of(stored),
            Closed::ContactKind => crate::contact::ContactKind::sv_of(stored),
            Closed::ParticipantRole => crate::contact::ParticipantRole::sv_of(stored),
            Closed::PlanPer => crate::contact::PlanPer::sv_of(stored),
            Closed::EvidenceKind => crate::due::EvidenceKind::sv_of(stored),
            Closed::FactsKind => crate::investigation_report::FactsKind::sv_of(stored),
            Closed::Recommendation => crate::investigation_report::Recommendation::sv_of(stored),
            Closed::PersonField => table("persons")
                .and_then(|t| t.column(stored))
                .and_then(|c| match c.show {
                    Show::As(label) | Show::Text(label) | Show::Party(label) => Some(label),
                    Show::No => None,
                }),
        }
    }
}

/// How a column appears in a register extract (Art. 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Not shown: internal ids and bookkeeping.
    No,
    /// Shown under this Swedish label.
    As(&'static str),
    /// Free text under this label. It may name other persons, so the caseworker reviews
    /// it and the passages marked then are withheld (Art. 15(4)).
    Text(&'static str),
    /// Names another person (a reference to a person who is not the subject, or the
    /// reporter of a concern report): withheld unless it is the subject.
    Party(&'static str),
}

/// What an erasure request (Art. 17) does to a table's rows about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erasure {
    /// Deleted at once.
    Delete,
    /// Kept, because a law requires it; `basis` names the law, and the table's
    /// retention rule says until when.
    Keep { basis: &'static str },
    /// The person's own row: deleted when nothing kept refers to it; otherwise kept
    /// with these columns (contact data no law requires) cleared.
    Registry { clear: &'static [&'static str] },
    /// Not data about a data subject (profiles, organisations, the register itself).
    NotApplicable,
}

/// How long a table's rows are kept (the rules the retention engine enforces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Files about children and foster homes: two years after the file closes.
    CaseFile,
    /// The person registry: as long as a kept file or relationship needs the person.
    WhileNeeded,
    /// Consents and the processings they allow: until withdrawn, then with the file.
    Consent,
    /// Interest notices: until taken up, or at once when the person asks.
    UntilAskedOrTakenUp,
    /// Records of how rights were handled: with the person's files, at least as long as
    /// a complaint about the handling can be made.
    Accountability,
    /// Not personal data about a data subject.
    NotApplicable,
}

impl Retention {
    /// The rule as the extract states it, in Swedish.
    pub fn describe(self) -> &'static str {
        match self {
            Retention::CaseFile => {
                "Ärenden som rör barn och familjehem gallras två år efter att de avslutats."
            }
            Retention::WhileNeeded => {
                "Så länge uppgifterna behövs för ett pågående eller sparat ärende; därefter gallras de."
            }
            Retention::Consent => {
                "Tills samtycket återkallas; uppgiften om samtycket gallras med ärendet."
            }
            Retention::UntilAskedOrTakenUp => {
                "Tills intresset tas upp i en utredning, eller genast när du begär det."
            }
            Retention::Accountability => {
                "Med ärendet, och så länge hanteringen av din begäran kan behöva visas."
            }
            Retention::NotApplicable => "",
        }
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub value: Value,
    pub show: Show,
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
    /// The extract's Swedish heading for this table's rows.
    pub title: &'static str,
    /// The category of personal data, in Swedish (Art. 15(1)(b)).
    pub category: &'static str,
    /// The processings (codes in the register of processing) this data serves.
    pub processings: &'static [&'static str],
    /// Where the data comes from when not from the person (Art. 15(1)(g)).
    pub source: Option<&'static str>,
    /// Which rows are about person `?1`: an SQL condition on this table, or `None` for
    /// tables that hold no data about a data subject.
    pub subject: Option<&'static str>,
    /// Which rows belong to foster home `?1`'s file and go when retention purges it:
    /// an SQL condition on this table. Preview counts and purge deletes the same rows.
    pub home_file: Option<&'static str>,
    /// Which rows belong to placed child `?1`'s file (as `home_file`).
    pub child_file: Option<&'static str>,
    pub erasure: Erasure,
    pub retention: Retention,
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

mod tables;
pub use tables::TABLES;

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
    (
        "retention_receipts",
        "receipts of retention runs: rule ids, counts and hashes, no personal data",
    ),
];

/// Tables whose rows about a person go with the person's registry row (they describe
/// the person's own relation to the agency, not a file).
pub const OWNED_BY_PERSON: &[&str] = &[
    "consents",
    "person_processings",
    "person_rectifications",
    "legal_holds",
];

/// Tables that keep their rows when the person goes, with the link cleared (`ON DELETE
/// SET NULL`): the record of how a request or a hand-over was handled.
pub const UNLINKED_WHEN_PERSON_GOES: &[&str] = &["dsr_requests", "handovers"];

/// Whether any row outside the person's own tables (and the records that are unlinked
/// when the person goes) still refers to person `id`.
pub async fn person_referenced(conn: &mut sqlx::SqliteConnection, id: i64) -> crate::Result<bool> {
    for table in TABLES {
        if UNLINKED_WHEN_PERSON_GOES.contains(&table.name) || OWNED_BY_PERSON.contains(&table.name)
        {
            continue;
        }
        for col in table.columns {
            if col.value != Value::Ref("persons") {
                continue;
            }
            let sql = format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE {} = ?)",
                table.name, col.name
            );
            let found: bool = sqlx::query_scalar(&sql)
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            if found {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Catalogue tables a whole-store transfer leaves out, and why.
pub const NOT_TRANSFERRED: &[(&str, &str)] = &[
    (
        "dsr_redactions",
        "points at rows by this store's ids (table and row), which an import renumbers",
    ),
    (
        "dsr_reviews",
        "its checksum covers places by this store's ids (table and row), which an import renumbers",
    ),
    (
        "dsr_document_decisions",
        "part of an extract's review, like dsr_reviews: decided again on the new device",
    ),
];

/// The tables a whole-store transfer moves.
pub fn transferred() -> impl Iterator<Item = &'static Table> {
    TABLES
        .iter()
        .filter(|t| !NOT_TRANSFERRED.iter().any(|(n, _)| *n == t.name))
}

/// The table named `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
