//! Casework: journals, interest notices, concern reports.

use super::prelude::*;

pub(super) const JOURNAL_ENTRIES: Table = Table {
    name: "journal_entries",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Akt: familjehem")),
        c("child_id", Ref("persons"), Party("Akt: barn")),
        c("kind", Closed(K::EntryKind), As("Typ")),
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
    // A contact with a home that concerns a placed child, or that they took part in,
    // is about them too.
    subject: Some(concat!(
        "child_id = ?1 OR home_id IN ",
        homes_of_subject!(),
        " OR id IN (SELECT entry_id FROM contacts WHERE child_id = ?1
                   UNION SELECT entry_id FROM contact_participants WHERE person_id = ?1)"
    )),
    home_file: Some("home_id = ?1"),
    child_file: Some("child_id = ?1"),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const INTEREST_NOTICES: Table = Table {
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
};

pub(super) const CONCERN_REPORTS: Table = Table {
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
        c("channel", Closed(K::Channel), As("Skickad via")),
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
};

pub(super) const CONCERN_REPORT_GUARDIANS: Table = Table {
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
};
