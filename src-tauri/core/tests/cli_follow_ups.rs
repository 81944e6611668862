//! Bevakningar set by hand through the real `akta` binary on a real store: added on a
//! home and a person, listed, postponed, done, removed; bad input exits 2 naming the
//! field, with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{akta, cli_init, stderr, stdout};

fn ok(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null)
}

/// Exit 2 with `words` (a field, or clap's complaint) on stderr.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
}

/// A store with a caseworker profile, a home and a person; their ids.
fn world(dir: &Path) -> (PathBuf, i64, i64) {
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
    let person = ok(&akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Lina",
            "--family-name",
            "Lindqvist",
            "--json",
        ],
    ))["id"]
        .as_i64()
        .unwrap();
    (store, home, person)
}

fn list(store: &Path, flag: &str, id: i64) -> Vec<serde_json::Value> {
    ok(&akta(
        store,
        &["follow-up", "list", flag, &id.to_string(), "--json"],
    ))
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn a_follow_up_is_added_postponed_done_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, person) = world(tmp.path());
    let h = home.to_string();
    let out = akta(
        &store,
        &[
            "follow-up",
            "add",
            "--home",
            &h,
            "--on",
            "2027-01-31",
            "--text",
            "Ring om julen",
            "--for",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id: i64 = stdout(&out).trim().parse().unwrap();
    let p = ok(&akta(
        &store,
        &[
            "follow-up",
            "add",
            "--person",
            &person.to_string(),
            "--on",
            "2027-02-28",
            "--text",
            "Skolstart",
            "--json",
        ],
    ))["id"]
        .as_i64()
        .unwrap();
    assert_ne!(p, id);

    let rows = list(&store, "--home", home);
    assert_eq!(rows.len(), 1, "the person's is not the home's");
    assert_eq!(rows[0]["text"], "Ring om julen");
    assert_eq!(rows[0]["assignee_name"], "Karin Konsulent");
    assert_eq!(rows[0]["subject"]["kind"], "home");

    let out = akta(
        &store,
        &[
            "follow-up",
            "postpone",
            &id.to_string(),
            "--to",
            "2027-02-28",
            "--reason",
            "Familjen bortrest",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = list(&store, "--home", home);
    assert_eq!(rows[0]["due_on"], "2027-02-28");
    assert_eq!(rows[0]["postponements"][0]["from_on"], "2027-01-31");
    let text = stdout(&akta(&store, &["follow-up", "list", "--home", &h]));
    assert!(text.contains("Familjen bortrest"), "{text}");

    ok(&akta(&store, &["follow-up", "done", &id.to_string()]));
    let rows = list(&store, "--home", home);
    assert_eq!(rows[0]["done_on"], akta_core::today().to_string());
    refused(
        &akta(&store, &["follow-up", "done", &id.to_string()]),
        "done_on",
    );

    ok(&akta(&store, &["follow-up", "remove", &id.to_string()]));
    assert!(list(&store, "--home", home).is_empty());
    assert_eq!(list(&store, "--person", person).len(), 1);
    let out = akta(&store, &["follow-up", "remove", &id.to_string()]);
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, person) = world(tmp.path());
    let h = home.to_string();
    let add = |extra: &[&str]| {
        let mut args = vec!["follow-up", "add"];
        args.extend_from_slice(extra);
        akta(&store, &args)
    };
    refused(
        &add(&["--home", &h, "--on", "2027-02-30", "--text", "x"]),
        "due_on",
    );
    refused(
        &add(&["--home", &h, "--on", "1999-12-31", "--text", "x"]),
        "due_on",
    );
    refused(
        &add(&["--home", &h, "--on", "2027-02-01", "--text", "  "]),
        "text",
    );
    refused(
        &add(&["--home", "999", "--on", "2027-02-01", "--text", "x"]),
        "home_id",
    );
    refused(
        &add(&[
            "--home",
            &h,
            "--on",
            "2027-02-01",
            "--text",
            "x",
            "--for",
            "99",
        ]),
        "assignee_id",
    );
    // Exactly one subject.
    refused(
        &add(&[
            "--home",
            &h,
            "--person",
            &person.to_string(),
            "--on",
            "2027-02-01",
            "--text",
            "x",
        ]),
        "--person",
    );
    refused(&add(&["--on", "2027-02-01", "--text", "x"]), "--home");
    assert!(list(&store, "--home", home).is_empty());

    let id = ok(&add(&[
        "--home",
        &h,
        "--on",
        "2027-02-01",
        "--text",
        "x",
        "--json",
    ]))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let postpone = |to: &str, reason: &str| {
        akta(
            &store,
            &["follow-up", "postpone", &id, "--to", to, "--reason", reason],
        )
    };
    refused(&postpone("2027-01-31", "x"), "to_on");
    refused(&postpone("2027-02-01", "x"), "to_on");
    refused(&postpone("2027-13-01", "x"), "to_on");
    refused(&postpone("2027-03-01", " "), "reason");
    let rows = list(&store, "--home", home);
    assert_eq!(rows[0]["due_on"], "2027-02-01");
    assert!(rows[0]["postponements"].as_array().unwrap().is_empty());
}
