//! `akta due` through the real binary on a real store: the demo's inbox as text (the
//! four sections) and as JSON (the same lines, counted), filtered by kind, seen from
//! other days; a bad --as-of or --kind exits 2 naming the field.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::process::Output;

use chrono::{Days, NaiveDate};
use common::{akta, cli_init, stderr, stdout};
use serde_json::Value;

fn ok(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(Value::Null)
}

/// Exit 2 with `words` (a field) on stderr, nothing on stdout.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
    assert!(o.stdout.is_empty());
}

/// Every line's bucket agrees with the counts, and the lines are by date.
fn check_counts(inbox: &Value) {
    let items = inbox["items"].as_array().unwrap();
    let c = &inbox["counts"];
    let n = |b: &str| items.iter().filter(|i| i["bucket"] == b).count() as i64;
    assert_eq!(c["overdue"].as_i64().unwrap(), n("overdue"));
    assert_eq!(c["today"].as_i64().unwrap(), n("today"));
    assert_eq!(c["this_week"].as_i64().unwrap(), n("this_week"));
    assert_eq!(c["later"].as_i64().unwrap(), n("later"));
    let dates: Vec<&str> = items
        .iter()
        .map(|i| i["due_on"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn the_demo_inbox_prints_as_text_and_json_and_filters_by_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    cli_init(&store);
    assert_eq!(akta(&store, &["demo"]).status.code(), Some(0));
    let today = akta_core::today();

    let inbox = ok(&akta(&store, &["due", "--json"]));
    assert_eq!(inbox["as_of"], today.to_string());
    check_counts(&inbox);
    let items = inbox["items"].as_array().unwrap().clone();
    assert!(!items.is_empty(), "the demo has nothing due");

    // The text: a heading per section with lines, each with its date.
    let text = stdout(&akta(&store, &["due"]));
    for (bucket, heading) in [
        ("overdue", "Försenade"),
        ("today", "I dag"),
        ("this_week", "Den här veckan"),
        ("later", "Senare"),
    ] {
        let n = items.iter().filter(|i| i["bucket"] == bucket).count();
        assert_eq!(
            text.contains(&format!("{heading} ({n})")),
            n > 0,
            "{heading}: {text}"
        );
    }
    for i in &items {
        assert!(text.contains(i["due_on"].as_str().unwrap()), "{text}");
    }

    // By kind: only that kind's lines, counted again.
    let kind = items[0]["kind"].as_str().unwrap().to_owned();
    let only = ok(&akta(&store, &["due", "--kind", &kind, "--json"]));
    check_counts(&only);
    let only_items = only["items"].as_array().unwrap();
    assert!(only_items.iter().all(|i| i["kind"] == kind.as_str()));
    assert_eq!(
        only_items.len(),
        items.iter().filter(|i| i["kind"] == kind.as_str()).count()
    );

    // Other days, a year-end week and a leap day among them: same shape, as_of kept.
    for as_of in [
        NaiveDate::from_ymd_opt(2026, 12, 30).unwrap(),
        NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
        today + Days::new(400),
    ] {
        let day = as_of.to_string();
        let later = ok(&akta(&store, &["due", "--as-of", &day, "--json"]));
        assert_eq!(later["as_of"], day.as_str());
        check_counts(&later);
    }
}

#[test]
fn bad_flags_exit_2_naming_the_field_before_the_store_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    cli_init(&store);
    for bad in ["2026-02-30", "igår", "", "2026-13-01"] {
        refused(&akta(&store, &["due", "--as-of", bad]), "as_of");
    }
    for bad in ["plan", "PLAN_CONTACT", "", "alla"] {
        refused(&akta(&store, &["due", "--kind", bad, "--json"]), "kind");
    }
}

#[test]
fn an_empty_store_has_nothing_due() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    cli_init(&store);
    let inbox = ok(&akta(&store, &["due", "--as-of", "2027-01-31", "--json"]));
    assert_eq!(inbox["items"].as_array().unwrap().len(), 0);
    let text = stdout(&akta(&store, &["due", "--as-of", "2027-01-31"]));
    assert!(text.contains("Inget att bevaka"), "{text}");
}
