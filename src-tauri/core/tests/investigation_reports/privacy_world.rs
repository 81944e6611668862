//! The world the written investigation's privacy tests share: Familjen Lund, approved,
//! with two adults (Astrid Lund and Bengt Sandberg) and their own child Ella; a
//! Kälvesten investigation whose written report has a signed version 1 and a draft
//! version 2; each adult's own sections written, and household sections that name the
//! other adult, his personnummer and the child. Optionally Liv, a child placed in the
//! home who is no member of it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
#![allow(dead_code)]

use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{self, ItemInput, ItemKind, Method, Register};
use akta_core::investigation_report::{
    self as written, InvestigationReport, Recommendation, ReportSave, SectionText,
};
use akta_core::person::{self, PersonInput};
use akta_core::rights::extract::{self, RegisterExtract, Review};
use akta_core::rights::RequestKind;
use akta_core::user::Actor;
use chrono::Days;
use unicode_normalization::UnicodeNormalization;

use crate::common::*;

/// Astrid's childhood (her own per-adult section).
pub const ASTRID_CHILDHOOD: &str =
    "Astrid växte upp på en gård utanför Vara med två äldre bröder och mycket djur.";
/// Bengt's childhood and health (his per-adult sections).
pub const BENGT_CHILDHOOD: &str =
    "Bengt växte upp i gruvsamhället Malmberget där pappan arbetade under jord.";
pub const BENGT_HEALTH: &str =
    "Bengt har diabetes typ 1 sedan tonåren och sköter den själv med insulinpump.";
/// The couple's relationship: names Bengt in full, alone, and Ella.
pub const RELATIONSHIP: &str = "Astrid och Bengt Sandberg träffades på en kurs i trädgårdsdesign. \
     När de är oense tar Bengt en promenad innan de pratar vidare. Ella märker sällan något av det.";
/// A marker of the relationship text that no rule withholds.
pub const RELATIONSHIP_MARK: &str = "träffades på en kurs i trädgårdsdesign";
/// Work and finances: Bengt's personnummer written out by mistake.
pub fn work_text(bengt_number: &str) -> String {
    format!(
        "Hushållets ekonomi är god. Lönebeskedet som visades gällde {} och stämde med \
         det som sagts i intervjun.",
        person::format_personal_number(bengt_number)
    )
}
pub const WORK_MARK: &str = "Hushållets ekonomi är god.";
pub const ASSESSMENT: &str =
    "Familjehemsenheten bedömer att hemmet har goda förutsättningar för ett uppdrag.";
pub const RECOMMENDATION: &str =
    "Hemmet rekommenderas för ett barn i skolåldern, en placering i taget.";
/// Written in version 2 only (the draft).
pub const V2_TEXT: &str =
    "Rättelse i version 2: kursen hölls på Hushållningssällskapet, inte på folkhögskolan.";
pub const JUSTIFICATION: &str = "Referenserna tas i nästa vecka; underlaget är i övrigt komplett.";

pub fn bengt_number() -> String {
    pnr("19790512", "215")
}

pub struct World {
    pub staff: Staff,
    pub home: i64,
    pub astrid: i64,
    pub bengt: i64,
    pub ella: i64,
    /// A child placed in the home, not a member of it (when asked for).
    pub liv: Option<i64>,
    pub investigation: i64,
    /// Signed.
    pub v1: i64,
    /// The draft after it.
    pub v2: i64,
}

pub async fn add_person(staff: &Staff, given: &str, family: &str, number: Option<String>) -> i64 {
    let input = PersonInput {
        personal_number: number,
        given_name: given.into(),
        family_name: family.into(),
        ..PersonInput::default()
    };
    person::add(&staff.store, &staff.karin, &input, today())
        .await
        .unwrap()
        .id
}

/// The id of `r`'s section of `key` (about `person`, for a per-adult one).
pub fn section(r: &InvestigationReport, key: &str, person: Option<i64>) -> i64 {
    r.sections
        .iter()
        .find(|s| s.key == key && s.person_id == person)
        .unwrap_or_else(|| panic!("no section {key} about {person:?}"))
        .id
}

pub fn text(id: i64, body: &str) -> SectionText {
    SectionText {
        id,
        body: body.into(),
    }
}

/// Starts a Kälvesten investigation of `home` with a home visit and each adult
/// interviewed and checked in one register (the checklist is not complete).
pub async fn investigation_of(staff: &Staff, home: i64, adults: &[i64]) -> i64 {
    let (store, karin) = (&staff.store, &staff.karin);
    let started = today() - Days::new(60);
    let inv = investigation::start(store, karin, home, Method::Kalvesten, started, today())
        .await
        .unwrap()
        .id;
    let mut items = vec![ItemInput {
        kind: ItemKind::HomeVisit,
        person_id: None,
        register: None,
        done_on: started,
        note: None,
    }];
    for &a in adults {
        items.push(ItemInput {
            kind: ItemKind::InterviewAdult,
            person_id: Some(a),
            register: None,
            done_on: started + Days::new(7),
            note: None,
        });
        items.push(ItemInput {
            kind: ItemKind::RegisterExtract,
            person_id: Some(a),
            register: Some(Register::Belastningsregistret),
            done_on: started,
            note: None,
        });
    }
    for item in &items {
        investigation::add_item(store, karin, inv, item, today(), 3)
            .await
            .unwrap();
    }
    inv
}

/// Familjen Lund as the module describes it; Liv placed there when `placed` is true.
pub async fn world(dir: &std::path::Path, placed: bool) -> World {
    let staff = store_with_staff(dir).await;
    let home = approved_home(&staff.store, &staff.karin, "Familjen Lund").await;
    let astrid = add_person(&staff, "Astrid", "Lund", Some(pnr("19810303", "248"))).await;
    let bengt = add_person(&staff, "Bengt", "Sandberg", Some(bengt_number())).await;
    let ella = add_person(&staff, "Ella", "Lund", Some(pnr("20160909", "262"))).await;
    for (p, role) in [
        (astrid, MemberRole::Vuxen),
        (bengt, MemberRole::Vuxen),
        (ella, MemberRole::EgetBarn),
    ] {
        foster_home::add_member(&staff.store, &staff.karin, home, p, role)
            .await
            .unwrap();
    }
    let liv = if placed {
        let liv = add_person(&staff, "Liv", "Ek", Some(pnr("20140404", "282"))).await;
        let kommun = kommun(&staff.store, &staff.karin).await;
        let from = (today() - Days::new(20)).to_string();
        place(&staff.store, &staff.karin, liv, home, kommun, &from).await;
        Some(liv)
    } else {
        None
    };
    let investigation = investigation_of(&staff, home, &[astrid, bengt]).await;
    let (store, karin) = (&staff.store, &staff.karin);
    let r = written::draft(store, karin, investigation, today())
        .await
        .unwrap();
    let input = ReportSave {
        sections: vec![
            text(section(&r, "childhood", Some(astrid)), ASTRID_CHILDHOOD),
            text(section(&r, "childhood", Some(bengt)), BENGT_CHILDHOOD),
            text(section(&r, "health", Some(bengt)), BENGT_HEALTH),
            text(section(&r, "relationship", None), RELATIONSHIP),
            text(
                section(&r, "work_finances", None),
                &work_text(&bengt_number()),
            ),
            text(section(&r, "assessment", None), ASSESSMENT),
            text(section(&r, "recommendation", None), RECOMMENDATION),
        ],
        co_investigator: Some("Lena Holmström".into()),
        recommendation: Some(Recommendation::Recommended),
    };
    let v1 = written::save(store, karin, r.id, &input, today())
        .await
        .unwrap()
        .id;
    written::sign(store, karin, v1, Some(JUSTIFICATION), today())
        .await
        .unwrap();
    let d = written::draft(store, karin, investigation, today())
        .await
        .unwrap();
    let changed = ReportSave {
        sections: vec![text(
            section(&d, "relationship", None),
            &format!("{RELATIONSHIP} {V2_TEXT}"),
        )],
        co_investigator: d.co_investigator.clone(),
        recommendation: d.recommendation,
    };
    let v2 = written::save(store, karin, d.id, &changed, today())
        .await
        .unwrap()
        .id;
    World {
        staff,
        home,
        astrid,
        bengt,
        ella,
        liv,
        investigation,
        v1,
        v2,
    }
}

/// The register extract of `person` (an access request made and answered today, the
/// automatic rules applied): its JSON, parsed and as text, and its PDF's text.
pub struct Extract {
    pub doc: RegisterExtract,
    pub json: String,
    pub pdf: String,
}

pub async fn extract_of(w: &World, person: i64, dir: &std::path::Path) -> Extract {
    let s = &w.staff;
    let request = verified_request(&s.store, &s.dpo, person, RequestKind::Access, today()).await;
    let docs = extract::create(&s.store, &s.dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    Extract {
        doc: serde_json::from_slice(&docs.json).unwrap(),
        json: String::from_utf8(docs.json.clone()).unwrap(),
        pdf: pdftotext(&docs.pdf, dir),
    }
}

pub fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("extract.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Lower case, composed, whitespace runs as one space: how a reader compares text
/// (a PDF breaks lines where it likes).
pub fn plain(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tables the extract shows rows of.
pub fn tables(e: &RegisterExtract) -> Vec<&str> {
    e.sections
        .iter()
        .filter(|s| !s.records.is_empty())
        .map(|s| s.table.as_str())
        .collect()
}

/// The values of `column` in the extract's section of `table`.
pub fn values<'a>(e: &'a RegisterExtract, table: &str, column: &str) -> Vec<&'a str> {
    e.sections
        .iter()
        .filter(|s| s.table == table)
        .flat_map(|s| s.records.iter())
        .flat_map(|r| r.fields.iter())
        .filter(|f| f.column == column)
        .map(|f| f.value.as_str())
        .collect()
}

/// Every written form of a personnummer a reader might search for.
pub fn number_forms(n: &str) -> Vec<String> {
    person::written_forms(n)
}

/// A second caseworker, the author of nothing.
pub async fn other_caseworker(staff: &Staff) -> Actor {
    profile(
        &staff.store,
        "Kim Konsulent",
        akta_core::user::Role::Handlaggare,
    )
    .await
}
