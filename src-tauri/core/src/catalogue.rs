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

const fn c(name: &'static str, value: Value, show: Show) -> Column {
    Column { name, value, show }
}

use crate::catalogue::Closed as K;
use Show::{As, No, Party, Text as FreeText};
use Value::*;

/// The homes person `?1` is a member of.
macro_rules! homes_of_subject {
    () => {
        "(SELECT home_id FROM foster_home_members WHERE person_id = ?1)"
    };
}

/// The concern reports about person `?1`, or naming them as guardian.
macro_rules! reports_of_subject {
    () => {
        "(SELECT id FROM concern_reports WHERE child_id = ?1
          UNION SELECT report_id FROM concern_report_guardians WHERE person_id = ?1)"
    };
}

const SOCIAL_SERVICES_LAW: &str = "Rättslig förpliktelse: dokumentationsskyldighet i socialtjänstlagen (11 kap. 5 § och 7 kap. 3 § SoL)";

/// Every table that holds the agency's data, parents before the tables that refer to
/// them (the order in which an import writes them).
pub const TABLES: &[Table] = &[
    Table {
        name: "organisations",
        columns: &[
            c("id", Id, No),
            c("org_number", OrgNumber, As("Organisationsnummer")),
            c("name", Text, As("Namn")),
            c("kind", Text, No),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: Some("org_number"),
        entity: Some(EntityKind::Organisation),
        title: "Organisationer",
        category: "Organisationsuppgifter",
        processings: &["kundservice"],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::NotApplicable,
    },
    Table {
        name: "persons",
        columns: &[
            c("id", Id, No),
            c("personal_number", PersonalNumber, As("Person- eller samordningsnummer")),
            c("number_kind", Text, No),
            c("given_name", Text, As("Förnamn")),
            c("family_name", Text, As("Efternamn")),
            c("email", Text, As("E-post")),
            c("phone", Text, As("Telefon")),
            c("street_address", Text, As("Gatuadress")),
            c("postal_code", Text, As("Postnummer")),
            c("city", Text, As("Ort")),
            c("protected_identity", Bool, As("Skyddad identitet")),
            c("created_at", Timestamp, As("Registrerad")),
            c("updated_at", Timestamp, No),
            c("restricted_on", Date, As("Behandlingen begränsad sedan")),
        ],
        natural_key: Some("personal_number"),
        entity: Some(EntityKind::Person),
        title: "Person- och kontaktuppgifter",
        category: "Identitets- och kontaktuppgifter (namn, person- eller samordningsnummer, adress, telefon, e-post)",
        processings: &["administration", "vardverksamhet"],
        source: None,
        subject: Some("id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Registry {
            clear: &["email", "phone", "street_address", "postal_code", "city"],
        },
        retention: Retention::WhileNeeded,
    },
    Table {
        name: "users",
        columns: &[
            c("id", Id, No),
            c("name", Text, No),
            c("title", Text, No),
            c("role", Text, No),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: Some("name"),
        entity: Some(EntityKind::User),
        title: "Användare",
        category: "Personalens användarprofiler",
        processings: &["administration"],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::NotApplicable,
    },
    Table {
        name: "processing_activities",
        columns: &[
            c("id", Id, No),
            c("code", Text, No),
            c("purpose", Text, As("Ändamål")),
            c("legal_basis", Text, As("Rättslig grund")),
            c("data_categories", Text, As("Kategorier av uppgifter")),
            c("recipients", Text, As("Mottagare")),
            c("retention", Text, As("Lagringstid")),
        ],
        natural_key: Some("code"),
        entity: None,
        title: "Registret över behandlingar",
        category: "Registret över behandlingar",
        processings: &[],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::NotApplicable,
    },
    Table {
        name: "foster_homes",
        columns: &[
            c("id", Id, No),
            c("name", Text, As("Familjehem")),
            c("kind", Closed(K::HomeKind), As("Slag")),
            c("status", Closed(K::HomeStatus), As("Status")),
            c("street_address", Text, As("Gatuadress")),
            c("postal_code", Text, As("Postnummer")),
            c("city", Text, As("Ort")),
            c("municipality_id", Ref("organisations"), As("Kommun")),
            c("closed_on", Date, As("Avslutat")),
            c("closed_reason", Text, FreeText("Skäl till avslut")),
            c("created_at", Timestamp, As("Registrerat")),
            c("updated_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::FosterHome),
        title: "Familjehem du ingår i",
        category: "Uppgifter om familjehemmet och dess status",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some(concat!("id IN ", homes_of_subject!())),
        home_file: Some("id = ?1"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "foster_home_members",
        columns: &[
            c("home_id", Ref("foster_homes"), As("Familjehem")),
            c("person_id", Ref("persons"), Party("Person")),
            c("role", Closed(K::MemberRole), As("Roll")),
        ],
        natural_key: None,
        entity: None,
        title: "Din roll i familjehem",
        category: "Familjeförhållanden",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some("person_id = ?1"),
        home_file: Some("home_id = ?1"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "foster_home_status_changes",
        columns: &[
            c("id", Id, No),
            c("home_id", Ref("foster_homes"), As("Familjehem")),
            c("from_status", Closed(K::HomeStatus), As("Från")),
            c("to_status", Closed(K::HomeStatus), As("Till")),
            c("on_date", Date, As("Datum")),
            c("reason", Text, FreeText("Skäl")),
            c("user_id", Ref("users"), As("Handläggare")),
            c("at", Timestamp, No),
        ],
        natural_key: None,
        entity: None,
        title: "Familjehemmets historik",
        category: "Uppgifter om familjehemmet och dess status",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some(concat!("home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "investigations",
        columns: &[
            c("id", Id, No),
            c("home_id", Ref("foster_homes"), As("Familjehem")),
            c("round", Int, As("Omgång")),
            c("method", Closed(K::Method), As("Metod")),
            c("started_on", Date, As("Påbörjad")),
            c("bra_fam_on", Date, As("BRA-Fam")),
            c("health_declaration_on", Date, As("Hälsodeklaration")),
            c("summary_assessment", Text, FreeText("Sammanfattande bedömning")),
            c("decision", Closed(K::Decision), As("Beslut")),
            c("decision_on", Date, As("Beslutsdatum")),
            c("decided_by", Ref("users"), As("Beslutad av")),
            c("missing_items_reason", Text, FreeText("Skäl till beslut trots saknade delar")),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::Investigation),
        title: "Familjehemsutredningar",
        category: "Utredningsuppgifter: bedömningar, registerutdrag, hälsouppgifter, referenser",
        processings: &["vardverksamhet", "vardverksamhet_samtycke"],
        source: Some("Referenspersoner du har angett, samt myndigheter som utfärdat registerutdrag."),
        subject: Some(concat!("home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "investigation_items",
        columns: &[
            c("id", Id, No),
            c("investigation_id", Ref("investigations"), No),
            c("kind", Closed(K::ItemKind), As("Moment")),
            c("person_id", Ref("persons"), Party("Gäller")),
            c("register", Closed(K::Register), As("Register")),
            c("done_on", Date, As("Datum")),
            c("note", Text, FreeText("Anteckning")),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: None,
        title: "Moment i utredningen",
        category: "Utredningsuppgifter: intervjuer, registerutdrag, referenser",
        processings: &["vardverksamhet", "vardverksamhet_samtycke"],
        source: Some("Belastningsregistret, misstankeregistret, socialtjänsten, Kronofogden, Försäkringskassan och referenspersoner."),
        subject: Some(concat!(
            "investigation_id IN (SELECT id FROM investigations WHERE home_id IN ",
            homes_of_subject!(),
            ") AND (person_id IS NULL OR person_id = ?1)"
        )),
        home_file: Some("investigation_id IN (SELECT id FROM investigations WHERE home_id = ?1)"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "placements",
        columns: &[
            c("id", Id, No),
            c("child_id", Ref("persons"), Party("Barn")),
            c("home_id", Ref("foster_homes"), As("Familjehem")),
            c("municipality_id", Ref("organisations"), As("Placerande kommun")),
            c("start_date", Date, As("Från")),
            c("end_date", Date, As("Till")),
            c("end_reason", Text, FreeText("Skäl till avslut")),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::Placement),
        title: "Placeringar",
        category: "Uppgifter om placeringar",
        processings: &["vardverksamhet"],
        source: Some("Den placerande kommunens socialtjänst."),
        subject: Some(concat!("child_id = ?1 OR home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: Some("child_id = ?1"),
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "journal_entries",
        columns: &[
            c("id", Id, No),
            c("home_id", Ref("foster_homes"), As("Akt: familjehem")),
            c("child_id", Ref("persons"), Party("Akt: barn")),
            c("kind", Closed(K::EntryKind), As("Slag")),
            c("event_date", Date, As("Händelsedatum")),
            c("text", Text, FreeText("Anteckning")),
            c("author_id", Ref("users"), As("Skriven av")),
            c("amends_id", Ref("journal_entries"), No),
            c("created_at", Timestamp, As("Skriven")),
            c("updated_at", Timestamp, No),
            c("signed_at", Timestamp, As("Signerad")),
            c("signed_by", Ref("users"), As("Signerad av")),
        ],
        natural_key: None,
        entity: Some(EntityKind::JournalEntry),
        title: "Journalanteckningar i dina akter",
        category: "Journalanteckningar (kan innehålla uppgifter om hälsa och sociala förhållanden)",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some(concat!("child_id = ?1 OR home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: Some("child_id = ?1"),
        erasure: Erasure::Keep {
            basis: SOCIAL_SERVICES_LAW,
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "interest_notices",
        columns: &[
            c("id", Id, No),
            c("given_name", Text, As("Förnamn")),
            c("family_name", Text, As("Efternamn")),
            c("email", Text, As("E-post")),
            c("phone", Text, As("Telefon")),
            c("city", Text, As("Ort")),
            c("message", Text, FreeText("Meddelande")),
            c("received_on", Date, As("Mottagen")),
            c("home_id", Ref("foster_homes"), No),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::InterestNotice),
        title: "Intresseanmälningar",
        category: "Uppgifter du lämnat i en intresseanmälan",
        processings: &["administration"],
        source: None,
        subject: Some(concat!("home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: None,
        erasure: Erasure::Delete,
        retention: Retention::UntilAskedOrTakenUp,
    },
    Table {
        name: "concern_reports",
        columns: &[
            c("id", Id, No),
            c("child_id", Ref("persons"), Party("Barn")),
            c("municipality_id", Ref("organisations"), As("Skickad till socialtjänsten i")),
            c("observed", Text, FreeText("Vad anmälaren själv sett eller hört")),
            c("hearsay", Text, FreeText("Vad andra berättat")),
            c("guardians_informed", Bool, As("Vårdnadshavare informerade")),
            c("guardians_not_informed_reason", Text, FreeText("Skäl till att inte informera")),
            c("reporter_id", Ref("users"), Party("Anmälare")),
            c("reporter_phone", Text, Party("Anmälarens telefon")),
            c("reporter_email", Text, Party("Anmälarens e-post")),
            c("status", Closed(K::ConcernStatus), As("Status")),
            c("sent_on", Date, As("Skickad")),
            c("channel", Closed(K::Channel), As("Sätt")),
            c("receipt_on", Date, As("Mottagen av socialtjänsten")),
            c("feedback_on", Date, As("Återkoppling")),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::ConcernReport),
        title: "Orosanmälningar",
        category: "Orosanmälningar till socialtjänsten",
        processings: &["administration"],
        source: Some("Anmälarens egna iakttagelser och vad andra har berättat."),
        subject: Some(concat!("id IN ", reports_of_subject!())),
        home_file: None,
        child_file: Some("child_id = ?1"),
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: anmälningsskyldighet och dokumentation enligt 14 kap. 1 § och 11 kap. 5 § socialtjänstlagen",
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "concern_report_guardians",
        columns: &[
            c("report_id", Ref("concern_reports"), No),
            c("person_id", Ref("persons"), Party("Vårdnadshavare")),
        ],
        natural_key: None,
        entity: None,
        title: "Vårdnadshavare i orosanmälningar",
        category: "Familjeförhållanden",
        processings: &["administration"],
        source: None,
        subject: Some(concat!("report_id IN ", reports_of_subject!())),
        home_file: None,
        child_file: Some("report_id IN (SELECT id FROM concern_reports WHERE child_id = ?1)"),
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: anmälningsskyldighet och dokumentation enligt 14 kap. 1 § och 11 kap. 5 § socialtjänstlagen",
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "person_processings",
        columns: &[
            c("person_id", Ref("persons"), No),
            c("activity_id", Ref("processing_activities"), As("Behandling")),
        ],
        natural_key: None,
        entity: None,
        title: "Behandlingar dina uppgifter används för",
        category: "Koppling till registret över behandlingar",
        processings: &[],
        source: None,
        subject: Some("person_id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Delete,
        retention: Retention::WhileNeeded,
    },
    Table {
        name: "consents",
        columns: &[
            c("id", Id, No),
            c("person_id", Ref("persons"), No),
            c("activity_id", Ref("processing_activities"), As("Behandling")),
            c("given_on", Date, As("Lämnat")),
            c("evidence", Text, As("Underlag")),
            c("withdrawn_on", Date, As("Återkallat")),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::Consent),
        title: "Samtycken",
        category: "Samtycken",
        processings: &["vardverksamhet_samtycke"],
        source: None,
        subject: Some("person_id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Delete,
        retention: Retention::Consent,
    },
    Table {
        name: "dsr_requests",
        columns: &[
            c("id", Id, No),
            c("person_id", Ref("persons"), No),
            c("kind", Closed(K::RequestKind), As("Begäran")),
            c("received_on", Date, As("Mottagen")),
            c("identity_method", Text, As("Identitet kontrollerad genom")),
            c("identity_verified_on", Date, As("Identitet kontrollerad")),
            c("extended_months", Int, As("Förlängd (månader)")),
            c("extension_reason", Text, As("Skäl till förlängning")),
            c("extension_told_on", Date, As("Underrättad om förlängning")),
            c("status", Closed(K::RequestStatus), As("Status")),
            c("outcome", Text, As("Utfall")),
            c("completed_on", Date, As("Avslutad")),
            c("created_by", Ref("users"), No),
            c("created_at", Timestamp, No),
            c("updated_at", Timestamp, No),
        ],
        natural_key: None,
        entity: Some(EntityKind::Request),
        title: "Dina begäranden enligt dataskyddsförordningen",
        category: "Uppgifter om dina begäranden och hur de hanterats",
        processings: &["administration"],
        source: None,
        subject: Some("person_id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: att kunna visa hur begäran hanterats (art. 5.2 och 12 dataskyddsförordningen); personkopplingen tas bort",
        },
        retention: Retention::Accountability,
    },
    Table {
        name: "dsr_redactions",
        columns: &[
            c("id", Id, No),
            c("request_id", Ref("dsr_requests"), No),
            c("table_name", Text, No),
            c("row_id", Int, No),
            c("column_name", Text, No),
            c("start_char", Int, No),
            c("end_char", Int, No),
            c("reason", Text, No),
            c("automatic", Bool, No),
            c("user_id", Ref("users"), No),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: None,
        title: "Maskeringar",
        category: "Uppgifter om vad som maskerats i ett registerutdrag (ingen text)",
        processings: &["administration"],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::Accountability,
    },
    Table {
        name: "dsr_reviews",
        columns: &[
            c("id", Id, No),
            c("request_id", Ref("dsr_requests"), No),
            c("candidates", Int, No),
            c("digest", Text, No),
            c("accepted_automatic", Bool, No),
            c("user_id", Ref("users"), No),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: None,
        title: "Granskningar av registerutdrag",
        category: "Uppgifter om att ett registerutdrag granskats (antal och kontrollsumma, ingen text)",
        processings: &["administration"],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::Accountability,
    },
    Table {
        name: "dsr_disclosures",
        columns: &[
            c("id", Id, No),
            c("request_id", Ref("dsr_requests"), No),
            c("document_id", Text, As("Dokument")),
            c("format", Text, As("Format")),
            c("sha256", Text, No),
            c("sent_to", Text, As("Skickat till")),
            c("sent_on", Date, As("Skickat")),
            c("user_id", Ref("users"), No),
            c("created_at", Timestamp, As("Skapat")),
        ],
        natural_key: None,
        entity: None,
        title: "Utlämnade registerutdrag",
        category: "Uppgifter om utlämnade registerutdrag (kontrollsumma, mottagare)",
        processings: &["administration"],
        source: None,
        subject: Some("request_id IN (SELECT id FROM dsr_requests WHERE person_id = ?1)"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: att kunna visa hur begäran hanterats (art. 5.2 dataskyddsförordningen)",
        },
        retention: Retention::Accountability,
    },
    Table {
        name: "person_rectifications",
        columns: &[
            c("id", Id, No),
            c("person_id", Ref("persons"), No),
            c("request_id", Ref("dsr_requests"), No),
            c("field", Text, As("Uppgift")),
            c("old_value", Text, As("Tidigare värde")),
            c("new_value", Text, As("Nytt värde")),
            c("user_id", Ref("users"), As("Rättad av")),
            c("at", Timestamp, As("Rättad")),
        ],
        natural_key: None,
        entity: None,
        title: "Rättelser av dina uppgifter",
        category: "Historik över rättade uppgifter",
        processings: &["administration"],
        source: None,
        subject: Some("person_id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Delete,
        retention: Retention::WhileNeeded,
    },
    Table {
        name: "retention_rules",
        columns: &[
            c("id", Id, No),
            c("code", Text, No),
            c("category", Text, No),
            c("anchor", Text, No),
            c("period_months", Int, No),
            c("period_days", Int, No),
            c("description", Text, No),
            c("updated_at", Timestamp, No),
            c("updated_by", Ref("users"), No),
        ],
        natural_key: Some("code"),
        entity: None,
        title: "Gallringsregler",
        category: "Gallringsregler",
        processings: &[],
        source: None,
        subject: None,
        home_file: None,
        child_file: None,
        erasure: Erasure::NotApplicable,
        retention: Retention::NotApplicable,
    },
    Table {
        name: "legal_holds",
        columns: &[
            c("id", Id, No),
            c("kind", Closed(K::HoldKind), As("Slag")),
            c("person_id", Ref("persons"), No),
            c("home_id", Ref("foster_homes"), As("Familjehem")),
            c("reason", Text, FreeText("Skäl")),
            c("until", Date, As("Till och med")),
            c("lifted_on", Date, As("Hävd")),
            c("created_by", Ref("users"), No),
            c("created_at", Timestamp, As("Beslutad")),
        ],
        natural_key: None,
        entity: None,
        title: "Spärrar mot gallring",
        category: "Uppgifter om att akter sparas längre (klagomål, tillsyn)",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some(concat!("person_id = ?1 OR home_id IN ", homes_of_subject!())),
        home_file: Some("home_id = ?1"),
        child_file: None,
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: handlingar som behövs i ett klagomål eller i IVO:s tillsyn",
        },
        retention: Retention::CaseFile,
    },
    Table {
        name: "handovers",
        columns: &[
            c("id", Id, No),
            c("child_id", Ref("persons"), No),
            c("municipality_id", Ref("organisations"), As("Till socialtjänsten i")),
            c("document_id", Text, As("Dokument")),
            c("pdf_sha256", Text, No),
            c("json_sha256", Text, No),
            c("offered_on", Date, As("Erbjuden")),
            c("decision", Closed(K::HandoverDecision), As("Svar")),
            c("decided_on", Date, As("Besvarad")),
            c("created_by", Ref("users"), No),
            c("created_at", Timestamp, No),
        ],
        natural_key: None,
        entity: None,
        title: "Överlämning av akten till placerande kommun",
        category: "Uppgifter om överlämning av akten",
        processings: &["vardverksamhet"],
        source: None,
        subject: Some("child_id = ?1"),
        home_file: None,
        child_file: None,
        erasure: Erasure::Keep {
            basis: "Rättslig förpliktelse: att kunna visa att akten överlämnats (socialtjänstlagen)",
        },
        retention: Retention::Accountability,
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
