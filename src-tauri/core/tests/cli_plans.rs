//! Contact plans through the real `akta` binary on a real store: lines added (to the
//! home and to a placement), listed with this month's and year's progress, ended, the
//! behind list; bad input exits 2 naming the field, with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use akta_core::crypto::Passphrase;
use akta_core::foster_home::{self, HomeStatus, StatusChangeInput};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person;
use akta_core::placement::{self, PlacementInput};
use akta_core::store::{StoreDir, Unlock};
use akta_core::user::{self, Actor};
use chrono::{Datelike, Months, NaiveDate};
use common::{akta, cli_init, named, stderr, stdout, CLI_PASS};

fn ok(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null)
}

/// Exit 2 with `words` (a field and its reason, or a code) on stderr.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
}

/// The first day of the month `back` months before this one (the CLI counts from the
/// real today).
fn month_start(back: u32) -> NaiveDate {
    let today = akta_core::today();
    NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .unwrap()
        .checked_sub_months(Months::new(back))
        .unwrap()
}

/// A store with a caseworker profile and a home where a child has been placed since
/// three months ago; the store, the home's id and the placement's id.
async fn store_with_placement(dir: &Path) -> (PathBuf, i64, i64) {
    let store = dir.join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &["user", "add", "--name", "Karin Konsulent", "--json"],
    ));
    let home = ok(&akta(
        &store,
        &["home", "add", "--name", "Familjen Lindqvist", "--json"],
    ))["id"]
        .as_i64()
        .unwrap();
    let s = akta_core::store::Store::open(
        &StoreDir::new(store.clone()),
        Unlock::Passphrase(Passphrase::new(CLI_PASS.into())),
    )
    .await
    .unwrap();
    let a = Actor::user(user::get(&s, 1).await.unwrap());
    let today = akta_core::today();
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(&s, &a, home, &change, today)
            .await
            .unwrap();
    }
    let kommun = organisation::add(
        &s,
        &a,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await
    .unwrap()
    .id;
    let child = person::add(&s, &a, &named("Liam", "Lindqvist"), today)
        .await
        .unwrap()
        .id;
    let input = PlacementInput {
        child_id: child,
        home_id: home,
        municipality_id: kommun,
        start_date: month_start(3),
    };
    let placement = placement::place(&s, &a, &input, today).await.unwrap().id;
    s.close().await;
    (store, home, placement)
}

fn lines(store: &Path, home: &str) -> Vec<serde_json::Value> {
    ok(&akta(store, &["plan", "list", "--home", home, "--json"]))["lines"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn a_plan_is_added_listed_and_ended_and_a_home_behind_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, placement) = store_with_placement(tmp.path()).await;
    let home = home.to_string();
    let from = month_start(2).to_string();
    let add = akta(
        &store,
        &[
            "plan", "add", "--home", &home, "--kind", "hembesok", "--times", "1", "--per", "month",
            "--from", &from,
        ],
    );
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    let first: i64 = stdout(&add).trim().parse().unwrap();
    let second = ok(&akta(
        &store,
        &[
            "plan",
            "add",
            "--home",
            &home,
            "--placement",
            &placement.to_string(),
            "--times",
            "2",
            "--per",
            "week",
            "--json",
        ],
    ));
    assert_eq!(second["placement_id"], placement);
    assert_eq!(second["kind"], serde_json::Value::Null);
    assert_eq!(second["per"], "week");

    let listed = lines(&store, &home);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["line"]["id"], first);
    assert_eq!(listed[0]["month_expected"], 1);
    assert_eq!(listed[0]["month_done"], 0);
    // No visit last month: behind, and so is the home.
    assert_eq!(listed[0]["behind"], true);
    let text = stdout(&akta(&store, &["plan", "list", "--home", &home]));
    assert!(text.contains("hembesok 1/month"), "{text}");
    assert!(text.contains("BEHIND"), "{text}");

    let behind = ok(&akta(&store, &["plan", "behind", "--json"]));
    assert_eq!(behind[0]["home_name"], "Familjen Lindqvist");
    assert_eq!(behind[0]["home_id"].to_string(), home);
    assert!(!behind.to_string().contains("Liam"));
    let text = stdout(&akta(&store, &["plan", "behind"]));
    assert!(text.contains("Familjen Lindqvist"), "{text}");

    // Ending a line keeps it, with its last day.
    let last = month_start(1).pred_opt().unwrap().to_string();
    ok(&akta(
        &store,
        &["plan", "end", &first.to_string(), "--on", &last],
    ));
    let listed = lines(&store, &home);
    assert_eq!(listed[0]["line"]["valid_to"], last.as_str());
    assert_eq!(listed[0]["current"], false);
    let text = stdout(&akta(&store, &["plan", "list", "--home", &home]));
    assert!(text.contains("[ended]"), "{text}");
}

#[tokio::test]
async fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, _) = store_with_placement(tmp.path()).await;
    let home = home.to_string();
    let add = |extra: &[&str]| {
        let mut args = vec!["plan", "add", "--home", home.as_str()];
        args.extend_from_slice(extra);
        akta(&store, &args)
    };
    refused(&add(&["--times", "0", "--per", "month"]), "times");
    refused(&add(&["--times", "32", "--per", "month"]), "times");
    refused(&add(&["--times", "ett", "--per", "month"]), "times");
    refused(&add(&["--times", "1", "--per", "fortnight"]), "per");
    refused(
        &add(&["--times", "1", "--per", "month", "--kind", "brev"]),
        "kind",
    );
    refused(
        &add(&["--times", "1", "--per", "month", "--from", "2026-02-30"]),
        "valid_from",
    );
    refused(
        &add(&[
            "--times",
            "1",
            "--per",
            "month",
            "--from",
            "2026-05-01",
            "--to",
            "2026-04-30",
        ]),
        "valid_to",
    );
    refused(
        &add(&["--times", "1", "--per", "month", "--placement", "999"]),
        "placement_id",
    );
    refused(
        &akta(
            &store,
            &[
                "plan", "add", "--home", "999", "--times", "1", "--per", "month",
            ],
        ),
        "home_id",
    );
    refused(
        &akta(&store, &["plan", "list", "--home", "999"]),
        "not_found",
    );
    assert!(lines(&store, &home).is_empty());

    let id = ok(&add(&[
        "--times",
        "1",
        "--per",
        "month",
        "--from",
        "2026-01-01",
        "--json",
    ]))["id"]
        .to_string();
    refused(
        &akta(&store, &["plan", "end", &id, "--on", "2025-12-31"]),
        "valid_to",
    );
    refused(
        &akta(&store, &["plan", "end", &id, "--on", "31/12"]),
        "valid_to",
    );
    refused(
        &akta(&store, &["plan", "end", "999", "--on", "2026-02-01"]),
        "not_found",
    );
    let listed = lines(&store, &home);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["line"]["valid_to"], serde_json::Value::Null);
}
