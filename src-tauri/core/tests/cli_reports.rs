//! Monthly reports through the real `akta` binary on a real store: two children placed
//! in one home (`akta placement add`, ids from `akta placement list --json`), contacts
//! with `akta contact add`; `report draft --json` prints the id, `draft-all` drafts the
//! rest once, `edit`, `sign`, `pdf --out` (read back with pdftotext; never over an
//! existing file; owner-only), `sent`; then the child's file handed over to the
//! municipality (`akta retention handover`). Bad input exits 2 naming the field.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;
use std::process::Output;

use chrono::{Datelike, Months, NaiveDate};
use common::{akta, cli_init, pnr, stderr, stdout};
use sha2::Digest;

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

/// The month before the real one (the CLI goes by the real date) and a day in it.
fn last_month() -> (String, NaiveDate) {
    let today = chrono::Local::now().date_naive();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap();
    let prev = first.checked_sub_months(Months::new(1)).unwrap();
    (prev.format("%Y-%m").to_string(), prev)
}

fn id_of(o: &Output) -> String {
    ok(o)["id"].to_string()
}

fn person(store: &Path, given: &str, family: &str, number: Option<String>) -> String {
    let mut args = vec![
        "person",
        "add",
        "--given-name",
        given,
        "--family-name",
        family,
        "--json",
    ];
    let n;
    if let Some(num) = number {
        n = num;
        args.extend(["--personnummer", n.as_str()]);
    }
    id_of(&akta(store, &args))
}

#[test]
fn a_months_reports_are_drafted_signed_and_made_as_pdf_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    cli_init(&store);
    // The only profile, who also answers for data protection (the hand-over at the end).
    ok(&akta(
        &store,
        &[
            "user",
            "add",
            "--name",
            "Karin Konsulent",
            "--role",
            "dataskyddsansvarig",
            "--json",
        ],
    ));
    let org = akta(
        &store,
        &[
            "org",
            "add",
            "--orgnr",
            "212000-1355",
            "--name",
            "Göteborgs Stad",
        ],
    );
    assert_eq!(org.status.code(), Some(0), "{}", stderr(&org));
    let kommun = stdout(&org).trim().rsplit(' ').next().unwrap().to_owned();
    let home = id_of(&akta(
        &store,
        &["home", "add", "--name", "Familjen Lindqvist", "--json"],
    ));
    for to in ["utreds", "godkand"] {
        ok(&akta(&store, &["home", "status", &home, "--to", to]));
    }
    let adult = person(&store, "Åsa", "Öberg", None);
    ok(&akta(
        &store,
        &["home", "member", &home, "--person", &adult],
    ));
    let alva = person(&store, "Alva", "Ödegård", Some(pnr("20150203", "146")));
    let bruno = person(&store, "Bruno", "Berg", Some(pnr("20170512", "238")));
    let (month, first) = last_month();
    let start = (first - chrono::Days::new(20)).to_string();
    for child in [&alva, &bruno] {
        ok(&akta(
            &store,
            &[
                "placement",
                "add",
                "--child",
                child,
                "--home",
                &home,
                "--municipality",
                &kommun,
                "--start",
                &start,
                "--json",
            ],
        ));
    }
    let placements = ok(&akta(
        &store,
        &["placement", "list", "--home", &home, "--json"],
    ));
    let placement_of = |child: &str| -> String {
        placements
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["child"]["id"] == child.parse::<i64>().unwrap())
            .unwrap()["id"]
            .to_string()
    };
    let (alva_pl, bruno_pl) = (placement_of(&alva), placement_of(&bruno));
    let day = |d: u64| (first + chrono::Days::new(d)).to_string();
    let (alva_day, bruno_day) = (day(3), day(6));
    ok(&akta(
        &store,
        &[
            "contact",
            "add",
            "--home",
            &home,
            "--child",
            &alva,
            "--kind",
            "hembesok",
            "--date",
            &alva_day,
            "--time",
            "10:00",
            "--minutes",
            "60",
            "--theme",
            "skola",
            "--participant",
            &adult,
            "--participant",
            &alva,
            "--role",
            "socialsekreterare",
            "--text",
            "HEMLIG-ANTECKNING",
            "--json",
        ],
    ));
    ok(&akta(
        &store,
        &[
            "contact",
            "add",
            "--home",
            &home,
            "--child",
            &bruno,
            "--kind",
            "telefon",
            "--date",
            &bruno_day,
            "--participant",
            &bruno,
            "--text",
            "Om Bruno.",
            "--json",
        ],
    ));

    // Alva's report on its own, then the rest of the month's at once.
    let draft = ok(&akta(
        &store,
        &[
            "report",
            "draft",
            "--placement",
            &alva_pl,
            "--month",
            &month,
            "--json",
        ],
    ));
    let id = draft["id"].to_string();
    assert_eq!(draft.as_object().unwrap().len(), 1, "only the id: {draft}");
    let all = ok(&akta(
        &store,
        &["report", "draft-all", "--month", &month, "--json"],
    ));
    assert_eq!(all["drafted"].as_array().unwrap().len(), 1, "{all}");
    assert_eq!(all["already"], 1);
    let again = ok(&akta(
        &store,
        &["report", "draft-all", "--month", &month, "--json"],
    ));
    assert_eq!(
        (
            again["drafted"].as_array().unwrap().len(),
            again["already"].as_u64()
        ),
        (0, Some(2))
    );
    let listed = ok(&akta(
        &store,
        &["report", "list", "--month", &month, "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let dup = akta(
        &store,
        &[
            "report",
            "draft",
            "--placement",
            &bruno_pl,
            "--month",
            &month,
        ],
    );
    refused(&dup, "month");

    // Signing needs the three sections.
    refused(&akta(&store, &["report", "sign", &id]), "child_situation");
    ok(&akta(
        &store,
        &[
            "report",
            "edit",
            &id,
            "--child-situation",
            "Trivs i skolan.",
            "--home-support",
            "Önskar handledning.",
            "--next-steps",
            "Hembesök nästa månad.",
            "--json",
        ],
    ));
    refused(
        &akta(
            &store,
            &[
                "report",
                "pdf",
                &id,
                "--out",
                tmp.path().join("x.pdf").to_str().unwrap(),
            ],
        ),
        "report",
    );
    ok(&akta(&store, &["report", "sign", &id, "--json"]));
    refused(
        &akta(&store, &["report", "edit", &id, "--next-steps", "Ändrat."]),
        "report",
    );

    let out = tmp.path().join("manadsrapport.pdf");
    refused(
        &akta(
            &store,
            &["report", "sent", &id, "--on", &day(10), "--to", "Eva Ek"],
        ),
        "pdf",
    );
    let made = akta(
        &store,
        &["report", "pdf", &id, "--out", out.to_str().unwrap()],
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let bytes = std::fs::read(&out).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let text = pdftotext(&out);
    for want in [
        "Månadsrapport – familjehemsvård",
        "Alva Ödegård",
        "Göteborgs Stad",
        "Familjen Lindqvist",
        &alva_day,
        "Trivs i skolan.",
    ] {
        assert!(text.contains(want), "{want:?} missing: {text}");
    }
    for never in ["Bruno", "20170512", &bruno_day, "HEMLIG"] {
        assert!(!text.contains(never), "{never:?} in Alva's report: {text}");
    }
    // Never over an existing file: the one there stays as it was.
    refused(
        &akta(
            &store,
            &["report", "pdf", &id, "--out", out.to_str().unwrap()],
        ),
        "out",
    );
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    let shown = ok(&akta(&store, &["report", "show", &id, "--json"]));
    assert_eq!(
        shown["pdf_sha256"].as_str().unwrap(),
        hex::encode(sha2::Sha256::digest(&bytes))
    );

    let today = chrono::Local::now().date_naive().to_string();
    refused(
        &akta(
            &store,
            &["report", "sent", &id, "--on", "igår", "--to", "Eva Ek"],
        ),
        "sent_on",
    );
    refused(
        &akta(
            &store,
            &["report", "sent", &id, "--on", &today, "--to", " "],
        ),
        "sent_to",
    );
    let sent = ok(&akta(
        &store,
        &[
            "report", "sent", &id, "--on", &today, "--to", "Eva Ek", "--json",
        ],
    ));
    assert_eq!(sent["status"], "sent");
    let human = akta(&store, &["report", "show", &id]);
    assert!(stdout(&human).contains("Skickad"), "{}", stdout(&human));

    // Karin, as data-protection officer, hands Alva's file over to the municipality
    // (`akta retention handover`): the PDF and the JSON where she said, nothing beside
    // them, the hashes printed those of the files; never over an existing file.
    let out_dir = tmp.path().join("ut");
    std::fs::create_dir(&out_dir).unwrap();
    let (pdf, json) = (out_dir.join("alva.pdf"), out_dir.join("alva.json"));
    let handover = |json: &Path| {
        akta(
            &store,
            &[
                "retention",
                "handover",
                "--child",
                &alva,
                "--pdf",
                pdf.to_str().unwrap(),
                "--json",
                json.to_str().unwrap(),
            ],
        )
    };
    let o = handover(&json);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["alva.json", "alva.pdf"]);
    let pdf_bytes = std::fs::read(&pdf).unwrap();
    assert!(
        stdout(&o).contains(&hex::encode(sha2::Sha256::digest(&pdf_bytes))),
        "{}",
        stdout(&o)
    );
    let text = pdftotext(&pdf);
    assert!(text.contains("Överlämning av akt") && text.contains("Alva Ödegård"));
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(file["audience"], "municipality");
    refused(&handover(&out_dir.join("ny.json")), "pdf");
    assert_eq!(std::fs::read(&pdf).unwrap(), pdf_bytes);
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    cli_init(&store);
    ok(&akta(
        &store,
        &["user", "add", "--name", "Karin Konsulent", "--json"],
    ));
    refused(
        &akta(
            &store,
            &["report", "draft", "--placement", "1", "--month", "2026-13"],
        ),
        "month",
    );
    refused(
        &akta(&store, &["report", "draft-all", "--month", "november"]),
        "month",
    );
    refused(
        &akta(
            &store,
            &["report", "draft", "--placement", "77", "--month", "2020-01"],
        ),
        "placement",
    );
    refused(
        &akta(&store, &["report", "draft-all", "--month", "2999-01"]),
        "month",
    );
    refused(
        &akta(&store, &["report", "list", "--month", "2026-1"]),
        "month",
    );
    refused(&akta(&store, &["report", "show", "5"]), "not_found");
    let listed = ok(&akta(&store, &["report", "list", "--json"]));
    assert_eq!(listed, serde_json::json!([]), "nothing written");
    assert_eq!(
        ok(&akta(&store, &["placement", "list", "--json"])),
        serde_json::json!([])
    );
}
