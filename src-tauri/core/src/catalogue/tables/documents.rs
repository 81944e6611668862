//! Documents of a personakt: their descriptions and keys (the encrypted bytes lie in
//! the store's `documents/` folder, one file per row), the persons they concern, and
//! the list of document types.

use super::prelude::*;

pub(super) const DOCUMENT_TYPES: Table = Table {
    name: "document_types",
    columns: &[
        c("code", Text, No),
        c("label", Text, No),
        c("position", Int, No),
        c("retired", Bool, No),
    ],
    natural_key: Some("code"),
    entity: None,
    title: "Dokumenttyper",
    category: "Dokumenttyper",
    processings: &[],
    source: None,
    subject: None,
    home_file: None,
    child_file: None,
    erasure: Erasure::NotApplicable,
    retention: Retention::NotApplicable,
};

/// The documents about person `?1`: in their child file, in the file of a home they
/// are a member of, or naming them.
macro_rules! documents_of_subject {
    () => {
        concat!(
            "(SELECT id FROM documents WHERE child_id = ?1 OR home_id IN ",
            homes_of_subject!(),
            " UNION SELECT document_id FROM document_persons WHERE person_id = ?1)"
        )
    };
}

pub(super) const DOCUMENTS: Table = Table {
    name: "documents",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Akt: familjehem")),
        c("child_id", Ref("persons"), Party("Akt: barn")),
        c("investigation_id", Ref("investigations"), No),
        c("item_id", Ref("investigation_items"), No),
        c("placement_id", Ref("placements"), No),
        c("title", Text, FreeText("Rubrik")),
        c("direction", Closed(K::DocumentDirection), As("Inkommen eller upprättad")),
        c("doc_type", Text, As("Dokumenttyp")),
        c("dated_on", Date, As("Datum")),
        c("counterpart", Text, FreeText("Avsändare eller mottagare")),
        c("counterpart_org_id", Ref("organisations"), As("Avsändare eller mottagare (organisation)")),
        c("media_type", Text, As("Filtyp")),
        c("bytes", Int, As("Storlek (byte)")),
        c("sha256", Text, As("Kontrollsumma (SHA-256)")),
        c("blob", Text, No),
        c("secret", Text, No),
        c("sent_on", Date, As("Skickad")),
        c("supersedes_id", Ref("documents"), No),
        c("criminal_reason", Text, FreeText("Skäl att spara registerutdraget")),
        c("created_by", Ref("users"), As("Registrerad av")),
        c("created_at", Timestamp, As("Registrerad")),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::Document),
    title: "Dokument i dina akter",
    category: "Dokument som kommit in till eller upprättats av verksamheten (kan innehålla uppgifter om hälsa och sociala förhållanden)",
    processings: &["vardverksamhet"],
    source: Some("Den som skickat dokumentet till verksamheten, eller verksamheten själv."),
    subject: Some(concat!("id IN ", documents_of_subject!())),
    home_file: Some("home_id = ?1"),
    child_file: Some("child_id = ?1"),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const DOCUMENT_PERSONS: Table = Table {
    name: "document_persons",
    columns: &[
        c("document_id", Ref("documents"), No),
        c(
            "person_id",
            Ref("persons"),
            Party("Person som dokumentet rör"),
        ),
    ],
    natural_key: None,
    entity: None,
    title: "Personer som dokument rör",
    category: "Vilka dokument som rör dig",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!("document_id IN ", documents_of_subject!())),
    home_file: Some("document_id IN (SELECT id FROM documents WHERE home_id = ?1)"),
    child_file: Some("document_id IN (SELECT id FROM documents WHERE child_id = ?1)"),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};
