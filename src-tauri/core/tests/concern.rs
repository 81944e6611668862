//! Concern reports on a real encrypted store, and their PDF read back with pdftotext.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::concern::{self, Channel, ConcernInput, ConcernStatus, ConcernStep, Reminder};
use akta_core::error::{ErrorCode, Reason};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, PersonInput};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::NaiveDate;
use common::*;

struct World {
    store: Store,
    karin: Actor,
    child: i64,
    mother: i64,
    kommun: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let store = new_store(dir).await;
    let d = Actor::device();
    let karin = Actor::user(
        user::add(
            &store,
            &d,
            &UserInput {
                name: "Karin Konsulent".into(),
                title: Some("Familjehemskonsulent".into()),
                role: Role::Handlaggare,
            },
        )
        .await
        .unwrap(),
    );
    let child = person::add(
        &store,
        &d,
        &PersonInput {
            personal_number: Some(pnr("20150203", "146")),
            given_name: "Alva".into(),
            family_name: "Ödegård".into(),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap()
    .id;
    let mother = person::add(
        &store,
        &d,
        &PersonInput {
            given_name: "Åsa".into(),
            family_name: "Ödegård".into(),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap()
    .id;
    let kommun = organisation::add(
        &store,
        &d,
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
        store,
        karin,
        child,
        mother,
        kommun,
    }
}

fn input(w: &World) -> ConcernInput {
    ConcernInput {
        child_id: w.child,
        guardian_ids: vec![w.mother],
        municipality_id: w.kommun,
        observed: "Alva berättade vid hembesöket att hon är rädd för att gå hem på fredagar. Blåmärke på överarmen.".into(),
        hearsay: Some("Skolan har sett liknande märken.".into()),
        guardians_informed: Some(false),
        guardians_not_informed_reason: Some("Risk att barnet utsätts för påtryckningar.".into()),
        reporter_phone: "070-123 45 67".into(),
        reporter_email: Some("karin@example.se".into()),
    }
}

fn step(to: ConcernStatus, date: &str, channel: Option<Channel>) -> ConcernStep {
    ConcernStep {
        to,
        on_date: date.parse().unwrap(),
        channel,
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

#[tokio::test]
async fn a_report_is_drafted_sent_confirmed_and_answered_with_reminders_when_overdue() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let s = Settings::default();
    let r = concern::create(&w.store, &w.karin, &input(&w), today(), &s)
        .await
        .unwrap();
    assert_eq!(r.status, ConcernStatus::Draft);
    assert_eq!(r.reporter_name, "Karin Konsulent");
    // Sending needs the channel; skipping a step is refused.
    let e = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::Sent, "2026-11-01", None),
        today(),
        &s,
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "channel");
    let e = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::FeedbackReceived, "2026-11-01", None),
        today(),
        &s,
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    let r = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::Sent, "2026-11-01", Some(Channel::ETjanst)),
        today(),
        &s,
    )
    .await
    .unwrap();
    assert_eq!(
        r.reminder,
        Some(Reminder::ReceiptOverdue),
        "22 days without a receipt"
    );
    // A sent report is not changed.
    let e = concern::update(&w.store, &w.karin, r.id, &input(&w), today(), &s)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    let e = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::ReceiptConfirmed, "2026-10-30", None),
        today(),
        &s,
    )
    .await
    .unwrap_err();
    assert_eq!(
        e.fields()[0].reason,
        Reason::Date,
        "confirmed before it was sent"
    );
    let r = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::ReceiptConfirmed, "2026-11-20", None),
        today(),
        &s,
    )
    .await
    .unwrap();
    assert_eq!(r.reminder, None);
    let later = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let all = concern::list(&w.store, &w.karin, later, &s).await.unwrap();
    assert_eq!(all[0].reminder, Some(Reminder::FeedbackOverdue));
    let r = concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::FeedbackReceived, "2026-11-23", None),
        today(),
        &s,
    )
    .await
    .unwrap();
    assert_eq!(r.status, ConcernStatus::FeedbackReceived);
    assert!(concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::FeedbackReceived, "2026-11-23", None),
        today(),
        &s
    )
    .await
    .is_err());
    w.store.close().await;
}

#[tokio::test]
async fn a_report_needs_the_child_what_was_seen_a_reason_when_guardians_were_not_told_and_a_named_reporter(
) {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let s = Settings::default();
    let bad = ConcernInput {
        child_id: 999,
        observed: "  ".into(),
        guardians_not_informed_reason: None,
        reporter_phone: "".into(),
        municipality_id: 12345,
        ..input(&w)
    };
    let e = concern::create(&w.store, &w.karin, &bad, today(), &s)
        .await
        .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "child_id",
            "municipality_id",
            "observed",
            "guardians_not_informed_reason",
            "reporter_phone"
        ]
    );
    // Whether the guardians were told has no default: an unanswered question is refused.
    let unanswered = ConcernInput {
        guardians_informed: None,
        guardians_not_informed_reason: None,
        ..input(&w)
    };
    let e = concern::create(&w.store, &w.karin, &unanswered, today(), &s)
        .await
        .unwrap_err();
    let fields = refusals(&e);
    assert_eq!(fields, vec![("guardians_informed", Reason::Required)]);
    let e = concern::create(&w.store, &Actor::device(), &input(&w), today(), &s)
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        ErrorCode::ProfileRequired,
        "staff never report anonymously"
    );
    assert!(concern::list(&w.store, &w.karin, today(), &s)
        .await
        .unwrap()
        .is_empty());
    w.store.close().await;
}

#[tokio::test]
async fn the_pdf_holds_every_part_of_the_report_in_swedish_with_page_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let s = Settings::default();
    let mut long = input(&w);
    long.observed = format!(
        "{} {}",
        long.observed,
        "Vid uppföljningen återkom oron, och barnet sade att det inte vill åka hem. ".repeat(60)
    );
    let r = concern::create(&w.store, &w.karin, &long, today(), &s)
        .await
        .unwrap();
    concern::advance(
        &w.store,
        &w.karin,
        r.id,
        &step(ConcernStatus::Sent, "2026-11-22", Some(Channel::Epost)),
        today(),
        &s,
    )
    .await
    .unwrap();
    let pdf = concern::pdf(&w.store, &w.karin, r.id, today(), &s)
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdftotext(&pdf);
    for needle in [
        "Orosanmälan",
        "Göteborgs Stad",
        "Alva Ödegård",
        &format_pnr(&pnr("20150203", "146")),
        "Åsa Ödegård",
        "rädd för att gå hem på fredagar",
        "Skolan har sett liknande märken.",
        "Risk att barnet utsätts för påtryckningar.",
        "Karin Konsulent",
        "Familjehemskonsulent",
        "070-123 45 67",
        "karin@example.se",
        "2026-11-22",
        "Skickad via",
        "e-post",
        "Sida 1 av 2",
        "Sida 2 av 2",
        "Dokument-id OA-",
    ] {
        assert!(text.contains(needle), "the PDF lacks {needle:?}:\n{text}");
    }
    let events = akta_core::audit::list(&w.store, 1).await.unwrap();
    assert_eq!(events[0].action, "export");
    w.store.close().await;
}

fn format_pnr(digits: &str) -> String {
    akta_core::person::format_personal_number(digits)
}

#[tokio::test]
#[ignore = "writes a sample PDF for looking at: cargo test -p akta-core --test concern sample -- --ignored"]
async fn sample_pdf_for_review() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let s = Settings::default();
    let r = concern::create(&w.store, &w.karin, &input(&w), today(), &s)
        .await
        .unwrap();
    let pdf = concern::pdf(&w.store, &w.karin, r.id, today(), &s)
        .await
        .unwrap();
    std::fs::write(std::env::temp_dir().join("akta-sample-concern.pdf"), pdf).unwrap();
    w.store.close().await;
}
