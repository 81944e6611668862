//! Renewed checks through the real `akta` binary on a real store: a register extract and
//! a health declaration recorded, listed and one removed; bad input exits 2 naming the
//! field, with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{akta, cli_init, stderr};

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

/// A store with a caseworker profile and an approved home with one adult; the store,
/// the home's id and the adult's id.
fn store_with_home(dir: &Path) -> (PathBuf, String, String) {
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
        .unwrap()
        .to_string();
    let adult = ok(&akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Maria",
            "--family-name",
            "Lindqvist",
            "--json",
        ],
    ))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    ok(&akta(
        &store,
        &["home", "member", &home, "--person", &adult],
    ));
    for to in ["utreds", "godkand"] {
        ok(&akta(&store, &["home", "status", &home, "--to", to]));
    }
    (store, home, adult)
}

fn checks(store: &Path, home: &str) -> Vec<serde_json::Value> {
    ok(&akta(store, &["check", "list", "--home", home, "--json"]))["checks"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn checks_are_recorded_listed_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, adult) = store_with_home(tmp.path());
    let extract = ok(&akta(
        &store,
        &[
            "check",
            "add",
            "--home",
            &home,
            "--person",
            &adult,
            "--kind",
            "register_extract",
            "--register",
            "belastningsregistret",
            "--on",
            "2026-01-31",
            "--json",
        ],
    ))["id"]
        .as_i64()
        .unwrap();
    let health = akta(
        &store,
        &[
            "check",
            "add",
            "--home",
            &home,
            "--person",
            &adult,
            "--kind",
            "health_declaration",
            "--on",
            "2025-06-01",
        ],
    );
    assert_eq!(health.status.code(), Some(0), "{}", stderr(&health));
    let health: i64 = String::from_utf8_lossy(&health.stdout)
        .trim()
        .parse()
        .unwrap();

    let rows = checks(&store, &home);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], extract);
    assert_eq!(rows[0]["kind"], "register_extract");
    assert_eq!(rows[0]["register"], "belastningsregistret");
    assert_eq!(rows[0]["checked_on"], "2026-01-31");
    assert_eq!(rows[0]["person_name"], "Maria Lindqvist");
    assert_eq!(rows[1]["id"], health);
    assert_eq!(rows[1]["register"], serde_json::Value::Null);
    let text = ok(&akta(&store, &["check", "list", "--home", &home]));
    assert_eq!(text, serde_json::Value::Null);

    // The register check counts from the extract (12 months by default).
    let due = ok(&akta(&store, &["due", "--as-of", "2026-02-01", "--json"]));
    let key = format!("register_check:{home}:{adult}");
    let line = due["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key.as_str())
        .cloned()
        .unwrap();
    assert_eq!(line["due_on"], "2027-01-31");
    assert_eq!(line["why"]["detail"], "belastningsregistret");

    let removed = akta(&store, &["check", "remove", &health.to_string()]);
    assert_eq!(removed.status.code(), Some(0), "{}", stderr(&removed));
    assert_eq!(checks(&store, &home).len(), 1);
}

#[test]
fn bad_checks_exit_2_naming_the_field_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, home, adult) = store_with_home(tmp.path());
    let add = |extra: &[&str]| {
        let mut args = vec!["check", "add", "--home", &home, "--person", &adult];
        args.extend_from_slice(extra);
        akta(&store, &args)
    };
    let register = ["--kind", "register_extract", "--register", "kronofogden"];
    refused(
        &add(&["--kind", "blood_test", "--on", "2026-01-01"]),
        "kind",
    );
    refused(
        &add(&["--kind", "register_extract", "--on", "2026-01-01"]),
        "register",
    );
    refused(
        &add(&[
            "--kind",
            "health_declaration",
            "--register",
            "kronofogden",
            "--on",
            "2026-01-01",
        ]),
        "register",
    );
    refused(
        &add(&[
            "--kind",
            "register_extract",
            "--register",
            "skatteverket",
            "--on",
            "2026-01-01",
        ]),
        "register",
    );
    refused(
        &add(&[&register[..], &["--on", "2026-02-30"]].concat()),
        "checked_on",
    );
    refused(
        &add(&[&register[..], &["--on", "2999-01-01"]].concat()),
        "checked_on",
    );
    refused(
        &add(&[&register[..], &["--on", "1899-12-31"]].concat()),
        "checked_on",
    );
    let other = akta(
        &store,
        &[
            "check",
            "add",
            "--home",
            "999",
            "--person",
            &adult,
            "--kind",
            "health_declaration",
            "--on",
            "2026-01-01",
        ],
    );
    refused(&other, "home_id");
    let stranger = akta(
        &store,
        &[
            "check",
            "add",
            "--home",
            &home,
            "--person",
            "999",
            "--kind",
            "health_declaration",
            "--on",
            "2026-01-01",
        ],
    );
    refused(&stranger, "person_id");
    assert!(checks(&store, &home).is_empty());
    let missing = akta(&store, &["check", "remove", "999"]);
    assert_ne!(missing.status.code(), Some(0));
}
