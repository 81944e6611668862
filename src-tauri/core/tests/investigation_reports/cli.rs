//! The written familjehemsutredning through the real `akta` binary on a real store: an
//! investigation of a home with two adults (started in the store, as the app does);
//! `investigation list`, `template show`, `report draft` (its id; again the same),
//! `write` (a section by its key, one about an adult as KEY:PERSON_ID, from --text or
//! --file), `recommend`, `sign` (refused without a justification while the checklist is
//! incomplete), `pdf --out` (read back with pdftotext; never over an existing file),
//! `show`, `sent`. Bad input exits 2 naming the field, writes nothing, and never prints
//! personal data.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{akta, cli_init, home_input, named, stderr, stdout, CLI_PASS};
use akta_core::crypto::Passphrase;
use akta_core::foster_home::{self, MemberRole};
use akta_core::investigation::{self, Method};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person;
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::user::{self, Actor};
use serde_json::Value;

fn ok(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(Value::Null)
}

/// Exit 2 with `words` (a field and its reason, or a code) on stderr, and no personal
/// data of the home on it.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
    for private in ["Öberg", "Åsa", "Örjan", "Björkvägen", "Mölndal"] {
        assert!(!err.contains(private), "{private} on stderr: {err}");
    }
}

fn pdftotext(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

struct World {
    store: PathBuf,
    investigation: i64,
    adults: [i64; 2],
    kommun: i64,
}

/// A CLI store with Karin's profile, Familjen Öberg with two adults, the municipality
/// Göteborgs Stad, and an investigation started a month ago by Kälvesten's method.
async fn world(dir: &Path) -> World {
    let store = dir.join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &["user", "add", "--name", "Karin Konsulent", "--json"],
    ));
    let s = Store::open(
        &StoreDir::new(store.clone()),
        Unlock::Passphrase(Passphrase::new(CLI_PASS.into())),
    )
    .await
    .unwrap();
    let a = Actor::user(user::get(&s, 1).await.unwrap());
    let today = akta_core::today();
    let home = foster_home::add(&s, &a, &home_input("Familjen Öberg"), today)
        .await
        .unwrap()
        .id;
    let mut adults = [0; 2];
    for (i, given) in ["Åsa", "Örjan"].into_iter().enumerate() {
        adults[i] = person::add(&s, &a, &named(given, "Öberg"), today)
            .await
            .unwrap()
            .id;
        foster_home::add_member(&s, &a, home, adults[i], MemberRole::Vuxen)
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
    let started = today - chrono::Days::new(30);
    let inv = investigation::start(&s, &a, home, Method::Kalvesten, started, today)
        .await
        .unwrap();
    s.close().await;
    World {
        store,
        investigation: inv.id,
        adults,
        kommun,
    }
}

fn section<'a>(report: &'a Value, key: &str, person: Option<i64>) -> &'a Value {
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key && person.is_none_or(|p| s["person_id"] == p))
        .unwrap()
}

#[tokio::test]
async fn a_report_is_drafted_written_signed_made_as_pdf_and_sent_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let st = &w.store;
    let inv = w.investigation.to_string();

    let list = ok(&akta(st, &["investigation", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], w.investigation);
    assert_eq!(list[0]["home_name"], "Familjen Öberg");
    assert_eq!(list[0]["method"], "kalvesten");
    assert_eq!(list[0]["checklist_complete"], false);
    assert_eq!(list[0]["report_id"], Value::Null);

    let template = ok(&akta(
        st,
        &[
            "investigation",
            "template",
            "show",
            "--method",
            "kalvesten",
            "--json",
        ],
    ));
    assert_eq!(template["customised"], false);
    let keys: Vec<&str> = template["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"recommendation") && keys.contains(&"childhood"));
    refused(
        &akta(
            st,
            &["investigation", "template", "show", "--method", "okänd"],
        ),
        "method",
    );

    // Draft: the id; again the same draft.
    let drafted = akta(st, &["investigation", "report", "draft", &inv]);
    assert_eq!(drafted.status.code(), Some(0), "{}", stderr(&drafted));
    let id = stdout(&drafted).trim().to_owned();
    let again = ok(&akta(
        st,
        &["investigation", "report", "draft", &inv, "--json"],
    ));
    assert_eq!(again["id"].to_string(), id);
    assert_eq!(again["version"], 1);
    assert_eq!(again["status"], "draft");
    let list = ok(&akta(st, &["investigation", "list", "--json"]));
    assert_eq!(list[0]["report_id"].to_string(), id);
    assert_eq!(list[0]["report_status"], "draft");
    refused(
        &akta(st, &["investigation", "report", "draft", "9999"]),
        "investigation",
    );

    // Write: by key; a section about each adult needs KEY:PERSON_ID.
    let write = |args: &[&str]| {
        let mut all = vec!["investigation", "report", "write", &id];
        all.extend_from_slice(args);
        akta(st, &all)
    };
    refused(
        &write(&["--section", "childhood", "--text", "Uppväxten."]),
        "section_person",
    );
    refused(&write(&["--section", "nosuch", "--text", "x"]), "section");
    refused(
        &write(&["--section", "childhood:9999", "--text", "x"]),
        "section",
    );
    refused(
        &write(&["--section", "childhood:abc", "--text", "x"]),
        "section",
    );
    let missing = tmp.path().join("finns-inte.txt");
    refused(
        &write(&[
            "--section",
            "assessment",
            "--file",
            missing.to_str().unwrap(),
        ]),
        "file",
    );
    let asa = format!("childhood:{}", w.adults[0]);
    ok(&write(&[
        "--section",
        &asa,
        "--text",
        "Åsa växte upp i Ödeshög med två syskon.",
    ]));
    let assessment = tmp.path().join("bedomning.txt");
    std::fs::write(
        &assessment,
        "Familjen har goda förutsättningar.\n\nÖrjan och Åsa samarbetar väl med enheten.",
    )
    .unwrap();
    ok(&write(&[
        "--section",
        "assessment",
        "--file",
        assessment.to_str().unwrap(),
    ]));
    let shown = ok(&write(&[
        "--section",
        "recommendation",
        "--text",
        "Ett barn i skolåldern, 6–12 år.",
        "--json",
    ]));
    assert_eq!(
        section(&shown, "childhood", Some(w.adults[0]))["body"],
        "Åsa växte upp i Ödeshög med två syskon."
    );
    assert_eq!(section(&shown, "childhood", Some(w.adults[1]))["body"], "");
    assert!(section(&shown, "assessment", None)["body"]
        .as_str()
        .unwrap()
        .contains("\n\nÖrjan och Åsa"));

    // Sign: the recommendation must be chosen; while the checklist is incomplete, a
    // justification too. Nothing is written by a refusal.
    let sign = |extra: &[&str]| {
        let mut all = vec!["investigation", "report", "sign", &id];
        all.extend_from_slice(extra);
        akta(st, &all)
    };
    refused(&sign(&["--justification", "Skäl."]), "recommendation");
    ok(&akta(
        st,
        &["investigation", "report", "recommend", &id, "--recommended"],
    ));
    let before = ok(&akta(
        st,
        &["investigation", "report", "show", &id, "--json"],
    ));
    assert_eq!(before["recommendation"], "recommended");
    refused(&sign(&[]), "justification");
    refused(
        &akta(
            st,
            &[
                "investigation",
                "report",
                "pdf",
                &id,
                "--out",
                tmp.path().join("x.pdf").to_str().unwrap(),
            ],
        ),
        "report",
    );
    assert!(!tmp.path().join("x.pdf").exists());
    let after = ok(&akta(
        st,
        &["investigation", "report", "show", &id, "--json"],
    ));
    assert_eq!(after, before, "a refused signing changed the draft");
    assert_eq!(after["status"], "draft");
    assert_eq!(after["signed_at"], Value::Null);

    let signed = ok(&sign(&[
        "--justification",
        "Referenserna dröjer; de läggs till i nästa version.",
        "--json",
    ]));
    assert_eq!(signed["status"], "signed");
    refused(
        &write(&["--section", "assessment", "--text", "Ändrat."]),
        "report",
    );

    // The PDF: a new file only.
    let out = tmp.path().join("utredning.pdf");
    let made = akta(
        st,
        &[
            "investigation",
            "report",
            "pdf",
            &id,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let text = pdftotext(&out);
    for phrase in [
        "Familjehemsutredning",
        "Uppväxt och barndom – Åsa Öberg",
        "Uppväxt och barndom – Örjan Öberg",
        "Sammanfattande bedömning",
        "Familjehemsenheten rekommenderar Familjen Öberg som familjehem.",
        "Åsa växte upp i Ödeshög med två syskon.",
        "Sida 1 av",
    ] {
        assert!(text.contains(phrase), "{phrase}: {text}");
    }
    let bytes = std::fs::read(&out).unwrap();
    refused(
        &akta(
            st,
            &[
                "investigation",
                "report",
                "pdf",
                &id,
                "--out",
                out.to_str().unwrap(),
            ],
        ),
        "out",
    );
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }

    // Sent: to a municipality, on a real day not in the future.
    let today = akta_core::today().to_string();
    let tomorrow = (akta_core::today() + chrono::Days::new(1)).to_string();
    let kommun = w.kommun.to_string();
    let sent = |on: &str, to: &str| {
        akta(
            st,
            &[
                "investigation",
                "report",
                "sent",
                &id,
                "--on",
                on,
                "--to",
                to,
                "--json",
            ],
        )
    };
    refused(&sent(&today, "9999"), "sent_to");
    refused(&sent("2026-02-30", &kommun), "sent_on");
    refused(&sent(&tomorrow, &kommun), "sent_on");
    let done = ok(&sent(&today, &kommun));
    assert_eq!(done["status"], "sent");
    assert_eq!(done["sent_to_name"], "Göteborgs Stad");
    refused(&sent(&today, &kommun), "report");
    let shown = akta(st, &["investigation", "report", "show", &id]);
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert!(stdout(&shown).contains("Skickad"), "{}", stdout(&shown));
    let list = ok(&akta(st, &["investigation", "list", "--json"]));
    assert_eq!(list[0]["report_status"], "sent");
    let plain = akta(st, &["investigation", "list"]);
    assert!(stdout(&plain).contains("Familjen Öberg"));
}
