//! The promises on the support records (contacts, plans, training, agreements, monthly
//! reports, egenkontroll) on the demo store, real and encrypted: a placed child's register
//! extract shows their report, agreement, plan and the contacts that concern them, and
//! nothing of another child placed in the same home; a home member's extract shows the
//! home's records; deleting a document that was an agreement's signed copy keeps the
//! agreement.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::collections::BTreeSet;

use akta_core::agreement;
use akta_core::contact::{self, ContactInput, ContactKind, Participant};
use akta_core::demo;
use akta_core::document::{self, DocumentOwner};
use akta_core::placement::{self, PlacementInput};
use akta_core::report::{self, YearMonth};
use akta_core::rights::extract::{self, RegisterExtract, Review};
use akta_core::rights::RequestKind;
use akta_core::store::Store;
use akta_core::user::Actor;
use common::*;

struct World {
    store: Store,
    dpo: Actor,
    karin: Actor,
    home: i64,
    liam: i64,
    adult: i64,
    /// A second child placed in the same home, with a contact and a report of her own.
    ella: i64,
    ella_report: i64,
    ella_contact: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    demo::populate(&staff.store, &staff.karin, today())
        .await
        .unwrap();
    let s = &staff.store;
    let id_of = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(s.pool())
            .await
            .unwrap()
    };
    let home = id_of("SELECT id FROM foster_homes WHERE name = 'Familjen Lindqvist'").await;
    let liam = id_of("SELECT id FROM persons WHERE given_name = 'Liam'").await;
    let adult = id_of(
        "SELECT person_id FROM foster_home_members m JOIN foster_homes h ON h.id = m.home_id
         WHERE h.name = 'Familjen Lindqvist' AND m.role = 'vuxen' ORDER BY person_id LIMIT 1",
    )
    .await;
    let ella = akta_core::person::add(s, &staff.karin, &named("Ella", "Frost"), today())
        .await
        .unwrap()
        .id;
    let municipality = id_of("SELECT id FROM organisations ORDER BY id LIMIT 1").await;
    let month = YearMonth::of(today());
    let placed = placement::place(
        s,
        &staff.karin,
        &PlacementInput {
            child_id: ella,
            home_id: home,
            municipality_id: municipality,
            start_date: month.first_day(),
        },
        today(),
    )
    .await
    .unwrap();
    let ella_contact = contact::add(
        s,
        &staff.karin,
        &ContactInput {
            home_id: home,
            child_id: Some(ella),
            kind: ContactKind::Hembesok,
            date: today(),
            starts_at: "23:30".into(),
            minutes: Some(30),
            participants: vec![Participant::Person { person_id: ella }],
            themes: vec!["halsa".into()],
            text: "Ella berättade om tandläkarbesöket.".into(),
        },
        today(),
    )
    .await
    .unwrap()
    .id;
    let ella_report = report::draft(s, &staff.karin, placed.id, month, today())
        .await
        .unwrap()
        .id;
    World {
        store: staff.store,
        dpo: staff.dpo,
        karin: staff.karin,
        home,
        liam,
        adult,
        ella,
        ella_report,
        ella_contact,
    }
}

async fn extract_of(w: &World, person: i64) -> RegisterExtract {
    let request = verified_request(&w.store, &w.dpo, person, RequestKind::Access, today()).await;
    let docs = extract::create(&w.store, &w.dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    serde_json::from_slice(&docs.json).unwrap()
}

fn tables(e: &RegisterExtract) -> BTreeSet<&str> {
    e.sections
        .iter()
        .filter(|s| !s.records.is_empty())
        .map(|s| s.table.as_str())
        .collect()
}

/// The values of `column` in the extract's section of `table`.
fn values<'a>(e: &'a RegisterExtract, table: &str, column: &str) -> Vec<&'a str> {
    e.sections
        .iter()
        .filter(|s| s.table == table)
        .flat_map(|s| s.records.iter())
        .flat_map(|r| r.fields.iter())
        .filter(|f| f.column == column)
        .map(|f| f.value.as_str())
        .collect()
}

#[tokio::test]
async fn a_childs_extract_shows_their_support_records_and_nothing_of_another_child() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;

    let liam = extract_of(&w, w.liam).await;
    let shown = tables(&liam);
    for table in [
        "contacts",
        "contact_participants",
        "contact_entry_themes",
        "contact_plans",
        "placement_agreements",
        "monthly_reports",
    ] {
        assert!(
            shown.contains(table),
            "{table} missing from the child's extract"
        );
    }
    let json = serde_json::to_string(&liam).unwrap();
    assert!(
        !json.contains("Ella"),
        "another child's name in the extract"
    );
    assert!(!json.contains("tandläkarbesöket"));
    // Liam's report is there, Ella's is not (by its month's text and by its id).
    assert_eq!(values(&liam, "monthly_reports", "month").len(), 1);
    assert!(!json.contains(&format!("MR-{}-", w.ella_report)));
    // The home's own training and egenkontroll are not about the child.
    assert!(!shown.contains("trainings"));
    assert!(!shown.contains("home_surveys"));

    let ella = extract_of(&w, w.ella).await;
    let json = serde_json::to_string(&ella).unwrap();
    assert!(tables(&ella).contains("monthly_reports"));
    assert!(tables(&ella).contains("contacts"));
    assert!(
        !json.contains("Liam"),
        "another child's name in the extract"
    );
    assert_eq!(
        values(&ella, "contacts", "starts_at"),
        vec!["23:30"],
        "only her own contact ({})",
        w.ella_contact
    );
}

#[tokio::test]
async fn a_home_members_extract_shows_the_homes_support_records() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let anna = extract_of(&w, w.adult).await;
    let shown = tables(&anna);
    for table in [
        "contacts",
        "contact_participants",
        "contact_entry_themes",
        "contact_plans",
        "trainings",
        "placement_agreements",
        "monthly_reports",
        "home_surveys",
    ] {
        assert!(
            shown.contains(table),
            "{table} missing from the member's extract"
        );
    }
    // Every report of the home's placements, Ella's too (the written sections are free
    // text, reviewed before the extract is sent).
    let reports: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM monthly_reports r JOIN placements p ON p.id = r.placement_id
         WHERE p.home_id = ?",
    )
    .bind(w.home)
    .fetch_one(w.store.pool())
    .await
    .unwrap();
    assert!(reports >= 2);
    assert_eq!(
        values(&anna, "monthly_reports", "month").len() as i64,
        reports
    );
}

#[tokio::test]
async fn deleting_an_agreements_signed_copy_keeps_the_agreement_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let placement = placement::for_child(&w.store, w.liam).await.unwrap()[0].id;
    let copy = document::add_bytes(
        &w.store,
        &w.karin,
        &pdf_showing("Uppdragsavtal"),
        &document_input(DocumentOwner::Placement(placement), "Uppdragsavtal"),
        today(),
    )
    .await
    .unwrap();
    let a = agreement::for_placement(&w.store, placement).await.unwrap()[0].clone();
    let input = agreement::AgreementInput {
        reference: a.reference.clone(),
        signed_on: a.signed_on,
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        contact_name: a.contact_name.clone(),
        contact_phone: a.contact_phone.clone(),
        contact_email: a.contact_email.clone(),
        document_id: Some(copy.id),
    };
    agreement::update(&w.store, &w.karin, a.id, &input, today())
        .await
        .unwrap();
    document::delete(&w.store, &w.karin, copy.id).await.unwrap();
    let after = agreement::get(&w.store, a.id).await.unwrap();
    assert_eq!(after.document_id, None);
    assert_eq!(after.reference, a.reference);
}
