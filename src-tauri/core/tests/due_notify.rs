//! The desktop notification over the demo data set: it says how many bevakningar are
//! overdue or due today and nothing else — no name, personnummer, address or text of
//! the data set, on any day, in either language (notifications show on locked screens).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::catalogue::{Value, TABLES};
use akta_core::due::{self, notice, Counts, Lang};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::{self, Actor};
use chrono::{Days, NaiveDate};
use common::*;

/// Every text, personnummer and organisationsnummer stored in a catalogued column (the
/// names, addresses, journal texts, report texts …), at least three characters long.
async fn every_stored_string(store: &Store) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for t in TABLES {
        for c in t.columns {
            if !matches!(
                c.value,
                Value::Text | Value::PersonalNumber | Value::OrgNumber
            ) {
                continue;
            }
            let sql = format!(
                "SELECT {c} FROM {t} WHERE typeof({c}) = 'text'",
                c = c.name,
                t = t.name
            );
            for s in sqlx::query_scalar::<_, String>(&sql)
                .fetch_all(store.pool())
                .await
                .unwrap()
            {
                let s = s.trim().to_owned();
                if s.chars().count() >= 3 {
                    found.insert(s);
                }
            }
        }
    }
    // Names also as their parts ("Elsa" of "Elsa Berg"), and each word of a text.
    let words: Vec<String> = found
        .iter()
        .flat_map(|s| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 4 && w.chars().any(char::is_uppercase))
        .collect();
    found.extend(words);
    found.into_iter().collect()
}

fn digits_in(s: &str) -> Vec<i64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap())
        .collect()
}

#[tokio::test]
async fn the_notification_holds_no_personal_data_only_the_count() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let start = today();
    akta_core::demo::populate(&store, &Actor::device(), start)
        .await
        .unwrap();
    let strings = every_stored_string(&store).await;
    assert!(
        strings.len() > 50,
        "the data set was not collected: {}",
        strings.len()
    );
    let mut actors = vec![Actor::device()];
    actors.extend(
        user::list(&store)
            .await
            .unwrap()
            .into_iter()
            .map(Actor::user),
    );
    let settings = Settings::default();
    let mut notified = 0;
    // From a year back to two years ahead, every nine days: the demo's lines fall due,
    // come overdue and go (purged files) across the range.
    let first = start - Days::new(365);
    for step in 0..(3 * 365 / 9) {
        let as_of = first + Days::new(step * 9);
        for actor in &actors {
            let inbox = due::build(&store, actor, as_of, &settings).await.unwrap();
            for lang in [Lang::Sv, Lang::En] {
                let Some(n) = notice(&inbox.counts, lang) else {
                    assert_eq!(inbox.counts.overdue + inbox.counts.today, 0, "{as_of}");
                    continue;
                };
                notified += 1;
                let text = format!("{}\n{}", n.title, n.body);
                for s in &strings {
                    assert!(
                        !text.contains(s.as_str()),
                        "the notification on {as_of} holds a stored string"
                    );
                }
                assert_eq!(
                    digits_in(&text),
                    vec![inbox.counts.overdue + inbox.counts.today],
                    "{text}"
                );
                // Nothing of the lines themselves: no key, no group, no why.
                for item in &inbox.items {
                    if let Some(p) = &item.why.person {
                        assert!(!text.contains(p.as_str()));
                    }
                    if let Some(t) = &item.why.text {
                        assert!(!text.contains(t.as_str()));
                    }
                }
            }
        }
    }
    assert!(notified > 0, "no day of the range had anything due");
    store.close().await;
}

#[test]
fn no_notification_when_nothing_is_overdue_or_due_today() {
    for lang in [Lang::Sv, Lang::En] {
        let later = Counts {
            overdue: 0,
            today: 0,
            this_week: 4,
            later: 12,
        };
        assert_eq!(notice(&later, lang), None);
        assert_eq!(notice(&Counts::default(), lang), None);
        let one = notice(
            &Counts {
                today: 1,
                ..Counts::default()
            },
            lang,
        )
        .unwrap();
        assert_eq!(digits_in(&one.body), vec![1]);
    }
}

#[tokio::test]
async fn an_empty_store_notifies_nothing_on_any_day() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let days = [
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
        today(),
    ];
    for as_of in days {
        let inbox = due::build(&store, &Actor::device(), as_of, &Settings::default())
            .await
            .unwrap();
        assert!(inbox.items.is_empty(), "{as_of}: {:?}", inbox.items);
        assert_eq!(notice(&inbox.counts, Lang::Sv), None);
    }
    store.close().await;
}
