//! Swedish personnummer and samordningsnummer.
//!
//! Accepted input: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN` and
//! `YYMMDD+NNNN` (`+`: the person is 100 or older). Stored as 12 digits with century.
//! The check digit is Luhn over the 10-digit form; the date must be a real calendar
//! date, not in the future; a samordningsnummer has the day plus 60.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Reason;
use crate::validate::luhn_ok;

/// Which kind of identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum NumberKind {
    Personnummer,
    Samordningsnummer,
}

/// A valid personnummer or samordningsnummer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalNumber {
    digits: String,
    kind: NumberKind,
    birth_date: NaiveDate,
}

impl PersonalNumber {
    /// Parses `input`; `today` resolves the century of the 10-digit forms.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, Reason> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Reason::Required);
        }
        let b = s.as_bytes();
        let all_digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
        // (century digits if given, yymmdd, serial4, centenarian separator)
        let (century, yymmdd, last4, plus) = match b.len() {
            12 if all_digits(b) => (Some(&s[0..2]), &s[2..8], &s[8..12], false),
            13 if b[8] == b'-' && all_digits(&b[..8]) && all_digits(&b[9..]) => {
                (Some(&s[0..2]), &s[2..8], &s[9..13], false)
            }
            10 if all_digits(b) => (None, &s[0..6], &s[6..10], false),
            11 if (b[6] == b'-' || b[6] == b'+') && all_digits(&b[..6]) && all_digits(&b[7..]) => {
                (None, &s[0..6], &s[7..11], b[6] == b'+')
            }
            _ => return Err(Reason::Format),
        };
        let num = |x: &str| x.parse::<u32>().map_err(|_| Reason::Format);
        let yy = num(&yymmdd[0..2])?;
        let mm = num(&yymmdd[2..4])?;
        let raw_day = num(&yymmdd[4..6])?;
        let (kind, day) = if raw_day > 60 {
            (NumberKind::Samordningsnummer, raw_day - 60)
        } else {
            (NumberKind::Personnummer, raw_day)
        };
        let year = match century {
            Some(c) => (num(c)? * 100 + yy) as i32,
            None => {
                // The latest century in which the date is not after today; `+` adds 100 years.
                let mut y = (today.year() / 100) * 100 + yy as i32;
                let fits = |y: i32| match NaiveDate::from_ymd_opt(y, mm, day) {
                    Some(d) => d <= today,
                    None => y <= today.year(),
                };
                if !fits(y) {
                    y -= 100;
                }
                if plus {
                    y -= 100;
                }
                y
            }
        };
        let birth_date = NaiveDate::from_ymd_opt(year, mm, day).ok_or(Reason::Date)?;
        let ten = format!("{yymmdd}{last4}");
        if !luhn_ok(&ten) {
            return Err(Reason::Checksum);
        }
        if birth_date > today {
            return Err(Reason::Future);
        }
        Ok(PersonalNumber {
            digits: format!("{:04}{mm:02}{raw_day:02}{last4}", year),
            kind,
            birth_date,
        })
    }

    /// The 12 digits with century, as stored.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    pub fn kind(&self) -> NumberKind {
        self.kind
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// `YYYYMMDD-NNNN`.
    pub fn display(&self) -> String {
        format_personal_number(&self.digits)
    }
}

/// The birth date in 12 stored digits (`YYYYMMDDNNNN`; a samordningsnummer has the day
/// plus 60), or `None` for anything else.
pub fn birth_date_of(digits: &str) -> Option<NaiveDate> {
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = digits[0..4].parse::<i32>().ok()?;
    let month = digits[4..6].parse::<u32>().ok()?;
    let raw_day = digits[6..8].parse::<u32>().ok()?;
    let day = if raw_day > 60 { raw_day - 60 } else { raw_day };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Age in whole years on `today` of someone born on `born` (`None` before birth). A
/// year is counted as the rights deadlines count months: someone born on 29 February
/// turns a year older on 28 February in a year without that day.
pub fn age_on(born: NaiveDate, today: NaiveDate) -> Option<u32> {
    if today < born {
        return None;
    }
    let years = u32::try_from(today.year() - born.year()).ok()?;
    let anniversary = |y: u32| {
        born.checked_add_months(chrono::Months::new(y.saturating_mul(12)))
            .unwrap_or(NaiveDate::MAX)
    };
    Some(if anniversary(years) > today {
        years.saturating_sub(1)
    } else {
        years
    })
}

/// Formats 12 stored digits as `YYYYMMDD-NNNN` (anything else is returned unchanged).
pub fn format_personal_number(digits: &str) -> String {
    if digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}", &digits[..8], &digits[8..])
    } else {
        digits.to_owned()
    }
}

/// The ways people write a number stored as 12 digits (`YYYYMMDDNNNN`) in free text:
/// with and without the century, joined by `-`, `+`, a space, a no-break space, a dash
/// between spaces, a slash, or nothing. Every one of them is a form the register
/// extract withholds.
pub fn written_forms(digits: &str) -> Vec<String> {
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let (c, d, n) = (&digits[..2], &digits[2..8], &digits[8..]);
    vec![
        format!("{d}-{n}"),
        format!("{d}{n}"),
        format!("{c}{d}-{n}"),
        format!("{c}{d}{n}"),
        format!("{d} {n}"),
        format!("{c}{d} {n}"),
        format!("{d}+{n}"),
        format!("{d} – {n}"),
        format!("{c}{d}\u{a0}{n}"),
        format!("{c}{d}/{n}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }
    fn p(s: &str) -> Result<PersonalNumber, Reason> {
        PersonalNumber::parse(s, today())
    }

    #[test]
    fn accepts_every_written_form_of_the_same_number() {
        for form in [
            "19811218-9876",
            "198112189876",
            "811218-9876",
            "8112189876",
            " 811218-9876 ",
        ] {
            let n = p(form).unwrap();
            assert_eq!(n.digits(), "198112189876", "{form}");
            assert_eq!(n.kind(), NumberKind::Personnummer);
            assert_eq!(n.display(), "19811218-9876");
        }
    }

    #[test]
    fn plus_means_a_hundred_years_or_older() {
        let n = p("811218+9876").unwrap();
        assert_eq!(n.digits(), "188112189876");
        assert_eq!(
            n.birth_date(),
            NaiveDate::from_ymd_opt(1881, 12, 18).unwrap()
        );
    }

    #[test]
    fn short_form_picks_the_latest_century_not_in_the_future() {
        // 2012-12-12 is in the past → 20xx; 271123 would be in the future → 1927.
        let ten = |nine: &str| format!("{nine}{}", crate::validate::luhn_check_digit(nine));
        let n = p(&ten("121212123")).unwrap();
        assert!(n.digits().starts_with("2012"));
        let n = p(&ten("271123123")).unwrap();
        assert!(n.digits().starts_with("1927"));
        // Born today: allowed.
        let n = p(&ten("261123123")).unwrap();
        assert!(n.digits().starts_with("2026"));
        // Tomorrow with full century: future.
        let s = ten("261124123");
        assert_eq!(p(&format!("20{s}")).unwrap_err(), Reason::Future);
    }

    #[test]
    fn samordningsnummer_has_day_plus_sixty() {
        let nine = "701063238";
        let s = format!("{nine}{}", crate::validate::luhn_check_digit(nine));
        let n = p(&s).unwrap();
        assert_eq!(n.kind(), NumberKind::Samordningsnummer);
        assert_eq!(
            n.birth_date(),
            NaiveDate::from_ymd_opt(1970, 10, 3).unwrap()
        );
        assert_eq!(n.digits(), format!("19{s}"));
        // Day 60 + 32 does not exist.
        let nine = "701092238";
        let s = format!("{nine}{}", crate::validate::luhn_check_digit(nine));
        assert_eq!(p(&s).unwrap_err(), Reason::Date);
    }

    #[test]
    fn refuses_bad_input_with_its_reason() {
        assert_eq!(p("").unwrap_err(), Reason::Required);
        assert_eq!(p("811218-9875").unwrap_err(), Reason::Checksum);
        assert_eq!(p("811318-9876").unwrap_err(), Reason::Date);
        assert_eq!(p("19810230-1234").unwrap_err(), Reason::Date);
        for bad in [
            "abc",
            "811218--9876",
            "811218 9876",
            "8112189876123",
            "19811218+9876",
            "811218/9876",
        ] {
            assert_eq!(p(bad).unwrap_err(), Reason::Format, "{bad}");
        }
    }

    #[test]
    fn birth_date_of_stored_digits_takes_sixty_off_a_samordningsnummer_day() {
        assert_eq!(
            birth_date_of("198112189876"),
            NaiveDate::from_ymd_opt(1981, 12, 18)
        );
        assert_eq!(
            birth_date_of("197010632384"),
            NaiveDate::from_ymd_opt(1970, 10, 3)
        );
        assert_eq!(birth_date_of("19701092238x"), None);
        assert_eq!(birth_date_of("19810230123"), None);
        assert_eq!(birth_date_of("198102301234"), None);
    }

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let born = d(2012, 4, 27);
        assert_eq!(age_on(born, d(2026, 4, 26)), Some(13));
        assert_eq!(age_on(born, d(2026, 4, 27)), Some(14));
        assert_eq!(age_on(born, d(2026, 4, 28)), Some(14));
        assert_eq!(age_on(born, born), Some(0));
        assert_eq!(age_on(born, d(2012, 4, 26)), None);
        // Born on a leap day: a year older on 28 February when there is no 29th.
        let leap = d(2008, 2, 29);
        assert_eq!(age_on(leap, d(2026, 2, 27)), Some(17));
        assert_eq!(age_on(leap, d(2026, 2, 28)), Some(18));
        assert_eq!(age_on(leap, d(2028, 2, 28)), Some(19));
        assert_eq!(age_on(leap, d(2028, 2, 29)), Some(20));
    }

    #[test]
    fn leap_days() {
        let nine = "000229123";
        let s = format!("{nine}{}", crate::validate::luhn_check_digit(nine));
        assert_eq!(
            p(&s).unwrap().birth_date(),
            NaiveDate::from_ymd_opt(2000, 2, 29).unwrap()
        );
        let nine = "010229123";
        let s = format!("{nine}{}", crate::validate::luhn_check_digit(nine));
        assert_eq!(p(&s).unwrap_err(), Reason::Date);
    }
}
