//! A calendar month (`YYYY-MM`), the period a monthly report covers.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Reason, Result};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first: NaiveDate,
}

impl YearMonth {
    /// The month of `year` and `month` (1–12), if it is one.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        if !(2000..=2200).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| YearMonth { first })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            first: day.with_day(1).unwrap_or(day),
        }
    }

    /// Reads `YYYY-MM` exactly (the CLI's `--month`, the UI's month picker); anything
    /// else is refused as `field`: format.
    pub fn parse(field: &str, text: &str) -> Result<YearMonth> {
        let t = text.trim();
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 7 || b[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(Error::invalid(field, Reason::Format));
        }
        let year: i32 = t[..4]
            .parse()
            .map_err(|_| Error::invalid(field, Reason::Format))?;
        let month: u32 = t[5..]
            .parse()
            .map_err(|_| Error::invalid(field, Reason::Format))?;
        YearMonth::new(year, month).ok_or_else(|| Error::invalid(field, Reason::Date))
    }

    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The month's last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first.pred_opt().unwrap_or(self.first)
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        let (y, m) = (self.first.year(), self.first.month());
        let first = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        };
        YearMonth {
            first: first.unwrap_or(self.first),
        }
    }

    /// The month before this one.
    pub fn previous(self) -> YearMonth {
        YearMonth::of(self.first.pred_opt().unwrap_or(self.first))
    }

    /// The Swedish name of the month with its year ("november 2026").
    pub fn sv(self) -> String {
        const NAMES: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        let name = NAMES
            .get(self.first.month0() as usize)
            .copied()
            .unwrap_or("");
        format!("{name} {}", self.first.year())
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.first.year(), self.first.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_month_is_read_exactly_and_knows_its_days() {
        let m = YearMonth::parse("month", "2024-02").unwrap();
        assert_eq!(m.first_day(), d("2024-02-01"));
        assert_eq!(m.last_day(), d("2024-02-29"));
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.sv(), "februari 2024");
        let dec = YearMonth::parse("month", "2026-12").unwrap();
        assert_eq!(dec.last_day(), d("2026-12-31"));
        assert_eq!(dec.next().to_string(), "2027-01");
        assert_eq!(YearMonth::of(d("2027-01-15")).previous(), dec);
    }

    #[test]
    fn anything_but_yyyy_mm_is_refused_naming_the_field() {
        for bad in [
            "2026-13", "2026-00", "26-11", "2026/11", "2026-1", "", "november",
        ] {
            let e = YearMonth::parse("month", bad).unwrap_err();
            assert_eq!(e.fields()[0].field, "month", "{bad}");
        }
    }
}
