//! The organisationsnummer parser on any text: it never panics, and what it accepts
//! survives its own written form unchanged.
#![no_main]

use akta_core::organisation::{format_org_number, parse_org_number};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(digits) = parse_org_number(text) {
        assert_eq!(digits.len(), 10);
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        let shown = format_org_number(&digits);
        assert_eq!(parse_org_number(&shown).as_deref(), Ok(digits.as_str()), "{text:?} → {shown:?}");
    }
});
