//! Monthly reports on a real encrypted store: drafted from the store's contacts, plan
//! and training, edited, signed and locked (by the service and by the store itself),
//! made as a PDF (read back with pdftotext; its SHA-256 recorded) and recorded as sent.
//! Two children placed in one home: each report names its own child and contacts and
//! nothing of the other. Every bad input is refused naming its field, nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::contact::plan::{self, PlanInput};
use akta_core::contact::{self, ContactInput, ContactKind, Participant, ParticipantRole, PlanPer};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, MemberRole};
use akta_core::person::{self, PersonInput};
use akta_core::report::{self, ReportSections, ReportStatus, YearMonth};
use akta_core::store::Store;
use akta_core::training::{self, TrainingInput};
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::*;
use sha2::Digest;

/// One home (an adult, the home's own child) with two placed children, Alva and Bruno,
/// since 2026-09-01; another home with its own placed child.
struct World {
    staff: Staff,
    home: i64,
    adult: i64,
    own_child: i64,
    alva: i64,
    bruno: i64,
    alva_placement: i64,
    bruno_placement: i64,
    other_placement: i64,
}

const ALVA_PNR: (&str, &str) = ("20150203", "146");
const BRUNO_PNR: (&str, &str) = ("20170512", "238");

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn october() -> YearMonth {
    YearMonth::parse("month", "2026-10").unwrap()
}

async fn child(store: &Store, a: &Actor, given: &str, family: &str, pnr_of: (&str, &str)) -> i64 {
    let input = PersonInput {
        personal_number: Some(pnr(pnr_of.0, pnr_of.1)),
        given_name: given.into(),
        family_name: family.into(),
        ..PersonInput::default()
    };
    person::add(store, a, &input, today()).await.unwrap().id
}

#[allow(clippy::too_many_arguments)]
async fn contact(
    w: &World,
    home: i64,
    child: Option<i64>,
    kind: ContactKind,
    date: &str,
    at: &str,
    persons: &[i64],
    themes: &[&str],
    text: &str,
) {
    let mut participants: Vec<Participant> = persons
        .iter()
        .map(|p| Participant::Person { person_id: *p })
        .collect();
    participants.push(Participant::Role {
        role: ParticipantRole::Socialsekreterare,
    });
    let input = ContactInput {
        home_id: home,
        child_id: child,
        kind,
        date: d(date),
        starts_at: at.into(),
        minutes: Some(90),
        participants,
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        text: text.into(),
    };
    contact::add(&w.staff.store, &w.staff.karin, &input, today())
        .await
        .unwrap();
}

async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let (s, a) = (&staff.store, &staff.karin);
    let kommun = kommun(s, a).await;
    let home = approved_home(s, a, "Familjen Lindqvist").await;
    let adult = person::add(s, a, &anna(), today()).await.unwrap().id;
    foster_home::add_member(s, a, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    let own_child = person::add(s, a, &named("Ebba", "Lindqvist"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(s, a, home, own_child, MemberRole::EgetBarn)
        .await
        .unwrap();
    let alva = child(s, a, "Alva", "Ödegård", ALVA_PNR).await;
    let bruno = child(s, a, "Bruno", "Berg", BRUNO_PNR).await;
    let alva_placement = place(s, a, alva, home, kommun, "2026-09-01").await;
    let bruno_placement = place(s, a, bruno, home, kommun, "2026-09-01").await;
    let other_home = approved_home(s, a, "Familjen Sand").await;
    let other_child = child(s, a, "Cilla", "Sand", ("20160704", "321")).await;
    let other_placement = place(s, a, other_child, other_home, kommun, "2026-09-01").await;
    let w = World {
        staff,
        home,
        adult,
        own_child,
        alva,
        bruno,
        alva_placement,
        bruno_placement,
        other_placement,
    };
    use ContactKind::*;
    contact(
        &w,
        home,
        Some(alva),
        Hembesok,
        "2026-10-05",
        "10:00",
        &[adult, alva],
        &["skola"],
        "HEMLIG-ANTECKNING-ALVA",
    )
    .await;
    contact(
        &w,
        home,
        Some(bruno),
        Telefon,
        "2026-10-07",
        "14:15",
        &[adult, bruno],
        &["halsa"],
        "Om Brunos tandläkare.",
    )
    .await;
    // The home as a whole, on the last day of the month at 23:30: it counts for October.
    contact(
        &w,
        home,
        None,
        HandledningEnskild,
        "2026-10-31",
        "23:30",
        &[adult, alva, bruno, own_child],
        &["stod"],
        "Samtal om hela familjen.",
    )
    .await;
    contact(
        &w,
        home,
        Some(alva),
        Video,
        "2026-09-30",
        "09:00",
        &[adult],
        &[],
        "Före perioden.",
    )
    .await;
    contact(
        &w,
        home,
        Some(alva),
        Video,
        "2026-11-02",
        "09:00",
        &[adult],
        &[],
        "Efter perioden.",
    )
    .await;
    contact(
        &w,
        other_home,
        Some(other_child),
        Hembesok,
        "2026-10-06",
        "08:45",
        &[other_child],
        &[],
        "Andra hemmet.",
    )
    .await;
    for (placement_id, kind, per) in [
        (None, Some(Hembesok), PlanPer::Month),
        (Some(alva_placement), Some(Telefon), PlanPer::Week),
    ] {
        let line = PlanInput {
            home_id: home,
            placement_id,
            kind,
            times: 1,
            per,
            valid_from: d("2026-09-01"),
            valid_to: None,
        };
        plan::add_line(&w.staff.store, &w.staff.karin, &line)
            .await
            .unwrap();
    }
    let course = TrainingInput {
        home_id: home,
        person_id: adult,
        course: "Ett hem att växa i".into(),
        provider: Some("Familjehemsenheten".into()),
        held_on: d("2026-10-12"),
        hours: Some(3.0),
    };
    training::add(&w.staff.store, &w.staff.karin, &course, today())
        .await
        .unwrap();
    w
}

fn sections() -> ReportSections {
    ReportSections {
        child_situation: "Har landat väl i familjen.\nTrivs i skolan.".into(),
        home_support: "Önskar handledning kring umgänget.".into(),
        next_steps: "Hembesök vecka 46.".into(),
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

async fn reports_count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM monthly_reports")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_report_is_drafted_from_the_store_edited_signed_and_then_locked() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = report::draft(s, k, w.alva_placement, october(), today())
        .await
        .unwrap();
    assert_eq!(r.status, ReportStatus::Draft);
    assert_eq!(
        (r.period_from, r.period_to),
        (d("2026-10-01"), d("2026-10-31"))
    );
    assert_eq!(r.municipality_name, "Göteborgs Stad");
    assert!(r.child_situation.is_empty() && r.home_support.is_empty() && r.next_steps.is_empty());
    let c = &r.contacts_text;
    assert!(c.starts_with("2 kontakter under perioden"), "{c}");
    assert!(
        c.contains("2026-10-05 kl. 10:00, hembesök, 1,5 timmar."),
        "{c}"
    );
    assert!(
        c.contains("2026-10-31 kl. 23:30, handledningssamtal, enskilt"),
        "{c}"
    );
    assert!(c.contains("Åsa Öberg (familjehemsförälder)"), "{c}");
    assert!(c.contains("Alva Ödegård (barnet)"), "{c}");
    assert!(c.contains("socialsekreterare"), "{c}");
    assert!(c.contains("Teman: Skola och förskola."), "{c}");
    assert!(
        !c.contains("HEMLIG-ANTECKNING"),
        "the journal text is not copied: {c}"
    );
    assert!(
        !c.contains("Ebba"),
        "the home's own child is not named: {c}"
    );
    assert!(
        !c.contains("2026-09-30") && !c.contains("2026-11-02"),
        "{c}"
    );
    let p = &r.plan_text;
    assert!(
        p.contains("Hembesök 1 gång i månaden (familjehemmets plan): 1 genomförda av 1"),
        "{p}"
    );
    assert!(
        p.contains(
            "Telefonsamtal 1 gång i veckan (överenskommet för placeringen): 0 genomförda av 4"
        ),
        "{p}"
    );
    assert!(p.contains("Färre än planerat."), "{p}");
    assert!(
        r.training_text.contains(
            "2026-10-12 Ett hem att växa i (Familjehemsenheten), 3 timmar. Deltog: Åsa Öberg."
        ),
        "{}",
        r.training_text
    );

    let r = report::update(s, k, r.id, &sections(), today())
        .await
        .unwrap();
    assert_eq!(
        r.child_situation,
        "Har landat väl i familjen.\nTrivs i skolan."
    );
    let signed = report::sign(s, k, r.id, today()).await.unwrap();
    assert_eq!(signed.status, ReportStatus::Signed);
    assert_eq!(signed.signed_by_name.as_deref(), Some("Karin Konsulent"));

    // Locked: the service refuses, and so does the store itself.
    let e = report::update(s, k, r.id, &ReportSections::default(), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    let e = report::sign(s, k, r.id, today()).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    let raw = sqlx::query("UPDATE monthly_reports SET child_situation = 'ändrad' WHERE id = ?")
        .bind(r.id)
        .execute(s.pool())
        .await;
    assert!(
        raw.is_err(),
        "the trigger refuses a raw change of a signed report"
    );
    assert_eq!(report::get(s, k, r.id).await.unwrap(), signed);
}

#[tokio::test]
async fn only_the_author_edits_and_signs_and_every_section_is_written_before_signing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = report::draft(s, k, w.bruno_placement, october(), today())
        .await
        .unwrap();
    let e = report::sign(s, k, r.id, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("child_situation", Reason::Required),
            ("home_support", Reason::Required),
            ("next_steps", Reason::Required)
        ]
    );
    let e = report::update(s, &w.staff.dpo, r.id, &sections(), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    report::update(s, k, r.id, &sections(), today())
        .await
        .unwrap();
    let e = report::sign(s, &w.staff.dpo, r.id, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    assert_eq!(
        report::get(s, k, r.id).await.unwrap().status,
        ReportStatus::Draft
    );
}

#[tokio::test]
async fn drafting_the_months_reports_for_all_placements_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let first = report::draft_all(s, k, october(), today()).await.unwrap();
    assert_eq!(
        (first.drafted.len(), first.already, first.restricted),
        (3, 0, 0)
    );
    let again = report::draft_all(s, k, october(), today()).await.unwrap();
    assert_eq!((again.drafted.len(), again.already), (0, 3));
    assert_eq!(reports_count(s).await, 3);
    let listed = report::list(s, k, None, Some(october())).await.unwrap();
    let placements: std::collections::BTreeSet<i64> =
        listed.iter().map(|r| r.placement_id).collect();
    assert_eq!(
        placements,
        [w.alva_placement, w.bruno_placement, w.other_placement].into()
    );
    assert_eq!(
        report::list(s, k, Some(w.alva_placement), None)
            .await
            .unwrap()
            .len(),
        1
    );
    let e = report::draft(s, k, w.alva_placement, october(), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("month", Reason::Duplicate)]);
    // August: no placement ran then.
    let august = YearMonth::parse("month", "2026-08").unwrap();
    let none = report::draft_all(s, k, august, today()).await.unwrap();
    assert_eq!((none.drafted.len(), none.already), (0, 0));
}

#[tokio::test]
async fn each_childs_report_names_only_that_child_and_its_contacts() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let alva_nr = pnr(ALVA_PNR.0, ALVA_PNR.1);
    let bruno_nr = pnr(BRUNO_PNR.0, BRUNO_PNR.1);
    let dashed = |n: &str| format!("{}-{}", &n[..8], &n[8..]);
    let cases = [
        (
            w.alva_placement,
            "Alva Ödegård",
            &alva_nr,
            "2026-10-05",
            "Bruno",
            &bruno_nr,
            "2026-10-07",
        ),
        (
            w.bruno_placement,
            "Bruno Berg",
            &bruno_nr,
            "2026-10-07",
            "Alva",
            &alva_nr,
            "2026-10-05",
        ),
    ];
    for (placement, own, own_nr, own_day, other, other_nr, other_day) in cases {
        let r = report::draft(s, k, placement, october(), today())
            .await
            .unwrap();
        report::update(s, k, r.id, &sections(), today())
            .await
            .unwrap();
        report::sign(s, k, r.id, today()).await.unwrap();
        let e = report::mark_sent(s, k, r.id, today(), "Socialsekreterare Eva", today())
            .await
            .unwrap_err();
        assert_eq!(
            refusals(&e),
            vec![("pdf", Reason::Required)],
            "no PDF made yet"
        );
        let pdf = report::pdf(s, k, r.id, today()).await.unwrap();
        let recorded = report::get(s, k, r.id).await.unwrap().pdf_sha256.unwrap();
        assert_eq!(recorded, hex::encode(sha2::Sha256::digest(&pdf)));
        let text = pdftotext(&pdf);
        assert!(text.contains("Månadsrapport – familjehemsvård"), "{text}");
        assert!(text.contains("Göteborgs Stad"), "{text}");
        assert!(text.contains("Familjen Lindqvist"), "{text}");
        assert!(text.contains("2026-10-01 – 2026-10-31"), "{text}");
        assert!(text.contains("inte en bedömning av barnet"), "{text}");
        assert!(text.contains(own), "{own}: {text}");
        assert!(text.contains(&dashed(own_nr)), "{text}");
        assert!(
            text.contains(own_day) && text.contains("2026-10-31"),
            "{text}"
        );
        assert!(text.contains("Har landat väl i familjen."), "{text}");
        assert!(text.contains("Karin Konsulent"), "{text}");
        assert!(text.contains("Sida 1 av"), "{text}");
        for never in [
            other,
            other_nr.as_str(),
            &dashed(other_nr),
            other_day,
            "Ebba",
            "Cilla",
            "Sand",
            "HEMLIG",
        ] {
            assert!(
                !text.contains(never),
                "{own}'s report holds {never:?}: {text}"
            );
        }
        let sent = report::mark_sent(s, k, r.id, today(), "Socialsekreterare Eva", today())
            .await
            .unwrap();
        assert_eq!(sent.status, ReportStatus::Sent);
        assert_eq!(sent.pdf_sha256.as_deref(), Some(recorded.as_str()));
        assert_eq!(sent.sent_to.as_deref(), Some("Socialsekreterare Eva"));
    }
}

#[tokio::test]
async fn sending_is_recorded_once_after_the_pdf_and_bad_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = report::draft(s, k, w.alva_placement, october(), today())
        .await
        .unwrap();
    let e = report::pdf(s, k, r.id, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("report", Reason::NotAllowed)],
        "a draft has no PDF"
    );
    report::update(s, k, r.id, &sections(), today())
        .await
        .unwrap();
    report::sign(s, k, r.id, today()).await.unwrap();
    report::pdf(s, k, r.id, today()).await.unwrap();
    let before = report::get(s, k, r.id).await.unwrap();
    let tomorrow = today().succ_opt().unwrap();
    let e = report::mark_sent(s, k, r.id, tomorrow, "  ", today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("sent_to", Reason::Required), ("sent_on", Reason::Future)]
    );
    let e = report::mark_sent(s, k, r.id, d("2026-10-01"), "Eva", today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("sent_on", Reason::Date)],
        "before the signing"
    );
    let e = report::mark_sent(s, k, r.id, today(), &"x".repeat(201), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("sent_to", Reason::TooLong)]);
    assert_eq!(
        report::get(s, k, r.id).await.unwrap(),
        before,
        "nothing written"
    );
    report::mark_sent(s, k, r.id, today(), "Eva Ek, Göteborgs Stad", today())
        .await
        .unwrap();
    let e = report::mark_sent(s, k, r.id, today(), "Någon annan", today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    // A copy made after sending leaves the sent PDF's hash alone.
    let sent = report::get(s, k, r.id).await.unwrap();
    report::pdf(s, k, r.id, today()).await.unwrap();
    assert_eq!(
        report::get(s, k, r.id).await.unwrap().pdf_sha256,
        sent.pdf_sha256
    );
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let events = audit_count(s).await;
    let december = YearMonth::parse("month", "2026-12").unwrap();
    let e = report::draft(s, k, 9999, december, today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("placement", Reason::Unknown), ("month", Reason::Future)]
    );
    let e = report::draft_all(s, k, december, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("month", Reason::Future)]);
    let august = YearMonth::parse("month", "2026-08").unwrap();
    let e = report::draft(s, k, w.alva_placement, august, today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("month", Reason::NotAllowed)],
        "not placed in August"
    );
    for bad in ["2026-13", "2026/10", "okt"] {
        let e = YearMonth::parse("month", bad).unwrap_err();
        assert_eq!(e.fields()[0].field, "month");
    }
    assert_eq!(reports_count(s).await, 0);
    assert_eq!(audit_count(s).await, events, "no audit event for a refusal");

    let r = report::draft(s, k, w.alva_placement, october(), today())
        .await
        .unwrap();
    report::update(s, k, r.id, &sections(), today())
        .await
        .unwrap();
    let before = report::get(s, k, r.id).await.unwrap();
    let bad = ReportSections {
        child_situation: "x".repeat(report::MAX_SECTION_CHARS + 1),
        home_support: "Klocka\u{7}".into(),
        next_steps: String::new(),
    };
    let e = report::update(s, k, r.id, &bad, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("child_situation", Reason::TooLong),
            ("home_support", Reason::Characters)
        ]
    );
    assert_eq!(
        report::get(s, k, r.id).await.unwrap(),
        before,
        "nothing written"
    );
    let e = report::get(s, k, 4242).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_restricted_child_or_home_member_stops_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = report::draft(s, k, w.bruno_placement, october(), today())
        .await
        .unwrap();
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.alva, Some(today()), today())
        .await
        .unwrap();
    let e = report::draft(s, k, w.alva_placement, october(), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let out = report::draft_all(s, k, october(), today()).await.unwrap();
    assert_eq!((out.drafted.len(), out.already, out.restricted), (1, 1, 1));
    // A home member restricted: the home's reports are refused too.
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.adult, Some(today()), today())
        .await
        .unwrap();
    let e = report::update(s, k, r.id, &sections(), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let e = report::sign(s, k, r.id, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let _ = (w.home, w.own_child, w.bruno);
}
