//! Data-subject rights on real encrypted stores: requests and their deadlines, register
//! extracts read back from the PDF with pdftotext, rectification, restriction, erasure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::person::{self, Person, PersonInput};
use akta_core::rights::extract::{self, PassagePlace, RedactionInput, RegisterExtract, Review};
use akta_core::rights::{
    self, erasure, rectify, CompletionInput, ExtensionInput, RequestInput, RequestKind,
    RequestStatus,
};
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use akta_core::{audit, demo};
use chrono::NaiveDate;
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo_store(dir: &std::path::Path) -> (Store, Actor) {
    let store = new_store(dir).await;
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    let dpo = user::add(
        &store,
        &Actor::device(),
        &UserInput {
            name: "Dana Dataskydd".into(),
            title: Some("Dataskyddsansvarig".into()),
            role: Role::Dataskyddsansvarig,
        },
    )
    .await
    .unwrap();
    (store, Actor::user(dpo))
}

async fn find(store: &Store, name: &str) -> Person {
    let hits = person::list(store, Some(name)).await.unwrap();
    assert_eq!(hits.len(), 1, "{name}");
    person::get(store, &Actor::device(), hits[0].id)
        .await
        .unwrap()
}

async fn verified_request(store: &Store, actor: &Actor, person_id: i64, kind: RequestKind) -> i64 {
    rights::create(
        store,
        actor,
        &RequestInput {
            person_id,
            kind,
            received_on: today(),
            identity_method: Some("BankID".into()),
            identity_verified_on: Some(today()),
        },
        today(),
    )
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn a_request_runs_one_calendar_month_from_verified_identity_and_can_be_extended_once_told() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dpo) = demo_store(tmp.path()).await;
    let anna = find(&store, "Anna Lindqvist").await;
    let today = d("2026-03-05");
    // A caseworker does not handle requests.
    let karin = user::list(&store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Handlaggare)
        .unwrap();
    let input = RequestInput {
        person_id: anna.id,
        kind: RequestKind::Access,
        received_on: d("2026-01-31"),
        identity_method: None,
        identity_verified_on: None,
    };
    let e = rights::create(&store, &Actor::user(karin), &input, today)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    // Bad input: every field named, nothing written.
    let e = rights::create(
        &store,
        &dpo,
        &RequestInput {
            person_id: 999_999,
            received_on: d("2026-04-01"),
            identity_method: Some("BankID".into()),
            ..input.clone()
        },
        today,
    )
    .await
    .unwrap_err();
    let fields = refusals(&e);
    assert!(fields.contains(&("person_id", Reason::Unknown)));
    assert!(fields.contains(&("received_on", Reason::Future)));
    assert!(fields.contains(&("identity_verified_on", Reason::Required)));
    assert!(rights::list(&store, &dpo, today).await.unwrap().is_empty());

    // Received 31 January; the clock waits for identity.
    let r = rights::create(&store, &dpo, &input, today).await.unwrap();
    assert_eq!(r.due_on, None);
    let mut conn = store.pool().acquire().await.unwrap();
    assert!(
        rights::on_hold(&mut conn, anna.id).await.unwrap(),
        "an open request holds the data"
    );
    drop(conn);
    // Extending before the clock runs is refused.
    let ext = ExtensionInput {
        months: 2,
        reason: "Omfattande material i flera akter.".into(),
        told_on: d("2026-02-10"),
    };
    let e = rights::extend(&store, &dpo, r.id, &ext, today)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "identity_verified_on");
    // Verified the same day: due 28 February (no 31st).
    let r = rights::verify_identity(&store, &dpo, r.id, "BankID", d("2026-01-31"), today)
        .await
        .unwrap();
    assert_eq!(r.due_on, Some(d("2026-02-28")));
    assert_eq!(r.days_left, Some(-5), "overdue on 5 March");
    // The person must have been told within the first month.
    let late = ExtensionInput {
        told_on: d("2026-03-01"),
        ..ext.clone()
    };
    let e = rights::extend(&store, &dpo, r.id, &late, today)
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "told_on");
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    let e = rights::extend(
        &store,
        &dpo,
        r.id,
        &ExtensionInput {
            months: 3,
            ..ext.clone()
        },
        today,
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "months");
    let r = rights::extend(&store, &dpo, r.id, &ext, today)
        .await
        .unwrap();
    assert_eq!(
        r.due_on,
        Some(d("2026-04-30")),
        "three months from 31 January"
    );
    assert_eq!(r.first_due_on, Some(d("2026-02-28")));

    // Dashboard order: overdue first, then by deadline; closed ones are not listed.
    let other = find(&store, "Johan Lindqvist").await;
    let soon = rights::create(
        &store,
        &dpo,
        &RequestInput {
            person_id: other.id,
            kind: RequestKind::Rectification,
            received_on: d("2026-02-09"),
            identity_method: Some("Legitimation".into()),
            identity_verified_on: Some(d("2026-02-09")),
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!(soon.due_on, Some(d("2026-03-09")));
    let due = rights::due_soon(&store, today, 7).await.unwrap();
    assert_eq!(due.iter().map(|r| r.id).collect::<Vec<_>>(), vec![soon.id]);
    let all = rights::list(&store, &dpo, today).await.unwrap();
    assert_eq!(all[0].id, soon.id);

    // Closing needs an outcome and a real date; then the hold ends.
    let e = rights::complete(
        &store,
        &dpo,
        r.id,
        &CompletionInput {
            status: RequestStatus::Completed,
            outcome: " ".into(),
            completed_on: d("2026-01-01"),
        },
        today,
    )
    .await
    .unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["outcome", "completed_on"]);
    let r = rights::complete(
        &store,
        &dpo,
        r.id,
        &CompletionInput {
            status: RequestStatus::Completed,
            outcome: "Registerutdrag skickat.".into(),
            completed_on: today,
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!(r.days_left, None);
    let mut conn = store.pool().acquire().await.unwrap();
    assert!(!rights::on_hold(&mut conn, anna.id).await.unwrap());
    drop(conn);
    let e = rights::verify_identity(&store, &dpo, r.id, "BankID", today, today)
        .await
        .unwrap_err();
    assert_eq!(
        e.fields()[0].field,
        "status",
        "a closed request stays closed"
    );
    store.close().await;
}

fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("extract.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Whole-word occurrence, any case.
fn has_word(haystack: &str, word: &str) -> bool {
    let h = haystack.to_lowercase();
    let w = word.to_lowercase();
    h.match_indices(&w).any(|(i, _)| {
        let before = h[..i].chars().last().is_none_or(|c| !c.is_alphanumeric());
        let after = h[i + w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

#[tokio::test]
async fn a_register_extract_holds_all_of_the_subject_and_nothing_of_anyone_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dpo) = demo_store(tmp.path()).await;
    let anna = find(&store, "Anna Lindqvist").await;
    let request = verified_request(&store, &dpo, anna.id, RequestKind::Access).await;
    let others: Vec<Person> = {
        let mut v = Vec::new();
        for s in person::list(&store, None).await.unwrap() {
            if s.id != anna.id {
                v.push(person::get(&store, &Actor::device(), s.id).await.unwrap());
            }
        }
        v
    };
    let own_words: Vec<String> = format!("{} {}", anna.given_name, anna.family_name)
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();

    // Review: the other people of Anna's files are already marked; the caseworker marks
    // any other registered person the text names.
    let passages = extract::review(&store, &dpo, request, today())
        .await
        .unwrap()
        .passages;
    assert!(!passages.is_empty(), "Anna's home has a journal");
    let mut auto_marked = 0;
    for p in &passages {
        auto_marked += p.withheld.len();
        for o in &others {
            for word in [o.given_name.as_str()] {
                if own_words.contains(&word.to_lowercase()) {
                    continue;
                }
                // As a reviewer reads: in any case (an e-mail address names a person
                // in lower case).
                let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
                let chars: Vec<char> = p.text.chars().map(lower).collect();
                let w: Vec<char> = word.chars().map(lower).collect();
                for start in 0..chars.len().saturating_sub(w.len() - 1) {
                    if chars[start..start + w.len()] == w[..]
                        && !p
                            .withheld
                            .iter()
                            .any(|r| r.0 <= start as i64 && r.1 >= (start + w.len()) as i64)
                    {
                        extract::withhold(
                            &store,
                            &dpo,
                            request,
                            &RedactionInput {
                                place: PassagePlace {
                                    table: p.table.clone(),
                                    row_id: p.row_id,
                                    column: p.column.clone(),
                                    start: start as i64,
                                    end: (start + w.len()) as i64,
                                },
                                reason: "Uppgift om annan person".into(),
                            },
                            today(),
                        )
                        .await
                        .unwrap();
                    }
                }
            }
        }
    }
    assert!(
        auto_marked > 0,
        "other members' names are found automatically"
    );
    // A mark outside the text, or on a row that is not Anna's, is refused.
    let p = &passages[0];
    let bad = RedactionInput {
        place: PassagePlace {
            table: p.table.clone(),
            row_id: p.row_id,
            column: p.column.clone(),
            start: 0,
            end: 1_000_000,
        },
        reason: "x".into(),
    };
    let e = extract::withhold(&store, &dpo, request, &bad, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "range");
    let e = extract::withhold(
        &store,
        &dpo,
        request,
        &RedactionInput {
            place: PassagePlace {
                row_id: 999_999,
                end: 1,
                ..bad.place.clone()
            },
            ..bad.clone()
        },
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "row_id");

    // Candidates no one has decided refuse the extract, and nothing is written; the
    // reviewer's confirmation lets it through.
    let state = extract::review(&store, &dpo, request, today())
        .await
        .unwrap();
    assert!(
        state.candidates > 0,
        "the demo journal names people the store does not know"
    );
    {
        assert!(!state.reviewed);
        let e = extract::create(&store, &dpo, request, today(), Review::Required)
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "review");
        let made: i64 =
            sqlx::query_scalar("SELECT count(*) FROM dsr_disclosures WHERE request_id = ?")
                .bind(request)
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(made, 0);
        // Each document about Anna needs a decision before the review is confirmed.
        assert!(
            state.undecided > 0,
            "the demo files hold documents about Anna"
        );
        for d in &state.documents {
            let include = extract::DocumentDecisionInput {
                document_id: d.document.id,
                include: true,
                reason: None,
            };
            extract::decide_document(&store, &dpo, request, &include, today())
                .await
                .unwrap();
        }
        let confirmed = extract::confirm_review(&store, &dpo, request, today())
            .await
            .unwrap();
        assert!(confirmed.reviewed);
    }
    let docs = extract::create(&store, &dpo, request, today(), Review::Required)
        .await
        .unwrap();
    assert!(docs.pages >= 2);
    assert!(docs.pdf.starts_with(b"%PDF"));
    let text = pdftotext(&docs.pdf, tmp.path());
    let json: RegisterExtract = serde_json::from_slice(&docs.json).unwrap();
    let json_text = String::from_utf8(docs.json.clone()).unwrap();
    assert_eq!(json.schema, "akta-register-extract/1");
    assert_eq!(json.document_id, docs.document_id);

    // Every value of the subject, in both.
    let number = person::format_personal_number(anna.personal_number.as_deref().unwrap());
    for v in [
        anna.given_name.as_str(),
        anna.family_name.as_str(),
        number.as_str(),
        anna.email.as_deref().unwrap(),
        anna.phone.as_deref().unwrap(),
        anna.street_address.as_deref().unwrap(),
        anna.postal_code.as_deref().unwrap(),
        anna.city.as_deref().unwrap(),
    ] {
        assert!(text.contains(v), "PDF lacks the subject's {v:?}");
        assert!(json_text.contains(v), "JSON lacks the subject's {v:?}");
    }
    // Nothing of anyone else: numbers, contact data, names.
    for o in &others {
        let mut values: Vec<String> = vec![format!("{} {}", o.given_name, o.family_name)];
        if !own_words.contains(&o.given_name.to_lowercase()) {
            values.push(o.given_name.clone());
        }
        if let Some(n) = &o.personal_number {
            values.push(person::format_personal_number(n));
            values.push(n.clone());
        }
        values.extend(o.email.clone());
        values.extend(o.phone.clone());
        if o.street_address != anna.street_address {
            values.extend(o.street_address.clone());
        }
        for v in values {
            assert!(!has_word(&text, &v), "PDF shows another person's {v:?}");
            assert!(
                !has_word(&json_text, &v),
                "JSON shows another person's {v:?}"
            );
        }
    }
    // What Art. 15(1) requires, in Swedish; å ä ö intact; page footers.
    for heading in [
        "Ändamål och rättslig grund",
        "Kategorier av personuppgifter",
        "Mottagare",
        "Hur länge uppgifterna sparas",
        "Varifrån uppgifterna kommer",
        "Dina rättigheter",
        "Integritetsskyddsmyndigheten",
        "Automatiserade beslut",
        "Vem som har hanterat dina uppgifter",
        "Journalanteckningar i dina akter",
    ] {
        assert!(text.contains(heading), "PDF lacks {heading:?}");
    }
    assert!(text.contains("gallras två år efter"));
    assert!(text.contains(&format!("Sida 1 av {}", docs.pages)));
    assert!(text.contains(&docs.document_id));
    // The store keeps the hashes, never a copy; the disclosure is audited.
    let hashes: Vec<String> = sqlx::query_scalar(
        "SELECT sha256 FROM dsr_disclosures WHERE request_id = ? ORDER BY format",
    )
    .bind(request)
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(
        hashes,
        vec![docs.json_sha256.clone(), docs.pdf_sha256.clone()]
    );
    let last = audit::list(&store, 1).await.unwrap();
    assert_eq!(
        (last[0].action.as_str(), last[0].entity_kind.as_str()),
        ("export", "person")
    );
    extract::mark_sent(
        &store,
        &dpo,
        request,
        &docs.document_id,
        "Rekommenderat brev",
        today(),
        today(),
    )
    .await
    .unwrap();
    let e = extract::mark_sent(&store, &dpo, request, "RU-0-0", "x", today(), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "document_id");
    store.close().await;
}

#[tokio::test]
async fn the_reporter_of_a_concern_report_is_withheld_from_the_child_s_extract() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dpo) = demo_store(tmp.path()).await;
    let reports: Vec<(i64, String)> =
        sqlx::query_as("SELECT child_id, reporter_phone FROM concern_reports")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let (child_id, reporter_phone) = reports[0].clone();
    let reporter: String = sqlx::query_scalar(
        "SELECT u.name FROM concern_reports c JOIN users u ON u.id = c.reporter_id LIMIT 1",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let request = verified_request(&store, &dpo, child_id, RequestKind::Access).await;
    let docs = extract::create(&store, &dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let text = pdftotext(&docs.pdf, tmp.path());
    assert!(text.contains("Orosanmälningar"));
    assert!(
        !text.contains(&reporter_phone),
        "the reporter's phone is withheld"
    );
    let json: RegisterExtract = serde_json::from_slice(&docs.json).unwrap();
    let reports = json
        .sections
        .iter()
        .find(|s| s.table == "concern_reports")
        .unwrap();
    let reporter_field = reports.records[0]
        .fields
        .iter()
        .find(|f| f.column == "reporter_id")
        .unwrap();
    assert_eq!(reporter_field.value, extract::WITHHELD_PARTY);
    // Nor does the access log give the reporter away.
    let on_reports: Vec<_> = json
        .access_log
        .iter()
        .filter(|a| a.what == "orosanmälan")
        .collect();
    assert!(!on_reports.is_empty());
    assert!(on_reports.iter().all(|a| a.who == extract::WITHHELD_PARTY));
    assert!(!json.access_log.is_empty());
    let _ = reporter;
    store.close().await;
}

#[tokio::test]
async fn rectification_keeps_history_and_restriction_stops_new_processing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dpo) = demo_store(tmp.path()).await;
    let anna = find(&store, "Anna Lindqvist").await;
    let input = PersonInput {
        personal_number: anna.personal_number.clone(),
        given_name: anna.given_name.clone(),
        family_name: anna.family_name.clone(),
        email: Some("anna.ny@example.se".into()),
        phone: anna.phone.clone(),
        street_address: anna.street_address.clone(),
        postal_code: anna.postal_code.clone(),
        city: anna.city.clone(),
        protected_identity: false,
    };
    let request = verified_request(&store, &dpo, anna.id, RequestKind::Rectification).await;
    let p = rectify::rectify_person(&store, &dpo, anna.id, &input, Some(request), today())
        .await
        .unwrap();
    assert_eq!(p.email.as_deref(), Some("anna.ny@example.se"));
    let h = rectify::history(&store, anna.id).await.unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].field, "email");
    assert_eq!(h[0].old_value, anna.email);
    // Another person's number, or a bad postal code: refused, nothing changed.
    let johan = find(&store, "Johan Lindqvist").await;
    let e = rectify::rectify_person(
        &store,
        &dpo,
        anna.id,
        &PersonInput {
            personal_number: johan.personal_number.clone(),
            ..input.clone()
        },
        None,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Duplicate);
    let e = rectify::rectify_person(
        &store,
        &dpo,
        anna.id,
        &PersonInput {
            postal_code: Some("12".into()),
            ..input.clone()
        },
        None,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "postal_code");
    assert_eq!(rectify::history(&store, anna.id).await.unwrap().len(), 1);

    // Restricted: shown as restricted; no new entry in her home's file.
    let p = rectify::set_restriction(&store, &dpo, anna.id, Some(today()), today())
        .await
        .unwrap();
    assert_eq!(p.restricted_on, Some(today()));
    let homes: Vec<i64> =
        sqlx::query_scalar("SELECT home_id FROM foster_home_members WHERE person_id = ?")
            .bind(anna.id)
            .fetch_all(store.pool())
            .await
            .unwrap();
    let karin = user::list(&store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Handlaggare)
        .unwrap();
    let entry = EntryInput {
        event_date: today(),
        text: "Hembesök.".into(),
    };
    let e = journal::create_draft(
        &store,
        &Actor::user(karin.clone()),
        JournalFile::Home(homes[0]),
        EntryKind::Note,
        &entry,
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    // A caseworker cannot lift it; the data-protection officer can.
    let e = rectify::set_restriction(&store, &Actor::user(karin.clone()), anna.id, None, today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    rectify::set_restriction(&store, &dpo, anna.id, None, today())
        .await
        .unwrap();
    journal::create_draft(
        &store,
        &Actor::user(karin),
        JournalFile::Home(homes[0]),
        EntryKind::Note,
        &entry,
        today(),
    )
    .await
    .unwrap();
    store.close().await;
}

#[tokio::test]
async fn erasure_deletes_what_no_law_keeps_and_states_what_it_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dpo) = demo_store(tmp.path()).await;
    // Someone only in the registry (no file): erased completely.
    let gunnel = find(&store, "Gunnel Ek").await;
    let request = verified_request(&store, &dpo, gunnel.id, RequestKind::Erasure).await;
    let s = erasure::erase(&store, &dpo, request, today())
        .await
        .unwrap();
    assert!(s.person_removed);
    // Only the record of the request itself stays, without the person.
    assert_eq!(
        s.kept.iter().map(|l| l.title.as_str()).collect::<Vec<_>>(),
        vec!["Dina begäranden enligt dataskyddsförordningen"]
    );
    assert!(person::get(&store, &Actor::device(), gunnel.id)
        .await
        .is_err());
    let r = rights::get(&store, &dpo, request, today()).await.unwrap();
    assert_eq!(r.status, RequestStatus::Completed);
    assert_eq!(r.person_id, None, "the request stays, without the person");
    assert!(r.outcome.unwrap().contains("Raderat"));

    // A foster parent with a consent: the consent goes, the case files stay (the law
    // requires them) with the basis stated; contact data is cleared.
    let mikael = find(&store, "Mikael Öberg").await;
    let consents: i64 = sqlx::query_scalar("SELECT count(*) FROM consents WHERE person_id = ?")
        .bind(mikael.id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(consents > 0);
    let request = verified_request(&store, &dpo, mikael.id, RequestKind::Erasure).await;
    // The preview the officer confirms with says exactly what the erasure does, and
    // erases nothing itself.
    let preview = erasure::preview(&store, &dpo, request, today())
        .await
        .unwrap();
    let still: i64 = sqlx::query_scalar("SELECT count(*) FROM consents WHERE person_id = ?")
        .bind(mikael.id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(still, consents, "a preview erases nothing");
    let open = rights::get(&store, &dpo, request, today()).await.unwrap();
    assert_eq!(open.status, RequestStatus::Open);
    let s = erasure::erase(&store, &dpo, request, today())
        .await
        .unwrap();
    assert_eq!(preview, s, "the preview is what was done");
    assert!(!s.person_removed);
    assert!(s.erased.iter().any(|l| l.title == "Samtycken"));
    assert!(s.kept.iter().any(|l| l.title == "Familjehem du ingår i"
        && l.basis.as_deref().unwrap().contains("socialtjänstlagen")));
    let after = person::get(&store, &Actor::device(), mikael.id)
        .await
        .unwrap();
    assert_eq!(
        (after.email, after.phone, after.street_address),
        (None, None, None)
    );
    let consents: i64 = sqlx::query_scalar("SELECT count(*) FROM consents WHERE person_id = ?")
        .bind(mikael.id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(consents, 0);
    // Only an erasure request, open and verified, erases; the chain still holds.
    let access = verified_request(&store, &dpo, mikael.id, RequestKind::Access).await;
    let e = erasure::erase(&store, &dpo, access, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "kind");
    let e = erasure::preview(&store, &dpo, access, today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].field, "kind");
    assert!(audit::verify(&store).await.unwrap().intact);
    store.close().await;
}
