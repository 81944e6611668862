//! The plan arithmetic on calendar edges, by example and by property.
use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn line(times: u32, per: PlanPer, from: NaiveDate, to: Option<NaiveDate>) -> PlanLine {
    PlanLine {
        id: 1,
        home_id: 1,
        placement_id: None,
        kind: None,
        times,
        per,
        valid_from: from,
        valid_to: to,
    }
}

fn always() -> Validity {
    Validity {
        from: d(1900, 1, 1),
        to: None,
    }
}

#[test]
fn a_whole_calendar_period_asks_for_exactly_its_times_whatever_its_length() {
    for (from, to) in [
        (d(2024, 2, 1), d(2024, 2, 29)),
        (d(2023, 2, 1), d(2023, 2, 28)),
        (d(2024, 11, 1), d(2024, 11, 30)),
        (d(2024, 12, 1), d(2024, 12, 31)),
    ] {
        assert_eq!(share(PlanPer::Month, 3, from, to), Share::new(3, 1));
    }
    assert_eq!(
        share(PlanPer::Quarter, 2, d(2024, 1, 1), d(2024, 3, 31)),
        Share::new(2, 1)
    );
    assert_eq!(
        share(PlanPer::Year, 2, d(2024, 1, 1), d(2024, 12, 31)),
        Share::new(2, 1)
    );
    assert_eq!(
        share(PlanPer::Month, 1, d(2023, 1, 1), d(2024, 12, 31)),
        Share::new(24, 1)
    );
    assert_eq!(
        share(PlanPer::Week, 1, d(2023, 2, 1), d(2023, 2, 28)),
        Share::new(4, 1)
    );
    assert_eq!(
        share(PlanPer::Week, 1, d(2024, 1, 1), d(2024, 12, 31)),
        Share::new(366, 7)
    );
}

#[test]
fn a_line_starting_mid_month_asks_for_its_share_of_that_month() {
    let l = line(1, PlanPer::Month, d(2024, 11, 16), None);
    let v = Validity {
        from: l.valid_from,
        to: l.valid_to,
    };
    assert_eq!(
        share_in(&l, v, d(2024, 11, 1), d(2024, 11, 30)),
        Share::new(1, 2)
    );
    assert_eq!(expected(&l, v, d(2024, 11, 1), d(2024, 11, 30)), 1);
    assert_eq!(expected_so_far(&l, v, d(2024, 11, 1), d(2024, 11, 30)), 0);
    // From the 17th: 14/30, rounded to none.
    let l = line(1, PlanPer::Month, d(2024, 11, 17), None);
    let v = Validity {
        from: l.valid_from,
        to: None,
    };
    assert_eq!(expected(&l, v, d(2024, 11, 1), d(2024, 11, 30)), 0);
    // Ended on 29 February of a leap year: all of February.
    let l = line(2, PlanPer::Month, d(2024, 1, 10), Some(d(2024, 2, 29)));
    let v = Validity {
        from: l.valid_from,
        to: l.valid_to,
    };
    assert_eq!(expected(&l, v, d(2024, 2, 1), d(2024, 2, 29)), 2);
    assert_eq!(expected(&l, v, d(2024, 3, 1), d(2024, 3, 31)), 0);
}

#[test]
fn so_far_is_rounded_down_and_whole_ranges_to_nearest() {
    let l = line(4, PlanPer::Month, d(2020, 1, 1), None);
    // 15 of 30 days of November: 2 exactly; 14 days: 1.87.
    assert_eq!(
        expected_so_far(&l, always(), d(2024, 11, 1), d(2024, 11, 15)),
        2
    );
    assert_eq!(
        expected_so_far(&l, always(), d(2024, 11, 1), d(2024, 11, 14)),
        1
    );
    assert_eq!(expected(&l, always(), d(2024, 11, 1), d(2024, 11, 14)), 2);
    // A week a line in November: 30/7 = 4.29.
    let w = line(1, PlanPer::Week, d(2020, 1, 1), None);
    assert_eq!(expected(&w, always(), d(2024, 11, 1), d(2024, 11, 30)), 4);
    assert_eq!(expected(&w, always(), d(2024, 12, 1), d(2024, 12, 31)), 4);
}

#[test]
fn months_of_every_length_are_found() {
    assert_eq!(month_of(d(2024, 2, 10)), (d(2024, 2, 1), d(2024, 2, 29)));
    assert_eq!(month_of(d(2023, 2, 28)), (d(2023, 2, 1), d(2023, 2, 28)));
    assert_eq!(month_of(d(2024, 12, 31)), (d(2024, 12, 1), d(2024, 12, 31)));
    assert_eq!(
        calendar_period(PlanPer::Quarter, d(2024, 8, 31)),
        (d(2024, 7, 1), d(2024, 9, 30))
    );
}

#[test]
fn nothing_is_expected_outside_the_validity() {
    let l = line(5, PlanPer::Week, d(2024, 3, 1), Some(d(2024, 3, 31)));
    let v = Validity {
        from: l.valid_from,
        to: l.valid_to,
    };
    assert_eq!(expected(&l, v, d(2024, 4, 1), d(2024, 4, 30)), 0);
    assert_eq!(expected(&l, v, d(2024, 1, 1), d(2024, 2, 29)), 0);
    // A placement that ended before the line began: an empty span.
    let ended = v.within(Validity {
        from: d(2023, 1, 1),
        to: Some(d(2024, 2, 1)),
    });
    assert_eq!(ended.clip(d(2000, 1, 1), d(2100, 1, 1)), None);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(366 * 8)).prop_map(|n| d(2020, 1, 1) + chrono::Duration::days(n))
}

fn any_per() -> impl Strategy<Value = PlanPer> {
    prop_oneof![
        Just(PlanPer::Week),
        Just(PlanPer::Month),
        Just(PlanPer::Quarter),
        Just(PlanPer::Year)
    ]
}

proptest! {
    #[test]
    fn splitting_a_range_anywhere_keeps_the_exact_sum(
        per in any_per(), times in 1u32..=31, a in any_date(), len in 0i64..900, cut in 0i64..900
    ) {
        let b = a + chrono::Duration::days(len);
        let mid = a + chrono::Duration::days(cut.min(len));
        let whole = share(per, times, a, b);
        let split = share(per, times, a, mid)
            + share(per, times, mid + chrono::Duration::days(1), b);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn a_longer_range_never_asks_for_less(
        per in any_per(), times in 1u32..=31, a in any_date(), len in 0i64..500, more in 0i64..500
    ) {
        let b = a + chrono::Duration::days(len);
        let c = b + chrono::Duration::days(more);
        prop_assert!(share(per, times, a, b).to_f64() <= share(per, times, a, c).to_f64());
        prop_assert!(expected_so_far(&line(times, per, a, None), always(), a, b)
            <= expected(&line(times, per, a, None), always(), a, b));
    }

    #[test]
    fn every_whole_month_of_a_monthly_line_asks_for_its_times(
        times in 1u32..=31, day in any_date()
    ) {
        let (from, to) = month_of(day);
        prop_assert_eq!(share(PlanPer::Month, times, from, to), Share::new(u64::from(times), 1));
        // A day's share never exceeds times / 28.
        let one = share(PlanPer::Month, times, day, day);
        prop_assert!(one.to_f64() <= f64::from(times) / 28.0 + 1e-12);
    }

    #[test]
    fn the_validity_clips_like_an_intersection(
        a in any_date(), len in 0i64..400, vf in any_date(), vlen in 0i64..400
    ) {
        let b = a + chrono::Duration::days(len);
        let v = Validity { from: vf, to: Some(vf + chrono::Duration::days(vlen)) };
        let l = line(2, PlanPer::Month, vf, v.to);
        let clipped = share_in(&l, v, a, b);
        let by_hand = match (a.max(vf), b.min(vf + chrono::Duration::days(vlen))) {
            (x, y) if x <= y => share(PlanPer::Month, 2, x, y),
            _ => Share::ZERO,
        };
        prop_assert_eq!(clipped, by_hand);
    }
}
