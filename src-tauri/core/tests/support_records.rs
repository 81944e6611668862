//! Training, placement agreements and egenkontroll on real encrypted stores: what is
//! recorded and listed, every refusal naming its field with nothing written, a year's
//! training against the agency's target, and the agency's summary of the egenkontroll
//! (counts and averages, read back from its PDF) naming no home and no person — and
//! refused to a caseworker's profile.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::agreement::{self, AgreementInput};
use akta_core::audit;
use akta_core::document::{self, DocumentOwner};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, HomeStatus, MemberRole, StatusChangeInput};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person;
use akta_core::placement::{self, PlacementInput};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::survey::{self, Scores, SurveyInput};
use akta_core::training::{self, TrainingInput};
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Familjen Lindqvist with two adults (Åsa Öberg, Bo Lindqvist), Lina Lindqvist who is
/// no member, and (when placed) Lina placed there by Göteborgs Stad since 2026-09-01.
struct World {
    staff: Staff,
    home: i64,
    asa: i64,
    bo: i64,
    lina: i64,
    kommun: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let (staff, f) = store_with_family(dir, "Lindqvist").await;
    let (s, a) = (&staff.store, &staff.karin);
    let bo = person::add(s, a, &named("Bo", "Lindqvist"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(s, a, f.home, bo, MemberRole::Vuxen)
        .await
        .unwrap();
    let kommun = organisation::add(
        s,
        a,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id;
    World {
        home: f.home,
        asa: f.adult,
        bo,
        lina: f.child,
        kommun,
        staff,
    }
}

fn course(w: &World, person: i64, name: &str, on: &str, hours: Option<f64>) -> TrainingInput {
    TrainingInput {
        home_id: w.home,
        person_id: person,
        course: name.into(),
        provider: Some("Familjehemsenheten".into()),
        held_on: d(on),
        hours,
    }
}

async fn rows(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Asserts that `f`'s refusal names `field` with `reason` and that nothing was written
/// (no row in `table`, no audit event).
async fn refused_with<T: std::fmt::Debug>(
    store: &Store,
    table: &str,
    field: &str,
    reason: Reason,
    f: impl std::future::Future<Output = akta_core::Result<T>>,
) {
    let (before, events) = (rows(store, table).await, audit_count(store).await);
    let e = f.await.unwrap_err();
    assert!(
        refusals(&e).contains(&(field, reason)),
        "{field}: {reason:?} not in {:?}",
        refusals(&e)
    );
    assert_eq!(
        rows(store, table).await,
        before,
        "{field}: a row was written"
    );
    assert_eq!(
        audit_count(store).await,
        events,
        "{field}: an event was written"
    );
}

#[tokio::test]
async fn training_is_counted_as_occasions_against_the_agencys_target() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    // Both adults at the same course day: one occasion for the home.
    let first = training::add(
        s,
        a,
        &course(&w, w.asa, "Ett hem att växa i", "2026-03-10", Some(2.5)),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(first.minutes, Some(150));
    assert_eq!(first.person_name, "Åsa Öberg");
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str()),
        ("create", "training")
    );
    assert_eq!(e.entity_id, Some(first.id));
    training::add(
        s,
        a,
        &course(&w, w.bo, "Ett hem att växa i", "2026-03-10", Some(2.5)),
        today(),
    )
    .await
    .unwrap();
    let target = Settings::default().training_target_per_year;
    assert_eq!(target, 2);
    let y = training::year_summary(s, w.home, 2026, target)
        .await
        .unwrap();
    assert_eq!(
        (y.occasions, y.target, y.met, y.rows, y.minutes),
        (1, 2, false, 2, 300)
    );
    // Another occasion this year, and one last year that does not count for this one.
    training::add(
        s,
        a,
        &course(&w, w.asa, "Temadag om anknytning", "2026-09-15", None),
        today(),
    )
    .await
    .unwrap();
    training::add(
        s,
        a,
        &course(&w, w.bo, "Temadag", "2025-11-02", Some(6.0)),
        today(),
    )
    .await
    .unwrap();
    let y = training::year_summary(s, w.home, 2026, target)
        .await
        .unwrap();
    assert_eq!((y.occasions, y.met, y.rows, y.minutes), (2, true, 3, 300));
    assert!(
        !training::year_summary(s, w.home, 2026, 3)
            .await
            .unwrap()
            .met
    );
    let this_year = training::for_home(s, w.home, Some(2026)).await.unwrap();
    assert_eq!(
        this_year.iter().map(|t| t.held_on).collect::<Vec<_>>(),
        [d("2026-09-15"), d("2026-03-10"), d("2026-03-10")]
    );
    assert_eq!(training::for_home(s, w.home, None).await.unwrap().len(), 4);
    // A former member's training from before she left still counts.
    sqlx::query("UPDATE foster_home_members SET joined_on = '2020-01-01', left_on = '2026-06-30' WHERE person_id = ?")
        .bind(w.bo)
        .execute(s.pool())
        .await
        .unwrap();
    training::add(
        s,
        a,
        &course(&w, w.bo, "Ett hem att växa i", "2026-04-14", Some(3.0)),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(
        training::year_summary(s, w.home, 2026, target)
            .await
            .unwrap()
            .occasions,
        3
    );
}

#[tokio::test]
async fn every_training_refusal_names_its_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let ok = || course(&w, w.asa, "Ett hem att växa i", "2026-03-10", Some(2.0));
    let cases: Vec<(&str, Reason, TrainingInput)> = vec![
        (
            "held_on",
            Reason::Future,
            TrainingInput {
                held_on: today().succ_opt().unwrap(),
                ..ok()
            },
        ),
        (
            "course",
            Reason::Required,
            TrainingInput {
                course: "  ".into(),
                ..ok()
            },
        ),
        (
            "course",
            Reason::TooLong,
            TrainingInput {
                course: "x".repeat(201),
                ..ok()
            },
        ),
        (
            "course",
            Reason::Characters,
            TrainingInput {
                course: "a\u{7}b".into(),
                ..ok()
            },
        ),
        (
            "provider",
            Reason::TooLong,
            TrainingInput {
                provider: Some("y".repeat(201)),
                ..ok()
            },
        ),
        (
            "hours",
            Reason::Format,
            TrainingInput {
                hours: Some(0.0),
                ..ok()
            },
        ),
        (
            "hours",
            Reason::Format,
            TrainingInput {
                hours: Some(-2.0),
                ..ok()
            },
        ),
        (
            "hours",
            Reason::Format,
            TrainingInput {
                hours: Some(169.0),
                ..ok()
            },
        ),
        // Lina is no member of the home; person 9999 does not exist; nor home 9999.
        (
            "person_id",
            Reason::NotAllowed,
            TrainingInput {
                person_id: w.lina,
                ..ok()
            },
        ),
        (
            "person_id",
            Reason::Unknown,
            TrainingInput {
                person_id: 9999,
                ..ok()
            },
        ),
        (
            "home_id",
            Reason::Unknown,
            TrainingInput {
                home_id: 9999,
                ..ok()
            },
        ),
    ];
    for (field, reason, input) in cases {
        refused_with(
            s,
            "trainings",
            field,
            reason,
            training::add(s, a, &input, today()),
        )
        .await;
    }
    // A member who left the home before the course day was no member on that day.
    sqlx::query("UPDATE foster_home_members SET joined_on = '2020-01-01', left_on = '2026-06-30' WHERE person_id = ?")
        .bind(w.bo)
        .execute(s.pool())
        .await
        .unwrap();
    let late = course(&w, w.bo, "Temadag", "2026-07-01", None);
    refused_with(
        s,
        "trainings",
        "person_id",
        Reason::NotAllowed,
        training::add(s, a, &late, today()),
    )
    .await;
    // Every wrong field at once.
    let all = TrainingInput {
        course: String::new(),
        held_on: today().succ_opt().unwrap(),
        hours: Some(500.0),
        ..ok()
    };
    let e = training::add(s, a, &all, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        [
            ("course", Reason::Required),
            ("held_on", Reason::Future),
            ("hours", Reason::Format)
        ]
    );
    // A person whose processing is restricted.
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.asa, Some(today()), today())
        .await
        .unwrap();
    let (before, events) = (rows(s, "trainings").await, audit_count(s).await);
    let e = training::add(s, a, &ok(), today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(
        (rows(s, "trainings").await, audit_count(s).await),
        (before, events)
    );
    assert_eq!(rows(s, "trainings").await, 0);
}

#[tokio::test]
async fn a_mistaken_training_row_is_deleted_and_the_deletion_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let t = training::add(
        s,
        a,
        &course(&w, w.asa, "Fel kurs", "2026-02-02", None),
        today(),
    )
    .await
    .unwrap();
    training::delete(s, a, t.id).await.unwrap();
    assert!(training::for_home(s, w.home, None)
        .await
        .unwrap()
        .is_empty());
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("delete", "training", Some(t.id))
    );
    assert_eq!(
        training::delete(s, a, t.id).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert!(audit::verify(s).await.unwrap().intact);
}

/// Lina placed in the home since 2026-09-01; the placement's id.
async fn placed(w: &World) -> i64 {
    let (s, a) = (&w.staff.store, &w.staff.karin);
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(s, a, w.home, &change, today())
            .await
            .unwrap();
    }
    let input = PlacementInput {
        child_id: w.lina,
        home_id: w.home,
        municipality_id: w.kommun,
        start_date: d("2026-09-01"),
    };
    placement::place(s, a, &input, today()).await.unwrap().id
}

fn agreement_input() -> AgreementInput {
    AgreementInput {
        reference: Some("SN 2026/1234".into()),
        signed_on: Some(d("2026-08-28")),
        valid_from: d("2026-09-01"),
        valid_to: Some(d("2027-08-31")),
        contact_name: Some("Sara Socialsekreterare".into()),
        contact_phone: Some("031-365 00 00".into()),
        contact_email: Some("sara.s@goteborg.se".into()),
        document_id: None,
    }
}

#[tokio::test]
async fn an_agreement_is_recorded_with_its_signed_copy_changed_and_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let p = placed(&w).await;
    let copy = document::add_bytes(
        s,
        a,
        &pdf_showing("Uppdragsavtal"),
        &document_input(DocumentOwner::Placement(p), "Uppdragsavtal, undertecknat"),
        today(),
    )
    .await
    .unwrap();
    let input = AgreementInput {
        document_id: Some(copy.id),
        ..agreement_input()
    };
    let made = agreement::add(s, a, p, &input, today()).await.unwrap();
    assert_eq!(
        made.document_title.as_deref(),
        Some("Uppdragsavtal, undertecknat")
    );
    assert_eq!(made.reference.as_deref(), Some("SN 2026/1234"));
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("create", "agreement", Some(made.id))
    );
    let change = AgreementInput {
        contact_name: Some("Per Persson".into()),
        contact_email: None,
        valid_to: None,
        ..input.clone()
    };
    let changed = agreement::update(s, a, made.id, &change, today())
        .await
        .unwrap();
    assert_eq!(changed.contact_name.as_deref(), Some("Per Persson"));
    assert_eq!(
        (changed.contact_email.as_deref(), changed.valid_to),
        (None, None)
    );
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str()),
        ("update", "agreement")
    );
    let listed = agreement::for_placement(s, p).await.unwrap();
    assert_eq!(listed, vec![changed]);
}

#[tokio::test]
async fn every_agreement_refusal_names_its_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let p = placed(&w).await;
    // A document of the home's file, not of the placement.
    let home_doc = document::add_bytes(
        s,
        a,
        &pdf_showing("Annat"),
        &document_input(DocumentOwner::Home(w.home), "Hemmets avtal"),
        today(),
    )
    .await
    .unwrap();
    let ok = agreement_input;
    let cases: Vec<(&str, Reason, AgreementInput)> = vec![
        (
            "valid_to",
            Reason::Date,
            AgreementInput {
                valid_to: Some(d("2026-08-31")),
                ..ok()
            },
        ),
        (
            "signed_on",
            Reason::Future,
            AgreementInput {
                signed_on: today().succ_opt(),
                ..ok()
            },
        ),
        (
            "contact_email",
            Reason::Format,
            AgreementInput {
                contact_email: Some("sara@goteborg".into()),
                ..ok()
            },
        ),
        (
            "contact_phone",
            Reason::Format,
            AgreementInput {
                contact_phone: Some("ring växeln".into()),
                ..ok()
            },
        ),
        (
            "reference",
            Reason::TooLong,
            AgreementInput {
                reference: Some("r".repeat(101)),
                ..ok()
            },
        ),
        (
            "contact_name",
            Reason::Characters,
            AgreementInput {
                contact_name: Some("a\u{0}b".into()),
                ..ok()
            },
        ),
        (
            "document_id",
            Reason::NotAllowed,
            AgreementInput {
                document_id: Some(home_doc.id),
                ..ok()
            },
        ),
        (
            "document_id",
            Reason::Unknown,
            AgreementInput {
                document_id: Some(9999),
                ..ok()
            },
        ),
    ];
    for (field, reason, input) in &cases {
        refused_with(
            s,
            "placement_agreements",
            field,
            *reason,
            agreement::add(s, a, p, input, today()),
        )
        .await;
    }
    refused_with(
        s,
        "placement_agreements",
        "placement_id",
        Reason::Unknown,
        agreement::add(s, a, 9999, &ok(), today()),
    )
    .await;
    // A change is refused the same way, and the agreement stays as it was.
    let made = agreement::add(s, a, p, &ok(), today()).await.unwrap();
    for (field, reason, input) in &cases {
        let events = audit_count(s).await;
        let e = agreement::update(s, a, made.id, input, today())
            .await
            .unwrap_err();
        assert!(refusals(&e).contains(&(*field, *reason)), "{field}");
        assert_eq!(audit_count(s).await, events);
    }
    assert_eq!(agreement::get(s, made.id).await.unwrap(), made);
    // The placed child's processing restricted: nothing new about the placement.
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.lina, Some(today()), today())
        .await
        .unwrap();
    let e = agreement::add(s, a, p, &ok(), today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(rows(s, "placement_agreements").await, 1);
}

fn scores(v: [u8; 5]) -> Scores {
    Scores {
        reachability: v[0],
        supervision: v[1],
        information: v[2],
        training: v[3],
        overall: v[4],
    }
}

fn answers(home: i64, year: i32, v: [u8; 5], comment: Option<&str>) -> SurveyInput {
    SurveyInput {
        home_id: home,
        year,
        answered_on: d(&format!("{year}-10-15")),
        scores: scores(v),
        comment: comment.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_home_answers_once_a_year_and_every_refusal_names_its_field() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let first = survey::record(
        s,
        a,
        &answers(w.home, 2026, [4, 5, 3, 4, 5], Some("Bra stöd.")),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(first.scores.in_order(), [4, 5, 3, 4, 5]);
    assert_eq!(first.created_by_name.as_deref(), Some("Karin Konsulent"));
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("create", "survey", Some(first.id))
    );
    let ok = || answers(w.home, 2025, [3, 3, 3, 3, 3], None);
    let cases: Vec<(&str, Reason, SurveyInput)> = vec![
        (
            "year",
            Reason::Duplicate,
            answers(w.home, 2026, [1, 1, 1, 1, 1], None),
        ),
        (
            "year",
            Reason::Future,
            SurveyInput {
                year: 2027,
                answered_on: today(),
                ..ok()
            },
        ),
        ("year", Reason::Format, SurveyInput { year: 1999, ..ok() }),
        (
            "answered_on",
            Reason::Future,
            SurveyInput {
                answered_on: today().succ_opt().unwrap(),
                ..ok()
            },
        ),
        (
            "answered_on",
            Reason::Date,
            SurveyInput {
                answered_on: d("2024-12-31"),
                ..ok()
            },
        ),
        (
            "reachability",
            Reason::Required,
            SurveyInput {
                scores: scores([0, 3, 3, 3, 3]),
                ..ok()
            },
        ),
        (
            "overall",
            Reason::Format,
            SurveyInput {
                scores: scores([3, 3, 3, 3, 6]),
                ..ok()
            },
        ),
        (
            "comment",
            Reason::TooLong,
            SurveyInput {
                comment: Some("k".repeat(4001)),
                ..ok()
            },
        ),
        (
            "home_id",
            Reason::Unknown,
            SurveyInput {
                home_id: 9999,
                ..ok()
            },
        ),
    ];
    for (field, reason, input) in cases {
        refused_with(
            s,
            "home_surveys",
            field,
            reason,
            survey::record(s, a, &input, today()),
        )
        .await;
    }
    // Who recorded the answers is kept: the device itself, with no profile, may not.
    let e = survey::record(s, &Actor::device(), &ok(), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
    // Last year's answers, given early this year, are taken.
    let late = SurveyInput {
        answered_on: d("2026-01-20"),
        ..ok()
    };
    survey::record(s, a, &late, today()).await.unwrap();
    let years: Vec<i32> = survey::for_home(s, w.home)
        .await
        .unwrap()
        .iter()
        .map(|s| s.year)
        .collect();
    assert_eq!(years, [2026, 2025]);
}

/// pdftotext's reading of a PDF (layout kept).
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sammanstallning.pdf");
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

/// Three homes' answers for 2026 (and one for 2025, which does not count).
async fn three_homes_answered(w: &World) -> [&'static str; 3] {
    let (s, a) = (&w.staff.store, &w.staff.karin);
    let berg = foster_home::add(s, a, &home_input("Familjen Bergström"), today())
        .await
        .unwrap()
        .id;
    let ek = foster_home::add(s, a, &home_input("Familjen Ekdahl"), today())
        .await
        .unwrap()
        .id;
    let comment = Some("Konsulenten Karin Konsulent ringer alltid tillbaka.");
    for (home, v) in [
        (w.home, [5, 4, 3, 2, 1]),
        (berg, [4, 4, 3, 2, 5]),
        (ek, [3, 4, 3, 2, 5]),
    ] {
        survey::record(s, a, &answers(home, 2026, v, comment), today())
            .await
            .unwrap();
    }
    survey::record(s, a, &answers(berg, 2025, [1, 1, 1, 1, 1], None), today())
        .await
        .unwrap();
    ["Lindqvist", "Bergström", "Ekdahl"]
}

#[tokio::test]
async fn the_agency_summary_counts_and_averages_and_names_no_home() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let homes = three_homes_answered(&w).await;
    let (s, dpo) = (&w.staff.store, &w.staff.dpo);
    let sum = survey::summary(s, dpo, 2026).await.unwrap();
    assert_eq!(sum.homes, 3);
    let means: Vec<Option<f64>> = sum.questions.iter().map(|q| q.average).collect();
    assert_eq!(
        means,
        [Some(4.0), Some(4.0), Some(3.0), Some(2.0), Some(11.0 / 3.0)]
    );
    assert_eq!(sum.questions[0].distribution, [0, 0, 1, 1, 1]);
    assert_eq!(sum.questions[4].distribution, [1, 0, 0, 0, 2]);
    assert!(sum.questions.iter().all(|q| q.answers == 3));
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        ("read", "survey", None)
    );
    // Nothing in it names or identifies a home.
    let json = serde_json::to_string(&sum).unwrap();
    assert!(
        !json.contains("home_id") && !json.contains("Familjen"),
        "{json}"
    );

    let pdf = survey::summary_pdf(s, dpo, 2026, today(), Some("Familjehemsenheten i Mölndal"))
        .await
        .unwrap();
    let e = last_event(s).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str()),
        ("export", "survey")
    );
    let text = pdftotext(&pdf);
    for expected in [
        "Egenkontroll 2026",
        "Familjehem som svarat",
        survey::QUESTIONS[0].text,
        survey::QUESTIONS[4].text,
        "Antal svar",
        "Medelvärde",
        "Familjehemsenheten i Mölndal",
        "Sida 1 av",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // The means with a decimal comma: 4,0 4,0 3,0 2,0 and 3,7; each row's answers: 3.
    for mean in ["4,0", "3,0", "2,0", "3,7"] {
        assert!(text.contains(mean), "{mean} missing:\n{text}");
    }
    assert!(text.contains(&survey::swedish_mean(Some(11.0 / 3.0))));
    let names = homes
        .iter()
        .copied()
        .chain(["Familjen", "Åsa", "Öberg", "Bo ", "Lina", "Karin", "ringer"]);
    for name in names {
        assert!(!text.contains(name), "the summary names {name:?}:\n{text}");
    }
    // The first question's row: 3 answers, mean 4,0, none answered 1 or 2.
    let row = text
        .lines()
        .skip_while(|l| !l.contains(survey::QUESTIONS[0].text))
        .find(|l| l.contains("4,0"))
        .unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["3", "4,0", "0", "0", "1", "1", "1"]
    );

    // Saved where the user chose: a new file only.
    let chosen = tmp.path().join("egenkontroll-2026.pdf");
    survey::save_summary_pdf(s, dpo, 2026, &chosen, today(), None)
        .await
        .unwrap();
    assert!(pdftotext(&std::fs::read(&chosen).unwrap()).contains("Egenkontroll 2026"));
    let e = survey::save_summary_pdf(s, dpo, 2026, &chosen, today(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
}

#[tokio::test]
async fn a_caseworker_is_refused_the_agency_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    three_homes_answered(&w).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let events = audit_count(s).await;
    let e = survey::summary(s, karin, 2026).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert!(e.to_string().contains("AgencySummaries"), "{e}");
    let e = survey::summary_pdf(s, karin, 2026, today(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    let chosen = tmp.path().join("egenkontroll.pdf");
    let e = survey::save_summary_pdf(s, karin, 2026, &chosen, today(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert!(!chosen.exists());
    assert_eq!(audit_count(s).await, events);
    // Someone not yet identified gets no more than a caseworker.
    let e = survey::summary(s, &Actor::unidentified(), 2026)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
}
