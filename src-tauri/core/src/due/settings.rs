//! The clocks of the computed bevakningar: each rule's interval, as the agency sets it
//! (`Settings::due`). Defaults follow the trade's practice named in docs/FOLLOW-UPS.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validate::Problems;

/// When each computed bevakning falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DueSettings {
    /// A month's report is due on this day of the next month (1–28).
    pub report_day: u32,
    /// An adult's register check is renewed this many months after the last one (1–60).
    pub register_check_months: u32,
    /// The health declaration is renewed this many months after the last one (0: not
    /// renewed; up to 120).
    pub health_declaration_months: u32,
    /// Training below the year's target is due on this month and day (`MM-DD`).
    pub training_deadline: String,
    /// An agreement shows this many days before it ends (1–365).
    pub agreement_notice_days: u32,
    /// An investigation is due after this many months open (1–24).
    pub investigation_months: u32,
    /// A file shows this many days before it is purged (1–365).
    pub purge_notice_days: u32,
    /// A hand-over offered this many days ago without an answer is due (1–365).
    pub handover_answer_days: u32,
}

impl Default for DueSettings {
    fn default() -> Self {
        DueSettings {
            report_day: 5,
            register_check_months: 12,
            health_declaration_months: 36,
            training_deadline: "10-01".to_owned(),
            agreement_notice_days: 60,
            investigation_months: 3,
            purge_notice_days: 30,
            handover_answer_days: 30,
        }
    }
}

impl DueSettings {
    /// The training deadline of `year` (`MM-DD` of the setting; 29 February in a common
    /// year is the 28th).
    pub fn training_deadline_in(&self, year: i32) -> Option<chrono::NaiveDate> {
        let (m, d) = parse_month_day(&self.training_deadline)?;
        chrono::NaiveDate::from_ymd_opt(year, m, d)
            .or_else(|| chrono::NaiveDate::from_ymd_opt(year, m, d - 1))
    }

    /// Every refusal in `p`, fields `due_<name>`.
    pub(crate) fn check(&self, p: &mut Problems) {
        use crate::error::Reason::Format;
        let ranges: [(&str, u32, std::ops::RangeInclusive<u32>); 7] = [
            ("due_report_day", self.report_day, 1..=28),
            (
                "due_register_check_months",
                self.register_check_months,
                1..=60,
            ),
            (
                "due_health_declaration_months",
                self.health_declaration_months,
                0..=120,
            ),
            (
                "due_agreement_notice_days",
                self.agreement_notice_days,
                1..=365,
            ),
            (
                "due_investigation_months",
                self.investigation_months,
                1..=24,
            ),
            ("due_purge_notice_days", self.purge_notice_days, 1..=365),
            (
                "due_handover_answer_days",
                self.handover_answer_days,
                1..=365,
            ),
        ];
        for (field, value, range) in ranges {
            if !range.contains(&value) {
                p.push(field, Format);
            }
        }
        if parse_month_day(&self.training_deadline).is_none() {
            p.push("due_training_deadline", Format);
        }
    }
}

/// `MM-DD` as a month and a day that some year has.
fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_days_are_checked_and_leap_days_fall_back() {
        let mut s = DueSettings::default();
        assert_eq!(
            s.training_deadline_in(2026),
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1)
        );
        s.training_deadline = "02-29".into();
        assert_eq!(
            s.training_deadline_in(2027),
            chrono::NaiveDate::from_ymd_opt(2027, 2, 28)
        );
        assert_eq!(
            s.training_deadline_in(2028),
            chrono::NaiveDate::from_ymd_opt(2028, 2, 29)
        );
        for bad in ["13-01", "02-30", "1-01", "", "10/01", "10-1"] {
            s.training_deadline = bad.into();
            let mut p = Problems::new();
            s.check(&mut p);
            assert!(p.finish().is_err(), "{bad}");
        }
    }
}
