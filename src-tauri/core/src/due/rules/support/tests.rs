//! The plan's due-date arithmetic (`crate::contact::progress::due_in_period`) by
//! property and on calendar edges, and the report's due day.
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use crate::contact::progress::next::{due_in_period, period_of};
use crate::contact::progress::{expected_so_far, Validity};
use crate::contact::{PlanLine, PlanPer};
use crate::report::YearMonth;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn line(times: u32, per: PlanPer) -> PlanLine {
    PlanLine {
        id: 1,
        home_id: 1,
        placement_id: None,
        kind: None,
        times,
        per,
        valid_from: d(2000, 1, 1),
        valid_to: None,
    }
}

fn always() -> Validity {
    Validity {
        from: d(2000, 1, 1),
        to: None,
    }
}

fn due(per: PlanPer, times: u32, day: NaiveDate, done: u32) -> Option<NaiveDate> {
    let period = period_of(per, day);
    due_in_period(times, period, period, done)
}

#[test]
fn a_weekly_line_runs_monday_to_sunday_across_the_year_end() {
    // Wednesday 30 December 2026 lies in the week of Monday 28 December – Sunday 3 January.
    let day = d(2026, 12, 30);
    assert_eq!(
        period_of(PlanPer::Week, day),
        (d(2026, 12, 28), d(2027, 1, 3))
    );
    assert_eq!(period_of(PlanPer::Week, d(2027, 1, 3)).0, d(2026, 12, 28));
    // Once a week: needed by Sunday; twice: by Thursday (day 4 of 7), then Sunday.
    assert_eq!(due(PlanPer::Week, 1, day, 0), Some(d(2027, 1, 3)));
    assert_eq!(due(PlanPer::Week, 2, day, 0), Some(d(2026, 12, 31)));
    assert_eq!(due(PlanPer::Week, 2, day, 1), Some(d(2027, 1, 3)));
    assert_eq!(due(PlanPer::Week, 2, day, 2), None);
}

#[test]
fn a_monthly_line_is_due_on_the_months_last_day_of_any_length() {
    for (y, m, last) in [(2026, 1, 31), (2026, 2, 28), (2028, 2, 29), (2026, 4, 30)] {
        assert_eq!(due(PlanPer::Month, 1, d(y, m, 10), 0), Some(d(y, m, last)));
    }
    // Twice in the leap February 2028 (29 days): by day 15, then the 29th.
    assert_eq!(
        due(PlanPer::Month, 2, d(2028, 2, 1), 0),
        Some(d(2028, 2, 15))
    );
    assert_eq!(
        due(PlanPer::Month, 2, d(2028, 2, 1), 1),
        Some(d(2028, 2, 29))
    );
    // Twice in February 2026 (28 days): by the 14th.
    assert_eq!(
        due(PlanPer::Month, 2, d(2026, 2, 1), 0),
        Some(d(2026, 2, 14))
    );
}

#[test]
fn a_line_starting_in_the_period_counts_from_its_first_day() {
    // Once a month from 16 November (30 days): the share of 15 days never makes a whole
    // contact, so nothing more is asked in November.
    let period = period_of(PlanPer::Month, d(2026, 11, 20));
    assert_eq!(
        due_in_period(1, period, (d(2026, 11, 16), d(2026, 11, 30)), 0),
        None
    );
    // Four a month from 16 November: one by day 8 of the line (23 November).
    assert_eq!(
        due_in_period(4, period, (d(2026, 11, 16), d(2026, 11, 30)), 0),
        Some(d(2026, 11, 23))
    );
}

#[test]
fn a_months_report_is_due_in_the_next_month() {
    let jan = YearMonth::of(d(2027, 1, 31));
    assert_eq!(super::reports::report_due(jan, 5), d(2027, 2, 5));
    assert_eq!(super::reports::report_due(jan.next(), 5), d(2027, 3, 5));
    let dec = YearMonth::of(d(2026, 12, 31));
    assert_eq!(super::reports::report_due(dec, 28), d(2027, 1, 28));
}

fn per_strategy() -> impl Strategy<Value = PlanPer> {
    prop_oneof![
        Just(PlanPer::Week),
        Just(PlanPer::Month),
        Just(PlanPer::Quarter),
        Just(PlanPer::Year),
    ]
}

proptest! {
    /// The due day is the first day of the period whose rounded-down expected count so
    /// far (as the progress arithmetic computes it) exceeds what was done; none when no
    /// day of the period does.
    #[test]
    fn the_due_day_is_the_first_day_the_expected_count_passes_what_was_done(
        per in per_strategy(),
        times in 1u32..=31,
        offset in 0u64..(366 * 8),
        done_extra in 0u32..40,
    ) {
        let day = d(2024, 1, 1) + Days::new(offset);
        let (start, end) = period_of(per, day);
        let done = done_extra % (times + 2);
        let l = line(times, per);
        let first = {
            let mut found = None;
            let mut k = start;
            while k <= end {
                if expected_so_far(&l, always(), start, k) > done {
                    found = Some(k);
                    break;
                }
                k = k + Days::new(1);
            }
            found
        };
        let p = u64::try_from((end - start).num_days() + 1).unwrap_or(0);
        prop_assert_eq!(due_in_period(times, (start, end), (start, end), done), first);
        // The closed form of the brief: start + ceil((done+1)·P/times) − 1.
        if let Some(f) = first {
            let k = (u64::from(done) + 1) * p;
            prop_assert_eq!(f, start + Days::new(k.div_ceil(u64::from(times)) - 1));
        } else {
            prop_assert!(done >= times);
        }
    }
}
