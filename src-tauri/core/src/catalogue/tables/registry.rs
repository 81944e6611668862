//! The registry: organisations, persons, user profiles, the register of processing.

use super::prelude::*;

pub(super) const ORGANISATIONS: Table = Table {
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
};

pub(super) const PERSONS: Table = Table {
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
        // The names folded for search, derived from given_name and family_name.
        c("name_key", Text, No),
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
};

pub(super) const USERS: Table = Table {
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
};

pub(super) const PROCESSING_ACTIVITIES: Table = Table {
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
};
