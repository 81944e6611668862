//! Retention: its rules, legal holds, hand-overs to the placing municipality.

use super::prelude::*;

pub(super) const RETENTION_RULES: Table = Table {
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
};

pub(super) const LEGAL_HOLDS: Table = Table {
    name: "legal_holds",
    columns: &[
        c("id", Id, No),
        c("kind", Closed(K::HoldKind), As("Typ")),
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
    subject: Some(concat!(
        "person_id = ?1 OR home_id IN ",
        homes_of_subject!()
    )),
    home_file: Some("home_id = ?1"),
    child_file: None,
    erasure: Erasure::Keep {
        basis: "Rättslig förpliktelse: handlingar som behövs i ett klagomål eller i IVO:s tillsyn",
    },
    retention: Retention::CaseFile,
};

pub(super) const HANDOVERS: Table = Table {
    name: "handovers",
    columns: &[
        c("id", Id, No),
        c("child_id", Ref("persons"), No),
        c(
            "municipality_id",
            Ref("organisations"),
            As("Till socialtjänsten i"),
        ),
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
};
