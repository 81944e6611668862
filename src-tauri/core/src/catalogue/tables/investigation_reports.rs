//! The written familjehemsutredning: the agency's templates (no personal data), the
//! report's versions and their sections. A section about one adult names them and is
//! left out of another member's extract.

use super::prelude::*;

/// The reports of the homes person `?1` is a member of.
macro_rules! reports_of_subject_homes {
    () => {
        concat!(
            "(SELECT id FROM investigation_reports WHERE investigation_id IN
               (SELECT id FROM investigations WHERE home_id IN ",
            homes_of_subject!(),
            "))"
        )
    };
}

const HOME_REPORTS: &str = "investigation_id IN (SELECT id FROM investigations WHERE home_id = ?1)";

pub(super) const REPORT_TEMPLATE_SECTIONS: Table = Table {
    name: "report_template_sections",
    columns: &[
        c("id", Id, No),
        c("method", Closed(K::Method), No),
        c("position", Int, No),
        c("key", Text, No),
        c("heading", Text, No),
        c("guidance", Text, No),
        c("facts", Closed(K::FactsKind), No),
        c("per_adult", Bool, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: None,
    title: "Mallar för skriftliga utredningar",
    category: "Mallar för skriftliga utredningar",
    processings: &[],
    source: None,
    subject: None,
    home_file: None,
    child_file: None,
    erasure: Erasure::NotApplicable,
    retention: Retention::NotApplicable,
};

pub(super) const INVESTIGATION_REPORTS: Table = Table {
    name: "investigation_reports",
    columns: &[
        c("id", Id, No),
        c("investigation_id", Ref("investigations"), As("Utredning")),
        c("version", Int, As("Version")),
        c("method", Closed(K::Method), As("Metod")),
        c("co_investigator", Text, As("Medutredare")),
        c(
            "recommendation",
            Closed(K::Recommendation),
            As("Rekommendation"),
        ),
        c("home_name", Text, As("Familjehem")),
        c("home_address", Text, As("Adress")),
        c(
            "justification",
            Text,
            FreeText("Skäl att signera trots ofullständig checklista"),
        ),
        c("author_id", Ref("users"), As("Skriven av")),
        c("created_at", Timestamp, As("Påbörjad")),
        c("updated_at", Timestamp, No),
        c("signed_at", Timestamp, As("Signerad")),
        c("signed_by", Ref("users"), As("Signerad av")),
        c(
            "pdf_sha256",
            Text,
            As("Kontrollsumma för utredningen (SHA-256)"),
        ),
        c("sent_on", Date, As("Skickad")),
        c(
            "sent_to",
            Ref("organisations"),
            As("Skickad till socialtjänsten i"),
        ),
    ],
    natural_key: None,
    entity: Some(EntityKind::InvestigationReport),
    title: "Skriftliga familjehemsutredningar",
    category: "Utredningsuppgifter: bedömningar, bakgrund, hälsa, referenser och rekommendation",
    processings: &["vardverksamhet", "vardverksamhet_samtycke"],
    source: Some("Intervjuer med familjen, hembesök, referenspersoner och registerkontroller."),
    // The home's reports, and any report with a section about the person (whose own
    // sections are theirs even without a membership row, e.g. after an import).
    subject: Some(concat!(
        "id IN ",
        reports_of_subject_homes!(),
        " OR id IN (SELECT report_id FROM investigation_report_sections WHERE person_id = ?1)"
    )),
    home_file: Some(HOME_REPORTS),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const INVESTIGATION_REPORT_SECTIONS: Table = Table {
    name: "investigation_report_sections",
    columns: &[
        c("id", Id, No),
        c("report_id", Ref("investigation_reports"), As("Utredning")),
        c("position", Int, No),
        c("key", Text, No),
        c("heading", Text, As("Avsnitt")),
        c("guidance", Text, No),
        c("facts", Closed(K::FactsKind), No),
        c("person_id", Ref("persons"), Party("Gäller")),
        c("facts_text", Text, FreeText("Uppgifter ur akten")),
        c("body", Text, FreeText("Text")),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: None,
    title: "Avsnitt i skriftliga familjehemsutredningar",
    category: "Utredningsuppgifter: bedömningar, bakgrund, hälsa, referenser och rekommendation",
    processings: &["vardverksamhet", "vardverksamhet_samtycke"],
    source: Some("Intervjuer med familjen, hembesök, referenspersoner och registerkontroller."),
    // The sections about the person, and the household's sections of their homes'
    // reports; never another adult's own.
    subject: Some(concat!(
        "person_id = ?1 OR (person_id IS NULL AND report_id IN ",
        reports_of_subject_homes!(),
        ")"
    )),
    home_file: Some(concat!(
        "report_id IN (SELECT id FROM investigation_reports WHERE ",
        "investigation_id IN (SELECT id FROM investigations WHERE home_id = ?1))"
    )),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};
