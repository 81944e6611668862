//! Names and words that put the withholding rules to the test, for generated test data
//! (the rules' own property tests and the store-level ones): å ä ö é ü, hyphenated and
//! double names, names that are also Swedish words ("Dag", "Rut", "Love", "Ek"), the
//! Turkish `İ` and `Ş`, `ß`, a Vietnamese name with two marks on one letter; and filler
//! words of a caseworker's note, with emoji (one a ZWJ sequence).

pub const GIVEN_NAMES: &[&str] = &[
    "Åsa",
    "Örjan",
    "Änglika",
    "José",
    "Anna-Karin",
    "Per Olof",
    "Dag",
    "Rut",
    "İlknur",
    "Siv",
    "Love",
    "Björn",
    "Zoë",
    "Märta",
    "Nils-Erik",
    "Tuğba",
    "Jürgen",
    "Solveig",
];

pub const FAMILY_NAMES: &[&str] = &[
    "Öberg",
    "Strauß",
    "Ågren",
    "Lindén",
    "Nyström-Ali",
    "Şahin",
    "Björk",
    "Dahl",
    "Berg Holm",
    "Kühn",
    "Åkesson",
    "Ek",
    "Nguyễn",
    "Ståhl",
    "Weiß",
];

pub const WORDS: &[&str] = &[
    "hembesök",
    "varje",
    "dag",
    "kom",
    "och",
    "barnet",
    "skolan",
    "mår",
    "bra",
    "i",
    "samtal",
    "med",
    "om",
    "😊",
    "öppen",
    "kväll",
    "love",
    "rut",
    "björk",
    "siv",
    "ek",
    "👨‍👩‍👧",
    "umgänge",
    "läxor",
    "fotboll",
    "ringde",
    "träffade",
];

/// What joins two pieces of generated text.
pub const JOINS: &[&str] = &[" ", ". ", ", ", "\n", " (", ": "];

/// A valid number (12 digits) for a birth date (day 1–28, so every month has it) and a
/// three-digit serial; a samordningsnummer adds 60 to the day.
pub fn number(year: u32, month: u32, day: u32, serial: u32, samordning: bool) -> String {
    let day = day.clamp(1, 28) + if samordning { 60 } else { 0 };
    let nine = format!(
        "{:02}{:02}{day:02}{:03}",
        year % 100,
        month.clamp(1, 12),
        serial % 1000
    );
    let check = crate::validate::luhn_check_digit(&nine);
    format!("{:02}{nine}{check}", year / 100)
}
