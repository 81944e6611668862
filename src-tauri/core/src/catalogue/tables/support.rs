//! Support and supervision of active homes: contacts (journal entries with structure),
//! contact plans, training, the placement's agreement, the monthly reports to the
//! placing municipality, and the homes' yearly egenkontroll answers.

use super::prelude::*;
use crate::survey::survey_question;

/// The contacts (journal entries) about person `?1`: with a home they are a member of,
/// concerning them as the placed child, or with them taking part.
macro_rules! contacts_of_subject {
    () => {
        concat!(
            "(SELECT c.entry_id FROM contacts c JOIN journal_entries e ON e.id = c.entry_id
               WHERE e.home_id IN ",
            homes_of_subject!(),
            " OR c.child_id = ?1
             UNION SELECT entry_id FROM contact_participants WHERE person_id = ?1)"
        )
    };
}

/// The placements person `?1` is the child of, or whose home they are a member of.
macro_rules! placements_of_subject {
    () => {
        concat!(
            "(SELECT id FROM placements WHERE child_id = ?1 OR home_id IN ",
            homes_of_subject!(),
            ")"
        )
    };
}

const HOME_ENTRIES: &str = "entry_id IN (SELECT id FROM journal_entries WHERE home_id = ?1)";
const HOME_PLACEMENTS: &str = "placement_id IN (SELECT id FROM placements WHERE home_id = ?1)";
const CHILD_PLACEMENTS: &str = "placement_id IN (SELECT id FROM placements WHERE child_id = ?1)";

pub(super) const CONTACT_THEMES: Table = Table {
    name: "contact_themes",
    columns: &[
        c("code", Text, No),
        c("label", Text, No),
        c("position", Int, No),
        c("retired", Bool, No),
    ],
    natural_key: Some("code"),
    entity: None,
    title: "Teman för kontakter",
    category: "Teman för kontakter",
    processings: &[],
    source: None,
    subject: None,
    home_file: None,
    child_file: None,
    erasure: Erasure::NotApplicable,
    retention: Retention::NotApplicable,
};

pub(super) const CONTACTS: Table = Table {
    name: "contacts",
    columns: &[
        c("entry_id", Ref("journal_entries"), As("Journalanteckning")),
        c("kind", Closed(K::ContactKind), As("Kontakt")),
        c("child_id", Ref("persons"), Party("Gällde barnet")),
        c("starts_at", Text, As("Klockan")),
        c("minutes", Int, As("Längd (minuter)")),
    ],
    natural_key: None,
    entity: None,
    title: "Kontakter med familjehemmet",
    category: "Kontakter, stöd och handledning (kan innehålla uppgifter om hälsa och sociala förhållanden)",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("entry_id IN ", contacts_of_subject!())),
    home_file: Some(HOME_ENTRIES),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const CONTACT_PARTICIPANTS: Table = Table {
    name: "contact_participants",
    columns: &[
        c("entry_id", Ref("journal_entries"), As("Journalanteckning")),
        c("person_id", Ref("persons"), Party("Deltog")),
        c("role", Closed(K::ParticipantRole), As("Deltog (roll)")),
    ],
    natural_key: None,
    entity: None,
    title: "Deltagare i kontakter",
    category: "Kontakter, stöd och handledning",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("entry_id IN ", contacts_of_subject!())),
    home_file: Some(HOME_ENTRIES),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const CONTACT_ENTRY_THEMES: Table = Table {
    name: "contact_entry_themes",
    columns: &[
        c("entry_id", Ref("journal_entries"), As("Journalanteckning")),
        c("theme", Text, As("Tema")),
    ],
    natural_key: None,
    entity: None,
    title: "Teman i kontakter",
    category: "Kontakter, stöd och handledning",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("entry_id IN ", contacts_of_subject!())),
    home_file: Some(HOME_ENTRIES),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const CONTACT_PLANS: Table = Table {
    name: "contact_plans",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("placement_id", Ref("placements"), As("Placering")),
        c("kind", Closed(K::ContactKind), As("Kontakt")),
        c("times", Int, As("Antal")),
        c("per", Closed(K::PlanPer), As("Per")),
        c("valid_from", Date, As("Från")),
        c("valid_to", Date, As("Till")),
        c("created_at", Timestamp, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::ContactPlan),
    title: "Kontaktplaner",
    category: "Överenskommen kontakt med familjehemmet",
    processings: &["vardverksamhet"],
    source: Some("Överenskommelse med familjehemmet och den placerande kommunen."),
    subject: Some(concat!(
        "home_id IN ",
        homes_of_subject!(),
        " OR placement_id IN (SELECT id FROM placements WHERE child_id = ?1)"
    )),
    home_file: Some("home_id = ?1"),
    child_file: Some(CHILD_PLACEMENTS),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const TRAININGS: Table = Table {
    name: "trainings",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("person_id", Ref("persons"), Party("Deltagare")),
        c("course", Text, As("Utbildning")),
        c("provider", Text, FreeText("Anordnare")),
        c("held_on", Date, As("Datum")),
        c("minutes", Int, As("Längd (minuter)")),
        c("created_at", Timestamp, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::Training),
    title: "Utbildning",
    category: "Utbildning för familjehemmet",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("home_id IN ", homes_of_subject!())),
    home_file: Some("home_id = ?1"),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const PLACEMENT_AGREEMENTS: Table = Table {
    name: "placement_agreements",
    columns: &[
        c("id", Id, No),
        c("placement_id", Ref("placements"), As("Placering")),
        c("reference", Text, As("Kommunens diarienummer")),
        c("signed_on", Date, As("Avtalet undertecknat")),
        c("valid_from", Date, As("Från")),
        c("valid_to", Date, As("Till")),
        c("contact_name", Text, FreeText("Kontaktperson i kommunen")),
        c("contact_phone", Text, FreeText("Kontaktpersonens telefon")),
        c("contact_email", Text, FreeText("Kontaktpersonens e-post")),
        c("document_id", Ref("documents"), No),
        c("created_at", Timestamp, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::Agreement),
    title: "Uppdragsavtal",
    category: "Avtal med den placerande kommunen",
    processings: &["vardverksamhet", "kundservice"],
    source: Some("Den placerande kommunens socialtjänst."),
    subject: Some(concat!("placement_id IN ", placements_of_subject!())),
    home_file: Some(HOME_PLACEMENTS),
    child_file: Some(CHILD_PLACEMENTS),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const MONTHLY_REPORTS: Table = Table {
    name: "monthly_reports",
    columns: &[
        c("id", Id, No),
        c("placement_id", Ref("placements"), As("Placering")),
        c("month", Text, As("Månad")),
        c("contacts_text", Text, FreeText("Kontakter under månaden")),
        c(
            "plan_text",
            Text,
            FreeText("Kontaktplanen och vad som gjorts"),
        ),
        c("training_text", Text, FreeText("Utbildning under månaden")),
        c(
            "child_situation",
            Text,
            FreeText("Barnets situation så som den kommit fram i handledningen"),
        ),
        c(
            "home_support",
            Text,
            FreeText("Familjehemmets behov av stöd"),
        ),
        c("next_steps", Text, FreeText("Överenskomna nästa steg")),
        c("author_id", Ref("users"), As("Skriven av")),
        c("created_at", Timestamp, As("Skriven")),
        c("updated_at", Timestamp, No),
        c("signed_at", Timestamp, As("Signerad")),
        c("signed_by", Ref("users"), As("Signerad av")),
        c(
            "pdf_sha256",
            Text,
            As("Kontrollsumma för rapporten (SHA-256)"),
        ),
        c("sent_on", Date, As("Skickad")),
        c("sent_to", Text, FreeText("Skickad till")),
    ],
    natural_key: None,
    entity: Some(EntityKind::MonthlyReport),
    title: "Månadsrapporter till den placerande kommunen",
    category:
        "Uppföljning av placeringen (kan innehålla uppgifter om hälsa och sociala förhållanden)",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("placement_id IN ", placements_of_subject!())),
    home_file: Some(HOME_PLACEMENTS),
    child_file: Some(CHILD_PLACEMENTS),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const HOME_SURVEYS: Table = Table {
    name: "home_surveys",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("year", Int, As("År")),
        c("answered_on", Date, As("Besvarad")),
        c(
            "reachability",
            Int,
            As(concat!(survey_question!(reachability), " (1–5)")),
        ),
        c(
            "supervision",
            Int,
            As(concat!(survey_question!(supervision), " (1–5)")),
        ),
        c(
            "information",
            Int,
            As(concat!(survey_question!(information), " (1–5)")),
        ),
        c(
            "training",
            Int,
            As(concat!(survey_question!(training), " (1–5)")),
        ),
        c(
            "overall",
            Int,
            As(concat!(survey_question!(overall), " (1–5)")),
        ),
        c("comment", Text, FreeText("Kommentar")),
        c("created_by", Ref("users"), No),
        c("created_at", Timestamp, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::Survey),
    title: "Egenkontroll: familjehemmets uppfattning om stödet",
    category: "Familjehemmets synpunkter på stödet",
    processings: &["administration"],
    source: None,
    subject: Some(concat!("home_id IN ", homes_of_subject!())),
    home_file: Some("home_id = ?1"),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};
