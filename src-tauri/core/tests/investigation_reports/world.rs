//! The world the written investigation's tests share: Familjen Lindqvist (two adults,
//! Åsa and Mikael; two own children, Ebba with a personnummer and Nils without) under a
//! Kälvesten investigation started 2026-09-01, and helpers to fill in its checklist and
//! write a report.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{self, DetailsInput, ItemInput, ItemKind, Method, Register};
use akta_core::investigation_report::{
    self as ir, FactsKind, InvestigationReport, Recommendation, ReportSave, SectionText,
};
use akta_core::person::{self, PersonInput};
use akta_core::user::{Actor, Role};
use chrono::NaiveDate;

use crate::common::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub struct World {
    pub staff: Staff,
    /// Another caseworker.
    pub lena: Actor,
    pub home: i64,
    pub asa: i64,
    pub mikael: i64,
    pub ebba: i64,
    pub nils: i64,
    pub inv: i64,
}

async fn member(w: &Staff, home: i64, input: PersonInput, role: MemberRole) -> i64 {
    let id = person::add(&w.store, &w.karin, &input, today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(&w.store, &w.karin, home, id, role)
        .await
        .unwrap();
    id
}

fn numbered(given: &str, family: &str, born: &str, serial: &str) -> PersonInput {
    PersonInput {
        personal_number: Some(pnr(born, serial)),
        ..named(given, family)
    }
}

pub async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let lena = profile(&staff.store, "Lena Lind", Role::Handlaggare).await;
    let home = approved_home(&staff.store, &staff.karin, "Familjen Lindqvist").await;
    // Åsa Öberg, born 1981-12-18: 44 on today() (2026-11-23).
    let asa = member(&staff, home, anna(), MemberRole::Vuxen).await;
    let mikael = member(
        &staff,
        home,
        numbered("Mikael", "Lindqvist", "19790305", "135"),
        MemberRole::Vuxen,
    )
    .await;
    let ebba = member(
        &staff,
        home,
        numbered("Ebba", "Lindqvist", "20170601", "248"),
        MemberRole::EgetBarn,
    )
    .await;
    let nils = member(
        &staff,
        home,
        named("Nils", "Lindqvist"),
        MemberRole::EgetBarn,
    )
    .await;
    let inv = investigation::start(
        &staff.store,
        &staff.karin,
        home,
        Method::Kalvesten,
        d("2026-09-01"),
        today(),
    )
    .await
    .unwrap()
    .id;
    World {
        staff,
        lena,
        home,
        asa,
        mikael,
        ebba,
        nils,
        inv,
    }
}

/// Records a component of the investigation (extracts too old after 3 months).
pub async fn add(
    w: &World,
    kind: ItemKind,
    person_id: Option<i64>,
    register: Option<Register>,
    on: &str,
    note: Option<&str>,
) {
    let input = ItemInput {
        kind,
        person_id,
        register,
        done_on: d(on),
        note: note.map(Into::into),
    };
    investigation::add_item(&w.staff.store, &w.staff.karin, w.inv, &input, today(), 3)
        .await
        .unwrap();
}

/// Makes the checklist complete on today(): a visit, every interview, two references,
/// every register for both adults (issued 2026-10-01), BRA-Fam, the health declaration
/// and the summary.
pub async fn complete(w: &World) {
    use ItemKind::*;
    add(w, HomeVisit, None, None, "2026-09-10", None).await;
    for a in [w.asa, w.mikael] {
        add(w, InterviewAdult, Some(a), None, "2026-09-17", None).await;
        for r in Register::ALL {
            add(w, RegisterExtract, Some(a), Some(r), "2026-10-01", None).await;
        }
    }
    for c in [w.ebba, w.nils] {
        add(w, InterviewChild, Some(c), None, "2026-09-24", None).await;
    }
    add(
        w,
        Reference,
        None,
        None,
        "2026-10-05",
        Some("Granne sedan tio år"),
    )
    .await;
    add(w, Reference, None, None, "2026-10-06", None).await;
    let details = DetailsInput {
        bra_fam_on: Some(d("2026-09-20")),
        health_declaration_on: Some(d("2026-09-15")),
        summary_assessment: Some("Bedömd lämplig.".into()),
    };
    investigation::update_details(&w.staff.store, &w.staff.karin, w.inv, &details, today(), 3)
        .await
        .unwrap();
}

/// The first section keyed `key`.
pub fn section<'a>(
    r: &'a InvestigationReport,
    key: &str,
) -> &'a akta_core::investigation_report::ReportSection {
    r.sections.iter().find(|s| s.key == key).unwrap()
}

/// The facts shown under the section of `kind`.
pub fn facts(r: &InvestigationReport, kind: FactsKind) -> String {
    r.sections
        .iter()
        .find(|s| s.facts == Some(kind))
        .and_then(|s| s.facts_text.clone())
        .unwrap()
}

/// The text of section `key` to save.
pub fn text(r: &InvestigationReport, key: &str, body: &str) -> SectionText {
    SectionText {
        id: section(r, key).id,
        body: body.into(),
    }
}

/// Saves the recommendation chosen and written, and the assessment: what signing needs
/// besides a complete checklist or a justification.
pub async fn ready(w: &World, actor: &Actor, r: &InvestigationReport) -> InvestigationReport {
    let input = ReportSave {
        sections: vec![
            text(
                r,
                "recommendation",
                "Hemmet rekommenderas för ett barn 6–12 år.",
            ),
            text(r, "assessment", "Familjen har goda förutsättningar."),
        ],
        co_investigator: Some("Per Persson".into()),
        recommendation: Some(Recommendation::Recommended),
    };
    ir::save(&w.staff.store, actor, r.id, &input, today())
        .await
        .unwrap()
}

/// The facts stored in section `id`'s row (not drawn again).
pub async fn stored_facts(w: &World, section_id: i64) -> Option<String> {
    sqlx::query_scalar("SELECT facts_text FROM investigation_report_sections WHERE id = ?")
        .bind(section_id)
        .fetch_one(w.staff.store.pool())
        .await
        .unwrap()
}
