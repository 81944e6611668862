//! Withholding other people's data from a register extract's free text (Art. 15(4)).
//!
//! The rules (docs/RIGHTS.md, "What is withheld"):
//! - **Numbers.** Every personnummer or samordningsnummer in any written form
//!   (`numbers`) that is not the subject's own, whether or not the store knows whose it
//!   is. A number is always someone's personal data.
//! - **Full names** of every other person the store knows, in either order, in any case,
//!   composed or decomposed, with the genitive `s`.
//! - **A given or family name alone** of the people of the subject's files (the members
//!   of the homes the subject belongs to or is placed in, the children placed in them,
//!   the other parties of the subject's concern reports and investigations), only where
//!   written with a capital letter — so that "Dag" the foster father is withheld and
//!   "varje dag" is not — and never a name the subject shares.
//! - **Telephone numbers and e-mail addresses** registered for another person.
//!
//! Nothing inside an occurrence of the subject's own full name is withheld. What the
//! rules cannot decide is offered to the reviewer as a candidate (`Candidate`):
//! capitalised words inside a sentence that are no name of the subject, telephone
//! numbers and e-mail addresses the store does not know, and number shapes with a
//! wrong check digit.

pub(crate) mod fold;
mod names;
pub(crate) mod numbers;
mod people;
pub use people::Facts;
pub mod review;
pub mod samples;

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use unicode_normalization::char::is_combining_mark;

use fold::{fold, Folded, Word};
use names::Names;

/// Why a passage was withheld automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Why {
    /// Another person's personnummer or samordningsnummer.
    Number,
    /// The full name of another person the store knows.
    FullName,
    /// A given or family name of another person of the subject's files.
    Name,
    /// A telephone number or e-mail address registered for another person.
    Contact,
}

impl Why {
    /// The reason recorded in the request (Swedish, as the register of redactions is).
    pub fn reason(self) -> &'static str {
        match self {
            Why::Number => "Person- eller samordningsnummer för annan person",
            Why::FullName => "Namn på annan registrerad person",
            Why::Name => "Namn på annan person i akten",
            Why::Contact => "Kontaktuppgift för annan registrerad person",
        }
    }
}

/// What a reviewer is asked to decide about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CandidateKind {
    /// A capitalised word inside a sentence that is no name of the subject.
    Name,
    /// A telephone number that is not the subject's.
    Phone,
    /// An e-mail address that is not the subject's.
    Email,
    /// A personnummer shape whose check digit does not hold (a mistyped number).
    Number,
}

/// A passage that may be another person's data: `[start, end)` in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Candidate {
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    pub kind: CandidateKind,
}

/// What a scan of one text found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Withheld by the rules: `(start, end, why)`.
    pub withheld: Vec<(i64, i64, Why)>,
    /// Left to the reviewer (never overlapping `withheld`).
    pub candidates: Vec<Candidate>,
}

/// Capitalised words that name authorities and services, not persons.
const NOT_PERSONS: &[&str] = &[
    "socialtjänsten",
    "socialnämnden",
    "skatteverket",
    "försäkringskassan",
    "polisen",
    "migrationsverket",
    "kommunen",
    "regionen",
    "ivo",
    "bup",
    "bvc",
    "mvc",
    "vårdcentralen",
    "familjehemmet",
    "familjehemsbanken",
    "sverige",
    "svenska",
    "sol",
    "lvu",
    "pride",
    "kälvesten",
    "bra-fam",
    "skolan",
    "förskolan",
    "jourhemmet",
];

/// The rules for one subject, ready to scan texts.
#[derive(Debug, Default)]
pub struct Finder {
    today: NaiveDate,
    /// The 10 digits of the subject's number, and of any number the subject had before
    /// (a samordningsnummer replaced by a personnummer).
    subject_tens: HashSet<String>,
    subject_phone: Option<String>,
    subject_email: Option<String>,
    /// The subject's full name in its forms, protected from withholding.
    subject_names: Names<()>,
    /// Folded words the subject's own data uses (names, city, street).
    subject_words: HashSet<String>,
    others: Names<Why>,
    other_phones: HashSet<String>,
    other_emails: HashSet<String>,
    /// Folded words of organisations' names: not persons.
    org_words: HashSet<String>,
    /// [`NOT_PERSONS`], folded.
    not_persons: HashSet<String>,
}

/// The forms of a full name: all given names and the family name(s), each given name
/// with the family name(s), in both orders.
fn full_name_forms(given: &str, family: &str) -> Vec<Vec<String>> {
    let g = fold::name_words(given);
    let f = fold::name_words(family);
    if g.is_empty() || f.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![g.clone()];
    forms[0].extend(f.iter().cloned());
    forms.push(f.iter().chain(g.iter()).cloned().collect());
    if g.len() > 1 {
        for one in &g {
            forms.push(std::iter::once(one).chain(f.iter()).cloned().collect());
            forms.push(f.iter().chain(std::iter::once(one)).cloned().collect());
        }
    }
    forms
}

fn sentence_start(folded: &Folded, w: &Word) -> bool {
    let mut i = w.start;
    while i > 0 {
        let c = folded.chars[i - 1];
        if c == '\n' || matches!(c, '.' | '!' | '?' | ':' | ';' | '…' | '•') {
            return true;
        }
        if !(c.is_whitespace() || matches!(c, '"' | '”' | '»' | '\'' | '’' | '-' | '–' | '*'))
        {
            return false;
        }
        i -= 1;
    }
    true
}

fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

impl Finder {
    /// Scans `text`.
    pub fn scan(&self, text: &str) -> Scan {
        let chars: Vec<char> = text.chars().collect();
        let folded = fold(text);
        let words = folded.words();
        let mut withheld: Vec<(i64, i64, Why)> = Vec::new();
        let mut candidates = Vec::new();
        let own: Vec<(i64, i64)> = self
            .subject_names
            .find(&folded, &words, &chars)
            .into_iter()
            .map(|h| (h.start as i64, h.end as i64))
            .collect();
        let span = |s: usize, e: usize| (s as i64, e as i64);
        // Numbers, telephones and addresses are found in the text cleaned of invisible
        // characters, full-width digits and odd dashes; `at` maps back to the original.
        let (clean, origin) = numbers::cleaned(text);
        let at = |s: usize, e: usize| span(origin[s], origin[e - 1] + 1);

        for n in numbers::identity_numbers(&clean, self.today) {
            let (s, e) = at(n.start, n.end);
            let as_phone: String = clean[n.start..n.end].iter().collect();
            if self.subject_tens.contains(&n.ten)
                || self.subject_phone.as_deref() == Some(numbers::phone_digits(&as_phone).as_str())
            {
                continue;
            }
            if n.valid {
                withheld.push((s, e, Why::Number));
            } else {
                candidates.push(Candidate {
                    start: s,
                    end: e,
                    kind: CandidateKind::Number,
                });
            }
        }
        for h in self.others.find(&folded, &words, &chars) {
            let r = span(h.start, h.end);
            if !own.iter().any(|o| o.0 <= r.0 && r.1 <= o.1) {
                withheld.push((r.0, r.1, h.tag));
            }
        }
        for p in numbers::phones(&clean) {
            let r = at(p.start, p.end);
            if withheld.iter().any(|w| overlaps((w.0, w.1), r))
                || candidates.iter().any(|c| overlaps((c.start, c.end), r))
                || self.subject_phone.as_deref() == Some(p.digits.as_str())
            {
                continue;
            }
            if self.other_phones.contains(&p.digits) {
                withheld.push((r.0, r.1, Why::Contact));
            } else {
                candidates.push(Candidate {
                    start: r.0,
                    end: r.1,
                    kind: CandidateKind::Phone,
                });
            }
        }
        for m in numbers::emails(&clean) {
            let r = at(m.start, m.end);
            if self.subject_email.as_deref() == Some(m.address.as_str()) {
                continue;
            }
            if self.other_emails.contains(&m.address) {
                withheld.push((r.0, r.1, Why::Contact));
            } else {
                candidates.push(Candidate {
                    start: r.0,
                    end: r.1,
                    kind: CandidateKind::Email,
                });
            }
        }
        for w in &words {
            let first = chars[folded.origin[w.start]];
            let (s, e) = folded.original(w.start, w.end);
            let r = span(s, e);
            let name_like = first.is_uppercase()
                && w.text.chars().count() >= 2
                && w.text
                    .chars()
                    .all(|c| c.is_alphabetic() || is_combining_mark(c))
                && chars[s..e].iter().any(|c| c.is_lowercase())
                && !sentence_start(&folded, w)
                && !self.subject_words.contains(&w.text)
                && !self.org_words.contains(&w.text)
                && !self.not_persons.contains(&w.text);
            if name_like
                && !own.iter().any(|o| overlaps(*o, r))
                && !withheld.iter().any(|x| overlaps((x.0, x.1), r))
                && !candidates.iter().any(|c| overlaps((c.start, c.end), r))
            {
                candidates.push(Candidate {
                    start: r.0,
                    end: r.1,
                    kind: CandidateKind::Name,
                });
            }
        }
        withheld.sort_unstable_by_key(|w| (w.0, w.1));
        candidates.retain(|c| {
            !withheld
                .iter()
                .any(|w| overlaps((w.0, w.1), (c.start, c.end)))
        });
        candidates.sort_unstable();
        Scan {
            withheld,
            candidates,
        }
    }
}

#[cfg(test)]
mod tests;
