//! Signing the written familjehemsutredning on a real encrypted store: what it needs
//! (the recommendation chosen and written, the assessment, a justification while the
//! checklist is incomplete), who may, the lock (by the service and by the store's
//! triggers), later versions that leave the signed one legible, the cover's address
//! kept off for a protected identity, and any text round-tripping exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use crate::common::*;
use crate::world::*;
use akta_core::error::Reason;
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation_report::{
    self as ir, Recommendation, ReportSave, ReportStatus, SectionText,
};
use akta_core::person::{self, PersonInput};

#[tokio::test]
async fn signing_needs_the_recommendation_the_assessment_and_a_justification_while_incomplete() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let events = audit_count(s).await;
    let e = ir::sign(s, k, r.id, None, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("recommendation", Reason::Required),
            ("recommendation_text", Reason::Required),
            ("assessment", Reason::Required),
            ("justification", Reason::Required),
        ]
    );
    // White space is not written.
    let blank = ReportSave {
        sections: vec![
            text(&r, "recommendation", " \n\t "),
            text(&r, "assessment", "\n"),
        ],
        co_investigator: None,
        recommendation: Some(Recommendation::Recommended),
    };
    ir::save(s, k, r.id, &blank, today()).await.unwrap();
    let events = events + 1;
    let e = ir::sign(s, k, r.id, Some("  "), today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("recommendation_text", Reason::Required),
            ("assessment", Reason::Required),
            ("justification", Reason::Required),
        ]
    );
    let r = ready(&w, k, &r).await;
    let events = events + 1;
    let e = ir::sign(s, k, r.id, None, today()).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("justification", Reason::Required)]);
    let e = ir::sign(s, k, r.id, Some(&"m".repeat(2001)), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("justification", Reason::TooLong)]);
    let e = ir::sign(s, k, r.id, Some("a\u{0}b"), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("justification", Reason::Characters)]);
    let e = ir::sign(s, &w.lena, r.id, Some("Motivering"), today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("report", Reason::NotAllowed)],
        "not the author"
    );
    assert_eq!(audit_count(s).await, events, "no audit event for a refusal");
    assert_eq!(
        ir::get(s, k, r.id, today()).await.unwrap().status,
        ReportStatus::Draft
    );

    let why = "Referenserna tas i december;\nnämnden vill ha underlaget nu.";
    let signed = ir::sign(s, k, r.id, Some(why), today()).await.unwrap();
    assert_eq!(signed.status, ReportStatus::Signed);
    assert_eq!(signed.justification.as_deref(), Some(why));
    assert!(!signed.checklist_complete);
    assert!(signed.signed_at.is_some());
    assert_eq!(signed.signed_by_name.as_deref(), Some("Karin Konsulent"));
    assert_eq!(signed.home_name, "Familjen Lindqvist");
    assert_eq!(
        signed.home_address.as_deref(),
        Some("Björkvägen 12, 431 37 Mölndal")
    );
    assert_eq!(ir::get(s, k, r.id, today()).await.unwrap(), signed);

    // Locked: by the service …
    let e = ir::save(s, k, r.id, &ReportSave::default(), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    let e = ir::sign(s, k, r.id, Some(why), today()).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
    // … and by the store itself.
    let section = section(&signed, "assessment").id;
    for sql in [
        "UPDATE investigation_report_sections SET body = 'ändrad' WHERE id = ?1",
        "UPDATE investigation_report_sections SET facts_text = 'ändrad' WHERE report_id = \
         (SELECT report_id FROM investigation_report_sections WHERE id = ?1)",
        "UPDATE investigation_reports SET justification = 'ändrad' WHERE id = \
         (SELECT report_id FROM investigation_report_sections WHERE id = ?1)",
    ] {
        let e = sqlx::query(sql)
            .bind(section)
            .execute(s.pool())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("cannot be changed"), "{e}");
    }
    assert_eq!(ir::get(s, k, r.id, today()).await.unwrap(), signed);
}

#[tokio::test]
async fn with_the_checklist_complete_no_justification_is_needed_and_none_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    complete(&w).await;
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    assert!(r.checklist_complete);
    assert_eq!(
        facts(&r, akta_core::investigation_report::FactsKind::Checklist),
        "Checklistan är komplett."
    );
    let r = ready(&w, k, &r).await;
    let signed = ir::sign(s, k, r.id, Some("Onödig"), today()).await.unwrap();
    assert!(signed.checklist_complete);
    assert_eq!(signed.justification, None);
}

#[tokio::test]
async fn a_new_version_after_signing_leaves_the_signed_one_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let r = ready(&w, k, &r).await;
    let v1 = ir::sign(s, k, r.id, Some("Motivering"), today())
        .await
        .unwrap();

    let v2 = ir::draft(s, &w.lena, w.inv, today()).await.unwrap();
    assert_eq!(
        (v2.version, v2.status, v2.author_name.as_str()),
        (2, ReportStatus::Draft, "Lena Lind")
    );
    assert_ne!(v2.id, v1.id);
    assert_eq!(
        section(&v2, "recommendation").body,
        section(&v1, "recommendation").body
    );
    assert_ne!(
        section(&v2, "recommendation").id,
        section(&v1, "recommendation").id
    );
    let change = ReportSave {
        sections: vec![text(&v2, "recommendation", "Hemmet rekommenderas inte.")],
        co_investigator: None,
        recommendation: Some(Recommendation::NotRecommended),
    };
    let e = ir::save(s, k, v2.id, &change, today()).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("report", Reason::NotAllowed)],
        "Lena's draft"
    );
    // A section of version 1 is not a section of version 2.
    let stale = ReportSave {
        sections: vec![SectionText {
            id: section(&v1, "recommendation").id,
            body: "x".into(),
        }],
        ..ReportSave::default()
    };
    let e = ir::save(s, &w.lena, v2.id, &stale, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("sections", Reason::Unknown)]);
    ir::save(s, &w.lena, v2.id, &change, today()).await.unwrap();
    assert_eq!(
        ir::draft(s, k, w.inv, today()).await.unwrap().id,
        v2.id,
        "one open draft"
    );

    let again = ir::get(s, k, v1.id, today()).await.unwrap();
    let mut expected = v1.clone();
    expected.versions = again.versions.clone();
    assert_eq!(again, expected, "version 1 as it was signed");
    assert_eq!(
        section(&again, "recommendation").body,
        "Hemmet rekommenderas för ett barn 6–12 år."
    );
    assert_eq!(again.recommendation, Some(Recommendation::Recommended));
    let versions = ir::for_investigation(s, k, w.inv).await.unwrap();
    let listed: Vec<_> = versions
        .iter()
        .map(|v| (v.id, v.version, v.status))
        .collect();
    assert_eq!(
        listed,
        vec![
            (v1.id, 1, ReportStatus::Signed),
            (v2.id, 2, ReportStatus::Draft)
        ]
    );
    assert_eq!(again.versions, versions);

    let v2 = ir::get(s, k, v2.id, today()).await.unwrap();
    let v2 = ir::sign(s, &w.lena, v2.id, Some("Ny bedömning"), today())
        .await
        .unwrap();
    assert_eq!(v2.recommendation, Some(Recommendation::NotRecommended));
    assert_eq!(ir::draft(s, k, w.inv, today()).await.unwrap().version, 3);
}

#[tokio::test]
async fn a_member_with_a_protected_identity_keeps_the_address_off_the_cover() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    assert_eq!(
        r.home_address.as_deref(),
        Some("Björkvägen 12, 431 37 Mölndal")
    );
    let hidden = PersonInput {
        protected_identity: true,
        ..named("Sam", "Lindqvist")
    };
    let sam = person::add(s, k, &hidden, today()).await.unwrap().id;
    foster_home::add_member(s, k, w.home, sam, MemberRole::Vuxen)
        .await
        .unwrap();
    let r = ir::get(s, k, r.id, today()).await.unwrap();
    assert_eq!(r.home_address, None, "not even in the draft");
    let r = ready(&w, k, &r).await;
    let signed = ir::sign(s, k, r.id, Some("Motivering"), today())
        .await
        .unwrap();
    assert_eq!(signed.home_address, None);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT home_address FROM investigation_reports WHERE id = ?")
            .bind(signed.id)
            .fetch_one(s.pool())
            .await
            .unwrap();
    assert_eq!(stored, None);
}

/// Any text (å ä ö, emoji, line breaks, tabs, leading and trailing white space) saved in
/// any section reads back exactly, and signing freezes it as it was.
#[test]
fn any_text_saved_reads_back_exactly_and_signing_freezes_it() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let w = rt.block_on(world(tmp.path()));
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let ch = prop_oneof![
        any::<char>().prop_filter("no control characters", |c| !c.is_control()),
        prop::sample::select(vec![
            'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', '😀', '👨', '\u{200d}', '\n', '\r', '\t', ' '
        ]),
    ];
    let body = prop::collection::vec(ch, 0..120).prop_map(String::from_iter);
    let texts = prop::collection::vec(body, 1..6);
    let mut runner = TestRunner::new(Config::with_cases(24));
    runner
        .run(&texts, |texts| {
            rt.block_on(async {
                let r = ir::draft(s, k, w.inv, today()).await.unwrap();
                // The generated texts in turn over the sections; the two signing needs
                // end in a letter so they are written.
                let written: Vec<SectionText> = r
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(i, sec)| {
                        let mut body = texts[i % texts.len()].clone();
                        if sec.key == "recommendation" || sec.key == "assessment" {
                            body.push('x');
                        }
                        SectionText { id: sec.id, body }
                    })
                    .collect();
                let input = ReportSave {
                    sections: written.clone(),
                    co_investigator: None,
                    recommendation: Some(Recommendation::Recommended),
                };
                let saved = ir::save(s, k, r.id, &input, today()).await.unwrap();
                let read = ir::get(s, k, r.id, today()).await.unwrap();
                for got in [&saved, &read] {
                    let bodies: Vec<SectionText> = got
                        .sections
                        .iter()
                        .map(|s| SectionText {
                            id: s.id,
                            body: s.body.clone(),
                        })
                        .collect();
                    prop_assert_eq!(
                        bodies.iter().map(|b| (b.id, &b.body)).collect::<Vec<_>>(),
                        written.iter().map(|b| (b.id, &b.body)).collect::<Vec<_>>()
                    );
                }
                let signed = ir::sign(s, k, r.id, Some("Motivering"), today())
                    .await
                    .unwrap();
                prop_assert_eq!(&signed.sections, &read.sections);
                let e = ir::save(s, k, r.id, &input, today()).await.unwrap_err();
                prop_assert_eq!(refusals(&e), vec![("report", Reason::NotAllowed)]);
                prop_assert_eq!(
                    &ir::get(s, k, r.id, today()).await.unwrap().sections,
                    &read.sections
                );
                Ok(())
            })
        })
        .unwrap();
}

/// An adult who joins the home after version 1 was signed gets sections of their own
/// in version 2 (after the others of each per-adult kind); version 2 keeps every text
/// of version 1.
#[tokio::test]
async fn an_adult_who_joined_after_signing_gets_own_sections_in_the_next_version() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let r = ready(&w, k, &r).await;
    let v1 = ir::sign(s, k, r.id, Some("Motivering"), today())
        .await
        .unwrap();
    let new = person::add(s, k, &named("Gunnel", "Lindqvist"), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(s, k, w.home, new, MemberRole::Vuxen)
        .await
        .unwrap();
    let v2 = ir::draft(s, k, w.inv, today()).await.unwrap();
    let per_adult_keys: Vec<&str> = {
        let mut keys: Vec<&str> = v1
            .sections
            .iter()
            .filter(|x| x.person_id.is_some())
            .map(|x| x.key.as_str())
            .collect();
        keys.dedup();
        keys
    };
    assert!(!per_adult_keys.is_empty());
    for key in per_adult_keys {
        let of_key: Vec<_> = v2.sections.iter().filter(|x| x.key == key).collect();
        let last = of_key.last().unwrap();
        assert_eq!(last.person_id, Some(new), "{key}");
        assert!(
            last.heading.ends_with(" – Gunnel Lindqvist"),
            "{}",
            last.heading
        );
        assert_eq!(last.body, "");
        assert_eq!(
            of_key.len(),
            v1.sections.iter().filter(|x| x.key == key).count() + 1
        );
    }
    for old in &v1.sections {
        let kept = v2
            .sections
            .iter()
            .find(|x| x.key == old.key && x.person_id == old.person_id)
            .unwrap();
        assert_eq!((&kept.heading, &kept.body), (&old.heading, &old.body));
    }
    let positions: Vec<i64> = v2.sections.iter().map(|x| x.position).collect();
    assert!(positions.windows(2).all(|p| p[0] < p[1]), "{positions:?}");
}
