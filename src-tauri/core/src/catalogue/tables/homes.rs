//! Foster homes: the homes, their members and lifecycle, investigations, placements.

use super::prelude::*;

pub(super) const FOSTER_HOMES: Table = Table {
    name: "foster_homes",
    columns: &[
        c("id", Id, No),
        c("name", Text, As("Familjehem")),
        c("kind", Closed(K::HomeKind), As("Typ")),
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
};

pub(super) const FOSTER_HOME_MEMBERS: Table = Table {
    name: "foster_home_members",
    columns: &[
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("person_id", Ref("persons"), Party("Person")),
        c("role", Closed(K::MemberRole), As("Roll")),
        c("joined_on", Date, As("Medlem sedan")),
        c("left_on", Date, As("Lämnade hemmet")),
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
};

pub(super) const FOSTER_HOME_STATUS_CHANGES: Table = Table {
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
};

pub(super) const INVESTIGATIONS: Table = Table {
    name: "investigations",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("round", Int, As("Omgång")),
        c("method", Closed(K::Method), As("Metod")),
        c("started_on", Date, As("Påbörjad")),
        c("bra_fam_on", Date, As("BRA-Fam")),
        c("health_declaration_on", Date, As("Hälsodeklaration")),
        c(
            "summary_assessment",
            Text,
            FreeText("Sammanfattande bedömning"),
        ),
        c("decision", Closed(K::Decision), As("Beslut")),
        c("decision_on", Date, As("Beslutsdatum")),
        c("decided_by", Ref("users"), As("Beslutad av")),
        c(
            "missing_items_reason",
            Text,
            FreeText("Skäl till beslut trots saknade moment"),
        ),
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
};

pub(super) const INVESTIGATION_ITEMS: Table = Table {
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
};

pub(super) const PLACEMENTS: Table = Table {
    name: "placements",
    columns: &[
        c("id", Id, No),
        c("child_id", Ref("persons"), Party("Barn")),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c(
            "municipality_id",
            Ref("organisations"),
            As("Placerande kommun"),
        ),
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
};
