//! The written familjehemsutredning's records on real encrypted stores: purging the
//! home's file takes every version and section (signed ones too), the preview counts
//! them, and no page of the database holds their text afterwards; a store with a signed
//! version and a draft moves to another device whole, and the signed version stays
//! locked there; every step of a report and every template change is in the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use crate::common::*;
use crate::privacy_world::*;
use akta_core::catalogue::{self, TABLES};
use akta_core::error::Reason;
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::Method;
use akta_core::investigation_report::{self as written, Recommendation, ReportSave};
use akta_core::retention::{self, FileKind};
use akta_core::store::Store;
use akta_core::transfer::{self, TransferFile};
use akta_core::user::{self, Actor};
use chrono::Months;

const TEMPLATES: &str = "report_template_sections";
const REPORTS: &str = "investigation_reports";
const SECTIONS: &str = "investigation_report_sections";

/// Written in another home's report, which stays.
const KEPT: &str = "Huset ligger vid Kvarnbäcken, nära skolan.";

async fn count(store: &Store, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

const HOME_REPORTS: &str = "SELECT count(*) FROM investigation_reports
     WHERE investigation_id IN (SELECT id FROM investigations WHERE home_id = ?)";
const HOME_SECTIONS: &str = "SELECT count(*) FROM investigation_report_sections
     WHERE report_id IN (SELECT id FROM investigation_reports
                         WHERE investigation_id IN (SELECT id FROM investigations WHERE home_id = ?))";

#[tokio::test]
async fn a_purged_home_takes_every_version_and_section_and_no_page_keeps_their_text() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let s = &w.staff;
    // Another home's draft stays, and the page check finds its text.
    let other = approved_home(&s.store, &s.karin, "Familjen Sten").await;
    let sven = add_person(s, "Sven", "Sten", None).await;
    foster_home::add_member(&s.store, &s.karin, other, sven, MemberRole::Vuxen)
        .await
        .unwrap();
    let inv = investigation_of(s, other, &[sven]).await;
    let d = written::draft(&s.store, &s.karin, inv, today())
        .await
        .unwrap();
    let input = ReportSave {
        sections: vec![text(section(&d, "housing", None), KEPT)],
        ..ReportSave::default()
    };
    written::save(&s.store, &s.karin, d.id, &input, today())
        .await
        .unwrap();
    let (reports, sections) = (
        count(&s.store, HOME_REPORTS, w.home).await,
        count(&s.store, HOME_SECTIONS, w.home).await,
    );
    assert_eq!(reports, 2, "version 1 signed, version 2 a draft");
    assert!(sections > 20);

    close_home(&s.store, &s.karin, w.home, today()).await;
    let due = today().checked_add_months(Months::new(24)).unwrap();
    let p = retention::preview(&s.store, &s.dpo, due).await.unwrap();
    let file = p
        .due
        .iter()
        .find(|f| f.kind == FileKind::Home && f.id == w.home)
        .expect("the home's file is due");
    // The preview's count is the catalogue's rows of the file, the report's among them:
    // every version and every section of the home.
    let mut rows = 0;
    for t in TABLES {
        let Some(cond) = t.home_file else { continue };
        let n = count(
            &s.store,
            &format!("SELECT count(*) FROM {} WHERE {cond}", t.name),
            w.home,
        )
        .await;
        match t.name {
            REPORTS => assert_eq!(n, reports, "{}", t.name),
            SECTIONS => assert_eq!(n, sections, "{}", t.name),
            _ => {}
        }
        rows += n;
    }
    assert_eq!(file.rows, rows);

    let r = retention::run(&s.store, &s.dpo, due).await.unwrap();
    let line = r.lines.iter().find(|l| l.rule == "home_files").unwrap();
    assert_eq!(line.rows, rows, "the run deletes what the preview counted");
    assert_eq!(count(&s.store, HOME_REPORTS, w.home).await, 0);
    assert_eq!(count(&s.store, HOME_SECTIONS, w.home).await, 0);
    assert_eq!(count(&s.store, HOME_REPORTS, other).await, 1);
    assert!(written::get(&s.store, &s.karin, w.v1, today())
        .await
        .is_err());
    let key = raw_key(tmp.path());
    w.staff.store.close().await;
    let pages = decrypted_pages(&tmp.path().join("akta.db"), &key);
    assert!(
        pages.iter().any(|p| contains(p, "Kvarnbäcken".as_bytes())),
        "the page check sees text that is there"
    );
    for purged in [
        "gård utanför Vara",
        "Malmberget",
        "insulinpump",
        "trädgårdsdesign",
        "Hushållningssällskapet",
        "Sandberg",
    ] {
        for (i, page) in pages.iter().enumerate() {
            assert!(
                !contains(page, purged.as_bytes()),
                "page {} holds {purged:?} of a purged report",
                i + 1
            );
        }
    }
}

fn rows(file: &TransferFile, table: &str) -> Vec<serde_json::Value> {
    file.tables[table].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_signed_version_and_a_draft_move_to_another_device_whole_and_stay_locked() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(&tmp.path().join("a"), false).await;
    let s = &w.staff;
    // The agency's own template, and version 1 made into a PDF and sent.
    let mut own = written::default_template(Method::Pride).sections;
    own[0].heading = "Uppdraget och metoden".into();
    own.swap(1, 2);
    written::set_template(&s.store, &s.dpo, Method::Pride, &own)
        .await
        .unwrap();
    written::pdf(&s.store, &s.karin, w.v1, today())
        .await
        .unwrap();
    let kommun = kommun(&s.store, &s.karin).await;
    written::mark_sent(&s.store, &s.karin, w.v1, today(), kommun, today())
        .await
        .unwrap();

    let first = transfer::export(&s.store, &Actor::device()).await.unwrap();
    assert_eq!(rows(&first, TEMPLATES).len(), own.len());
    assert_eq!(rows(&first, REPORTS).len(), 2);
    let bytes = transfer::to_json(&first).unwrap().into_bytes();
    let b = new_store(&tmp.path().join("b")).await;
    let report = transfer::import(&b, &Actor::device(), &bytes, today())
        .await
        .unwrap();
    assert_eq!(report.added[REPORTS], 2);
    assert_eq!(
        report.added[SECTIONS] as usize,
        rows(&first, SECTIONS).len()
    );
    let second = transfer::export(&b, &Actor::device()).await.unwrap();
    for t in catalogue::transferred() {
        assert_eq!(
            rows(&first, t.name),
            rows(&second, t.name),
            "{} differs after the move",
            t.name
        );
    }
    // Read on the new device: the same versions, text, facts and cover.
    let karin_b = Actor::user(
        user::list(&b)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.name == "Karin Konsulent")
            .unwrap(),
    );
    for id in [w.v1, w.v2] {
        let here = written::get(&s.store, &s.karin, id, today()).await.unwrap();
        let there = written::get(&b, &karin_b, id, today()).await.unwrap();
        assert_eq!(here, there, "version {}", here.version);
    }
    let t = written::template(&b, Method::Pride).await.unwrap();
    assert!(t.customised);
    assert_eq!(t.sections, own);

    // Version 1 is as locked there as here: by the service and by the database.
    let v1 = written::get(&b, &karin_b, w.v1, today()).await.unwrap();
    let change = ReportSave {
        sections: vec![text(section(&v1, "relationship", None), "Ändrat")],
        co_investigator: None,
        recommendation: Some(Recommendation::NotRecommended),
    };
    let e = written::save(&b, &karin_b, w.v1, &change, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    for sql in [
        "UPDATE investigation_report_sections SET body = 'Ändrat' WHERE report_id = ?",
        "UPDATE investigation_reports SET recommendation = 'not_recommended' WHERE id = ?",
    ] {
        let e = sqlx::query(sql).bind(w.v1).execute(b.pool()).await;
        assert!(e.is_err(), "{sql}");
    }
    // The draft goes on being written and is signed there.
    let v2 = written::get(&b, &karin_b, w.v2, today()).await.unwrap();
    let more = ReportSave {
        sections: vec![text(
            section(&v2, "conditions", None),
            "Handledning varannan vecka.",
        )],
        co_investigator: v2.co_investigator.clone(),
        recommendation: v2.recommendation,
    };
    written::save(&b, &karin_b, w.v2, &more, today())
        .await
        .unwrap();
    let signed = written::sign(&b, &karin_b, w.v2, Some(JUSTIFICATION), today())
        .await
        .unwrap();
    assert!(signed.signed_at.is_some());
    assert_eq!(
        written::for_investigation(&b, &karin_b, w.investigation)
            .await
            .unwrap()
            .len(),
        2
    );
    b.close().await;
}

/// The audit log's events after `seq`: (action, entity kind, entity id).
async fn events_since(store: &Store, seq: i64) -> Vec<(String, String, Option<i64>)> {
    sqlx::query_as(
        "SELECT action, entity_kind, entity_id FROM audit_events WHERE seq > ? ORDER BY seq",
    )
    .bind(seq)
    .fetch_all(store.pool())
    .await
    .unwrap()
}

fn actions(events: &[(String, String, Option<i64>)], kind: &str, id: Option<i64>) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.1 == kind && e.2 == id)
        .map(|e| e.0.clone())
        .collect()
}

#[tokio::test]
async fn every_step_of_a_report_and_its_templates_is_audited_by_id() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store_with_staff(tmp.path()).await;
    let home = approved_home(&s.store, &s.karin, "Familjen Lund").await;
    let astrid = add_person(&s, "Astrid", "Lund", None).await;
    foster_home::add_member(&s.store, &s.karin, home, astrid, MemberRole::Vuxen)
        .await
        .unwrap();
    let investigation = investigation_of(&s, home, &[astrid]).await;
    let start = last_event(&s.store).await.seq;
    let (store, karin) = (&s.store, &s.karin);

    let r = written::draft(store, karin, investigation, today())
        .await
        .unwrap();
    let input = ReportSave {
        sections: vec![
            text(section(&r, "assessment", None), ASSESSMENT),
            text(section(&r, "recommendation", None), RECOMMENDATION),
        ],
        co_investigator: None,
        recommendation: Some(Recommendation::Recommended),
    };
    written::save(store, karin, r.id, &input, today())
        .await
        .unwrap();
    written::get(store, karin, r.id, today()).await.unwrap();
    written::sign(store, karin, r.id, Some(JUSTIFICATION), today())
        .await
        .unwrap();
    let pdf = written::pdf(store, karin, r.id, today()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let kommun = kommun(store, karin).await;
    written::mark_sent(store, karin, r.id, today(), kommun, today())
        .await
        .unwrap();
    let next = written::draft(store, karin, investigation, today())
        .await
        .unwrap();
    let mut t = written::template(store, Method::Pride)
        .await
        .unwrap()
        .sections;
    t[0].heading = "Uppdraget".into();
    written::set_template(store, &s.dpo, Method::Pride, &t)
        .await
        .unwrap();
    written::reset_template(store, &s.dpo, Method::Pride)
        .await
        .unwrap();
    // A caseworker may not change a template: refused, and not audited.
    let events = audit_count(store).await;
    assert!(written::set_template(store, karin, Method::Pride, &t)
        .await
        .is_err());
    assert_eq!(audit_count(store).await, events);

    let events = events_since(store, start).await;
    assert_eq!(
        actions(&events, "investigation_report", Some(r.id)),
        vec!["create", "update", "read", "sign", "export", "update"],
        "draft, save, read, sign, PDF, sent"
    );
    assert_eq!(
        actions(&events, "investigation_report", Some(next.id)),
        vec!["create"]
    );
    assert_eq!(
        actions(&events, "report_template", None),
        vec!["update", "update"],
        "a template change is audited, without an id"
    );
    assert!(akta_core::audit::verify(store).await.unwrap().intact);
}

#[tokio::test]
async fn the_demo_has_a_draft_under_investigation_and_signed_versions_of_an_approved_home() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    let karin = Actor::user(user::list(&store).await.unwrap().remove(0));
    let investigation_of = |home: &'static str| {
        let store = &store;
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT i.id FROM investigations i JOIN foster_homes h ON h.id = i.home_id
                 WHERE h.name = ?",
            )
            .bind(home)
            .fetch_one(store.pool())
            .await
            .unwrap()
        }
    };
    let body = |r: &written::InvestigationReport, key: &str, heading: Option<&str>| {
        r.sections
            .iter()
            .find(|s| s.key == key && heading.is_none_or(|h| s.heading.ends_with(h)))
            .unwrap()
            .body
            .clone()
    };

    // Familjen Öberg, under investigation: a draft, his sections written, hers ahead.
    let oberg = investigation_of("Familjen Öberg").await;
    let versions = written::for_investigation(&store, &karin, oberg)
        .await
        .unwrap();
    assert_eq!(versions.len(), 1);
    let draft = written::get(&store, &karin, versions[0].id, today())
        .await
        .unwrap();
    assert_eq!(draft.status, written::ReportStatus::Draft);
    assert!(body(&draft, "childhood", Some("Mikael Öberg")).contains("Ulricehamn"));
    assert!(body(&draft, "adult_life", Some("Mikael Öberg")).len() > 200);
    assert_eq!(body(&draft, "childhood", Some("Sara Öberg")), "");
    let written_sections = draft.sections.iter().filter(|s| !s.body.is_empty()).count();
    assert!(written_sections >= 6, "{written_sections}");
    assert!(draft.co_investigator.is_some() && draft.recommendation.is_none());

    // Familjen Åberg, approved: version 1 signed and sent, version 2 corrects it.
    let aberg = investigation_of("Familjen Åberg").await;
    let versions = written::for_investigation(&store, &karin, aberg)
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
    let v1 = written::get(&store, &karin, versions[0].id, today())
        .await
        .unwrap();
    let v2 = written::get(&store, &karin, versions[1].id, today())
        .await
        .unwrap();
    assert!(v1.signed_at.is_some() && v2.signed_at.is_some());
    assert_eq!(
        v1.decision,
        Some(akta_core::investigation::Decision::Approved)
    );
    assert!(
        v1.checklist_complete,
        "the approved home's checklist was complete"
    );
    assert_eq!(v1.recommendation, Some(Recommendation::Recommended));
    assert!(v1.sent_on.is_some() && v1.pdf_sha256.is_some());
    assert!(v2.sent_on.is_none());
    assert!(body(&v1, "work_finances", None).contains("heltid som förskollärare"));
    assert!(body(&v2, "work_finances", None).contains("Rättat i version 2"));
    let empty = v1
        .sections
        .iter()
        .filter(|s| s.body.trim().is_empty())
        .count();
    let empties: Vec<_> = v1
        .sections
        .iter()
        .filter(|s| s.body.trim().is_empty())
        .map(|s| s.key.clone())
        .collect();
    assert_eq!(
        empty, 0,
        "every section of the signed report is written: {empties:?}"
    );

    // Once is enough: a second run adds no version.
    let reports = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM investigation_reports")
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    let before = reports().await;
    akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    assert_eq!(reports().await, before);
    store.close().await;
}
