//! Contacts through the real `akta` binary on a real store: record a home visit with
//! participants, roles and themes, list it (text and JSON), sign it with `akta journal
//! sign`, the themes and a new one; bad input exits 2 naming the field, with nothing
//! written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{akta, cli_init, stderr, stdout};

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

/// The number at the end of "added … N".
fn last_number(o: &Output) -> String {
    ok(o);
    stdout(o)
        .split_whitespace()
        .last()
        .unwrap()
        .trim()
        .to_owned()
}

struct World {
    store: PathBuf,
    home: String,
    adult: String,
    child: String,
}

/// A store with a caseworker, an active home with an adult member, and a child placed
/// there since 2024-01-01.
fn world(dir: &Path) -> World {
    let store = dir.join("s");
    let run = |args: &[&str]| akta(&store, args);
    cli_init(&store);
    ok(&run(&[
        "user",
        "add",
        "--name",
        "Karin Konsulent",
        "--json",
    ]));
    let home = ok(&run(&[
        "home",
        "add",
        "--name",
        "Familjen Lindqvist",
        "--json",
    ]))["id"]
        .to_string();
    for to in ["utreds", "godkand"] {
        ok(&run(&["home", "status", &home, "--to", to]));
    }
    let person = |given: &str, family: &str| {
        ok(&run(&[
            "person",
            "add",
            "--given-name",
            given,
            "--family-name",
            family,
            "--json",
        ]))["id"]
            .to_string()
    };
    let adult = person("Åsa", "Öberg");
    let child = person("Liam", "Johansson");
    ok(&run(&["home", "member", &home, "--person", &adult]));
    let kommun = last_number(&run(&[
        "org",
        "add",
        "--orgnr",
        "212000-1355",
        "--name",
        "Göteborgs Stad",
    ]));
    ok(&run(&[
        "placement",
        "add",
        "--child",
        &child,
        "--home",
        &home,
        "--municipality",
        &kommun,
        "--start",
        "2024-01-01",
    ]));
    World {
        store,
        home,
        adult,
        child,
    }
}

/// How many entries the home's journal holds (a contact's rows come only with one).
fn entries(w: &World) -> usize {
    let o = akta(&w.store, &["journal", "list", "--home", &w.home, "--json"]);
    ok(&o).as_array().unwrap().len()
}

#[test]
fn a_home_visit_is_recorded_listed_and_signed_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let run = |args: &[&str]| akta(&w.store, args);

    let added = ok(&run(&[
        "contact",
        "add",
        "--home",
        &w.home,
        "--child",
        &w.child,
        "--kind",
        "hembesok",
        "--date",
        "2024-01-31",
        "--time",
        "23:30",
        "--minutes",
        "75",
        "--theme",
        "skola",
        "--theme",
        "umgange",
        "--participant",
        &w.adult,
        "--participant",
        &w.child,
        "--role",
        "socialsekreterare",
        "--text",
        "Hembesök; Liam berättade om skolan.",
        "--json",
    ]));
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added, serde_json::json!({ "id": id }));

    // Without --json: the id alone; --time defaults to 12:00.
    let plain = run(&[
        "contact",
        "add",
        "--home",
        &w.home,
        "--kind",
        "telefon",
        "--date",
        "2024-02-01",
        "--text",
        "Kort samtal.",
    ]);
    ok(&plain);
    let second: i64 = stdout(&plain).trim().parse().unwrap();

    let list = ok(&run(&["contact", "list", "--home", &w.home, "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], second, "newest first");
    assert_eq!(list[0]["contact"]["starts_at"], "12:00");
    let c = &list[1]["contact"];
    assert_eq!(list[1]["event_date"], "2024-01-31");
    assert_eq!(c["kind"], "hembesok");
    assert_eq!(c["starts_at"], "23:30");
    assert_eq!(c["minutes"], 75);
    assert_eq!(c["child_name"], "Liam Johansson");
    assert_eq!(c["participants"][0]["kind"], "person");
    assert_eq!(c["participants"][0]["name"], "Åsa Öberg");
    assert_eq!(c["participants"][2]["role"], "socialsekreterare");
    let themes: Vec<&str> = c["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(themes, ["skola", "umgange"]);
    assert_eq!(list[1]["signed_at"], serde_json::Value::Null);

    let text = stdout(&run(&["contact", "list", "--home", &w.home]));
    assert!(
        text.contains("2024-01-31 23:30 75 min hembesok [draft]"),
        "{text}"
    );
    assert!(text.contains("participants: Åsa Öberg, Liam Johansson, socialsekreterare"));
    assert!(text.contains("themes:       skola, umgange"));

    // Signed like every entry; the journal shows its structure.
    ok(&run(&["journal", "sign", &id.to_string()]));
    let journal = ok(&run(&["journal", "list", "--home", &w.home, "--json"]));
    let entry = journal
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap();
    assert!(entry["signed_at"].is_string());
    assert_eq!(entry["contact"]["kind"], "hembesok");
    let hits = ok(&run(&["journal", "search", "skolan", "--json"]));
    assert_eq!(hits[0]["entry_id"], id);
    let best = ok(&run(&[
        "journal",
        "search",
        "skolan",
        "--order",
        "relevance",
        "--json",
    ]));
    assert_eq!(best[0]["entry_id"], id);
    refused(
        &run(&["journal", "search", "skolan", "--order", "sideways"]),
        "--order",
    );
}

#[test]
fn themes_are_listed_and_added() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    let run = |args: &[&str]| akta(&w.store, args);
    let themes = ok(&run(&["contact", "themes", "--json"]));
    assert_eq!(themes.as_array().unwrap().len(), 9);
    assert_eq!(themes[0]["code"], "barnets_behov");
    let o = run(&["contact", "add-theme", "Umgänge med syskon"]);
    ok(&o);
    assert_eq!(stdout(&o).trim(), "umgange_med_syskon");
    assert!(stdout(&run(&["contact", "themes"])).contains("umgange_med_syskon"));
    refused(
        &run(&["contact", "add-theme", "Umgänge med syskon"]),
        "label",
    );
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path());
    // A good contact with `extra`'s flags added, or in place of the same flags.
    let base = |extra: &[&str]| -> Output {
        let mut args = vec!["contact", "add"];
        for (flag, value) in [
            ("--home", w.home.as_str()),
            ("--kind", "hembesok"),
            ("--date", "2024-03-01"),
            ("--text", "Hembesök."),
        ] {
            if !extra.contains(&flag) {
                args.extend([flag, value]);
            }
        }
        args.extend_from_slice(extra);
        akta(&w.store, &args)
    };
    let other_person = last_number(&akta(
        &w.store,
        &[
            "person",
            "add",
            "--given-name",
            "Maja",
            "--family-name",
            "Berg",
        ],
    ));
    ok(&base(&[]));
    let before = entries(&w);
    for (extra, words) in [
        (&["--kind", "kafferep"][..], "kind"),
        (&["--date", "2024-02-30"][..], "date"),
        (&["--date", "2023-02-29"][..], "date"),
        (&["--date", "2999-12-31"][..], "date"),
        (&["--time", "24:00"][..], "starts_at"),
        (&["--time", "7:5"][..], "starts_at"),
        (&["--minutes", "0"][..], "minutes"),
        (&["--minutes", "1441"][..], "minutes"),
        (&["--minutes=-5"][..], "--minutes"),
        (&["--theme", "rymd"][..], "themes"),
        (&["--participant", &other_person][..], "participants"),
        (
            &["--participant", &w.adult, "--participant", &w.adult][..],
            "participants",
        ),
        (&["--role", "granne"][..], "role"),
        (&["--child", &other_person][..], "child_id"),
        (&["--text", " "][..], "text"),
        (&["--home", "999"][..], "home_id"),
    ] {
        refused(&base(extra), words);
    }
    assert_eq!(entries(&w), before, "nothing written");
    refused(
        &akta(&w.store, &["contact", "list", "--home", "999"]),
        "not_found",
    );
}
