//! Bevakningar set by hand and the renewals of an approved home's evidence (issue 17).
//! The computed bevakningar are never stored.

use super::prelude::*;

/// Follow-ups of person `?1`: on a home they are a member of, on their own file, on a
/// placement of theirs (as the child or as the home), on an investigation of their home,
/// or on a request of theirs.
const FOLLOW_UPS_OF_SUBJECT: &str = concat!(
    "home_id IN ",
    homes_of_subject!(),
    " OR person_id = ?1",
    " OR placement_id IN (SELECT id FROM placements WHERE child_id = ?1 OR home_id IN ",
    homes_of_subject!(),
    ")",
    " OR investigation_id IN (SELECT id FROM investigations WHERE home_id IN ",
    homes_of_subject!(),
    ")",
    " OR request_id IN (SELECT id FROM dsr_requests WHERE person_id = ?1)"
);

pub(super) const FOLLOW_UPS: Table = Table {
    name: "follow_ups",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("person_id", Ref("persons"), Party("Gäller")),
        c("placement_id", Ref("placements"), As("Placering")),
        c("investigation_id", Ref("investigations"), As("Utredning")),
        c("request_id", Ref("dsr_requests"), As("Begäran")),
        c("due_on", Date, As("Datum")),
        c("text", Text, FreeText("Bevakning")),
        c("assignee_id", Ref("users"), No),
        c("created_by", Ref("users"), No),
        c("done_on", Date, As("Klar")),
        c("done_by", Ref("users"), No),
        c("created_at", Timestamp, No),
        c("updated_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::FollowUp),
    title: "Bevakningar",
    category: "Bevakningar i ärendet (datum och text som handläggaren skrivit)",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(FOLLOW_UPS_OF_SUBJECT),
    home_file: Some(concat!(
        "home_id = ?1",
        " OR placement_id IN (SELECT id FROM placements WHERE home_id = ?1)",
        " OR investigation_id IN (SELECT id FROM investigations WHERE home_id = ?1)"
    )),
    child_file: Some(concat!(
        "person_id = ?1",
        " OR placement_id IN (SELECT id FROM placements WHERE child_id = ?1)",
        " OR request_id IN (SELECT id FROM dsr_requests WHERE person_id = ?1)"
    )),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const FOLLOW_UP_POSTPONEMENTS: Table = Table {
    name: "follow_up_postponements",
    columns: &[
        c("id", Id, No),
        c("follow_up_id", Ref("follow_ups"), No),
        c("from_on", Date, As("Flyttad från")),
        c("to_on", Date, As("Flyttad till")),
        c("reason", Text, FreeText("Skäl")),
        c("postponed_by", Ref("users"), No),
        c("postponed_at", Timestamp, No),
    ],
    natural_key: None,
    entity: None,
    title: "Flyttade bevakningar",
    category: "Bevakningar i ärendet (datum och text som handläggaren skrivit)",
    processings: &["vardverksamhet"],
    source: None,
    subject: Some(concat!(
        "follow_up_id IN (SELECT id FROM follow_ups WHERE ",
        "home_id IN (SELECT home_id FROM foster_home_members WHERE person_id = ?1)",
        " OR person_id = ?1",
        " OR placement_id IN (SELECT id FROM placements WHERE child_id = ?1 OR home_id IN (SELECT home_id FROM foster_home_members WHERE person_id = ?1))",
        " OR investigation_id IN (SELECT id FROM investigations WHERE home_id IN (SELECT home_id FROM foster_home_members WHERE person_id = ?1))",
        " OR request_id IN (SELECT id FROM dsr_requests WHERE person_id = ?1))"
    )),
    home_file: Some(concat!(
        "follow_up_id IN (SELECT id FROM follow_ups WHERE home_id = ?1",
        " OR placement_id IN (SELECT id FROM placements WHERE home_id = ?1)",
        " OR investigation_id IN (SELECT id FROM investigations WHERE home_id = ?1))"
    )),
    child_file: Some(concat!(
        "follow_up_id IN (SELECT id FROM follow_ups WHERE person_id = ?1",
        " OR placement_id IN (SELECT id FROM placements WHERE child_id = ?1)",
        " OR request_id IN (SELECT id FROM dsr_requests WHERE person_id = ?1))"
    )),
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};

pub(super) const EVIDENCE_CHECKS: Table = Table {
    name: "evidence_checks",
    columns: &[
        c("id", Id, No),
        c("home_id", Ref("foster_homes"), As("Familjehem")),
        c("person_id", Ref("persons"), Party("Gäller")),
        c("kind", Closed(K::EvidenceKind), As("Kontroll")),
        c("register", Closed(K::Register), As("Register")),
        c("checked_on", Date, As("Datum")),
        c("created_by", Ref("users"), No),
        c("created_at", Timestamp, No),
    ],
    natural_key: None,
    entity: Some(EntityKind::EvidenceCheck),
    title: "Förnyade kontroller",
    category: "Förnyade registerutdrag och hälsodeklarationer (att de tagits och när, aldrig utdraget)",
    processings: &["vardverksamhet"],
    source: Some("Belastningsregistret, misstankeregistret, socialtjänsten, Kronofogden, Försäkringskassan och hälsodeklarationer."),
    subject: Some("person_id = ?1"),
    home_file: Some("home_id = ?1"),
    child_file: None,
    erasure: Erasure::Keep {
        basis: SOCIAL_SERVICES_LAW,
    },
    retention: Retention::CaseFile,
};
