//! The written familjehemsutredning on a real encrypted store: drafted from the
//! method's template (a section per adult), its facts drawn from the investigation and
//! kept in sync until signing, saved section by section; a template changed later
//! changes no report; every refused save names its field and writes nothing.
//! Signing, versions and the cover: `signing.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use crate::common::*;
use crate::world::*;
use akta_core::error::{ErrorCode, Reason};
use akta_core::investigation::{ItemKind, Method, Register};
use akta_core::investigation_report::{
    self as ir, FactsKind, Recommendation, ReportSave, ReportStatus, SectionText, TemplateSection,
    MAX_BODY_CHARS,
};
use akta_core::user::Actor;

#[tokio::test]
async fn a_draft_is_made_from_the_template_with_a_section_per_adult_and_drafting_again_returns_it()
{
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    assert!(ir::for_investigation(s, k, w.inv).await.unwrap().is_empty());
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    assert_eq!((r.version, r.status), (1, ReportStatus::Draft));
    assert_eq!(
        (r.method, r.round, r.home_id),
        (Method::Kalvesten, 1, w.home)
    );
    assert_eq!(r.author_name, "Karin Konsulent");
    assert_eq!(r.home_name, "Familjen Lindqvist");
    assert!(!r.checklist_complete);

    // The template's sections in order, each per-adult one once for each adult.
    let t = ir::template(s, Method::Kalvesten).await.unwrap();
    let mut expected = Vec::new();
    for ts in &t.sections {
        if ts.per_adult {
            for (a, name) in [(w.mikael, "Mikael Lindqvist"), (w.asa, "Åsa Öberg")] {
                expected.push((ts.key.clone(), format!("{} – {name}", ts.heading), Some(a)));
            }
        } else {
            expected.push((ts.key.clone(), ts.heading.clone(), None));
        }
    }
    let got: Vec<_> = r
        .sections
        .iter()
        .map(|s| (s.key.clone(), s.heading.clone(), s.person_id))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        r.sections.len(),
        t.sections.len() + 3,
        "three per-adult sections, two adults"
    );
    let positions: Vec<i64> = r.sections.iter().map(|s| s.position).collect();
    assert_eq!(positions, (1..=r.sections.len() as i64).collect::<Vec<_>>());
    for s in &r.sections {
        assert_eq!(
            s.facts_text.is_some(),
            s.facts.is_some() && s.person_id.is_none()
        );
        assert_eq!(s.body, "");
    }
    assert_eq!(section(&r, "childhood").guidance, t.sections[3].guidance);

    // The facts, a line each.
    assert_eq!(
        facts(&r, FactsKind::Assignment),
        "Familjehem: Familjen Lindqvist (familjehem)\nMetod: Kälvestens metod\n\
         Utredningsomgång: 1\nPåbörjad: 2026-09-01"
    );
    assert_eq!(
        facts(&r, FactsKind::Members),
        "Mikael Lindqvist, vuxen, 47 år\nÅsa Öberg, vuxen, 44 år\n\
         Ebba Lindqvist, eget barn, 9 år\nNils Lindqvist, eget barn, ålder okänd"
    );
    assert_eq!(
        facts(&r, FactsKind::Visits),
        "Inga hembesök eller intervjuer är registrerade."
    );
    assert_eq!(
        facts(&r, FactsKind::References),
        "Inga referenser är tagna."
    );
    assert_eq!(
        facts(&r, FactsKind::BraFam),
        "BRA-Fam är inte genomförd\nHälsodeklarationen är inte lämnad"
    );
    let checks = facts(&r, FactsKind::RegisterChecks);
    assert_eq!(
        checks.lines().count(),
        10,
        "five registers for two adults: {checks}"
    );
    assert!(checks.contains("Saknas: utdrag från belastningsregistret för Åsa Öberg"));
    let list = facts(&r, FactsKind::Checklist);
    assert!(list.starts_with("Saknas: hembesök\nSaknas: intervju med Mikael Lindqvist"));
    assert!(list.contains("Saknas: samtal med Nils Lindqvist"));
    assert!(list.contains("Saknas: referenser (0 av 2)"));
    for text in r.sections.iter().filter_map(|s| s.facts_text.as_deref()) {
        assert!(!text.ends_with('\n') && !text.is_empty());
    }

    // Drafting again returns the same draft, as it is.
    let again = ir::draft(s, &w.lena, w.inv, today()).await.unwrap();
    assert_eq!(again.id, r.id);
    assert_eq!(again.sections, r.sections);
    let versions = ir::for_investigation(s, k, w.inv).await.unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (versions[0].id, versions[0].status),
        (r.id, ReportStatus::Draft)
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM investigation_reports")
        .fetch_one(s.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(ir::get(s, k, r.id, today()).await.unwrap(), again);
}

#[tokio::test]
async fn drafting_is_refused_for_an_unknown_investigation_without_a_profile_or_a_restricted_member()
{
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let events = audit_count(s).await;
    let e = ir::draft(s, k, 9999, today()).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("investigation", Reason::Unknown)]);
    let e = ir::for_investigation(s, k, 9999).await.unwrap_err();
    assert_eq!(refusals(&e), vec![("investigation", Reason::Unknown)]);
    let e = ir::draft(s, &Actor::device(), w.inv, today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
    let e = ir::get(s, k, 9999, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(audit_count(s).await, events, "no audit event for a refusal");

    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.nils, Some(today()), today())
        .await
        .unwrap();
    let e = ir::draft(s, k, w.inv, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let input = ReportSave {
        sections: vec![text(&r, "home", "Ny text")],
        ..ReportSave::default()
    };
    let e = ir::save(s, k, r.id, &input, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let e = ir::sign(s, k, r.id, Some("Motivering"), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(
        section(&ir::get(s, k, r.id, today()).await.unwrap(), "home").body,
        ""
    );
}

/// A template changed after drafting changes neither the draft nor a signed version.
/// The next version after signing starts from the signed version's sections and text,
/// not from the template as it is then: a new version changes the signed report, it
/// does not start it again (so no written text is lost to a template change).
#[tokio::test]
async fn a_template_changed_later_changes_no_report_and_a_new_version_keeps_the_signed_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k, dpo) = (&w.staff.store, &w.staff.karin, &w.staff.dpo);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let own = |heading: &str| {
        vec![
            TemplateSection {
                key: "intro".into(),
                heading: heading.into(),
                guidance: String::new(),
                facts: Some(FactsKind::Members),
                per_adult: true,
            },
            TemplateSection {
                key: "recommendation".into(),
                heading: "Slutsats".into(),
                guidance: String::new(),
                facts: None,
                per_adult: false,
            },
        ]
    };
    ir::set_template(s, dpo, Method::Kalvesten, &own("Inledning"))
        .await
        .unwrap();
    let after = ir::get(s, k, r.id, today()).await.unwrap();
    assert_eq!(after.sections, r.sections, "the draft keeps its sections");

    let r = ready(&w, k, &after).await;
    let v1 = ir::sign(
        s,
        k,
        r.id,
        Some("Referenserna kommer in i december."),
        today(),
    )
    .await
    .unwrap();
    ir::set_template(s, dpo, Method::Kalvesten, &own("Annat"))
        .await
        .unwrap();
    assert_eq!(
        ir::get(s, k, v1.id, today()).await.unwrap().sections,
        v1.sections
    );

    let v2 = ir::draft(s, k, w.inv, today()).await.unwrap();
    assert_eq!(v2.version, 2);
    let shape = |r: &ir::InvestigationReport| {
        r.sections
            .iter()
            .map(|s| {
                (
                    s.position,
                    s.key.clone(),
                    s.heading.clone(),
                    s.person_id,
                    s.body.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&v2), shape(&v1));
    assert_eq!(v2.recommendation, Some(Recommendation::Recommended));
    assert_eq!(v2.co_investigator.as_deref(), Some("Per Persson"));
    assert_eq!(v2.justification, None, "a new version is justified anew");

    // Another investigation drafted now takes the agency's template.
    ir::reset_template(s, dpo, Method::Kalvesten).await.unwrap();
    assert!(!ir::template(s, Method::Kalvesten).await.unwrap().customised);
}

#[tokio::test]
async fn a_drafts_facts_follow_the_investigation_and_a_signed_versions_stay_as_signed() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let visits_id = r
        .sections
        .iter()
        .find(|s| s.facts == Some(FactsKind::Visits))
        .unwrap()
        .id;

    use ItemKind::*;
    add(&w, HomeVisit, None, None, "2026-10-01", None).await;
    add(&w, InterviewAdult, Some(w.asa), None, "2026-10-02", None).await;
    add(&w, InterviewChild, Some(w.ebba), None, "2026-10-03", None).await;
    add(
        &w,
        Reference,
        None,
        None,
        "2026-10-12",
        Some("Arbetskamrat"),
    )
    .await;
    // Issued 2026-08-01: older than three months on today() (2026-11-23).
    let b = Some(Register::Belastningsregistret);
    add(&w, RegisterExtract, Some(w.mikael), b, "2026-08-01", None).await;
    add(&w, RegisterExtract, Some(w.asa), b, "2026-11-01", None).await;

    // Read: the draft shows them (drawn now), the row still holds the drafted facts.
    let now = ir::get(s, k, r.id, today()).await.unwrap();
    let visits = "Hembesök 2026-10-01\nIntervju 2026-10-02: Åsa Öberg\nSamtal med barn 2026-10-03: Ebba Lindqvist";
    assert_eq!(facts(&now, FactsKind::Visits), visits);
    assert_eq!(
        facts(&now, FactsKind::References),
        "1 referens tagen\nReferens 2026-10-12: Arbetskamrat"
    );
    let checks = facts(&now, FactsKind::RegisterChecks);
    assert!(checks.starts_with(
        "Utdrag från belastningsregistret för Mikael Lindqvist, utfärdat 2026-08-01 – för gammalt i dag\n\
         Utdrag från belastningsregistret för Åsa Öberg, utfärdat 2026-11-01\n"
    ), "{checks}");
    assert!(!checks.contains("Saknas: utdrag från belastningsregistret"));
    assert!(facts(&now, FactsKind::Checklist).contains(
        "För gammalt: utdrag från belastningsregistret för Mikael Lindqvist, utfärdat 2026-08-01"
    ));
    assert_eq!(
        stored_facts(&w, visits_id).await.as_deref(),
        Some("Inga hembesök eller intervjuer är registrerade.")
    );

    // Saved: stored too.
    let saved = ir::save(s, k, r.id, &ReportSave::default(), today())
        .await
        .unwrap();
    assert_eq!(facts(&saved, FactsKind::Visits), visits);
    assert_eq!(stored_facts(&w, visits_id).await.as_deref(), Some(visits));

    // Signed: frozen as they were at signing, whatever the investigation gets later.
    let r = ready(&w, k, &saved).await;
    let signed = ir::sign(s, k, r.id, Some("Utdrag beställda."), today())
        .await
        .unwrap();
    add(&w, HomeVisit, None, None, "2026-11-20", None).await;
    add(&w, Reference, None, None, "2026-11-21", None).await;
    let later = ir::get(s, k, signed.id, d("2027-06-01")).await.unwrap();
    assert_eq!(later.sections, signed.sections);
    assert_eq!(facts(&later, FactsKind::Visits), visits);
    assert_eq!(stored_facts(&w, visits_id).await.as_deref(), Some(visits));
    assert!(facts(&later, FactsKind::Members).contains("Åsa Öberg, vuxen, 44 år"));
    // The next version draws them afresh (ages too).
    let v2 = ir::draft(s, k, w.inv, d("2027-06-01")).await.unwrap();
    assert!(facts(&v2, FactsKind::Visits).ends_with("Hembesök 2026-11-20"));
    assert!(facts(&v2, FactsKind::References).starts_with("2 referenser tagna"));
    assert!(facts(&v2, FactsKind::Members).contains("Åsa Öberg, vuxen, 45 år"));
}

#[tokio::test]
async fn a_save_writes_the_sections_given_and_a_refused_one_names_its_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let r = ir::draft(s, k, w.inv, today()).await.unwrap();
    let input = ReportSave {
        sections: vec![
            text(
                &r,
                "relationship",
                "  Paret har levt ihop i 15 år.\n\nDe grälar sällan. ",
            ),
            text(&r, "housing", "Villa med trädgård."),
        ],
        co_investigator: Some("  Per Persson ".into()),
        recommendation: Some(Recommendation::NotRecommended),
    };
    let saved = ir::save(s, k, r.id, &input, today()).await.unwrap();
    assert_eq!(
        section(&saved, "relationship").body,
        "  Paret har levt ihop i 15 år.\n\nDe grälar sällan. ",
        "kept exactly as written"
    );
    assert_eq!(section(&saved, "housing").body, "Villa med trädgård.");
    assert_eq!(saved.co_investigator.as_deref(), Some("Per Persson"));
    assert_eq!(saved.recommendation, Some(Recommendation::NotRecommended));
    // Only the sections given change; an empty co-investigator is none.
    let only = ReportSave {
        sections: vec![text(&r, "housing", "")],
        co_investigator: Some(" ".into()),
        recommendation: None,
    };
    let saved = ir::save(s, k, r.id, &only, today()).await.unwrap();
    assert_eq!(section(&saved, "housing").body, "");
    assert_eq!(
        section(&saved, "relationship").body,
        "  Paret har levt ihop i 15 år.\n\nDe grälar sällan. "
    );
    assert_eq!((saved.co_investigator, saved.recommendation), (None, None));

    let before = ir::get(s, k, r.id, today()).await.unwrap();
    let events = audit_count(s).await;
    let long = "å".repeat(MAX_BODY_CHARS + 1);
    let other = r.sections.last().unwrap().id + 10_000;
    let cases: Vec<(ReportSave, Vec<(&str, Reason)>)> = vec![
        (
            ReportSave {
                sections: vec![
                    text(&r, "housing", "ok"),
                    SectionText {
                        id: other,
                        body: "x".into(),
                    },
                ],
                ..ReportSave::default()
            },
            vec![("sections", Reason::Unknown)],
        ),
        (
            ReportSave {
                sections: vec![text(&r, "housing", &long)],
                ..ReportSave::default()
            },
            vec![("body", Reason::TooLong)],
        ),
        (
            ReportSave {
                sections: vec![text(&r, "housing", "ringer\u{7} ofta")],
                ..ReportSave::default()
            },
            vec![("body", Reason::Characters)],
        ),
        (
            ReportSave {
                co_investigator: Some("Per\nPersson".into()),
                ..ReportSave::default()
            },
            vec![("co_investigator", Reason::Characters)],
        ),
        (
            ReportSave {
                co_investigator: Some("P".repeat(201)),
                ..ReportSave::default()
            },
            vec![("co_investigator", Reason::TooLong)],
        ),
    ];
    for (input, expected) in cases {
        let e = ir::save(s, k, r.id, &input, today()).await.unwrap_err();
        assert_eq!(refusals(&e), expected);
    }
    let e = ir::save(s, &w.lena, r.id, &ReportSave::default(), today())
        .await
        .unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![("report", Reason::NotAllowed)],
        "another author's draft"
    );
    assert_eq!(audit_count(s).await, events, "no audit event for a refusal");
    assert_eq!(
        ir::get(s, k, r.id, today()).await.unwrap().sections,
        before.sections
    );
    // A text at the limit is taken.
    let at_limit = ReportSave {
        sections: vec![text(&r, "housing", &long[..long.len() - 'å'.len_utf8()])],
        ..ReportSave::default()
    };
    let saved = ir::save(s, k, r.id, &at_limit, today()).await.unwrap();
    assert_eq!(
        section(&saved, "housing").body.chars().count(),
        MAX_BODY_CHARS
    );
}
