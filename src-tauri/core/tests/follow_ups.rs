//! Bevakningar set by hand, on a real encrypted store: each action is audited; bad input
//! is refused by field and writes nothing; the inbox shows an open one on its date and
//! forgets a done or removed one; a request's is the data-protection role's only; a
//! person's register extract holds theirs and nobody else's.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::due::manual::{self, FollowUpInput, FollowUpSubject};
use akta_core::due::{self, Bucket, DueKind, Group, Place};
use akta_core::error::{ErrorCode, Reason};
use akta_core::rights::extract::{self, RegisterExtract, Review};
use akta_core::rights::RequestKind;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn input(subject: FollowUpSubject, on: &str, text: &str) -> FollowUpInput {
    FollowUpInput {
        subject,
        due_on: d(on),
        text: text.into(),
        assignee_id: None,
    }
}

/// Rows of both tables.
async fn rows(store: &Store) -> (i64, i64) {
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    (
        count("SELECT count(*) FROM follow_ups").await,
        count("SELECT count(*) FROM follow_up_postponements").await,
    )
}

async fn manual_lines(store: &Store, actor: &Actor, as_of: &str) -> Vec<due::DueItem> {
    due::build(store, actor, d(as_of), &Settings::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.kind == DueKind::Manual)
        .collect()
}

async fn assert_audited(store: &Store, action: &str, id: i64) {
    let e = last_event(store).await;
    assert_eq!(
        (e.action.as_str(), e.entity_kind.as_str(), e.entity_id),
        (action, "follow_up", Some(id))
    );
}

#[tokio::test]
async fn adding_finishing_postponing_and_removing_are_each_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (s, karin, dpo) = (&staff.store, &staff.karin, &staff.dpo);
    let home = FollowUpSubject::Home { home_id: fam.home };

    let mut i = input(home, "2026-03-31", "  Ring om\nhembesöket  ");
    i.assignee_id = dpo.user_id();
    let f = manual::add(s, karin, &i).await.unwrap();
    assert_audited(s, "create", f.id).await;
    assert_eq!(f.text, "Ring om\nhembesöket");
    assert_eq!(f.subject_name.as_deref(), Some("Familjen Berg"));
    assert_eq!(f.assignee_name.as_deref(), Some("Dana Dataskydd"));
    assert_eq!(f.created_by, "Karin Konsulent");

    // 31 March + "a month later" is any later date; the earlier date is kept.
    let f = manual::postpone(s, karin, f.id, d("2026-04-30"), "Familjen bortrest")
        .await
        .unwrap();
    assert_audited(s, "update", f.id).await;
    assert_eq!(f.due_on, d("2026-04-30"));
    assert_eq!(f.postponements.len(), 1);
    assert_eq!(f.postponements[0].from_on, d("2026-03-31"));
    assert_eq!(f.postponements[0].reason, "Familjen bortrest");

    let f = manual::done(s, karin, f.id, d("2026-04-20")).await.unwrap();
    assert_audited(s, "update", f.id).await;
    assert_eq!(f.done_on, Some(d("2026-04-20")));
    assert_eq!(f.done_by.as_deref(), Some("Karin Konsulent"));

    let before = audit_count(s).await;
    let e = manual::done(s, karin, f.id, d("2026-04-21"))
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("done_on", Reason::NotAllowed)]);
    let e = manual::postpone(s, karin, f.id, d("2026-06-01"), "Senare")
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("done_on", Reason::NotAllowed)]);
    assert_eq!(audit_count(s).await, before);

    let listed = manual::list_for(s, karin, home).await.unwrap();
    assert_eq!(listed, vec![f.clone()]);

    manual::remove(s, karin, f.id).await.unwrap();
    assert_audited(s, "delete", f.id).await;
    assert_eq!(
        rows(s).await,
        (0, 0),
        "the row and its postponements are gone"
    );
    let e = manual::get(s, karin, f.id).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (s, karin) = (&staff.store, &staff.karin);
    let person = FollowUpSubject::Person {
        person_id: fam.child,
    };
    let before = audit_count(s).await;

    let cases: Vec<(FollowUpInput, Vec<(&str, Reason)>)> = vec![
        (
            input(FollowUpSubject::Home { home_id: 999 }, "2026-05-01", "x"),
            vec![("home_id", Reason::Unknown)],
        ),
        (
            input(
                FollowUpSubject::Placement { placement_id: 999 },
                "2026-05-01",
                "x",
            ),
            vec![("placement_id", Reason::Unknown)],
        ),
        (
            input(
                FollowUpSubject::Investigation {
                    investigation_id: 999,
                },
                "2026-05-01",
                "x",
            ),
            vec![("investigation_id", Reason::Unknown)],
        ),
        (
            input(person, "1999-12-31", "   "),
            vec![("due_on", Reason::Date), ("text", Reason::Required)],
        ),
        (
            input(person, "2026-05-01", &"å".repeat(2001)),
            vec![("text", Reason::TooLong)],
        ),
        (
            input(person, "2026-05-01", "a\u{7}b"),
            vec![("text", Reason::Characters)],
        ),
        (
            FollowUpInput {
                assignee_id: Some(999),
                ..input(person, "2026-05-01", "x")
            },
            vec![("assignee_id", Reason::Unknown)],
        ),
    ];
    for (i, expected) in cases {
        let e = manual::add(s, karin, &i).await.unwrap_err();
        assert_eq!(refusals(&e), expected, "{:?}", i.subject);
    }
    assert_eq!(rows(s).await, (0, 0));
    assert_eq!(audit_count(s).await, before);

    // Exactly 2000 characters and several lines are kept.
    let long = format!("{}\n{}", "a".repeat(1000), "b".repeat(999));
    let f = manual::add(s, karin, &input(person, "2000-01-01", &long))
        .await
        .unwrap();
    assert_eq!(f.text, long);

    // A postponement: a later date and a reason.
    let before = audit_count(s).await;
    for (to, reason, expected) in [
        ("2000-01-01", "x", vec![("to_on", Reason::NotAllowed)]),
        ("1999-06-01", "x", vec![("to_on", Reason::Date)]),
        ("2000-01-02", " ", vec![("reason", Reason::Required)]),
        (
            "2000-01-02",
            &*"r".repeat(501),
            vec![("reason", Reason::TooLong)],
        ),
    ] {
        let e = manual::postpone(s, karin, f.id, d(to), reason)
            .await
            .unwrap_err();
        assert_eq!(refusals(&e), expected, "{to} {reason}");
    }
    assert_eq!(rows(s).await, (1, 0));
    assert_eq!(audit_count(s).await, before);
    assert_eq!(manual::get(s, karin, f.id).await.unwrap(), f);

    // The device itself is no profile: it cannot be the one who set it.
    let e = manual::add(s, &Actor::device(), &input(person, "2026-05-01", "x"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
}

/// Any text and any date: kept exactly when the trimmed text is 1..=2000 characters
/// without control characters other than line breaks and tabs and the date lies in
/// 2000..=2999; otherwise refused by field with nothing written.
#[test]
fn any_text_and_date_is_kept_or_refused_by_field() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = rt.block_on(store_with_family(tmp.path(), "Berg"));
    let (s, karin) = (&staff.store, &staff.karin);
    let text = prop_oneof![
        "[ a-zåäö\n\t\r\u{0}\u{7}]{0,40}",
        (1995usize..2010).prop_map(|n| "x".repeat(n)),
        (1995usize..2010).prop_map(|n| format!(" {} ", "ö".repeat(n))),
    ];
    // Days from 1999-12-01 to about 3000-02-01, with month ends and 29 February.
    let date = prop_oneof![
        (0i64..365_500).prop_map(|n| d("1999-12-01") + chrono::Days::new(n as u64)),
        (1999i32..=3000, 1u32..=12).prop_map(|(y, m)| {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            next.unwrap().pred_opt().unwrap()
        }),
    ];
    let mut runner = TestRunner::new(Config::with_cases(64));
    runner
        .run(&(text, date), |(text, due_on)| {
            rt.block_on(async {
                let i = FollowUpInput {
                    subject: FollowUpSubject::Home { home_id: fam.home },
                    due_on,
                    text: text.clone(),
                    assignee_id: None,
                };
                let before = (rows(s).await, audit_count(s).await);
                let mut expected = Vec::new();
                if due_on < d("2000-01-01") || due_on > d("2999-12-31") {
                    expected.push(("due_on", Reason::Date));
                }
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    expected.push(("text", Reason::Required));
                } else if trimmed
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                {
                    expected.push(("text", Reason::Characters));
                } else if trimmed.chars().count() > 2000 {
                    expected.push(("text", Reason::TooLong));
                }
                match manual::add(s, karin, &i).await {
                    Ok(f) => {
                        prop_assert!(expected.is_empty(), "{due_on} accepted");
                        prop_assert_eq!(f.text.as_str(), trimmed);
                        prop_assert_eq!(f.due_on, due_on);
                    }
                    Err(e) => {
                        prop_assert_eq!(refusals(&e), expected);
                        prop_assert_eq!((rows(s).await, audit_count(s).await), before);
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}

#[tokio::test]
async fn the_inbox_shows_an_open_one_on_its_date_and_forgets_it_when_done_or_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (s, karin) = (&staff.store, &staff.karin);
    let kommun = kommun(s, karin).await;
    let home = approved_home(s, karin, "Familjen Ek").await;
    let placement = place(s, karin, fam.child, home, kommun, "2026-01-10").await;

    // 29 February of a leap year, on the placement: grouped under the home, the child named.
    let f = manual::add(
        s,
        karin,
        &FollowUpInput {
            assignee_id: karin.user_id(),
            ..input(
                FollowUpSubject::Placement {
                    placement_id: placement,
                },
                "2028-02-29",
                "Följ upp skolstarten",
            )
        },
    )
    .await
    .unwrap();
    let lines = manual_lines(s, karin, "2028-02-29").await;
    assert_eq!(lines.len(), 1);
    let l = &lines[0];
    assert_eq!(l.key, format!("manual:{}", f.id));
    assert_eq!(l.bucket, Bucket::Today);
    assert_eq!(l.follow_up_id, Some(f.id));
    assert_eq!(l.profile_id, karin.user_id());
    assert_eq!(l.why.text.as_deref(), Some("Följ upp skolstarten"));
    assert_eq!(l.why.person.as_deref(), Some("Lina Berg"));
    assert_eq!(
        l.group,
        Group::Home {
            home_id: home,
            name: "Familjen Ek".into()
        }
    );
    assert_eq!(
        l.place,
        Place::Placement {
            placement_id: placement,
            home_id: home
        }
    );

    // Postponed across a year end: the line moves to its new date.
    manual::postpone(s, karin, f.id, d("2029-01-01"), "Ny skola efter jul")
        .await
        .unwrap();
    let lines = manual_lines(s, karin, "2028-12-31").await;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].due_on, d("2029-01-01"));
    assert_eq!(lines[0].bucket, Bucket::Later, "Sunday 31 Dec: next week");
    let lines = manual_lines(s, karin, "2029-01-05").await;
    assert_eq!(lines[0].bucket, Bucket::Overdue);

    // On a person's file: grouped under the person.
    let g = manual::add(
        s,
        karin,
        &input(
            FollowUpSubject::Person {
                person_id: fam.adult,
            },
            "2029-01-31",
            "Fråga om intyget",
        ),
    )
    .await
    .unwrap();
    manual::done(s, karin, f.id, d("2029-01-05")).await.unwrap();
    let lines = manual_lines(s, karin, "2029-01-05").await;
    assert_eq!(lines.len(), 1, "the done one left the inbox");
    assert_eq!(lines[0].key, format!("manual:{}", g.id));
    assert_eq!(
        lines[0].group,
        Group::Person {
            person_id: fam.adult,
            name: "Åsa Öberg".into()
        }
    );
    assert_eq!(
        lines[0].place,
        Place::Person {
            person_id: fam.adult
        }
    );

    manual::postpone(s, karin, g.id, d("2029-02-28"), "Väntar på svar")
        .await
        .unwrap();
    manual::remove(s, karin, g.id).await.unwrap();
    assert!(manual_lines(s, karin, "2029-01-05").await.is_empty());
    assert_eq!(
        rows(s).await,
        (1, 1),
        "only the done one and its postponement are left"
    );
}

#[tokio::test]
async fn a_requests_follow_ups_are_the_data_protection_roles_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (s, karin, dpo) = (&staff.store, &staff.karin, &staff.dpo);
    let request = verified_request(s, dpo, fam.adult, RequestKind::Access, today()).await;
    let subject = FollowUpSubject::Request {
        request_id: request,
    };

    let e = manual::add(s, karin, &input(subject, "2026-06-01", "Påminn"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotPermitted);
    assert_eq!(rows(s).await, (0, 0));

    let f = manual::add(s, dpo, &input(subject, "2026-06-01", "Påminn"))
        .await
        .unwrap();
    let lines = manual_lines(s, dpo, "2026-05-01").await;
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0].group,
        Group::Person {
            person_id: fam.adult,
            name: "Åsa Öberg".into()
        }
    );
    assert_eq!(
        lines[0].place,
        Place::Request {
            request_id: request
        }
    );
    assert!(manual_lines(s, karin, "2026-05-01").await.is_empty());

    for e in [
        manual::list_for(s, karin, subject).await.unwrap_err(),
        manual::get(s, karin, f.id).await.unwrap_err(),
        manual::done(s, karin, f.id, today()).await.unwrap_err(),
        manual::postpone(s, karin, f.id, d("2026-07-01"), "x")
            .await
            .unwrap_err(),
        manual::remove(s, karin, f.id).await.unwrap_err(),
    ] {
        assert_eq!(e.code(), ErrorCode::NotPermitted);
    }
    assert_eq!(manual::get(s, dpo, f.id).await.unwrap(), f);
}

async fn extract_of(s: &Store, dpo: &Actor, person: i64) -> RegisterExtract {
    let request = verified_request(s, dpo, person, RequestKind::Access, today()).await;
    let docs = extract::create(s, dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    serde_json::from_slice(&docs.json).unwrap()
}

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
async fn a_follow_up_is_in_its_subjects_register_extract_and_no_one_elses() {
    let tmp = tempfile::tempdir().unwrap();
    let (staff, fam) = store_with_family(tmp.path(), "Berg").await;
    let (s, karin, dpo) = (&staff.store, &staff.karin, &staff.dpo);
    let f = manual::add(
        s,
        karin,
        &input(
            FollowUpSubject::Person {
                person_id: fam.child,
            },
            "2026-06-01",
            "Kontrollera Linas skolgång",
        ),
    )
    .await
    .unwrap();
    manual::postpone(s, karin, f.id, d("2026-06-15"), "Skolan har lov")
        .await
        .unwrap();
    let home = manual::add(
        s,
        karin,
        &input(
            FollowUpSubject::Home { home_id: fam.home },
            "2026-06-01",
            "Ring familjen om semestern",
        ),
    )
    .await
    .unwrap();

    let lina = extract_of(s, dpo, fam.child).await;
    assert_eq!(
        values(&lina, "follow_ups", "text"),
        ["Kontrollera Linas skolgång"]
    );
    assert_eq!(
        values(&lina, "follow_up_postponements", "reason"),
        ["Skolan har lov"]
    );
    // The adult is a member of the home: the home's bevakning, not Lina's.
    let asa = extract_of(s, dpo, fam.adult).await;
    assert_eq!(values(&asa, "follow_ups", "text"), [home.text.as_str()]);
    assert!(values(&asa, "follow_up_postponements", "reason").is_empty());
}
