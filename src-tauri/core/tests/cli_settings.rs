//! `akta settings` through the real binary: the agency a register extract's letter
//! names is set by the data-protection role, checked, and a refused value changes
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;

use common::{akta, stderr as err, stdout as out};

fn add_user(store: &Path, name: &str, role: &str) -> String {
    let o = akta(
        store,
        &["user", "add", "--name", name, "--role", role, "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    v["id"].to_string()
}

fn agency(store: &Path) -> serde_json::Value {
    let o = akta(store, &["settings", "agency", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    serde_json::from_str(&out(&o)).unwrap()
}

#[test]
fn the_data_protection_role_sets_the_agency_and_a_wrong_number_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, &["init"]).status.code(), Some(0));
    let dana = add_user(&store, "Dana Dataskydd", "dataskyddsansvarig");
    let karl = add_user(&store, "Karl Konsulent", "handlaggare");
    assert_eq!(agency(&store)["name"], serde_json::Value::Null);

    let set = |user: &str, args: &[&str]| {
        let mut all = vec!["--user", user, "settings", "agency"];
        all.extend_from_slice(args);
        akta(&store, &all)
    };
    let o = set(
        &dana,
        &[
            "--name",
            "Familjehemsenheten Mölndal",
            "--org-number",
            "212000-1355",
            "--address",
            "Box 1\n431 21 Mölndal",
            "--contact",
            "031-00 00 00",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("212000-1355"), "{}", out(&o));
    let saved = agency(&store);
    assert_eq!(saved["name"], "Familjehemsenheten Mölndal");
    assert_eq!(saved["org_number"], "2120001355");
    assert_eq!(saved["address"], "Box 1\n431 21 Mölndal");

    // A wrong check digit, or a personnummer: exit 2, the field and reason named,
    // nothing changed (the name given with it is not saved either).
    for wrong in ["212000-1356", "811218-9876", "12345"] {
        let o = set(&dana, &["--name", "Annat namn", "--org-number", wrong]);
        assert_eq!(o.status.code(), Some(2), "{wrong}: {}", err(&o));
        assert!(err(&o).contains("agency_org_number"), "{}", err(&o));
        assert_eq!(agency(&store), saved);
    }
    // A caseworker may not change it.
    let o = set(&karl, &["--contact", "070-000 00 00"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("not_permitted") || err(&o).contains("not permitted"));
    assert_eq!(agency(&store), saved);

    // One part changed, one cleared; the others stay. `settings show` reads it.
    let o = set(
        &dana,
        &["--contact", "familjehem@example.se", "--address", ""],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let now = agency(&store);
    assert_eq!(now["contact"], "familjehem@example.se");
    assert_eq!(now["address"], serde_json::Value::Null);
    assert_eq!(now["name"], saved["name"]);
    let o = akta(&store, &["settings", "show"]);
    assert!(
        out(&o).contains("Familjehemsenheten Mölndal"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("(not filled in)"), "{}", out(&o));
}

fn due(store: &Path) -> serde_json::Value {
    let o = akta(store, &["settings", "due", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    serde_json::from_str(&out(&o)).unwrap()
}

#[test]
fn the_clocks_of_the_bevakningar_are_checked_by_field_and_a_wrong_one_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    common::cli_init(&store);
    let dana = add_user(&store, "Dana Dataskydd", "dataskyddsansvarig");
    let karl = add_user(&store, "Karl Konsulent", "handlaggare");
    let defaults = due(&store);
    assert_eq!(defaults["report_day"], 5);
    assert_eq!(defaults["training_deadline"], "10-01");

    let set = |user: &str, args: &[&str]| {
        let mut all = vec!["--user", user, "settings", "due"];
        all.extend_from_slice(args);
        akta(&store, &all)
    };
    // Out of range or not a day some year has: exit 2 naming the field; nothing saved,
    // not even the valid value given with it.
    for (args, field) in [
        (vec!["--report-day", "29"], "due_report_day"),
        (vec!["--report-day", "0"], "due_report_day"),
        (
            vec!["--register-check-months", "61"],
            "due_register_check_months",
        ),
        (
            vec!["--health-declaration-months", "121"],
            "due_health_declaration_months",
        ),
        (
            vec!["--training-deadline", "02-30"],
            "due_training_deadline",
        ),
        (vec!["--training-deadline", "1-10"], "due_training_deadline"),
        (
            vec!["--agreement-notice-days", "0"],
            "due_agreement_notice_days",
        ),
        (
            vec!["--investigation-months", "25"],
            "due_investigation_months",
        ),
        (vec!["--purge-notice-days", "366"], "due_purge_notice_days"),
        (
            vec!["--handover-answer-days", "0"],
            "due_handover_answer_days",
        ),
    ] {
        let mut with_valid = args.clone();
        with_valid.extend(["--investigation-months", "4"]);
        let o = set(
            &dana,
            if field == "due_investigation_months" {
                &args
            } else {
                &with_valid
            },
        );
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(field), "{args:?}: {}", err(&o));
        assert_eq!(due(&store), defaults, "{args:?} changed the settings");
    }
    // A caseworker may not change them.
    let o = set(&karl, &["--report-day", "10"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(due(&store), defaults);
    // The data-protection role may; the others stay.
    let o = set(
        &dana,
        &["--report-day", "10", "--training-deadline", "02-29"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let now = due(&store);
    assert_eq!(now["report_day"], 10);
    assert_eq!(now["training_deadline"], "02-29");
    assert_eq!(
        now["register_check_months"],
        defaults["register_check_months"]
    );
}
