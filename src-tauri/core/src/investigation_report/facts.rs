//! The facts the store fills in under a report's sections (Swedish, a line each).
//! They are drawn from the investigation and the home whenever a draft is read or
//! saved, and once more at signing; then they stay frozen in the sections' rows.
//!
//! What goes in, and what never does:
//! - the home's current members by name, role and age (ages at the day drawn);
//! - the investigation's visits, interviews and references with their dates (a
//!   reference's own note, which the caseworker wrote for this purpose);
//! - of a register check only the register, whom, the extract's issue date and whether
//!   it is too old: never anything of its content (Akta never holds it).

use chrono::NaiveDate;

use super::FactsKind;
use crate::foster_home::{HomeKind, MemberRole};
use crate::investigation::{Investigation, ItemKind, Missing, Register};
use crate::label::{capitalised, SwedishLabel};
use crate::person::{age_on, birth_date_of};

/// A current member of the home, as the facts need them.
#[derive(Debug, Clone)]
pub(super) struct Member {
    pub id: i64,
    /// "Given Family".
    pub name: String,
    pub role: MemberRole,
    pub personal_number: Option<String>,
}

/// What the facts are drawn from.
#[derive(Debug, Clone)]
pub(super) struct Context {
    pub investigation: Investigation,
    pub home_name: String,
    pub home_kind: HomeKind,
    /// The home's address for the cover; `None` when it has none or a member of the
    /// home has a protected identity.
    pub home_address: Option<String>,
    /// A member of the home (now or earlier) has a protected identity: no address is
    /// shown, not even the one frozen when an earlier version was signed.
    pub protected: bool,
    /// Adults first, then the home's own children, each by family and given name.
    pub members: Vec<Member>,
    /// The day the facts are drawn on (ages are counted at it).
    pub today: NaiveDate,
}

impl Context {
    /// The current adult members (per-adult sections are written for them).
    pub fn adults(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.role == MemberRole::Vuxen)
    }
}

/// The facts of `kind`, a line each (no trailing line break).
pub(super) fn text(kind: FactsKind, c: &Context) -> String {
    let lines = match kind {
        FactsKind::Assignment => assignment(c),
        FactsKind::Members => members(c),
        FactsKind::Visits => visits(c),
        FactsKind::References => references(c),
        FactsKind::RegisterChecks => register_checks(c),
        FactsKind::BraFam => bra_fam(c),
        FactsKind::Checklist => checklist(c),
    };
    lines.join("\n")
}

/// The facts of a section: `None` for a section without facts or about one adult.
pub(super) fn of_section(
    kind: Option<FactsKind>,
    person_id: Option<i64>,
    c: &Context,
) -> Option<String> {
    match (kind, person_id) {
        (Some(k), None) => Some(text(k, c)),
        _ => None,
    }
}

fn assignment(c: &Context) -> Vec<String> {
    let i = &c.investigation;
    let mut out = vec![
        format!("Familjehem: {} ({})", c.home_name, c.home_kind.sv()),
        format!("Metod: {}", capitalised(i.method.sv())),
        format!("Utredningsomgång: {}", i.round),
        format!("Påbörjad: {}", i.started_on),
    ];
    if let (Some(d), Some(on)) = (i.decision, i.decision_on) {
        out.push(format!("Beslut: {} {on}", capitalised(d.sv())));
    }
    out
}

fn age(m: &Member, today: NaiveDate) -> String {
    m.personal_number
        .as_deref()
        .and_then(birth_date_of)
        .and_then(|born| age_on(born, today))
        .map_or_else(|| "ålder okänd".into(), |a| format!("{a} år"))
}

fn members(c: &Context) -> Vec<String> {
    if c.members.is_empty() {
        return vec!["Inga medlemmar är registrerade i hemmet.".into()];
    }
    c.members
        .iter()
        .map(|m| format!("{}, {}, {}", m.name, m.role.sv(), age(m, c.today)))
        .collect()
}

fn name_of(c: &Context, person: Option<i64>, fallback: Option<&str>) -> String {
    fallback
        .map(str::to_owned)
        .or_else(|| {
            let id = person?;
            c.members
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.clone())
        })
        .unwrap_or_else(|| "okänd person".into())
}

fn visits(c: &Context) -> Vec<String> {
    let mut out = Vec::new();
    for i in &c.investigation.items {
        let line = match i.kind {
            ItemKind::HomeVisit => format!("Hembesök {}", i.done_on),
            ItemKind::InterviewAdult => format!(
                "Intervju {}: {}",
                i.done_on,
                name_of(c, i.person_id, i.person_name.as_deref())
            ),
            ItemKind::InterviewChild => format!(
                "Samtal med barn {}: {}",
                i.done_on,
                name_of(c, i.person_id, i.person_name.as_deref())
            ),
            ItemKind::Reference | ItemKind::RegisterExtract => continue,
        };
        out.push(line);
    }
    if out.is_empty() {
        out.push("Inga hembesök eller intervjuer är registrerade.".into());
    }
    out
}

fn references(c: &Context) -> Vec<String> {
    let refs: Vec<_> = c
        .investigation
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Reference)
        .collect();
    let mut out = vec![match refs.len() {
        0 => "Inga referenser är tagna.".to_owned(),
        1 => "1 referens tagen".to_owned(),
        n => format!("{n} referenser tagna"),
    }];
    for r in refs {
        out.push(
            match r.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(note) => format!("Referens {}: {note}", r.done_on),
                None => format!("Referens {}", r.done_on),
            },
        );
    }
    out
}

fn extract(register: Register, name: &str) -> String {
    format!("utdrag från {} för {name}", register.sv())
}

fn register_checks(c: &Context) -> Vec<String> {
    let i = &c.investigation;
    let when = if i.decision_on.is_some() {
        "för gammalt vid beslutet"
    } else {
        "för gammalt i dag"
    };
    let mut out = Vec::new();
    for item in &i.items {
        let (ItemKind::RegisterExtract, Some(register)) = (item.kind, item.register) else {
            continue;
        };
        let name = name_of(c, item.person_id, item.person_name.as_deref());
        let mut line = format!(
            "{}, utfärdat {}",
            capitalised(&extract(register, &name)),
            item.done_on
        );
        if i.checklist
            .stale_extracts
            .iter()
            .any(|s| s.item_id == item.id)
        {
            line.push_str(" – ");
            line.push_str(when);
        }
        out.push(line);
    }
    for m in &i.checklist.missing {
        if let Missing::RegisterExtract { name, register, .. } = m {
            out.push(format!("Saknas: {}", extract(*register, name)));
        }
    }
    if out.is_empty() {
        out.push("Inga registerutdrag är registrerade.".into());
    }
    out
}

fn bra_fam(c: &Context) -> Vec<String> {
    let i = &c.investigation;
    vec![
        i.bra_fam_on.map_or_else(
            || "BRA-Fam är inte genomförd".into(),
            |d| format!("BRA-Fam genomförd {d}"),
        ),
        i.health_declaration_on.map_or_else(
            || "Hälsodeklarationen är inte lämnad".into(),
            |d| format!("Hälsodeklaration lämnad {d}"),
        ),
    ]
}

fn missing(m: &Missing) -> String {
    match m {
        Missing::HomeVisit => "hembesök".into(),
        Missing::InterviewAdult { name, .. } => format!("intervju med {name}"),
        Missing::InterviewChild { name, .. } => format!("samtal med {name}"),
        Missing::References { have, need } => format!("referenser ({have} av {need})"),
        Missing::RegisterExtract { name, register, .. } => extract(*register, name),
        Missing::BraFam => "BRA-Fam".into(),
        Missing::HealthDeclaration => "hälsodeklaration".into(),
        Missing::SummaryAssessment => "sammanfattande bedömning".into(),
    }
}

fn checklist(c: &Context) -> Vec<String> {
    let list = &c.investigation.checklist;
    if list.complete {
        return vec!["Checklistan är komplett.".into()];
    }
    let mut out: Vec<String> = list
        .missing
        .iter()
        .map(|m| format!("Saknas: {}", missing(m)))
        .collect();
    for s in &list.stale_extracts {
        out.push(format!(
            "För gammalt: {}, utfärdat {}",
            extract(s.register, &s.name),
            s.issued_on
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::investigation::{Checklist, Decision, Item, Method, StaleExtract};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn context() -> Context {
        let item =
            |id, kind, person_id: Option<i64>, register, on: &str, note: Option<&str>| Item {
                id,
                kind,
                person_id,
                person_name: person_id.map(|_| "Anna Berg".into()),
                register,
                done_on: d(on),
                note: note.map(Into::into),
            };
        Context {
            investigation: Investigation {
                id: 1,
                home_id: 1,
                round: 1,
                method: Method::Kalvesten,
                started_on: d("2026-09-01"),
                bra_fam_on: None,
                health_declaration_on: Some(d("2026-09-03")),
                summary_assessment: None,
                decision: Some(Decision::Approved),
                decision_on: Some(d("2026-12-01")),
                decided_by_name: None,
                missing_items_reason: None,
                items: vec![
                    item(1, ItemKind::HomeVisit, None, None, "2026-09-05", None),
                    item(
                        2,
                        ItemKind::InterviewAdult,
                        Some(10),
                        None,
                        "2026-09-06",
                        None,
                    ),
                    item(
                        3,
                        ItemKind::Reference,
                        None,
                        None,
                        "2026-09-12",
                        Some("Granne"),
                    ),
                    item(
                        4,
                        ItemKind::RegisterExtract,
                        Some(10),
                        Some(Register::Belastningsregistret),
                        "2026-08-01",
                        None,
                    ),
                ],
                checklist: Checklist {
                    at: d("2026-12-01"),
                    missing: vec![
                        Missing::BraFam,
                        Missing::RegisterExtract {
                            person_id: 10,
                            name: "Anna Berg".into(),
                            register: Register::Kronofogden,
                        },
                    ],
                    stale_extracts: vec![StaleExtract {
                        item_id: 4,
                        name: "Anna Berg".into(),
                        register: Register::Belastningsregistret,
                        issued_on: d("2026-08-01"),
                    }],
                    complete: false,
                },
            },
            home_name: "Familjen Berg".into(),
            home_kind: HomeKind::Familjehem,
            home_address: None,
            protected: false,
            members: vec![
                Member {
                    id: 10,
                    name: "Anna Berg".into(),
                    role: MemberRole::Vuxen,
                    personal_number: Some("198403020000".into()),
                },
                Member {
                    id: 11,
                    name: "Lisa Berg".into(),
                    role: MemberRole::EgetBarn,
                    personal_number: None,
                },
            ],
            today: d("2026-12-01"),
        }
    }

    #[test]
    fn each_kind_is_swedish_lines_without_a_trailing_break() {
        let c = context();
        for (kind, want) in [
            (
                FactsKind::Assignment,
                "Familjehem: Familjen Berg (familjehem)\nMetod: Kälvestens metod\nUtredningsomgång: 1\nPåbörjad: 2026-09-01\nBeslut: Godkänt 2026-12-01",
            ),
            (
                FactsKind::Members,
                "Anna Berg, vuxen, 42 år\nLisa Berg, eget barn, ålder okänd",
            ),
            (
                FactsKind::Visits,
                "Hembesök 2026-09-05\nIntervju 2026-09-06: Anna Berg",
            ),
            (
                FactsKind::References,
                "1 referens tagen\nReferens 2026-09-12: Granne",
            ),
            (
                FactsKind::RegisterChecks,
                "Utdrag från belastningsregistret för Anna Berg, utfärdat 2026-08-01 – för gammalt vid beslutet\nSaknas: utdrag från Kronofogden för Anna Berg",
            ),
            (
                FactsKind::BraFam,
                "BRA-Fam är inte genomförd\nHälsodeklaration lämnad 2026-09-03",
            ),
            (
                FactsKind::Checklist,
                "Saknas: BRA-Fam\nSaknas: utdrag från Kronofogden för Anna Berg\nFör gammalt: utdrag från belastningsregistret för Anna Berg, utfärdat 2026-08-01",
            ),
        ] {
            assert_eq!(text(kind, &c), want, "{kind:?}");
        }
        assert_eq!(of_section(Some(FactsKind::Members), Some(10), &c), None);
    }

    #[test]
    fn an_age_counts_whole_years_at_the_day_drawn() {
        let mut c = context();
        c.today = d("2026-03-01");
        assert!(text(FactsKind::Members, &c).starts_with("Anna Berg, vuxen, 41 år"));
        c.today = d("2026-03-02");
        assert!(text(FactsKind::Members, &c).starts_with("Anna Berg, vuxen, 42 år"));
    }
}
