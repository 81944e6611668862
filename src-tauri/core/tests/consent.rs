//! The register of processing activities, persons' links to it, and consents.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::consent::{self, ConsentInput, LegalBasis};
use akta_core::error::Reason;
use akta_core::foster_home::{self, FosterHomeInput, HomeKind, MemberRole};
use akta_core::person::{self, PersonInput};
use akta_core::user::Actor;
use common::*;

#[tokio::test]
async fn the_register_is_seeded_with_the_policys_purposes_and_every_basis() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let all = consent::activities(&store).await.unwrap();
    let codes: Vec<&str> = all.iter().map(|a| a.code.as_str()).collect();
    for code in ["kundservice", "administration", "vardverksamhet"] {
        assert!(codes.contains(&code), "{code}");
    }
    for basis in [
        LegalBasis::Avtal,
        LegalBasis::RattsligForpliktelse,
        LegalBasis::BerattigatIntresse,
        LegalBasis::Samtycke,
    ] {
        assert!(all.iter().any(|a| a.legal_basis == basis), "{basis:?}");
    }
    assert!(all
        .iter()
        .all(|a| !a.recipients.is_empty() && !a.retention.is_empty()));
    store.close().await;
}

#[tokio::test]
async fn a_withdrawn_consent_stops_the_processing_and_shows_on_the_person() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let a = Actor::device();
    let p = person::add(
        &store,
        &a,
        &PersonInput {
            given_name: "Maria".into(),
            family_name: "Åberg".into(),
            ..Default::default()
        },
        today(),
    )
    .await
    .unwrap();
    // Membership of a home links the person to the care processing.
    let home = foster_home::add(
        &store,
        &a,
        &FosterHomeInput {
            name: "Familjen Åberg".into(),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: None,
            municipality_id: None,
        },
        today(),
    )
    .await
    .unwrap();
    foster_home::add_member(&store, &a, home.id, p.id, MemberRole::Vuxen)
        .await
        .unwrap();
    assert!(consent::processing_allowed(&store, p.id, "vardverksamhet")
        .await
        .unwrap());

    let activities = consent::activities(&store).await.unwrap();
    let by_consent = activities
        .iter()
        .find(|x| x.legal_basis == LegalBasis::Samtycke)
        .unwrap();
    let by_contract = activities
        .iter()
        .find(|x| x.legal_basis == LegalBasis::Avtal)
        .unwrap();
    let input = |activity_id: i64, evidence: &str, date: &str| ConsentInput {
        person_id: p.id,
        activity_id,
        given_on: date.parse().unwrap(),
        evidence: evidence.into(),
    };
    // Refused: consent to a processing that does not rest on consent; no evidence; future.
    let e = consent::give(
        &store,
        &a,
        &input(by_contract.id, "blankett", "2026-11-01"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("activity_id", Reason::NotAllowed)
    );
    let e = consent::give(
        &store,
        &a,
        &input(by_consent.id, " ", "2027-01-01"),
        today(),
    )
    .await
    .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["given_on", "evidence"]);
    assert!(!consent::processing_allowed(&store, p.id, &by_consent.code)
        .await
        .unwrap());

    let c = consent::give(
        &store,
        &a,
        &input(by_consent.id, "Underskriven blankett i akten", "2026-10-01"),
        today(),
    )
    .await
    .unwrap();
    assert!(consent::processing_allowed(&store, p.id, &by_consent.code)
        .await
        .unwrap());
    let e = consent::give(
        &store,
        &a,
        &input(by_consent.id, "igen", "2026-10-02"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Duplicate);

    let e = consent::withdraw(&store, &a, c.id, "2026-09-01".parse().unwrap(), today())
        .await
        .unwrap_err();
    assert_eq!(
        e.fields()[0].reason,
        Reason::Date,
        "withdrawn before it was given"
    );
    let w = consent::withdraw(&store, &a, c.id, "2026-11-20".parse().unwrap(), today())
        .await
        .unwrap();
    assert_eq!(w.withdrawn_on, Some("2026-11-20".parse().unwrap()));
    assert!(
        !consent::processing_allowed(&store, p.id, &by_consent.code)
            .await
            .unwrap(),
        "the processing stops"
    );
    assert!(
        consent::processing_allowed(&store, p.id, "vardverksamhet")
            .await
            .unwrap(),
        "others go on"
    );
    let shown = consent::for_person(&store, p.id).await.unwrap();
    assert_eq!(shown.consents[0].withdrawn_on, w.withdrawn_on);
    assert!(shown.processings.iter().all(|x| x.code != by_consent.code));
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;
}
