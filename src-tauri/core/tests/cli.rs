//! Stories told through the real `akta` binary, on real encrypted stores.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;
use std::process::{Command, Output};

#[cfg(unix)]
use common::pnr;
use common::{assert_same, contains, snapshot};

const PASS: &str = "en lång och hemlig lösenfras";

fn akta(store: &Path, pass: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_akta"));
    cmd.arg("--store")
        .arg(store)
        .args(args)
        .env_remove("AKTA_STORE");
    match pass {
        Some(p) => cmd.env("AKTA_PASSPHRASE", p),
        None => cmd.env_remove("AKTA_PASSPHRASE"),
    };
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Adds a user profile through the CLI; its id as the CLI prints it.
fn add_user(store: &Path, name: &str, role: &str) -> String {
    let o = akta(
        store,
        Some(PASS),
        &["user", "add", "--name", name, "--role", role, "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let user: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    user["id"].to_string()
}

/// A new store whose key is also wrapped to a new agency recovery identity; returns
/// the identity file (written in `dir`).
fn init_with_agency(store: &Path, dir: &Path) -> std::path::PathBuf {
    let identity = dir.join(format!(
        "agency-{}.txt",
        store.file_name().unwrap().to_string_lossy()
    ));
    let o = akta(
        store,
        None,
        &["recovery-keygen", "--out", identity.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recipient = stdout(&o).trim().to_owned();
    let o = akta(
        store,
        Some(PASS),
        &["init", "--recovery-recipient", &recipient],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    identity
}

/// Adds a data-protection profile vouched for by the agency's recovery identity.
fn add_dpo(store: &Path, name: &str, identity: &Path) -> String {
    let o = akta(
        store,
        Some(PASS),
        &[
            "user",
            "add",
            "--name",
            name,
            "--role",
            "dataskyddsansvarig",
            "--recovery-identity",
            identity.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let user: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    user["id"].to_string()
}

/// A store in `dir` with the demo data (its caseworker profile) and a data-protection
/// profile (Dana Dataskydd, vouched for by the agency's recovery identity); returns the
/// store folder and Dana's profile id.
fn demo_store_with_dpo(dir: &Path) -> (std::path::PathBuf, String) {
    let store = dir.join("s");
    let identity = init_with_agency(&store, dir);
    assert_eq!(akta(&store, Some(PASS), &["demo"]).status.code(), Some(0));
    let dana = add_dpo(&store, "Dana Dataskydd", &identity);
    (store, dana)
}

#[test]
fn init_demo_add_list_and_status() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let o = akta(&store, None, &["status", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["exists"], false);

    let o = akta(&store, Some(PASS), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = akta(&store, Some(PASS), &["demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = akta(
        &store,
        Some(PASS),
        &[
            "person",
            "add",
            "--personnummer",
            "811218-9876",
            "--given-name",
            "Åke",
            "--family-name",
            "Ström",
            "--city",
            "Luleå",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = akta(&store, Some(PASS), &["person", "list", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(list.len() > 20);
    let ake = list.iter().find(|p| p["given_name"] == "Åke").unwrap();
    assert_eq!(ake["personal_number"], "198112189876");
    assert_eq!(ake["city"], "Luleå");
    // Protected identity: no city in the list.
    let protected = list
        .iter()
        .find(|p| p["protected_identity"] == true)
        .unwrap();
    assert!(protected["city"].is_null());

    let o = akta(&store, Some(PASS), &["person", "list", "--search", "ström"]);
    assert!(stdout(&o).contains("19811218-9876"), "{}", stdout(&o));

    let o = akta(&store, Some(PASS), &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["exists"], true);
    assert_eq!(v["counts"]["persons"], list.len());
    assert_eq!(v["passphrase_wrap"], true);
    assert_eq!(v["keychain"], false);
    assert!(v["cipher_version"].as_str().unwrap().starts_with('4'));
}

#[test]
fn invalid_person_exits_2_names_the_fields_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    let before = akta(&store, Some(PASS), &["person", "list", "--json"]);
    let o = akta(
        &store,
        Some(PASS),
        &[
            "person",
            "add",
            "--personnummer",
            "811218-9875",
            "--given-name",
            "Åke",
            "--family-name",
            "",
            "--email",
            "x@",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("invalid_input")
            && err.contains("personal_number")
            && err.contains("family_name")
            && err.contains("email"),
        "{err}"
    );
    assert!(
        !err.contains("811218") && !err.contains("Åke"),
        "personal data in the error: {err}"
    );
    let after = akta(&store, Some(PASS), &["person", "list", "--json"]);
    assert_eq!(stdout(&before), stdout(&after));

    // An empty --personnummer (a script's unset variable) is refused; nothing added.
    // Leaving the flag out adds a person without a number.
    for empty in ["", "  "] {
        let o = akta(
            &store,
            Some(PASS),
            &[
                "person",
                "add",
                "--personnummer",
                empty,
                "--given-name",
                "A",
                "--family-name",
                "B",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("omit the flag"), "{}", stderr(&o));
    }
    let after = akta(&store, Some(PASS), &["person", "list", "--json"]);
    assert_eq!(stdout(&before), stdout(&after));

    // Usage errors are exit 2 too.
    assert_eq!(
        akta(&store, Some(PASS), &["person", "add", "--given-name", "A"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        akta(&store, Some(PASS), &["no-such-command"]).status.code(),
        Some(2)
    );
    let o = akta(
        &store,
        Some(PASS),
        &["org", "add", "--orgnr", "212000-1356", "--name", "X"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("org_number"));
}

#[test]
fn wrong_passphrase_exits_3_and_changes_no_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    let before = snapshot(&store);
    let o = akta(&store, Some("helt fel lösenfras"), &["person", "list"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("wrong_key"));
    assert_same(&before, &snapshot(&store), "refused");
}

#[test]
fn init_refuses_weak_passphrase_missing_recovery_and_an_existing_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let o = akta(&store, Some("kort"), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("passphrase"));
    assert!(!store.join("akta.db").exists());

    let o = akta(&store, None, &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("recovery-recipient"));

    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    let before = snapshot(&store);
    let o = akta(&store, Some(PASS), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("store_exists"));
    assert_same(&before, &snapshot(&store), "refused");
}

#[test]
fn without_a_secret_service_the_keychain_is_unavailable_not_mocked() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let id = tmp.path().join("agency.key");
    let o = akta(
        &store,
        None,
        &["recovery-keygen", "--out", id.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    let recipient = stdout(&o).trim().to_owned();
    let o = Command::new(env!("CARGO_BIN_EXE_akta"))
        .arg("--store")
        .arg(&store)
        .args(["init", "--recovery-recipient", &recipient])
        .env_remove("AKTA_PASSPHRASE")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/akta-test-bus",
        )
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("keychain_unavailable"),
        "{}",
        stderr(&o)
    );
    let left: Vec<_> = std::fs::read_dir(&store)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "a failed init left {left:?}");
}

#[test]
fn the_agency_identity_restores_access_with_a_new_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let id = tmp.path().join("agency.key");
    let o = akta(
        &store,
        None,
        &["recovery-keygen", "--out", id.to_str().unwrap()],
    );
    let recipient = stdout(&o).trim().to_owned();
    assert!(recipient.starts_with("age1"), "{recipient}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&id).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Refuses to overwrite an identity.
    assert_eq!(
        akta(
            &store,
            None,
            &["recovery-keygen", "--out", id.to_str().unwrap()]
        )
        .status
        .code(),
        Some(2)
    );

    assert_eq!(
        akta(
            &store,
            Some(PASS),
            &["init", "--recovery-recipient", &recipient]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(akta(&store, Some(PASS), &["demo"]).status.code(), Some(0));
    let before = stdout(&akta(&store, Some(PASS), &["person", "list", "--json"]));

    // The passphrase is forgotten: the agency restores access with a new one.
    let new_pass = "en helt ny lösenfras i dag";
    let o = akta(
        &store,
        Some(new_pass),
        &["recover", "--identity", id.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&akta(&store, Some(new_pass), &["person", "list", "--json"])),
        before
    );
    assert_eq!(
        akta(&store, Some(PASS), &["person", "list"]).status.code(),
        Some(3)
    );

    // A wrong identity file: exit 3, nothing changed.
    let other = tmp.path().join("other.key");
    akta(
        &store,
        None,
        &["recovery-keygen", "--out", other.to_str().unwrap()],
    );
    let snap = snapshot(&store);
    let o = akta(
        &store,
        Some("ännu en lösenfras här"),
        &["recover", "--identity", other.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_same(&snap, &snapshot(&store), "wrong identity");
}

#[test]
fn cli_output_and_errors_never_hold_the_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let o = akta(&store, Some(PASS), &["init"]);
    let o2 = akta(&store, Some("fel fel fel fel fel"), &["status"]);
    for out in [&o, &o2] {
        for text in [&out.stdout, &out.stderr] {
            assert!(!contains(text, PASS.as_bytes()));
            assert!(!contains(text, b"fel fel fel"));
        }
    }
}

#[test]
fn profiles_and_the_audit_log_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    let karin = add_user(&store, "Karin Konsulent", "handlaggare");
    let o = akta(
        &store,
        Some(PASS),
        &["user", "add", "--name", "X", "--role", "chef"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("role"));
    // One profile: it is the default actor.
    assert_eq!(akta(&store, Some(PASS), &["demo"]).status.code(), Some(0));
    let o = akta(
        &store,
        Some(PASS),
        &["audit", "list", "--json", "--limit", "5"],
    );
    let events: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(events.len(), 5);
    let karin_id: i64 = karin.parse().unwrap();
    assert!(events
        .iter()
        .all(|e| e["user_id"].as_i64() == Some(karin_id)));
    let o = akta(&store, Some(PASS), &["audit", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["intact"], true);
    assert!(v["events"].as_i64().unwrap() > 25);
    // Karin may not give anyone the data-protection role: refused, nothing written.
    let o = akta(
        &store,
        Some(PASS),
        &[
            "user",
            "add",
            "--name",
            "Dan",
            "--role",
            "dataskyddsansvarig",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not_permitted"), "{}", stderr(&o));
    // Two profiles: naming none is refused; naming an unknown one too.
    add_user(&store, "Dan", "handlaggare");
    let o = akta(
        &store,
        Some(PASS),
        &["person", "add", "--given-name", "A", "--family-name", "B"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("user"));
    // Listing the profiles needs none: it is how one finds the id for --user.
    let o = akta(&store, Some(PASS), &["user", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Karin Konsulent") && stdout(&o).contains("Dan"));
    let o = akta(
        &store,
        Some(PASS),
        &[
            "--user",
            "999",
            "person",
            "add",
            "--given-name",
            "A",
            "--family-name",
            "B",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let id = karin.clone();
    let o = akta(
        &store,
        Some(PASS),
        &[
            "--user",
            &id,
            "person",
            "add",
            "--given-name",
            "A",
            "--family-name",
            "B",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn export_and_import_move_a_caseload_between_devices_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let from = tmp.path().join("from");
    let to = tmp.path().join("to");
    let agency = init_with_agency(&from, tmp.path());
    assert_eq!(akta(&from, Some(PASS), &["demo"]).status.code(), Some(0));
    let out = tmp.path().join("handover.json");
    let out_s = out.to_str().unwrap();
    // The demo's only profile is a caseworker: refused, nothing written.
    let o = akta(&from, Some(PASS), &["export", "--json", "--out", out_s]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not_permitted"));
    assert!(!out.exists());
    let dan = add_dpo(&from, "Dan Dataskydd", &agency);
    let o = akta(
        &from,
        Some(PASS),
        &["--user", &dan, "export", "--json", "--out", out_s],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("sealed"), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the hand-over file is private");
    }
    // An existing file is never overwritten.
    let o = akta(
        &from,
        Some(PASS),
        &["--user", &dan, "export", "--json", "--out", out_s],
    );
    assert_eq!(o.status.code(), Some(2));

    // The demo has documents: the file is sealed to the agency, the JSON inside it.
    let sealed = std::fs::read(&out).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    let id = akta_core::crypto::RecoveryIdentity::parse(&std::fs::read_to_string(&agency).unwrap())
        .unwrap();
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut age::Decryptor::new_buffered(&sealed[..])
            .unwrap()
            .decrypt(std::iter::once(id.age_identity()))
            .unwrap(),
        &mut plain,
    )
    .unwrap();
    let body = plain
        .strip_prefix(akta_core::transfer::SEALED_MAGIC.as_bytes())
        .unwrap();
    let nl = body.iter().position(|&b| b == b'\n').unwrap();
    let header: serde_json::Value = serde_json::from_slice(&body[..nl]).unwrap();
    let n = header["json_bytes"].as_u64().unwrap() as usize;

    // A broken copy: refused with the record and field named; the new store unchanged.
    assert_eq!(akta(&to, Some(PASS), &["init"]).status.code(), Some(0));
    let mut doc: serde_json::Value = serde_json::from_slice(&body[nl + 1..nl + 1 + n]).unwrap();
    doc["tables"]["journal_entries"][2]["author_id"] = serde_json::json!(424242);
    let broken = tmp.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&doc).unwrap()).unwrap();
    let before = snapshot(&to);
    let o = akta(&to, Some(PASS), &["import", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("refused: journal_entries[2].author_id"),
        "{}",
        stderr(&o)
    );
    assert_same(&before, &snapshot(&to), "a refused import");

    // Sealed: opened with the agency's identity only.
    let o = akta(&to, Some(PASS), &["import", out_s, "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_same(&before, &snapshot(&to), "an import without the key");
    let o = akta(
        &to,
        Some(PASS),
        &[
            "import",
            out_s,
            "--json",
            "--identity",
            agency.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(report["added"]["journal_entries"].as_u64().unwrap() > 3);
    let a = stdout(&akta(
        &from,
        Some(PASS),
        &["--user", &dan, "person", "list", "--json"],
    ));
    let o = akta(
        &to,
        Some(PASS),
        &["--user", &dan, "person", "list", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let strip = |s: &str| -> Vec<serde_json::Value> {
        let mut v: Vec<serde_json::Value> = serde_json::from_str(s).unwrap();
        for p in &mut v {
            p.as_object_mut().unwrap().remove("id");
        }
        v
    };
    assert_eq!(
        strip(&a),
        strip(&stdout(&o)),
        "the same persons on the new device"
    );
    // A missing file is exit 2, not a crash.
    let o = akta(&to, Some(PASS), &["import", "/nonexistent/file.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn extract_writes_pdf_and_json_or_nothing_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dana) = demo_store_with_dpo(tmp.path());
    let list = stdout(&akta(
        &store,
        Some(PASS),
        &["--user", &dana, "person", "list", "--json"],
    ));
    let persons: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let anna = persons.iter().find(|p| p["given_name"] == "Anna").unwrap();
    let number = anna["personal_number"].as_str().unwrap().to_owned();
    let pdf = tmp.path().join("utdrag.pdf");
    let json = tmp.path().join("utdrag.json");
    let args = |n: &str| {
        vec![
            "--user".to_owned(),
            dana.clone(),
            "extract".to_owned(),
            "--personnummer".to_owned(),
            n.to_owned(),
            "--pdf".to_owned(),
            pdf.to_str().unwrap().to_owned(),
            "--json".to_owned(),
            json.to_str().unwrap().to_owned(),
        ]
    };
    let run = |n: &str| {
        let a = args(n);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        akta(&store, Some(PASS), &a)
    };
    // A wrong check digit, or a valid number nobody has: exit 2, nothing written.
    let mut wrong = number.clone();
    let last = wrong.pop().unwrap().to_digit(10).unwrap();
    wrong.push(char::from_digit((last + 1) % 10, 10).unwrap());
    for (n, reason) in [
        (wrong.as_str(), "check digit"),
        ("19121212-1212", "does not exist"),
    ] {
        let o = run(n);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        assert!(stderr(&o).contains(reason), "{}", stderr(&o));
        assert!(!pdf.exists() && !json.exists());
    }
    // The demo journal names a mentor and an interpreter the store does not know, and a
    // telephone number: candidates no one has reviewed refuse the extract.
    let o = run(&number);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--accept-automatic"), "{}", stderr(&o));
    assert!(!pdf.exists() && !json.exists());
    let mut accepting = args(&number);
    accepting.push("--accept-automatic".into());
    let accepting: Vec<&str> = accepting.iter().map(String::as_str).collect();
    let o = akta(&store, Some(PASS), &accepting);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("extract RU-"));
    // What was withheld, by place and reason; never the text.
    let out = stdout(&o);
    assert!(
        out.contains("withheld: journal_entries #") && out.contains("Namn på annan person i akten"),
        "{out}"
    );
    for name in ["Liam", "Elsa", "Hugo", "Zeynep", "0703"] {
        assert!(!out.contains(name), "{name} printed: {out}");
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let x: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(x["schema"], "akta-register-extract/1");
    assert_eq!(x["subject_name"], "Anna Lindqvist");
    // Existing files are never overwritten.
    let o = akta(&store, Some(PASS), &accepting);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn damaged_or_missing_key_files_are_clear_errors_and_the_agency_identity_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    let id = tmp.path().join("agency.key");
    let o = akta(
        &store,
        None,
        &["recovery-keygen", "--out", id.to_str().unwrap()],
    );
    let recipient = stdout(&o).trim().to_owned();
    let o = akta(
        &store,
        Some(PASS),
        &["init", "--recovery-recipient", &recipient],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(akta(&store, Some(PASS), &["demo"]).status.code(), Some(0));
    let before = stdout(&akta(&store, Some(PASS), &["person", "list", "--json"]));
    let wrap = store.join("key.passphrase.age");
    let good = std::fs::read(&wrap).unwrap();

    // Damaged: a flipped byte in the middle, then cut short, then garbage.
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    for (what, bytes) in [
        ("a flipped byte", flipped),
        ("cut short", good[..good.len() / 3].to_vec()),
        ("not age at all", b"hello".to_vec()),
    ] {
        std::fs::write(&wrap, &bytes).unwrap();
        let snap = snapshot(&store);
        let o = akta(&store, Some(PASS), &["person", "list"]);
        // A key file that is not age is damaged (exit 1); one that age cannot open
        // with this passphrase is the wrong key (exit 3).
        let code = match o.status.code() {
            Some(1) => "store_damaged",
            Some(3) => "wrong_key",
            other => panic!("{what}: exit {other:?}: {}", stderr(&o)),
        };
        assert!(stderr(&o).contains(code), "{what}: {}", stderr(&o));
        assert!(!stderr(&o).contains(PASS));
        assert_same(&snap, &snapshot(&store), what);
    }

    // Missing, and no keychain to fall back on: a clear error, nothing written.
    std::fs::remove_file(&wrap).unwrap();
    let snap = snapshot(&store);
    let o = akta(&store, Some(PASS), &["person", "list"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!stderr(&o).is_empty());
    assert_same(&snap, &snapshot(&store), "a missing key file");

    // The agency identity restores access with a new passphrase; the data is whole.
    let new_pass = "en helt ny lösenfras efter skadan";
    let o = akta(
        &store,
        Some(new_pass),
        &["recover", "--identity", id.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&akta(&store, Some(new_pass), &["person", "list", "--json"])),
        before
    );
    let o = akta(&store, Some(new_pass), &["status"]);
    assert!(stdout(&o).contains("integrity:    ok"), "{}", stderr(&o));
}

#[test]
fn an_oversized_import_is_refused_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    // A sparse file one byte over the limit: nothing of it is on disk, nor read.
    let big = tmp.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(akta_core::transfer::MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    let before = snapshot(&store);
    let o = akta(&store, Some(PASS), &["import", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("file"), "{}", stderr(&o));
    assert!(stderr(&o).contains("too long"), "{}", stderr(&o));
    assert_same(&before, &snapshot(&store), "an oversized import");
}

#[test]
#[cfg(feature = "bench")]
fn bulk_rows_add_load_beside_demo_data_for_the_data_protection_role_only() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    assert_eq!(akta(&store, Some(PASS), &["init"]).status.code(), Some(0));
    let add = |name: &str, role: &str| {
        akta(
            &store,
            Some(PASS),
            &["user", "add", "--name", name, "--role", role],
        )
    };
    assert_eq!(add("Dana", "dataskyddsansvarig").status.code(), Some(0));
    assert_eq!(akta(&store, Some(PASS), &["demo"]).status.code(), Some(0));
    assert_eq!(add("Karin", "handlaggare").status.code(), Some(0));
    let o = akta(
        &store,
        Some(PASS),
        &["--user", "2", "demo", "--bulk-rows", "1000"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a caseworker may not: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("not_permitted"));
    // Beside the demo data (its made-up numbers are skipped, not collided with).
    let o = akta(
        &store,
        Some(PASS),
        &["--user", "1", "demo", "--bulk-rows", "20000", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["foster_homes_added"], 200);
    let o = akta(
        &store,
        Some(PASS),
        &["--user", "1", "retention", "preview", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Familjen 190"),
        "every tenth home is due"
    );
}

/// Output paths (export, extract, recovery identity) write the named file and nothing
/// else: not through a symbolic link planted there (to a file elsewhere, or to nowhere
/// yet), not into a folder, not where the folder is missing. Each is exit 2 with the
/// field named; nothing is written anywhere and the store is unchanged.
#[cfg(unix)]
#[test]
fn output_paths_never_write_through_links_or_outside_the_named_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dana) = demo_store_with_dpo(tmp.path());
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let victim = elsewhere.join("victim.txt");
    std::fs::write(&victim, b"untouched").unwrap();
    let outputs = tmp.path().join("out");
    std::fs::create_dir(&outputs).unwrap();
    let to_victim = outputs.join("to-victim.json");
    std::os::unix::fs::symlink(&victim, &to_victim).unwrap();
    let dangling = outputs.join("dangling.json");
    let would_be = elsewhere.join("created-through-link.json");
    std::os::unix::fs::symlink(&would_be, &dangling).unwrap();
    let folder = outputs.join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let no_folder = outputs.join("missing").join("x.json");
    let anna = pnr("19780412", "238");
    let before = snapshot(&store);

    for (target, reason) in [
        (&to_victim, "already"),
        (&dangling, "already"),
        (&folder, "already"),
        (&no_folder, "does not exist"),
    ] {
        let t = target.to_str().unwrap();
        let runs: [(&str, Vec<&str>); 3] = [
            ("out", vec!["--user", &dana, "export", "--json", "--out", t]),
            (
                "pdf",
                vec![
                    "--user",
                    &dana,
                    "extract",
                    "--personnummer",
                    &anna,
                    "--pdf",
                    t,
                ],
            ),
            ("out", vec!["recovery-keygen", "--out", t]),
        ];
        for (field, args) in runs {
            let o = akta(&store, Some(PASS), &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains(field) && err.contains(reason),
                "{args:?}: {err}"
            );
        }
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
    assert!(!would_be.exists() && !no_folder.parent().unwrap().exists());
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
    let mut left: Vec<_> = std::fs::read_dir(&outputs)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["a-folder", "dangling.json", "to-victim.json"]);
    let mut elsewhere_now: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    elsewhere_now.sort();
    assert_eq!(elsewhere_now, ["victim.txt"]);
    // Refused before any work: the store did not change (no extract recorded).
    assert_same(&before, &snapshot(&store), "refused output paths");
}

#[test]
fn a_caseworker_may_not_make_or_list_backups_from_the_cli_as_from_the_app() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, dana) = demo_store_with_dpo(tmp.path());
    let o = akta(
        &store,
        Some(PASS),
        &[
            "--user",
            &dana,
            "user",
            "add",
            "--name",
            "Kim Konsulent",
            "--json",
        ],
    );
    let kim: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let kim = kim["id"].to_string();
    for args in [vec!["backup", "create"], vec!["backup", "list"]] {
        let mut a = vec!["--user", kim.as_str()];
        a.extend(&args);
        let o = akta(&store, Some(PASS), &a);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("not_permitted"), "{}", stderr(&o));
    }
    assert!(
        !store.join("backups").exists()
            || std::fs::read_dir(store.join("backups"))
                .unwrap()
                .next()
                .is_none()
    );
    let o = akta(&store, Some(PASS), &["--user", &dana, "backup", "create"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = akta(
        &store,
        Some(PASS),
        &["--user", &dana, "backup", "list", "--json"],
    );
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list.len(), 1);
}
