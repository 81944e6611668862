//! Figures over several starts: each the median of its own values, so that one slow or
//! fast start (these machines are noisy) does not decide a target.

/// The median of `xs` (the lower middle one of an even count); `xs` must not be empty.
pub(crate) fn median<T: Copy + PartialOrd>(xs: impl IntoIterator<Item = T>) -> T {
    let mut v: Vec<T> = xs.into_iter().collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[(v.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_middle_value_whatever_the_order() {
        assert_eq!(median([5, 1, 3]), 3);
        assert_eq!(median([4.0, 1.0, 3.0, 2.0]), 2.0);
        assert_eq!(median([7]), 7);
    }
}
