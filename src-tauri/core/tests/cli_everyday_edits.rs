//! Everyday edits through the real `akta` binary: `person edit`, `home edit`,
//! `home remove-member`, and who may add a data-protection profile.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;
use std::process::Output;

use common::{akta, cli_init, stderr, stdout};

fn ok(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null)
}

/// Exit 2 with `word` (a field or code) named on stderr.
fn refused(o: &Output, word: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(word), "stderr does not name {word:?}: {err}");
}

/// A store with one caseworker profile (the default actor).
fn store_with_caseworker(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &["user", "add", "--name", "Karin Konsulent", "--json"],
    ));
    store
}

fn id(v: &serde_json::Value) -> String {
    v["id"].to_string()
}

#[test]
fn person_edit_changes_the_given_contact_details_and_refuses_wrong_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_caseworker(tmp.path());
    let anna = ok(&akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Anna",
            "--family-name",
            "Lindqvist",
            "--street-address",
            "Björkvägen 12",
            "--phone",
            "070-123 45 67",
            "--city",
            "Mölndal",
            "--json",
        ],
    ));
    let anna = id(&anna);
    let p = ok(&akta(
        &store,
        &[
            "person",
            "edit",
            &anna,
            "--street",
            "Storgatan 3",
            "--postal-code",
            "41101",
            "--city",
            "Göteborg",
            "--phone",
            "",
            "--json",
        ],
    ));
    assert_eq!(p["street_address"], "Storgatan 3");
    assert_eq!(p["postal_code"], "411 01");
    assert_eq!(p["city"], "Göteborg");
    assert!(p["phone"].is_null(), "an empty value clears");
    assert_eq!(p["given_name"], "Anna", "the name is not edited here");
    // Wrong values: exit 2 naming each field; nothing changed.
    let o = akta(
        &store,
        &[
            "person",
            "edit",
            &anna,
            "--email",
            "anna@",
            "--postal-code",
            "1",
        ],
    );
    refused(&o, "email");
    refused(&o, "postal_code");
    refused(
        &akta(&store, &["person", "edit", "999", "--city", "Borås"]),
        "not_found",
    );
    let list = ok(&akta(&store, &["person", "list", "--json"]));
    assert_eq!(list[0]["city"], "Göteborg");
    // The edit is in the audit log as an update of the person.
    let events = ok(&akta(&store, &["audit", "list", "--json", "--limit", "20"]));
    let anna: i64 = anna.parse().unwrap();
    assert!(events
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "update"
            && e["entity_kind"] == "person"
            && e["entity_id"] == anna));
}

#[test]
fn home_edit_and_remove_member_keep_the_history() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_caseworker(tmp.path());
    let home = id(&ok(&akta(
        &store,
        &[
            "home",
            "add",
            "--name",
            "Familjen Ek",
            "--city",
            "Borås",
            "--json",
        ],
    )));
    let h = ok(&akta(
        &store,
        &[
            "home",
            "edit",
            &home,
            "--name",
            "Familjen Ek-Berg",
            "--kind",
            "jourhem",
            "--json",
        ],
    ));
    assert_eq!(h["name"], "Familjen Ek-Berg");
    assert_eq!(h["kind"], "jourhem");
    assert_eq!(h["city"], "Borås", "what is not given stays");
    refused(
        &akta(&store, &["home", "edit", &home, "--kind", "villa"]),
        "kind",
    );
    refused(
        &akta(&store, &["home", "edit", &home, "--name", " "]),
        "name",
    );

    let gunnel = id(&ok(&akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            "Gunnel",
            "--family-name",
            "Ek",
            "--json",
        ],
    )));
    ok(&akta(
        &store,
        &["home", "member", &home, "--person", &gunnel],
    ));
    let today = akta_core::today().to_string();
    for (on, field) in [
        ("2999-01-01", "left_on"),
        ("igår", "left_on"),
        ("2000-01-01", "left_on"),
    ] {
        refused(
            &akta(
                &store,
                &["home", "remove-member", &home, &gunnel, "--on", on],
            ),
            field,
        );
    }
    ok(&akta(
        &store,
        &["home", "remove-member", &home, &gunnel, "--on", &today],
    ));
    refused(
        &akta(
            &store,
            &["home", "remove-member", &home, &gunnel, "--on", &today],
        ),
        "person_id",
    );
    let file = ok(&akta(&store, &["home", "show", &home, "--json"]));
    assert_eq!(file["members"].as_array().unwrap().len(), 0);
    let former = &file["former_members"][0];
    assert_eq!(former["person"]["id"].to_string(), gunnel);
    assert_eq!(former["left_on"], today.as_str());
}

#[test]
fn a_data_protection_profile_needs_that_role_or_the_agency_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let identity = tmp.path().join("agency.txt");
    let o = akta(
        &store,
        &["recovery-keygen", "--out", identity.to_str().unwrap()],
    );
    ok(&o);
    let recipient = stdout(&o).trim().to_owned();
    ok(&akta(&store, &["init", "--recovery-recipient", &recipient]));
    ok(&akta(&store, &["user", "add", "--name", "Karin Konsulent"]));
    let dpo = [
        "user",
        "add",
        "--name",
        "Dana",
        "--role",
        "dataskyddsansvarig",
    ];
    refused(&akta(&store, &dpo), "not_permitted");
    // Another agency's identity: refused by name.
    let other = tmp.path().join("other.txt");
    ok(&akta(
        &store,
        &["recovery-keygen", "--out", other.to_str().unwrap()],
    ));
    let mut with_other = dpo.to_vec();
    with_other.extend(["--recovery-identity", other.to_str().unwrap()]);
    refused(&akta(&store, &with_other), "recovery_identity");
    let users = ok(&akta(&store, &["user", "list", "--json"]));
    assert_eq!(users.as_array().unwrap().len(), 1, "nothing written");
    // The agency's own identity vouches for her.
    let mut vouched = dpo.to_vec();
    vouched.extend(["--recovery-identity", identity.to_str().unwrap(), "--json"]);
    let dana = ok(&akta(&store, &vouched));
    assert_eq!(dana["role"], "dataskyddsansvarig");
    // Dana herself may add another.
    let dana = id(&dana);
    let eva = ok(&akta(
        &store,
        &[
            "--user",
            &dana,
            "user",
            "add",
            "--name",
            "Eva",
            "--role",
            "dataskyddsansvarig",
            "--json",
        ],
    ));
    assert_eq!(eva["role"], "dataskyddsansvarig");
}
