//! The rules on their own, without a store: one test per class of leak found by a
//! data-protection officer's trial (issue 12), and properties over generated text.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::people::Facts;
use super::*;
use crate::rights::extract_gather::apply_withheld;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
}

fn person(id: i64, given: &str, family: &str, number: Option<&str>, close: bool) -> Facts {
    Facts {
        id,
        given_name: given.into(),
        family_name: family.into(),
        personal_number: number.map(Into::into),
        close,
        ..Facts::default()
    }
}

/// What the extract shows of `text` under the rules.
fn shown(f: &Finder, text: &str) -> String {
    let ranges: Vec<(i64, i64)> = f.scan(text).withheld.iter().map(|w| (w.0, w.1)).collect();
    apply_withheld(text, &ranges)
}

fn finder(subject: Facts, others: Vec<Facts>) -> Finder {
    Finder::build(&subject, &others, &["Malmö stad".to_owned()], today())
}

#[test]
fn numbers_in_every_written_form_are_withheld_the_subject_s_own_stays() {
    let f = finder(
        person(1, "Maja", "Holm", Some("201503022383"), false),
        vec![],
    );
    for form in [
        "811218 9876",
        "19811218 9876",
        "811218+9876",
        "811218-9876",
        "8112189876",
        "198112189876",
        "19811218-9876",
        "811218 – 9876",
    ] {
        let text = format!("Okänd man, {form}, ringde.");
        assert_eq!(shown(&f, &text), "Okänd man, […], ringde.", "{form}");
    }
    let own = "Maja (150302-2383, 20150302 2383) kom hem.";
    assert_eq!(shown(&f, own), own);
}

#[test]
fn a_character_whose_lower_case_is_longer_does_not_switch_withholding_off() {
    let f = finder(
        person(1, "Maja", "Holm", None, false),
        vec![
            person(2, "Kerstin", "Lund", None, true),
            person(3, "İlknur", "Şahin", None, false),
        ],
    );
    assert_eq!(
        shown(
            &f,
            "Tolken İlknur Şahin översatte; Kerstin Lund och STRAUß var där."
        ),
        "Tolken […] översatte; […] och STRAUß var där."
    );
}

#[test]
fn decomposed_names_are_matched_in_both_directions() {
    let stored_nfd = person(2, "A\u{30A}sa", "O\u{308}berg", None, true);
    let f = finder(person(1, "Maja", "Holm", None, false), vec![stored_nfd]);
    assert_eq!(shown(&f, "Åsa Öberg ringde."), "[…] ringde.");
    let stored_nfc = person(2, "Åsa", "Öberg", None, true);
    let f = finder(person(1, "Maja", "Holm", None, false), vec![stored_nfc]);
    assert_eq!(shown(&f, "A\u{30A}sa O\u{308}berg ringde."), "[…] ringde.");
}

#[test]
fn names_that_are_words_are_withheld_only_as_names() {
    let f = finder(
        person(1, "Maja", "Holm", None, false),
        vec![person(2, "Dag", "Rut", None, true)],
    );
    assert_eq!(
        shown(
            &f,
            "Hon sov hela dag och natt, vi rut-städade; Dag hämtade. Rut var borta."
        ),
        "Hon sov hela dag och natt, vi rut-städade; […] hämtade. […] var borta."
    );
}

#[test]
fn persons_outside_the_files_by_full_name_and_number_not_by_given_name() {
    let f = finder(
        person(1, "Maja", "Holm", None, false),
        vec![person(2, "Lennart", "Grann", Some("195505055557"), false)],
    );
    assert_eq!(
        shown(
            &f,
            "Grannen Lennart Grann (550505-5557) såg allt. Lennart sa inget."
        ),
        "Grannen […] ([…]) såg allt. Lennart sa inget."
    );
}

#[test]
fn the_subject_s_own_name_stays_when_another_name_lies_inside_it() {
    let f = finder(
        person(1, "Anna", "Berg-Holm", None, false),
        vec![person(2, "Anna", "Berg", None, true)],
    );
    assert_eq!(
        shown(&f, "Anna Berg-Holm träffade Anna Berg. Anna mådde bra."),
        "Anna Berg-Holm träffade […]. Anna mådde bra."
    );
}

#[test]
fn candidates_are_other_capitalised_words_phones_emails_and_mistyped_numbers() {
    let mut subject = person(1, "Maja", "Holm", None, false);
    subject.phone = Some("070-111 22 33".into());
    subject.city = Some("Lund".into());
    let mut known = person(2, "Kerstin", "Berg", None, false);
    known.phone = Some("+46 70 999 88 77".into());
    let f = finder(subject, vec![known]);
    let text = "Maja bor i Lund och ringde från 070-111 22 33. Hon nämnde Zeynep och ringde \
                0709998877 och 08-765 43 21, mejl z@ex.se, nummer 811218-9875. Malmö stad vet.";
    let scan = f.scan(text);
    let chars: Vec<char> = text.chars().collect();
    let got: Vec<(String, CandidateKind)> = scan
        .candidates
        .iter()
        .map(|c| {
            (
                chars[c.start as usize..c.end as usize].iter().collect(),
                c.kind,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Zeynep".into(), CandidateKind::Name),
            ("08-765 43 21".into(), CandidateKind::Phone),
            ("z@ex.se".into(), CandidateKind::Email),
            ("811218-9875".into(), CandidateKind::Number),
        ]
    );
    assert_eq!(scan.withheld.len(), 1); // the known person's telephone
    assert_eq!(scan.withheld[0].2, Why::Contact);
}

// ---- properties over generated text ----

use super::samples::{self, FAMILY_NAMES, GIVEN_NAMES, JOINS, WORDS};

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

fn valid_number(rng: &mut impl FnMut(u32) -> u32) -> String {
    let samordning = rng(8) == 0;
    samples::number(
        1925 + rng(95),
        1 + rng(12),
        1 + rng(28),
        rng(1000),
        samordning,
    )
}

/// One of the ways people write a stored number.
fn written(digits: &str, form: u32) -> String {
    let forms = crate::person::written_forms(digits);
    forms[form as usize % forms.len()].clone()
}

fn scramble(s: &str, how: u32) -> String {
    match how % 4 {
        0 => s.to_owned(),
        1 => nfd(s),
        2 => s.to_uppercase(),
        _ => nfd(&s.to_uppercase()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// For any generated text of filler words, other persons' full names (in any case
    /// and Unicode form) and numbers (in any written form), and the subject's own name
    /// and number: no other person's number or full name is left; everything of the
    /// subject is.
    #[test]
    fn no_other_person_s_number_or_full_name_is_left(seed in any::<u64>()) {
        let mut state = seed | 1;
        let mut rng = move |n: u32| {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            (state % u64::from(n.max(1))) as u32
        };
        let pick = |rng: &mut dyn FnMut(u32) -> u32, xs: &[&str]| xs[rng(xs.len() as u32) as usize].to_owned();
        let subject = Facts {
            id: 1,
            given_name: "Maja".into(),
            family_name: "Lindqvist".into(),
            personal_number: Some(valid_number(&mut rng)),
            ..Facts::default()
        };
        let mut others = Vec::new();
        for id in 2..(3 + rng(6) as i64) {
            let given = pick(&mut rng, GIVEN_NAMES);
            let family = pick(&mut rng, FAMILY_NAMES);
            let stored = if rng(2) == 0 { (nfd(&given), nfd(&family)) } else { (given, family) };
            others.push(Facts {
                id,
                given_name: stored.0,
                family_name: stored.1,
                personal_number: Some(valid_number(&mut rng)),
                close: rng(2) == 0,
                ..Facts::default()
            });
        }
        let f = Finder::build(&subject, &others, &[], today());
        let mut text = String::new();
        for _ in 0..(5 + rng(40)) {
            let piece = match rng(10) {
                0 => {
                    let o = &others[rng(others.len() as u32) as usize];
                    let name = if rng(3) == 0 {
                        format!("{}, {}", o.family_name, o.given_name)
                    } else {
                        format!("{} {}", o.given_name, o.family_name)
                    };
                    scramble(&name, rng(4))
                }
                1 => {
                    let o = &others[rng(others.len() as u32) as usize];
                    written(o.personal_number.as_deref().unwrap_or_default(), rng(10))
                }
                2 => written(subject.personal_number.as_deref().unwrap_or_default(), rng(10)),
                3 => "Maja Lindqvist".to_owned(),
                _ => pick(&mut rng, WORDS),
            };
            text.push_str(&piece);
            text.push_str(JOINS[rng(JOINS.len() as u32) as usize]);
        }
        let out = shown(&f, &text);
        let fold_cmp = |s: &str| fold::fold_str(s);
        let folded_out = fold_cmp(&out);
        for o in &others {
            for name in [format!("{} {}", o.given_name, o.family_name), format!("{}, {}", o.family_name, o.given_name)] {
                prop_assert!(!folded_out.contains(&fold_cmp(&name)), "{name:?} left in {out:?}");
            }
        }
        let chars: Vec<char> = out.chars().collect();
        for n in numbers::identity_numbers(&chars, today()) {
            let own = subject.personal_number.as_deref().map(|d| &d[2..]);
            prop_assert!(!n.valid || Some(n.ten.as_str()) == own, "{:?} left in {out:?}", n.ten);
        }
        prop_assert_eq!(
            text.matches("Maja Lindqvist").count(),
            out.matches("Maja Lindqvist").count()
        );
        for form in crate::person::written_forms(subject.personal_number.as_deref().unwrap_or_default()) {
            prop_assert_eq!(text.matches(&form).count(), out.matches(&form).count(), "{}", form);
        }
    }
}

#[test]
fn a_passage_is_shown_in_segments_withheld_merged_candidates_marked() {
    use super::review::segments;
    // Characters, not bytes or UTF-16 units: an emoji and a decomposed letter.
    let text = "😊 A\u{30A}sa och Sara ringde Zeynep.";
    let candidate = Candidate {
        start: 23,
        end: 29,
        kind: CandidateKind::Name,
    };
    let shown = segments(text, &[(2, 6), (5, 7), (11, 15)], &[candidate]);
    let flat: Vec<(&str, bool, Option<CandidateKind>)> = shown
        .iter()
        .map(|s| (s.text.as_str(), s.withheld, s.candidate))
        .collect();
    assert_eq!(
        flat,
        vec![
            ("😊 ", false, None),
            ("[…]", true, None),
            ("och ", false, None),
            ("[…]", true, None),
            (" ringde ", false, None),
            ("Zeynep", false, Some(CandidateKind::Name)),
            (".", false, None),
        ]
    );
    assert_eq!((shown[5].start, shown[5].end), (23, 29));
    assert_eq!(segments("abc", &[], &[]).len(), 1);
}

#[test]
fn a_withheld_segment_carries_the_reasons_of_the_ranges_it_joins() {
    use super::review::reasoned_segments;
    let text = "Åsa och Sara ringde Dag i går.";
    let why = |s: i64, e: i64, r: &str| (s, e, r.to_owned());
    let shown = reasoned_segments(
        text,
        &[
            why(0, 3, "Namn på annan person"),
            why(2, 7, "Uppgift om annan person"),
            why(8, 12, "Namn på annan person"),
            why(8, 12, "Namn på annan person"),
            why(20, 23, "Namn på annan person"),
        ],
        &[],
    );
    let reasons: Vec<(&str, Option<&str>)> = shown
        .iter()
        .map(|s| (s.text.as_str(), s.reason.as_deref()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("[…]", Some("Namn på annan person; Uppgift om annan person")),
            (" ", None),
            ("[…]", Some("Namn på annan person")),
            (" ringde ", None),
            ("[…]", Some("Namn på annan person")),
            (" i går.", None),
        ]
    );
}

#[test]
fn found_in_review_names_with_marks_turkish_i_apostrophes_and_the_subject_s_own_values() {
    let mut subject = person(1, "Maja", "Holm", Some("198112189876"), false);
    subject.phone = Some("070-123 45 69".into());
    subject.former_numbers = vec!["198112789873".into()];
    let f = finder(
        subject,
        vec![
            person(2, "Zeynep", "Yılmaz", None, false),
            person(3, "Sean", "O'Brien", None, false),
        ],
    );
    // Capitalised words with å ä ö are candidates like any other.
    let scan = f.scan("Hon träffade grannen Björn och Göran i går.");
    assert_eq!(scan.candidates.len(), 2, "{scan:?}");
    // Dotless ı and capitals; an apostrophe inside a name.
    assert_eq!(
        shown(&f, "ZEYNEP YILMAZ och Sean O'Brien kom."),
        "[…] och […] kom."
    );
    // The subject's own phone is no one's personnummer; a former number is still hers.
    let own = "Ring mig på 0701234569. Förr 811278-9873.";
    assert_eq!(shown(&f, own), own);
    // Authorities spelled with å ä ö are not persons.
    assert!(f
        .scan("Vi ringde Försäkringskassan och Vårdcentralen.")
        .candidates
        .is_empty());
}
