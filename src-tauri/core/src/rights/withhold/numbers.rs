//! Identity numbers, telephone numbers and e-mail addresses in free text.
//!
//! A personnummer or samordningsnummer is found in every way people write one: 10 or
//! 12 digits, the date and the birth number joined directly or by up to three
//! separator characters (`-`, `+`, `–`, `—`, `‐`, a space of any kind, `/`, `.`, `_`),
//! not part of a longer run of digits. It counts when its date is a real date (day + 60
//! for a samordningsnummer) and its check digit holds. A shape whose date holds but
//! whose check digit does not (a mistyped number) is a candidate for review.
//!
//! Positions are character indices of the original text, `[start, end)`.

use chrono::NaiveDate;

use crate::error::Reason;
use crate::person::PersonalNumber;

/// `text` made ready for finding numbers: invisible characters left out, full-width
/// digits as ASCII digits, every kind of dash as `-`; with, for each character kept,
/// the index of the original character it stands for.
pub fn cleaned(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if super::fold::invisible(c) {
            continue;
        }
        let c = match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{FF0B}' => '+',
            other => other,
        };
        chars.push(c);
        origin.push(i);
    }
    (chars, origin)
}

/// A number found in text: where, and the 10 digits (date and birth number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberHit {
    pub start: usize,
    pub end: usize,
    pub ten: String,
    /// Date and check digit hold.
    pub valid: bool,
}

fn separator(c: char) -> bool {
    matches!(c, '-' | '+' | '/' | '.' | '_' | ':') || c.is_whitespace()
}

fn digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Every personnummer-shaped number in `chars`.
pub fn identity_numbers(chars: &[char], today: NaiveDate) -> Vec<NumberHit> {
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if !digit(chars[i]) || (i > 0 && digit(chars[i - 1])) {
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|c| digit(**c)).count();
        let end_run = i + run;
        let hit = match run {
            10 | 12 => {
                let s: String = chars[i..end_run].iter().collect();
                check(&s, run == 12, false, today).map(|(ten, valid)| (end_run, ten, valid))
            }
            6 | 8 => after_separator(chars, end_run).and_then(|(sep_end, plus)| {
                let mut s: String = chars[i..end_run].iter().collect();
                s.extend(&chars[sep_end..sep_end + 4]);
                check(&s, run == 8, plus, today).map(|(ten, valid)| (sep_end + 4, ten, valid))
            }),
            _ => None,
        };
        match hit {
            Some((end, ten, valid)) => {
                out.push(NumberHit {
                    start: i,
                    end,
                    ten,
                    valid,
                });
                i = end;
            }
            None => i = end_run,
        }
    }
    out
}

/// After a date at `from`: 1–3 separator characters, then exactly four digits.
/// Returns where the four digits start and whether a `+` was among the separators.
fn after_separator(chars: &[char], from: usize) -> Option<(usize, bool)> {
    let seps = chars[from..]
        .iter()
        .take(4)
        .take_while(|c| separator(**c))
        .count();
    if seps == 0 || seps > 3 {
        return None;
    }
    let start = from + seps;
    let digits = chars[start..].iter().take_while(|c| digit(**c)).count();
    (digits == 4).then(|| (start, chars[from..start].contains(&'+')))
}

/// Checks date and check digit of 10 or 12 digits; `None` when the date is not a date
/// (then it is no personal number of any shape: an order number, an amount).
fn check(digits: &str, century: bool, plus: bool, today: NaiveDate) -> Option<(String, bool)> {
    let ten = if century { &digits[2..] } else { digits };
    let input = if plus {
        format!("{}+{}", &ten[..6], &ten[6..])
    } else {
        digits.to_owned()
    };
    match PersonalNumber::parse(&input, today) {
        Ok(_) | Err(Reason::Future) => Some((ten.to_owned(), true)),
        Err(Reason::Checksum) => Some((ten.to_owned(), false)),
        Err(_) => None,
    }
}

/// A telephone number in text: where, and its digits in national form (`+46 70…` and
/// `070…` give the same digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneHit {
    pub start: usize,
    pub end: usize,
    pub digits: String,
}

/// The digits of a telephone number in national form.
pub fn phone_digits(s: &str) -> String {
    let s = s.replace("(0)", "");
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    let t = s.trim_start();
    if let Some(rest) = d.strip_prefix("46").filter(|_| t.starts_with('+')) {
        format!("0{rest}")
    } else if let Some(rest) = d.strip_prefix("0046") {
        format!("0{rest}")
    } else {
        d
    }
}

/// Telephone-number shapes: begins with `0` or `+`, 7–15 digits with spaces, dashes,
/// slashes or parentheses between them, not part of a word or a longer number.
pub fn phones(chars: &[char]) -> Vec<PhoneHit> {
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let starts = (chars[i] == '0' || (chars[i] == '+' && i + 1 < n && digit(chars[i + 1])))
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '+'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_digit = i;
        let mut seps = 0;
        while j < n
            && (digit(chars[j])
                || chars[j].is_whitespace()
                || matches!(chars[j], '-' | '/' | '.' | '(' | ')'))
        {
            if digit(chars[j]) {
                last_digit = j;
                seps = 0;
            } else {
                seps += 1;
                if seps > 3 {
                    break;
                }
            }
            j += 1;
        }
        let end = last_digit + 1;
        let text: String = chars[i..end].iter().collect();
        let count = text.chars().filter(char::is_ascii_digit).count();
        let bounded = end == n || !chars[end].is_alphanumeric();
        if (7..=15).contains(&count) && bounded {
            out.push(PhoneHit {
                start: i,
                end,
                digits: phone_digits(&text),
            });
            i = end;
        } else {
            // Nothing in this run is a number of its own (a shorter one would end at
            // a digit of it): go on after it.
            i = end.max(i + 1);
        }
    }
    out
}

/// An e-mail address in text: where, and the address in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailHit {
    pub start: usize,
    pub end: usize,
    pub address: String,
}

/// E-mail addresses: a local part, `@`, a domain with at least one dot.
pub fn emails(chars: &[char]) -> Vec<EmailHit> {
    let local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let domain = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let mut start = at;
        while start > 0 && local(chars[start - 1]) {
            start -= 1;
        }
        // Quotes and dots around an address are not part of it.
        while start < at && matches!(chars[start], '\'' | '.') {
            start += 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain(chars[end]) {
            end += 1;
        }
        while end > at + 1 && chars[end - 1] == '.' {
            end -= 1; // a full stop after the address ends the sentence
        }
        let dom: String = chars[at + 1..end].iter().collect();
        if start < at && dom.contains('.') && !dom.starts_with('.') {
            let address: String = chars[start..end].iter().collect();
            out.push(EmailHit {
                start,
                end,
                address: address.to_lowercase(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
    }

    fn found(text: &str) -> Vec<(String, bool)> {
        let original: Vec<char> = text.chars().collect();
        let (chars, origin) = cleaned(text);
        identity_numbers(&chars, today())
            .into_iter()
            .map(|h| {
                let (s, e) = (origin[h.start], origin[h.end - 1] + 1);
                (original[s..e].iter().collect(), h.valid)
            })
            .collect()
    }

    #[test]
    fn every_written_form_of_a_number_is_found() {
        for form in [
            "811218-9876",
            "8112189876",
            "19811218-9876",
            "198112189876",
            "811218 9876",
            "19811218 9876",
            "811218+9876",
            "811218 - 9876",
            "811218–9876",
            "19811218\u{a0}9876",
            "811218/9876",
        ] {
            let text = format!("Pappa ({form}) ringde.");
            assert_eq!(found(&text), vec![(form.to_owned(), true)], "{form}");
        }
    }

    #[test]
    fn samordningsnummer_and_wrong_check_digits_and_other_numbers() {
        assert_eq!(found("nr 701063-2391"), vec![("701063-2391".into(), true)]);
        assert_eq!(found("nr 811218-9875"), vec![("811218-9875".into(), false)]);
        // not dates, or part of a longer number
        assert!(found("order 123456-7890 och 9912345678901").is_empty());
        assert!(found("belopp 4500 kr den 2026-11-29").is_empty());
    }

    #[test]
    fn hidden_and_wide_characters_do_not_hide_a_number() {
        for form in [
            "8112\u{AD}18-9876",
            "811218\u{2060}-9876",
            "811218-98\u{200B}76",
            "811218\u{2012}9876",
            "811218\u{FF0D}9876",
            "\u{FF18}\u{FF11}\u{FF11}\u{FF12}\u{FF11}\u{FF18}-\u{FF19}\u{FF18}\u{FF17}\u{FF16}",
        ] {
            let (chars, origin) = cleaned(&format!("nr {form}."));
            let hits = identity_numbers(&chars, today());
            assert_eq!(hits.len(), 1, "{form}");
            assert!(hits[0].valid, "{form}");
            assert_eq!(origin[hits[0].start], 3, "{form}");
        }
    }

    #[test]
    fn phones_and_emails() {
        let t: Vec<char> = "Ring 070-123 45 67 eller +46 (0)8 123 456, mejla a.b@ex.se."
            .chars()
            .collect();
        let p = phones(&t);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].digits, "0701234567");
        assert_eq!(p[1].digits, "08123456");
        let e = emails(&t);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].address, "a.b@ex.se");
        assert!(phones(&"kl. 08.30 den 2026-11-29".chars().collect::<Vec<_>>()).is_empty());
        for written in [
            "070\u{a0}999\u{a0}88\u{a0}77",
            "070.999.88.77",
            "070 - 999 88 77",
        ] {
            let p = phones(&written.chars().collect::<Vec<_>>());
            assert_eq!(p.len(), 1, "{written}");
            assert_eq!(p[0].digits, "0709998877");
        }
        let quoted: Vec<char> = "'anna.berg@ex.se'".chars().collect();
        assert_eq!(emails(&quoted)[0].address, "anna.berg@ex.se");
    }
}
