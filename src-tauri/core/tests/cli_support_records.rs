//! Training, placement agreements and egenkontroll through the real `akta` binary on a
//! real store: what is added and listed (JSON), the year's training against the
//! agency's target (a setting), every bad input refused with exit 2 naming its field
//! and nothing written, and the agency's summary as JSON and a PDF (never over an
//! existing file, no home named) — refused to a caseworker's profile.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use akta_core::crypto::Passphrase;
use akta_core::document::DocumentOwner;
use akta_core::foster_home::{self, HomeStatus, StatusChangeInput};
use akta_core::placement::{self, PlacementInput};
use akta_core::store::{Store, StoreDir, Unlock};
use akta_core::user::{self, Actor};
use chrono::{Datelike, Days};
use common::{akta, cli_init, stderr, stdout, CLI_PASS};
use serde_json::Value;

fn ok(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or(Value::Null)
}

/// Exit 2 with `words` (a field and its reason, or a code) on stderr.
fn refused(o: &Output, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "stderr does not say {words:?}: {err}");
}

/// A store with Dana (data protection, profile 1) and Karin (caseworker, profile 2),
/// Familjen Lindqvist with Åsa Öberg as a member, and Lina Lindqvist who is not one.
struct World {
    store: PathBuf,
    home: String,
    asa: String,
    lina: String,
}

/// Runs `akta` as profile `user` (1 Dana, 2 Karin).
fn as_user(w: &World, user: &str, args: &[&str]) -> Output {
    let mut all = vec!["--user", user];
    all.extend_from_slice(args);
    akta(&w.store, &all)
}

fn world(dir: &Path) -> World {
    let store = dir.join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &[
            "user",
            "add",
            "--name",
            "Dana Dataskydd",
            "--role",
            "dataskyddsansvarig",
            "--json",
        ],
    ));
    ok(&akta(
        &store,
        &[
            "--user",
            "1",
            "user",
            "add",
            "--name",
            "Karin Konsulent",
            "--json",
        ],
    ));
    let k = |args: &[&str]| {
        let mut all = vec!["--user", "2"];
        all.extend_from_slice(args);
        ok(&akta(&store, &all))
    };
    let home = k(&["home", "add", "--name", "Familjen Lindqvist", "--json"])["id"].to_string();
    let asa = k(&[
        "person",
        "add",
        "--given-name",
        "Åsa",
        "--family-name",
        "Öberg",
        "--json",
    ])["id"]
        .to_string();
    let lina = k(&[
        "person",
        "add",
        "--given-name",
        "Lina",
        "--family-name",
        "Lindqvist",
        "--json",
    ])["id"]
        .to_string();
    k(&["home", "member", &home, "--person", &asa]);
    World {
        store,
        home,
        asa,
        lina,
    }
}

fn tomorrow() -> String {
    akta_core::today()
        .checked_add_days(Days::new(1))
        .unwrap()
        .to_string()
}

fn this_year() -> String {
    akta_core::today().year().to_string()
}

/// A date early this year (not in the future).
fn early_this_year(day: &str) -> String {
    format!("{}-01-{day}", this_year())
}

fn training_rows(w: &World) -> usize {
    let list = ok(&as_user(
        w,
        "2",
        &["training", "list", "--home", &w.home, "--json"],
    ));
    list["trainings"].as_array().unwrap().len()
}

#[test]
fn training_is_added_listed_against_the_target_and_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let on = early_this_year("14");
    let add = |course: &str, hours: &str| {
        let args = [
            "training",
            "add",
            "--home",
            &w.home,
            "--person",
            &w.asa,
            "--course",
            course,
            "--provider",
            "Familjehemsenheten",
            "--date",
            &on,
            "--hours",
            hours,
            "--json",
        ];
        ok(&as_user(&w, "2", &args))["id"].as_i64().unwrap()
    };
    let first = add("Ett hem att växa i", "2,5");
    add("Temadag om anknytning", "3");
    let list = ok(&as_user(
        &w,
        "2",
        &[
            "training",
            "list",
            "--home",
            &w.home,
            "--year",
            &this_year(),
            "--json",
        ],
    ));
    let rows = list["trainings"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r["id"].as_i64() == Some(first))
        .unwrap();
    assert_eq!(
        (row["minutes"].as_i64(), row["person_name"].as_str()),
        (Some(150), Some("Åsa Öberg"))
    );
    let s = &list["summary"];
    assert_eq!(
        (
            s["occasions"].as_u64(),
            s["target"].as_u64(),
            s["met"].as_bool()
        ),
        (Some(2), Some(2), Some(true))
    );
    // The text form says the year against the target.
    let text = stdout(&as_user(&w, "2", &["training", "list", "--home", &w.home]));
    assert!(text.contains("2 of 2 occasions (target met)"), "{text}");

    // The agency raises its target: only the data-protection profile may.
    refused(
        &as_user(&w, "2", &["settings", "training-target", "3"]),
        "not_permitted",
    );
    refused(
        &as_user(&w, "1", &["settings", "training-target", "53"]),
        "training_target_per_year",
    );
    ok(&as_user(&w, "1", &["settings", "training-target", "3"]));
    let list = ok(&as_user(
        &w,
        "2",
        &["training", "list", "--home", &w.home, "--json"],
    ));
    assert_eq!(
        (
            list["summary"]["target"].as_u64(),
            list["summary"]["met"].as_bool()
        ),
        (Some(3), Some(false))
    );
    let shown = stdout(&akta(&w.store, &["settings", "show"]));
    assert!(shown.contains("training target:          3"), "{shown}");

    let deleted = as_user(&w, "2", &["training", "delete", &first.to_string()]);
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr(&deleted));
    assert_eq!(training_rows(&w), 1);
    refused(
        &as_user(&w, "2", &["training", "delete", &first.to_string()]),
        "not_found",
    );
}

#[test]
fn bad_training_input_is_refused_naming_the_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let on = early_this_year("14");
    let future = tomorrow();
    let cases: [(&str, &str, &str, &str, &str); 7] = [
        // person, course, date, hours, the words on stderr
        (
            w.asa.as_str(),
            "Kurs",
            &future,
            "2",
            "held_on lies in the future",
        ),
        (w.asa.as_str(), " ", &on, "2", "course is required"),
        (
            w.asa.as_str(),
            "Kurs",
            &on,
            "0",
            "hours is not in an accepted format",
        ),
        (
            w.asa.as_str(),
            "Kurs",
            &on,
            "två",
            "hours is not in an accepted format",
        ),
        (w.asa.as_str(), "Kurs", &on, "169", "hours"),
        (
            w.lina.as_str(),
            "Kurs",
            &on,
            "2",
            "person_id is not allowed",
        ),
        (
            w.asa.as_str(),
            "Kurs",
            "2026-02-30",
            "2",
            "held_on is not a real date",
        ),
    ];
    for (person, course, date, hours, words) in cases {
        let args = [
            "training", "add", "--home", &w.home, "--person", person, "--course", course, "--date",
            date, "--hours", hours,
        ];
        refused(&as_user(&w, "2", &args), words);
    }
    let unknown_home = [
        "training", "add", "--home", "9999", "--person", &w.asa, "--course", "Kurs", "--date", &on,
    ];
    refused(
        &as_user(&w, "2", &unknown_home),
        "home_id refers to something that does not exist",
    );
    assert_eq!(training_rows(&w), 0);
}

async fn open(store: &Path) -> (Store, Actor) {
    let s = Store::open(
        &StoreDir::new(store.to_path_buf()),
        Unlock::Passphrase(Passphrase::new(CLI_PASS.into())),
    )
    .await
    .unwrap();
    let karin = Actor::user(user::get(&s, 2).await.unwrap());
    (s, karin)
}

/// Lina placed in the home (approved first) by a municipality since early this year;
/// the placement's id, and a document of the placement and one of the home's file.
async fn placed(w: &World) -> (String, i64, i64) {
    ok(&as_user(
        w,
        "2",
        &[
            "org",
            "add",
            "--orgnr",
            "212000-1355",
            "--name",
            "Göteborgs Stad",
        ],
    ));
    let (s, karin) = open(&w.store).await;
    let home: i64 = w.home.parse().unwrap();
    for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
        let change = StatusChangeInput {
            to,
            on_date: None,
            reason: None,
        };
        foster_home::change_status(&s, &karin, home, &change, akta_core::today())
            .await
            .unwrap();
    }
    let kommun: i64 = sqlx::query_scalar("SELECT id FROM organisations")
        .fetch_one(s.pool())
        .await
        .unwrap();
    let input = PlacementInput {
        child_id: w.lina.parse().unwrap(),
        home_id: home,
        municipality_id: kommun,
        start_date: early_this_year("02").parse().unwrap(),
    };
    let p = placement::place(&s, &karin, &input, akta_core::today())
        .await
        .unwrap()
        .id;
    let doc = |owner, title: &str| {
        let mut input = common::document_input(owner, title);
        input.description.dated_on = akta_core::today();
        input
    };
    let copy = akta_core::document::add_bytes(
        &s,
        &karin,
        &common::pdf_showing("Uppdragsavtal"),
        &doc(DocumentOwner::Placement(p), "Uppdragsavtal"),
        akta_core::today(),
    )
    .await
    .unwrap()
    .id;
    let other = akta_core::document::add_bytes(
        &s,
        &karin,
        &common::pdf_showing("Annat"),
        &doc(DocumentOwner::Home(home), "Annat avtal"),
        akta_core::today(),
    )
    .await
    .unwrap()
    .id;
    s.close().await;
    (p.to_string(), copy, other)
}

fn agreements(w: &World, placement: &str) -> Vec<Value> {
    ok(&as_user(
        w,
        "2",
        &["agreement", "list", "--placement", placement, "--json"],
    ))
    .as_array()
    .unwrap()
    .clone()
}

#[tokio::test]
async fn an_agreement_is_added_changed_and_listed_and_bad_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let (p, copy, other) = placed(&w).await;
    let from = early_this_year("02");
    let signed = early_this_year("01");
    let copy_id = copy.to_string();
    let args = [
        "agreement",
        "add",
        "--placement",
        &p,
        "--reference",
        "SN 2026/1234",
        "--signed",
        &signed,
        "--from",
        &from,
        "--contact-name",
        "Sara Socialsekreterare",
        "--contact-phone",
        "031-365 00 00",
        "--contact-email",
        "sara.s@goteborg.se",
        "--document",
        &copy_id,
        "--json",
    ];
    let id = ok(&as_user(&w, "2", &args))["id"].to_string();
    let listed = agreements(&w, &p);
    assert_eq!(listed.len(), 1);
    let a = &listed[0];
    assert_eq!(a["reference"], "SN 2026/1234");
    assert_eq!(a["document_title"], "Uppdragsavtal");
    assert_eq!(a["valid_to"], Value::Null);
    // Changing: only the flags given change.
    let edit = as_user(
        &w,
        "2",
        &[
            "agreement",
            "edit",
            &id,
            "--contact-name",
            "Per Persson",
            "--to",
            &tomorrow(),
        ],
    );
    assert_eq!(edit.status.code(), Some(0), "{}", stderr(&edit));
    let a = &agreements(&w, &p)[0];
    assert_eq!(
        (a["contact_name"].as_str(), a["reference"].as_str()),
        (Some("Per Persson"), Some("SN 2026/1234"))
    );

    // Refusals, each naming its field; the agreement stays as it was and no other is added.
    let before = agreements(&w, &p);
    let other_id = other.to_string();
    let bad: [(&[&str], &str); 6] = [
        (&["--to", "2000-01-01"], "valid_to is not a real date"),
        (&["--signed", &tomorrow()], "signed_on lies in the future"),
        (
            &["--contact-email", "sara@goteborg"],
            "contact_email is not in an accepted format",
        ),
        (
            &["--contact-phone", "ring växeln"],
            "contact_phone is not in an accepted format",
        ),
        (&["--document", &other_id], "document_id is not allowed"),
        (
            &["--document", "9999"],
            "document_id refers to something that does not exist",
        ),
    ];
    for (i, (flags, words)) in bad.into_iter().enumerate() {
        let mut add = vec!["agreement", "add", "--placement", &p, "--from", &from];
        add.extend_from_slice(flags);
        refused(&as_user(&w, "2", &add), words);
        // A change is checked the same way (the core tests every field of both).
        if i < 2 {
            let mut edit = vec!["agreement", "edit", &id];
            edit.extend_from_slice(flags);
            refused(&as_user(&w, "2", &edit), words);
        }
    }
    refused(
        &as_user(&w, "2", &["agreement", "add", "--placement", &p]),
        "valid_from is required",
    );
    refused(
        &as_user(
            &w,
            "2",
            &["agreement", "add", "--placement", "9999", "--from", &from],
        ),
        "placement_id",
    );
    assert_eq!(agreements(&w, &p), before);
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

#[test]
fn a_home_answers_once_a_year_and_the_agency_summary_names_no_home() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let year = this_year();
    let answered = early_this_year("20");
    let survey = |scores: &str| {
        as_user(
            &w,
            "2",
            &[
                "survey",
                "add",
                "--home",
                &w.home,
                "--year",
                &year,
                "--answered",
                &answered,
                "--scores",
                scores,
                "--comment",
                "Åsa tycker att stödet är bra.",
                "--json",
            ],
        )
    };
    refused(&survey("4,5"), "scores is not in an accepted format");
    refused(&survey("4,5,3,4,x"), "scores");
    refused(&survey("4,5,3,4,9"), "overall is not in an accepted format");
    refused(&survey("0,5,3,4,5"), "reachability is required");
    ok(&survey("4,5,3,4,5"));
    refused(&survey("1,1,1,1,1"), "year is already registered");
    let listed = ok(&as_user(
        &w,
        "2",
        &["survey", "list", "--home", &w.home, "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let future = as_user(
        &w,
        "2",
        &[
            "survey",
            "add",
            "--home",
            &w.home,
            "--year",
            &year,
            "--answered",
            &tomorrow(),
            "--scores",
            "3,3,3,3,3",
        ],
    );
    refused(&future, "answered_on lies in the future");

    // The summary, as JSON and a PDF: the data-protection profile only.
    let pdf = tmp.path().join("egenkontroll.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let summary_args = [
        "survey", "summary", "--year", &year, "--json", "--pdf", pdf_arg,
    ];
    refused(&as_user(&w, "2", &summary_args), "not_permitted");
    assert!(!pdf.exists());
    let s = ok(&as_user(&w, "1", &summary_args));
    assert_eq!(s["homes"].as_u64(), Some(1));
    let means: Vec<f64> = s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["average"].as_f64().unwrap())
        .collect();
    assert_eq!(means, [4.0, 5.0, 3.0, 4.0, 5.0]);
    assert_eq!(
        s["questions"][1]["distribution"],
        serde_json::json!([0, 0, 0, 0, 1])
    );
    assert!(!s.to_string().contains("home_id"));
    let text = pdftotext(&pdf);
    assert!(text.contains(&format!("Egenkontroll {year}")), "{text}");
    for name in ["Lindqvist", "Åsa", "Öberg", "tycker"] {
        assert!(!text.contains(name), "the summary names {name:?}:\n{text}");
    }
    // Never over an existing file: the one there is left as it was.
    let before = std::fs::read(&pdf).unwrap();
    refused(
        &as_user(&w, "1", &summary_args),
        "pdf is already registered",
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    refused(
        &as_user(&w, "1", &["survey", "summary", "--year", "1999"]),
        "year",
    );
}
