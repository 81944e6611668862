//! Register extracts withhold other people (Art. 15(4)) on generated stores: the demo
//! families plus generated persons (names with å ä ö é ü, hyphens, double names, names
//! that are Swedish words, `İ`, `ß`, stored composed or decomposed) as members of the
//! homes and outside every file, and generated free text (journals of homes and of
//! placed children, concern reports) that names them in every written form of their
//! numbers and in any case, order and Unicode form of their names, with emoji. For
//! every person of the store, the extract (JSON, and the PDF read back with pdftotext)
//! holds every value of the subject, and no number and no full name of anyone else.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use akta_core::concern::{self, ConcernInput};
use akta_core::foster_home::{self, MemberRole};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::person::{self, written_forms, Person, PersonInput};
use akta_core::rights::extract::{self, Review};
use akta_core::rights::withhold::samples::{self, FAMILY_NAMES, GIVEN_NAMES, JOINS, WORDS};
use akta_core::rights::{self, RequestInput, RequestKind};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use akta_core::{demo, organisation, placement};
use chrono::NaiveDate;
use common::new_store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use unicode_normalization::UnicodeNormalization;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn valid_number(rng: &mut StdRng) -> String {
    let samordning = rng.random_ratio(1, 8);
    let (year, month, day) = (
        rng.random_range(1930..2020),
        rng.random_range(1..13),
        rng.random_range(1..29),
    );
    samples::number(year, month, day, rng.random_range(0..1000), samordning)
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// How a caseworker might write this person's name in a note.
fn name_as_written(p: &Person, rng: &mut StdRng) -> String {
    let name = match rng.random_range(0..3) {
        0 => format!("{}, {}", p.family_name, p.given_name),
        _ => format!("{} {}", p.given_name, p.family_name),
    };
    let name: String = name.nfc().collect();
    match rng.random_range(0..4) {
        0 => name,
        1 => nfd(&name),
        2 => name.to_uppercase(),
        _ => format!("{name}s"),
    }
}

fn text(rng: &mut StdRng, people: &[Person]) -> String {
    let mut out = String::new();
    for _ in 0..rng.random_range(8..60) {
        let p = &people[rng.random_range(0..people.len())];
        let piece = match rng.random_range(0..8) {
            0 => name_as_written(p, rng),
            1 => match &p.personal_number {
                Some(n) => {
                    let forms = written_forms(n);
                    forms[rng.random_range(0..forms.len())].clone()
                }
                None => name_as_written(p, rng),
            },
            _ => WORDS[rng.random_range(0..WORDS.len())].to_owned(),
        };
        out.push_str(&piece);
        out.push_str(JOINS[rng.random_range(0..JOINS.len())]);
    }
    out
}

struct Generated {
    store: Store,
    dpo: Actor,
    persons: usize,
    texts: usize,
}

async fn generated_store(dir: &std::path::Path, seed: u64) -> Generated {
    let mut rng = StdRng::seed_from_u64(seed);
    let store = new_store(dir).await;
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    let profile = |name: &str, role| UserInput {
        name: name.into(),
        title: None,
        role,
    };
    let dpo = user::add(
        &store,
        &Actor::device(),
        &profile("Dana Dataskydd", Role::Dataskyddsansvarig),
    )
    .await
    .unwrap();
    let cw = Actor::user(
        user::add(
            &store,
            &Actor::device(),
            &profile("Kim Konsulent", Role::Handlaggare),
        )
        .await
        .unwrap(),
    );
    // Generated persons: a name pair may repeat across seeds, never within one store.
    let mut added = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while added.len() < 14 {
        let given = GIVEN_NAMES[rng.random_range(0..GIVEN_NAMES.len())];
        let family = FAMILY_NAMES[rng.random_range(0..FAMILY_NAMES.len())];
        if !seen.insert((given, family)) {
            continue;
        }
        let decomposed = rng.random_bool(0.5);
        let input = PersonInput {
            personal_number: rng.random_bool(0.85).then(|| valid_number(&mut rng)),
            given_name: if decomposed { nfd(given) } else { given.into() },
            family_name: if decomposed {
                nfd(family)
            } else {
                family.into()
            },
            ..PersonInput::default()
        };
        if let Ok(p) = person::add(&store, &cw, &input, today()).await {
            added.push(p.id);
        }
    }
    // About half join the homes (as adults or the home's own children); the rest are
    // in no file of anyone's: neighbours, relatives, interpreters.
    let homes = foster_home::list(&store).await.unwrap();
    for (i, id) in added.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let home = &homes[i % homes.len()];
        let role = if i % 4 == 0 {
            MemberRole::Vuxen
        } else {
            MemberRole::EgetBarn
        };
        foster_home::add_member(&store, &cw, home.id, *id, role)
            .await
            .unwrap();
    }
    let mut people = Vec::new();
    for s in person::list(&store, None).await.unwrap() {
        people.push(person::get(&store, &Actor::device(), s.id).await.unwrap());
    }
    let mut texts = 0;
    for home in &homes {
        for _ in 0..3 {
            let input = EntryInput {
                event_date: today(),
                text: text(&mut rng, &people),
            };
            journal::create_draft(
                &store,
                &cw,
                JournalFile::Home(home.id),
                EntryKind::Note,
                &input,
                today(),
            )
            .await
            .unwrap();
            texts += 1;
        }
        for p in placement::for_home(&store, home.id).await.unwrap() {
            let input = EntryInput {
                event_date: today(),
                text: text(&mut rng, &people),
            };
            journal::create_draft(
                &store,
                &cw,
                JournalFile::Child(p.child.id),
                EntryKind::Note,
                &input,
                today(),
            )
            .await
            .unwrap();
            texts += 1;
            // A concern report about the child, naming its guardians among the generated.
            let municipality = organisation::list(&store).await.unwrap()[0].id;
            let input = ConcernInput {
                child_id: p.child.id,
                guardian_ids: vec![added[1], added[3]],
                municipality_id: municipality,
                observed: text(&mut rng, &people),
                hearsay: Some(text(&mut rng, &people)),
                guardians_informed: Some(true),
                guardians_not_informed_reason: None,
                reporter_phone: "031-123 45 67".into(),
                reporter_email: None,
            };
            concern::create(&store, &cw, &input, today(), &Settings::default())
                .await
                .unwrap();
            texts += 2;
        }
    }
    Generated {
        store,
        dpo: Actor::user(dpo),
        persons: people.len(),
        texts,
    }
}

fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Where a (generated, fictional) value was found: for the failure message.
fn around(hay: &str, needle: &str) -> String {
    let i = hay.find(needle).unwrap_or(0);
    let before: String = hay[..i]
        .chars()
        .rev()
        .take(80)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = hay[i..].chars().take(needle.chars().count() + 80).collect();
    format!("{before}{after}")
}

/// Lower case, composed, whitespace runs as one space: how a reader compares names.
fn plain(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn every_extract_of_a_generated_store_holds_the_subject_and_no_one_else() {
    let (mut extracts, mut texts, mut persons) = (0, 0, 0);
    for seed in 0..3u64 {
        let tmp = tempfile::tempdir().unwrap();
        let g = generated_store(tmp.path(), seed).await;
        texts += g.texts;
        persons += g.persons;
        let mut people = HashMap::new();
        for s in person::list(&g.store, None).await.unwrap() {
            people.insert(
                s.id,
                person::get(&g.store, &Actor::device(), s.id).await.unwrap(),
            );
        }
        for subject in people.values() {
            let request = rights::create(
                &g.store,
                &g.dpo,
                &RequestInput {
                    person_id: subject.id,
                    kind: RequestKind::Access,
                    received_on: today(),
                    identity_method: Some("BankID".into()),
                    identity_verified_on: Some(today()),
                },
                today(),
            )
            .await
            .unwrap();
            let docs = extract::create(
                &g.store,
                &g.dpo,
                request.id,
                today(),
                Review::AcceptAutomatic,
            )
            .await
            .unwrap();
            extracts += 1;
            let json = String::from_utf8(docs.json.clone()).unwrap();
            let pdf = pdftotext(&docs.pdf, tmp.path());
            let (json_plain, pdf_plain) = (plain(&json), plain(&pdf));
            let who = format!("seed {seed}, subject {}", subject.id);
            // Every value of the subject.
            let number = subject
                .personal_number
                .as_deref()
                .map(person::format_personal_number);
            for v in [
                Some(subject.given_name.clone()),
                Some(subject.family_name.clone()),
                number,
            ]
            .into_iter()
            .flatten()
            .chain(subject.email.clone())
            .chain(subject.phone.clone())
            .chain(subject.city.clone())
            {
                assert!(json.contains(&v), "{who}: JSON lacks {v:?}");
                assert!(pdf_plain.contains(&plain(&v)), "{who}: PDF lacks {v:?}");
            }
            // No number and no full name of anyone else, in any written form.
            for other in people.values().filter(|o| o.id != subject.id) {
                if let Some(n) = &other.personal_number {
                    for form in written_forms(n) {
                        let f = plain(&form);
                        assert!(
                            !json_plain.contains(&f),
                            "{who}: JSON shows {}'s number",
                            other.id
                        );
                        assert!(
                            !pdf_plain.contains(&f),
                            "{who}: PDF shows {}'s number",
                            other.id
                        );
                    }
                }
                let same_name = plain(&other.given_name) == plain(&subject.given_name)
                    && plain(&other.family_name) == plain(&subject.family_name);
                for name in [
                    format!("{} {}", other.given_name, other.family_name),
                    format!("{}, {}", other.family_name, other.given_name),
                ] {
                    let n = plain(&name);
                    if same_name
                        || plain(&format!("{} {}", subject.given_name, subject.family_name))
                            .contains(&n)
                    {
                        continue; // the subject's own name: shown
                    }
                    assert!(
                        !json_plain.contains(&n),
                        "{who}: JSON shows {}'s name: {}",
                        other.id,
                        around(&json_plain, &n)
                    );
                    assert!(
                        !pdf_plain.contains(&n),
                        "{who}: PDF shows {}'s name: {}",
                        other.id,
                        around(&pdf_plain, &n)
                    );
                }
            }
        }
        g.store.close().await;
    }
    eprintln!("{extracts} extracts of {persons} persons over {texts} generated texts");
    assert!(extracts >= 90);
}
