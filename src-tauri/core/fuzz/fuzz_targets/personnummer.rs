//! The personnummer / samordningsnummer parser on any text: it never panics, and what
//! it accepts survives its own written forms (12 digits, `YYYYMMDD-NNNN`) unchanged.
#![no_main]

use akta_core::person::PersonalNumber;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 27) else {
        return;
    };
    if let Ok(n) = PersonalNumber::parse(text, today) {
        assert_eq!(n.digits().len(), 12);
        assert!(n.birth_date() <= today, "born after today: {text:?}");
        for form in [n.digits().to_owned(), n.display()] {
            let again = PersonalNumber::parse(&form, today).expect("a written form is refused");
            assert_eq!(again, n, "{text:?} → {form:?}");
        }
    }
});
