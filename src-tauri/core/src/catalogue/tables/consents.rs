//! Consents and the processings a person's data serves.

use super::prelude::*;

pub(super) const PERSON_PROCESSINGS: Table = Table {
    name: "person_processings",
    columns: &[
        c("person_id", Ref("persons"), No),
        c(
            "activity_id",
            Ref("processing_activities"),
            As("Behandling"),
        ),
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
};

pub(super) const CONSENTS: Table = Table {
    name: "consents",
    columns: &[
        c("id", Id, No),
        c("person_id", Ref("persons"), No),
        c(
            "activity_id",
            Ref("processing_activities"),
            As("Behandling"),
        ),
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
};
