//! The bevakningar of casework on real encrypted stores, with hidden dates (`as_of`):
//! investigations open too long, register extracts that age, concern reports waiting,
//! unsigned drafts. Each line falls due on its calendar edge (31 January plus a month,
//! the last day of a month, leap years, a week over a year end) and goes when its data
//! no longer makes it due. (Requests, purges and hand-overs: `due_rights.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod due_lines;

use akta_core::concern::{self, Channel, ConcernInput, ConcernStatus, ConcernStep, Reminder};
use akta_core::due::{Bucket, DueKind, Group, Place};
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{
    self, Decision, DecisionInput, ItemInput, ItemKind, Method, Register,
};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::person;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::Actor;
use common::*;
use due_lines::{d, line, lines};

/// A home `Familjen <family>` with one adult (`Vera <family>`); (home, adult).
async fn home_with_adult(store: &Store, actor: &Actor, family: &str) -> (i64, i64) {
    let home = foster_home::add(
        store,
        actor,
        &home_input(&format!("Familjen {family}")),
        today(),
    )
    .await
    .unwrap()
    .id;
    let adult = person::add(store, actor, &named("Vera", family), today())
        .await
        .unwrap()
        .id;
    foster_home::add_member(store, actor, home, adult, MemberRole::Vuxen)
        .await
        .unwrap();
    (home, adult)
}

async fn start(store: &Store, actor: &Actor, home: i64, on: &str) -> i64 {
    investigation::start(store, actor, home, Method::Kalvesten, d(on), d(on))
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn an_investigation_falls_due_months_after_its_start_and_goes_with_the_decision() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let (leap, _) = home_with_adult(&store, &karin, "Skottår").await;
    let (common_year, _) = home_with_adult(&store, &karin, "Vanligår").await;
    let (november, _) = home_with_adult(&store, &karin, "November").await;
    let leap_inv = start(&store, &karin, leap, "2028-01-31").await;
    let common_inv = start(&store, &karin, common_year, "2027-01-31").await;
    let november_inv = start(&store, &karin, november, "2027-11-30").await;

    // 31 January and one month: the last of February, the 29th in a leap year.
    let mut one_month = Settings::default();
    one_month.due.investigation_months = 1;
    let key = format!("investigation_open:{leap_inv}");
    let l = line(&store, &karin, d("2028-02-29"), &one_month, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2028-02-29"));
    assert_eq!(l.bucket, Bucket::Today);
    assert_eq!(
        l.group,
        Group::Home {
            home_id: leap,
            name: "Familjen Skottår".into()
        }
    );
    assert_eq!(
        l.place,
        Place::Investigation {
            investigation_id: leap_inv,
            home_id: leap
        }
    );
    assert_eq!(l.why.since, Some(d("2028-01-31")));
    // Everything is still missing: a visit, an interview, references, five extracts,
    // BRA-Fam, the health declaration and the summary.
    assert_eq!(l.why.done, Some(11));
    let l = line(&store, &karin, d("2028-03-01"), &one_month, &key)
        .await
        .unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    // Listed from the start, as later.
    let l = line(&store, &karin, d("2028-01-31"), &one_month, &key)
        .await
        .unwrap();
    assert_eq!(l.bucket, Bucket::Later);

    let key = format!("investigation_open:{common_inv}");
    let l = line(&store, &karin, d("2027-03-01"), &one_month, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2027-02-28"));
    assert_eq!(l.bucket, Bucket::Overdue);

    // The usual three months from the last of November: the last of February.
    let key = format!("investigation_open:{november_inv}");
    let l = line(&store, &karin, d("2028-02-28"), &Settings::default(), &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2028-02-29"));
    assert_eq!(l.bucket, Bucket::ThisWeek);

    // The decision takes it away.
    investigation::decide(
        &store,
        &karin,
        leap_inv,
        &DecisionInput {
            decision: Decision::NotApproved,
            decision_on: d("2028-03-02"),
            missing_items_reason: Some("Familjen drog sig ur.".into()),
        },
        d("2028-03-02"),
        3,
    )
    .await
    .unwrap();
    assert!(line(
        &store,
        &karin,
        d("2028-03-02"),
        &one_month,
        &format!("investigation_open:{leap_inv}")
    )
    .await
    .is_none());
    let open: Vec<String> = lines(
        &store,
        &karin,
        d("2028-03-02"),
        &one_month,
        DueKind::InvestigationOpen,
    )
    .await
    .into_iter()
    .map(|l| l.key)
    .collect();
    assert_eq!(
        open,
        vec![
            format!("investigation_open:{common_inv}"),
            format!("investigation_open:{november_inv}")
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn an_extract_is_due_the_last_day_the_checklist_still_accepts_it() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let (home, adult) = home_with_adult(&store, &karin, "Utdrag").await;
    let inv = start(&store, &karin, home, "2027-01-31").await;
    let extract = |on: &str, register| ItemInput {
        kind: ItemKind::RegisterExtract,
        person_id: Some(adult),
        register: Some(register),
        done_on: d(on),
        note: None,
    };
    let s = Settings::default();
    let max_age = s.extract_max_age_months;
    // An older extract of the same register is replaced by the newer one.
    for (on, register) in [
        ("2027-01-31", Register::Belastningsregistret),
        ("2027-02-28", Register::Belastningsregistret),
        ("2027-02-01", Register::Kronofogden),
    ] {
        investigation::add_item(&store, &karin, inv, &extract(on, register), d(on), max_age)
            .await
            .unwrap();
    }
    let items = investigation::for_home(&store, home, d("2027-03-01"), max_age)
        .await
        .unwrap()
        .remove(0)
        .items;
    let newest = items
        .iter()
        .find(|i| i.done_on == d("2027-02-28"))
        .unwrap()
        .id;
    let kronofogden = items
        .iter()
        .find(|i| i.done_on == d("2027-02-01"))
        .unwrap()
        .id;

    let all = lines(&store, &karin, d("2027-05-01"), &s, DueKind::EvidenceAges).await;
    let keys: Vec<&str> = all.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            format!("evidence_ages:{kronofogden}"),
            format!("evidence_ages:{newest}")
        ]
    );
    // 1 February and three months: 1 May.
    assert_eq!(all[0].due_on, d("2027-05-01"));
    assert_eq!(all[0].bucket, Bucket::Today);
    assert_eq!(all[0].why.detail.as_deref(), Some("kronofogden"));
    assert_eq!(all[0].why.person.as_deref(), Some("Vera Utdrag"));
    assert_eq!(all[0].why.since, Some(d("2027-02-01")));

    // Issued on the last of February: 31 May less three months is 28 February, so the
    // extract is good through 31 May, and too old on 1 June, as the checklist says.
    let key = format!("evidence_ages:{newest}");
    let l = line(&store, &karin, d("2027-05-31"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2027-05-31"));
    assert_eq!(l.bucket, Bucket::Today);
    assert_eq!(l.why.detail.as_deref(), Some("belastningsregistret"));
    let stale = |on: &str| {
        let store = &store;
        let on = d(on);
        async move {
            investigation::for_home(store, home, on, max_age)
                .await
                .unwrap()
                .remove(0)
                .checklist
                .stale_extracts
                .into_iter()
                .map(|x| x.item_id)
                .collect::<Vec<_>>()
        }
    };
    assert!(!stale("2027-05-31").await.contains(&newest));
    let l = line(&store, &karin, d("2027-06-01"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    assert!(stale("2027-06-01").await.contains(&newest));

    // A newer extract replaces the line; the decision ends them all.
    investigation::add_item(
        &store,
        &karin,
        inv,
        &extract("2027-06-02", Register::Belastningsregistret),
        d("2027-06-02"),
        max_age,
    )
    .await
    .unwrap();
    let l = lines(&store, &karin, d("2027-06-02"), &s, DueKind::EvidenceAges).await;
    assert_eq!(l.len(), 2);
    assert!(l.iter().all(|x| x.key != key));
    assert!(l.iter().any(|x| x.due_on == d("2027-09-02")));
    investigation::decide(
        &store,
        &karin,
        inv,
        &DecisionInput {
            decision: Decision::NotApproved,
            decision_on: d("2027-06-02"),
            missing_items_reason: Some("Avbruten.".into()),
        },
        d("2027-06-02"),
        max_age,
    )
    .await
    .unwrap();
    assert!(
        lines(&store, &karin, d("2027-06-02"), &s, DueKind::EvidenceAges)
            .await
            .is_empty()
    );
    store.close().await;
}

#[tokio::test]
async fn a_concern_report_is_due_when_its_reminder_would_be_and_goes_with_the_feedback() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, .. } = store_with_staff(tmp.path()).await;
    let child = person::add(&store, &karin, &named("Alva", "Oro"), today())
        .await
        .unwrap()
        .id;
    let mother = person::add(&store, &karin, &named("Mona", "Oro"), today())
        .await
        .unwrap()
        .id;
    let kommun = kommun(&store, &karin).await;
    let s = Settings::default();
    let report = concern::create(
        &store,
        &karin,
        &ConcernInput {
            child_id: child,
            guardian_ids: vec![mother],
            municipality_id: kommun,
            observed: "Alva säger att hon är rädd att gå hem.".into(),
            hearsay: None,
            guardians_informed: Some(true),
            guardians_not_informed_reason: None,
            reporter_phone: "070-123 45 67".into(),
            reporter_email: None,
        },
        today(),
        &s,
    )
    .await
    .unwrap()
    .id;
    let key = format!("concern:{report}");
    // A draft waits on nobody.
    assert!(line(&store, &karin, d("2028-01-01"), &s, &key)
        .await
        .is_none());
    let advance = |to, on: &str, channel| {
        let store = &store;
        let karin = &karin;
        let s = &s;
        let on = d(on);
        async move {
            concern::advance(
                store,
                karin,
                report,
                &ConcernStep {
                    to,
                    on_date: on,
                    channel,
                },
                on,
                s,
            )
            .await
            .unwrap()
        }
    };
    // Sent on Christmas Day: the receipt is due seven days later, New Year's Day, in
    // the week that spans the year end.
    advance(ConcernStatus::Sent, "2027-12-25", Some(Channel::Epost)).await;
    let l = line(&store, &karin, d("2027-12-29"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2028-01-01"));
    assert_eq!(l.bucket, Bucket::ThisWeek);
    assert_eq!(l.why.detail.as_deref(), Some("receipt_overdue"));
    assert_eq!(l.why.since, Some(d("2027-12-25")));
    assert_eq!(
        l.group,
        Group::Person {
            person_id: child,
            name: "Alva Oro".into()
        }
    );
    assert_eq!(l.place, Place::Concern { report_id: report });
    // Due today, the report shows no reminder yet; the day after, both say overdue.
    let reminder = |on: &str| {
        let store = &store;
        let karin = &karin;
        let s = &s;
        let on = d(on);
        async move {
            concern::list(store, karin, on, s)
                .await
                .unwrap()
                .into_iter()
                .find(|c| c.id == report)
                .unwrap()
                .reminder
        }
    };
    let l = line(&store, &karin, d("2028-01-01"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.bucket, Bucket::Today);
    assert_eq!(reminder("2028-01-01").await, None);
    let l = line(&store, &karin, d("2028-01-02"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    assert_eq!(reminder("2028-01-02").await, Some(Reminder::ReceiptOverdue));

    // The receipt confirmed: now the feedback is awaited, fourteen days on.
    advance(ConcernStatus::ReceiptConfirmed, "2028-01-02", None).await;
    let l = line(&store, &karin, d("2028-01-02"), &s, &key)
        .await
        .unwrap();
    assert_eq!(l.due_on, d("2028-01-16"));
    assert_eq!(l.bucket, Bucket::Later);
    assert_eq!(l.why.detail.as_deref(), Some("feedback_overdue"));
    advance(ConcernStatus::FeedbackReceived, "2028-01-20", None).await;
    assert!(lines(&store, &karin, d("2028-01-20"), &s, DueKind::Concern)
        .await
        .is_empty());
    store.close().await;
}

#[tokio::test]
async fn every_draft_is_due_fourteen_days_after_it_was_written_and_goes_when_signed() {
    let tmp = tempfile::tempdir().unwrap();
    let Staff { store, karin, dpo } = store_with_staff(tmp.path()).await;
    let (home, _) = home_with_adult(&store, &karin, "Utkast").await;
    let child = person::add(&store, &karin, &named("Nils", "Utkast"), today())
        .await
        .unwrap()
        .id;
    let draft = |actor: &Actor, file| {
        let store = &store;
        let actor = actor.clone();
        async move {
            journal::create_draft(
                store,
                &actor,
                file,
                EntryKind::Note,
                &EntryInput {
                    event_date: today(),
                    text: "Samtal om skolstarten.".into(),
                },
                today(),
            )
            .await
            .unwrap()
        }
    };
    let mine = draft(&karin, JournalFile::Home(home)).await;
    let theirs = draft(&dpo, JournalFile::Child(child)).await;
    let written = mine.created_at.date_naive();
    let s = Settings::default();
    let due_on = written + chrono::Days::new(14);

    let all = lines(&store, &karin, due_on, &s, DueKind::StaleDraft).await;
    assert_eq!(all.len(), 2, "every profile's drafts");
    let l = all
        .iter()
        .find(|l| l.key == format!("stale_draft:{}", mine.id))
        .unwrap();
    assert_eq!(l.due_on, due_on);
    assert_eq!(l.bucket, Bucket::Today);
    assert_eq!(l.profile_id, karin.user_id());
    assert_eq!(l.why.since, Some(written));
    assert_eq!(
        l.place,
        Place::Entry {
            entry_id: mine.id,
            file: JournalFile::Home(home)
        }
    );
    assert_eq!(
        l.group,
        Group::Home {
            home_id: home,
            name: "Familjen Utkast".into()
        }
    );
    let l = all
        .iter()
        .find(|l| l.key == format!("stale_draft:{}", theirs.id))
        .unwrap();
    assert_eq!(l.profile_id, dpo.user_id());
    assert_eq!(
        l.group,
        Group::Person {
            person_id: child,
            name: "Nils Utkast".into()
        }
    );
    // The journal calls it stale the day after; so is the line.
    let l = line(
        &store,
        &karin,
        due_on + chrono::Days::new(1),
        &s,
        &format!("stale_draft:{}", mine.id),
    )
    .await
    .unwrap();
    assert_eq!(l.bucket, Bucket::Overdue);
    assert!(journal::list(
        &store,
        &karin,
        JournalFile::Home(home),
        due_on + chrono::Days::new(1)
    )
    .await
    .unwrap()
    .iter()
    .any(|e| e.id == mine.id && e.stale_draft));
    assert!(
        !journal::list(&store, &karin, JournalFile::Home(home), due_on)
            .await
            .unwrap()
            .iter()
            .any(|e| e.id == mine.id && e.stale_draft)
    );

    journal::sign(&store, &karin, mine.id, today())
        .await
        .unwrap();
    let left: Vec<String> = lines(&store, &karin, due_on, &s, DueKind::StaleDraft)
        .await
        .into_iter()
        .map(|l| l.key)
        .collect();
    assert_eq!(left, vec![format!("stale_draft:{}", theirs.id)]);
    store.close().await;
}
