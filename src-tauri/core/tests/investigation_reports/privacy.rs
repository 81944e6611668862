//! The written familjehemsutredning's privacy promises on real encrypted stores: the
//! register extract of an adult of the home shows the report (both versions) with her
//! own sections and the household's, never the other adult's own sections, and the
//! other people named in the household's text withheld, in the JSON and the PDF; the
//! home's own child and the other adult get the report as the catalogue says, a child
//! placed in the home does not (nor its hand-over); an adult's own sections stay his
//! without a membership row; erasure keeps the report and says why.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use crate::common::*;
use crate::privacy_world::*;
use akta_core::investigation_report as written;
use akta_core::retention;
use akta_core::rights::erasure;
use akta_core::rights::extract::WITHHELD_PASSAGE;
use akta_core::rights::RequestKind;

const REPORTS: &str = "investigation_reports";
const SECTIONS: &str = "investigation_report_sections";

async fn count(w: &World, sql: &str, id: i64) -> usize {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .fetch_one(w.staff.store.pool())
        .await
        .unwrap() as usize
}

/// How many sections of the home's report versions `person` may see: the household's
/// and their own.
async fn sections_of(w: &World, person: i64) -> usize {
    count(
        w,
        "SELECT count(*) FROM investigation_report_sections WHERE person_id IS NULL OR person_id = ?",
        person,
    )
    .await
}

fn assert_absent(e: &Extract, who: &str, hidden: &[&str]) {
    let (json, pdf) = (plain(&e.json), plain(&e.pdf));
    for h in hidden {
        let h = plain(h);
        assert!(!json.contains(&h), "{who}'s extract (JSON) shows {h:?}");
        assert!(!pdf.contains(&h), "{who}'s extract (PDF) shows {h:?}");
    }
}

fn assert_present(e: &Extract, who: &str, shown: &[&str]) {
    let (json, pdf) = (plain(&e.json), plain(&e.pdf));
    for s in shown {
        let s = plain(s);
        assert!(json.contains(&s), "{who}'s extract (JSON) lacks {s:?}");
        assert!(pdf.contains(&s), "{who}'s extract (PDF) lacks {s:?}");
    }
}

#[tokio::test]
async fn an_adults_extract_shows_the_report_with_her_sections_and_withholds_the_other_adult() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), true).await;
    let a = extract_of(&w, w.astrid, tmp.path()).await;

    // Both versions, each with its sections: the household's and Astrid's own.
    assert_eq!(values(&a.doc, REPORTS, "version"), vec!["1", "2"]);
    let headings = values(&a.doc, SECTIONS, "heading");
    assert_eq!(headings.len(), sections_of(&w, w.astrid).await);
    for h in [
        "Uppväxt och barndom – Astrid Lund",
        "Vuxenliv och nuvarande livssituation – Astrid Lund",
        "Hälsa – Astrid Lund",
        "Parrelationen",
        "Arbete och ekonomi",
        "Sammanfattande bedömning",
        "Rekommendation",
    ] {
        assert_eq!(
            headings.iter().filter(|x| **x == h).count(),
            2,
            "{h} once per version"
        );
    }
    assert_present(
        &a,
        "Astrid",
        &[
            "Uppväxt och barndom – Astrid Lund",
            ASTRID_CHILDHOOD,
            RELATIONSHIP_MARK,
            WORK_MARK,
            ASSESSMENT,
            RECOMMENDATION,
            V2_TEXT,
            "Rekommenderas",
            "Lena Holmström",
        ],
    );
    // Bengt's own sections are not hers: not their text, not their headings.
    let mut hidden = vec![BENGT_CHILDHOOD, BENGT_HEALTH, "Malmberget", "diabetes"];
    // In the household's text he, his number and the child are withheld by the rules.
    hidden.extend(["Bengt", "Sandberg", "Ella"]);
    let forms = number_forms(&bengt_number());
    hidden.extend(forms.iter().map(String::as_str));
    assert_absent(&a, "Astrid", &hidden);
    let bodies = values(&a.doc, SECTIONS, "body");
    let withheld_relationship = format!(
        "Astrid och {WITHHELD_PASSAGE} träffades på en kurs i trädgårdsdesign. När de är oense \
         tar {WITHHELD_PASSAGE} en promenad innan de pratar vidare. {WITHHELD_PASSAGE} märker \
         sällan något av det."
    );
    assert!(
        bodies.contains(&withheld_relationship.as_str()),
        "{bodies:#?}"
    );
    assert!(bodies
        .iter()
        .any(|b| b.contains(&format!("gällde {WITHHELD_PASSAGE} och stämde"))));
    // The members the store filled in: Bengt's line withheld, hers whole.
    let facts = values(&a.doc, SECTIONS, "facts_text").join("\n");
    assert!(facts.contains("Astrid Lund, vuxen"), "{facts}");
    // Reading the report is in her access log.
    assert!(a
        .doc
        .access_log
        .iter()
        .any(|l| l.what == "skriftlig utredning"));
}

#[tokio::test]
async fn the_other_adult_and_the_own_child_get_the_report_a_placed_child_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), true).await;

    // Bengt: his own sections, his own number; nothing of Astrid's own sections.
    let b = extract_of(&w, w.bengt, tmp.path()).await;
    assert_eq!(values(&b.doc, REPORTS, "version"), vec!["1", "2"]);
    assert_eq!(
        values(&b.doc, SECTIONS, "heading").len(),
        sections_of(&w, w.bengt).await
    );
    let own_number = akta_core::person::format_personal_number(&bengt_number());
    assert_present(
        &b,
        "Bengt",
        &[
            "Hälsa – Bengt Sandberg",
            BENGT_CHILDHOOD,
            BENGT_HEALTH,
            RELATIONSHIP_MARK,
            &own_number,
        ],
    );
    assert_absent(
        &b,
        "Bengt",
        &[ASTRID_CHILDHOOD, "Astrid", "gård utanför Vara"],
    );

    // Ella, the home's own child: the report and the household's sections only.
    let e = extract_of(&w, w.ella, tmp.path()).await;
    assert_eq!(values(&e.doc, REPORTS, "version"), vec!["1", "2"]);
    let household = count(
        &w,
        "SELECT count(*) FROM investigation_report_sections WHERE person_id IS NULL OR person_id = ?",
        w.ella,
    )
    .await;
    assert_eq!(values(&e.doc, SECTIONS, "heading").len(), household);
    assert_present(&e, "Ella", &[RELATIONSHIP_MARK, "Ella märker sällan"]);
    let mut hidden = vec![ASTRID_CHILDHOOD, BENGT_CHILDHOOD, BENGT_HEALTH];
    hidden.extend(["Astrid", "Bengt", "Sandberg", "Uppväxt och barndom –"]);
    let forms = number_forms(&bengt_number());
    hidden.extend(forms.iter().map(String::as_str));
    assert_absent(&e, "Ella", &hidden);

    // Liv is placed in the home, not a member of it: the report is not about her.
    let liv = extract_of(&w, w.liv.unwrap(), tmp.path()).await;
    let shown = tables(&liv.doc);
    assert!(!shown.contains(&REPORTS) && !shown.contains(&SECTIONS));
    assert_absent(
        &liv,
        "Liv",
        &[RELATIONSHIP_MARK, WORK_MARK, ASSESSMENT, RECOMMENDATION],
    );
    assert!(!liv
        .doc
        .access_log
        .iter()
        .any(|l| l.what == "skriftlig utredning"));
    // Nor does the hand-over of her file to the municipality carry it: the report is
    // the home's file, the municipality gets it as the report sent to it.
    let offer = retention::offer_handover(&w.staff.store, &w.staff.dpo, w.liv.unwrap(), today())
        .await
        .unwrap();
    let json = String::from_utf8(offer.documents.json.clone()).unwrap();
    for hidden in [
        RELATIONSHIP_MARK,
        WORK_MARK,
        ASSESSMENT,
        "Skriftliga familjehemsutredningar",
    ] {
        assert!(!json.contains(hidden), "the hand-over carries {hidden:?}");
    }
}

#[tokio::test]
async fn an_adults_own_sections_stay_in_his_extract_without_his_membership_row() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let s = &w.staff;
    // Bengt's row in the home's members is gone (as after an import of a register that
    // did not keep it); the sections about him still name him.
    sqlx::query("DELETE FROM foster_home_members WHERE person_id = ?")
        .bind(w.bengt)
        .execute(s.store.pool())
        .await
        .unwrap();
    let about_him = count(
        &w,
        "SELECT count(*) FROM investigation_report_sections WHERE person_id = ?",
        w.bengt,
    )
    .await;
    assert!(about_him >= 6, "three sections a version");
    let b = extract_of(&w, w.bengt, tmp.path()).await;
    assert_eq!(values(&b.doc, SECTIONS, "heading").len(), about_him);
    assert_eq!(values(&b.doc, REPORTS, "version"), vec!["1", "2"]);
    assert_present(&b, "Bengt", &[BENGT_CHILDHOOD, BENGT_HEALTH]);
    assert_absent(&b, "Bengt", &[ASTRID_CHILDHOOD, RELATIONSHIP_MARK]);
    // Erasure keeps them, and says so.
    let request = verified_request(&s.store, &s.dpo, w.bengt, RequestKind::Erasure, today()).await;
    let done = erasure::erase(&s.store, &s.dpo, request, today())
        .await
        .unwrap();
    let kept = done
        .kept
        .iter()
        .find(|l| l.title == "Avsnitt i skriftliga familjehemsutredningar")
        .expect("the sections about him are kept");
    assert_eq!(kept.records as usize, about_him);
    assert!(!done.person_removed);
}

#[tokio::test]
async fn erasure_keeps_the_report_under_the_social_services_law_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path(), false).await;
    let s = &w.staff;
    let before_v1 = written::get(&s.store, &s.karin, w.v1, today())
        .await
        .unwrap();
    let before_v2 = written::get(&s.store, &s.karin, w.v2, today())
        .await
        .unwrap();
    let request = verified_request(&s.store, &s.dpo, w.astrid, RequestKind::Erasure, today()).await;
    let preview = erasure::preview(&s.store, &s.dpo, request, today())
        .await
        .unwrap();
    let done = erasure::erase(&s.store, &s.dpo, request, today())
        .await
        .unwrap();
    assert_eq!(preview, done, "the preview is what was done");
    let line = |title: &str| done.kept.iter().find(|l| l.title == title).cloned();
    let reports = line("Skriftliga familjehemsutredningar").expect("reports kept");
    let sections = line("Avsnitt i skriftliga familjehemsutredningar").expect("sections kept");
    assert_eq!(reports.records, 2, "both versions");
    assert_eq!(sections.records as usize, sections_of(&w, w.astrid).await);
    for l in [&reports, &sections] {
        assert!(
            l.basis.as_deref().unwrap().contains("socialtjänstlagen"),
            "{l:?}"
        );
        assert_eq!(
            l.retention.as_deref(),
            Some("Ärenden som rör barn och familjehem gallras två år efter att de avslutats.")
        );
    }
    assert!(!done
        .erased
        .iter()
        .any(|l| l.title.contains("familjehemsutredning")));
    // The statement the person gets names what is kept and why.
    let text = done.to_text();
    assert!(
        text.contains("Skriftliga familjehemsutredningar (2 st)"),
        "{text}"
    );
    // Her sections still name her: she stays, without her contact data.
    assert!(!done.person_removed);
    // The report is as it was, both versions, every section.
    let after_v1 = written::get(&s.store, &s.karin, w.v1, today())
        .await
        .unwrap();
    let after_v2 = written::get(&s.store, &s.karin, w.v2, today())
        .await
        .unwrap();
    assert_eq!(after_v1.sections, before_v1.sections);
    assert_eq!(after_v2.sections, before_v2.sections);
    assert_eq!(after_v1.signed_at, before_v1.signed_at);
}
