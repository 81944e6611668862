//! The register extract as a letter to a family, read back from the PDF with pdftotext:
//! a cover page from the agency (from the settings; what is not filled in is said so),
//! values in words rather than stored codes, drafts marked, and the access log as one
//! line per day and person with counts. The agency settings themselves: checked, and a
//! wrong one changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::collections::{BTreeMap, BTreeSet};

use akta_core::audit::{self, AuditAction, EntityKind};
use akta_core::catalogue::{self, Value};
use akta_core::error::{Error, Reason};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::person::{self, Person, PersonInput};
use akta_core::rights::extract::{self, RegisterExtract, Review};
use akta_core::rights::extract_letter::{DRAFT, NOT_FILLED_IN};
use akta_core::rights::{rectify, RequestKind};
use akta_core::settings::{Agency, Settings};
use akta_core::user::{Actor, Role};
use akta_core::{demo, organisation};
use common::*;
use proptest::prelude::*;

fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("utdrag.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The text between a heading and the next, footers left out, each wrapped line joined
/// to the line it continues (continuation lines are indented).
fn section_lines(text: &str, heading: &str, next: &str) -> Vec<String> {
    let start = text.find(heading).expect(heading) + heading.len();
    let end = start + text[start..].find(next).expect(next);
    let mut lines: Vec<String> = Vec::new();
    for raw in text[start..end].lines() {
        let line = raw.trim_start_matches('\u{c}');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("Sida ") {
            continue;
        }
        match lines.last_mut() {
            Some(last) if line.starts_with(' ') => {
                last.push(' ');
                last.push_str(trimmed);
            }
            _ => lines.push(trimmed.to_owned()),
        }
    }
    lines
}

/// The access log's lines that start with a date: (day, who) → the counts they give.
fn access_groups(text: &str) -> BTreeMap<(String, String), Vec<(String, usize)>> {
    let mut out = BTreeMap::new();
    for line in section_lines(
        text,
        "Vem som har hanterat dina uppgifter",
        "Ändamål och rättslig grund",
    ) {
        let parts: Vec<&str> = line.splitn(3, " · ").collect();
        if parts.len() != 3 || parts[0].len() != 10 {
            continue;
        }
        let key = (parts[0].to_owned(), parts[1].to_owned());
        let done: Vec<(String, usize)> = parts[2]
            .split("), ")
            .map(|item| {
                let item = item.trim_end_matches(')');
                let (what, n) = item.rsplit_once(" (").expect(item);
                (what.to_owned(), n.parse().expect(n))
            })
            .collect();
        assert!(
            out.insert(key.clone(), done).is_none(),
            "two lines for {key:?}"
        );
    }
    out
}

/// Whether `line` has `value` as the next word after `label` (a table row).
fn beside(line: &str, label: &str, value: &str) -> bool {
    line.match_indices(label).any(|(i, _)| {
        let rest = line[i + label.len()..].trim_start();
        rest.strip_prefix(value)
            .is_some_and(|after| after.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

#[tokio::test]
async fn the_extract_opens_with_a_letter_from_the_agency_and_reads_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    let dpo = profile(&store, "Dana Dataskydd", Role::Dataskyddsansvarig).await;
    let cw = profile(&store, "Karl Konsulent", Role::Handlaggare).await;
    let agency = Settings::load(store.dir()).agency;
    assert!(agency.name.is_some(), "the demo fills in an agency");

    // A wrong organisation number is refused with its reason; the saved settings stay.
    let wrong = Settings {
        agency: Agency {
            name: Some("Något annat".into()),
            org_number: Some("212000-1356".into()),
            ..agency.clone()
        },
        ..Settings::load(store.dir())
    };
    let e = wrong.save(store.dir()).unwrap_err();
    assert!(matches!(&e, Error::Invalid(_)));
    assert_eq!(e.fields()[0].field, "agency_org_number");
    assert_eq!(e.fields()[0].reason, Reason::Checksum);
    assert_eq!(Settings::load(store.dir()).agency, agency);

    // Anna's file: a draft in her home's journal, a rectified telephone number.
    let hits = person::list(&store, Some("Anna Lindqvist")).await.unwrap();
    let anna: Person = person::get(&store, &Actor::device(), hits[0].id)
        .await
        .unwrap();
    let home: i64 =
        sqlx::query_scalar("SELECT home_id FROM foster_home_members WHERE person_id = ?")
            .bind(anna.id)
            .fetch_one(store.pool())
            .await
            .unwrap();
    let input = EntryInput {
        event_date: today(),
        text: "Samtal om sommarens planer; fortsätter nästa vecka.".into(),
    };
    journal::create_draft(
        &store,
        &cw,
        JournalFile::Home(home),
        EntryKind::Note,
        &input,
        today(),
    )
    .await
    .unwrap();
    let rectified = PersonInput {
        personal_number: anna.personal_number.clone(),
        given_name: anna.given_name.clone(),
        family_name: anna.family_name.clone(),
        email: anna.email.clone(),
        phone: Some("070-111 22 33".into()),
        street_address: anna.street_address.clone(),
        postal_code: anna.postal_code.clone(),
        city: anna.city.clone(),
        protected_identity: anna.protected_identity,
    };
    rectify::rectify_person(&store, &dpo, anna.id, &rectified, None, today())
        .await
        .unwrap();

    let request = verified_request(&store, &dpo, anna.id, RequestKind::Access, today()).await;
    let docs = extract::create(&store, &dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let text = pdftotext(&docs.pdf, tmp.path());
    let json: RegisterExtract = serde_json::from_slice(&docs.json).unwrap();

    // The first page is the letter: the agency, to whom, the date, how to read it.
    let letter = text.split('\u{c}').next().unwrap();
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let letter_words = words(letter);
    let org = organisation::format_org_number(agency.org_number.as_deref().unwrap());
    for part in [
        agency.name.as_deref().unwrap(),
        org.as_str(),
        "Box 123",
        "431 21 Demokommunen",
        "familjehem@demokommunen.example",
        "Till",
        &format!("{} {}", anna.given_name, anna.family_name),
        &today().to_string(),
        &docs.document_id,
        "Så läser du utdraget",
        DRAFT,
        "Frågor",
    ] {
        assert!(
            letter_words.contains(&words(part)),
            "the letter lacks {part:?}:\n{letter}"
        );
    }
    assert!(!letter.contains(NOT_FILLED_IN));
    assert!(
        !letter.contains("Personnummer eller samordningsnummer"),
        "data after the letter"
    );
    assert_eq!(
        json.controller,
        format!(
            "{} (personuppgiftsansvarig)",
            agency.name.as_deref().unwrap()
        )
    );

    // Values in words: every closed value and yes/no in the JSON is a label, and the
    // PDF shows it beside its label; no code the store holds for a closed column stands
    // where its label should.
    let mut closed_seen = 0;
    for s in &json.sections {
        let table = catalogue::table(&s.table).unwrap();
        for f in s.records.iter().flat_map(|r| &r.fields) {
            let value = table.column(&f.column).unwrap().value;
            match value {
                Value::Closed(set) => {
                    closed_seen += 1;
                    assert!(
                        f.value.chars().next().is_some_and(char::is_uppercase),
                        "{}.{} reads {:?}",
                        s.table,
                        f.column,
                        f.value
                    );
                    assert!(
                        set.label(&f.value).is_none(),
                        "{}.{} is a code",
                        s.table,
                        f.column
                    );
                }
                Value::Bool => assert!(["Ja", "Nej"].contains(&f.value.as_str()), "{f:?}"),
                _ => continue,
            }
            let shown = text
                .lines()
                .any(|l| l.contains(&*f.label) && l.contains(f.value.lines().next().unwrap()));
            assert!(shown, "the PDF lacks {} {:?}", f.label, f.value);
        }
    }
    assert!(
        closed_seen >= 5,
        "Anna's extract has statuses, roles, kinds"
    );
    let rect = json
        .sections
        .iter()
        .find(|s| s.table == "person_rectifications")
        .unwrap();
    assert!(rect.records[0].fields.iter().any(|f| f.value == "Telefon"));
    for t in catalogue::TABLES {
        for c in t.columns {
            let Value::Closed(_) = c.value else { continue };
            let label = match c.show {
                catalogue::Show::As(l) => l,
                _ => continue,
            };
            let codes: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT DISTINCT {} FROM {} WHERE {} IS NOT NULL",
                c.name, t.name, c.name
            ))
            .fetch_all(store.pool())
            .await
            .unwrap();
            for code in codes {
                let raw = text.lines().any(|l| beside(l, label, &code));
                assert!(!raw, "{}.{} shows the code {code:?}", t.name, c.name);
                if code.contains('_') {
                    assert!(!text.contains(&code), "the code {code:?} is in the PDF");
                }
            }
        }
    }

    // Drafts are marked, once each.
    let drafts = json
        .sections
        .iter()
        .filter(|s| s.table == "journal_entries")
        .flat_map(|s| &s.records)
        .filter(|r| !r.fields.iter().any(|f| f.column == "signed_at"))
        .count();
    assert!(drafts >= 1);
    assert_eq!(
        text.matches(DRAFT).count(),
        drafts + 1,
        "the letter explains it once"
    );

    // The access log: one line per day and person, which the JSON keeps whole.
    let groups = access_groups(&text);
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for a in &json.access_log {
        *expected
            .entry((a.at[..10].to_owned(), a.who.clone()))
            .or_default() += 1;
        for code in [
            "read",
            "update",
            "create",
            "export",
            "journal_entry",
            "foster_home",
        ] {
            assert!(a.action != code && a.what != code, "{a:?}");
        }
    }
    let counted: BTreeMap<(String, String), usize> = groups
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().map(|(_, n)| n).sum()))
        .collect();
    assert_eq!(counted, expected);
    assert!(
        json.access_log.len() > groups.len(),
        "identical rows are grouped"
    );
    store.close().await;
}

/// Events on the person: (days after 2026-03-10, which profile, read or update, minute).
fn events() -> impl Strategy<Value = Vec<(u64, usize, bool, u32)>> {
    prop::collection::vec((0u64..4, 0usize..3, any::<bool>(), 0u32..60), 1..60)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn the_access_log_has_one_line_per_day_and_person_with_counts(events in events()) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(access_log_case(events));
    }
}

async fn access_log_case(events: Vec<(u64, usize, bool, u32)>) {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let dpo = profile(&store, "Dana Dataskydd", Role::Dataskyddsansvarig).await;
    let staff = [
        profile(&store, "Anna Lind", Role::Handlaggare).await,
        profile(&store, "Bo Ek", Role::Handlaggare).await,
        profile(&store, "Cecilia Ås", Role::Handlaggare).await,
    ];
    let names = ["Anna Lind", "Bo Ek", "Cecilia Ås"];
    let subject = person::add(
        &store,
        &Actor::device(),
        &PersonInput {
            personal_number: Some(pnr("19800101", "123")),
            given_name: "Maja".into(),
            family_name: "Holm".into(),
            ..PersonInput::default()
        },
        today(),
    )
    .await
    .unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let mut made: BTreeMap<(String, String, &str), usize> = BTreeMap::new();
    for &(day, who, read, minute) in &events {
        let mut tx = store.begin().await.unwrap();
        let action = if read {
            AuditAction::Read
        } else {
            AuditAction::Update
        };
        audit::record(
            &mut tx,
            &staff[who],
            action,
            EntityKind::Person,
            Some(subject.id),
        )
        .await
        .unwrap();
        // Noon UTC, so that the day is the same in any local time zone within ±11 h.
        let date = first + chrono::Days::new(day);
        let at = format!("{date}T12:{minute:02}:00.000000Z");
        sqlx::query(
            "UPDATE audit_events SET at = ? WHERE seq = (SELECT max(seq) FROM audit_events)",
        )
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let what = if read {
            "läste personuppgifter"
        } else {
            "ändrade personuppgifter"
        };
        *made
            .entry((date.to_string(), names[who].to_owned(), what))
            .or_default() += 1;
    }
    let request = verified_request(&store, &dpo, subject.id, RequestKind::Access, today()).await;
    let docs = extract::create(&store, &dpo, request, today(), Review::AcceptAutomatic)
        .await
        .unwrap();
    let text = pdftotext(&docs.pdf, tmp.path());
    let json: RegisterExtract = serde_json::from_slice(&docs.json).unwrap();

    // The JSON keeps every event; the PDF has one line per day and person.
    let mine = json
        .access_log
        .iter()
        .filter(|a| a.at.starts_with("2026-03-1"))
        .count();
    assert_eq!(mine, events.len());
    let groups = access_groups(&text);
    let days_people: BTreeSet<(String, String)> = made
        .keys()
        .map(|(d, w, _)| (d.clone(), w.clone()))
        .collect();
    for key in &days_people {
        assert!(groups.contains_key(key), "no line for {key:?}: {groups:?}");
    }
    for ((day, who, what), n) in &made {
        let line = &groups[&(day.clone(), who.clone())];
        assert!(
            line.contains(&((*what).to_owned(), *n)),
            "{day} {who}: {what} ({n}) not in {line:?}"
        );
        assert_eq!(line.iter().filter(|(w, _)| w == what).count(), 1);
    }
    // No agency filled in: the letter says so instead of leaving blanks.
    let letter = text.split('\u{c}').next().unwrap();
    assert!(letter.contains("Verksamhetens namn har inte fyllts i"));
    assert_eq!(letter.matches(NOT_FILLED_IN).count(), 3, "{letter}");
    assert!(letter.contains("Maja Holm"));
    store.close().await;
}
