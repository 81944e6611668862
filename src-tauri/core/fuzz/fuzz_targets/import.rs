//! The whole-store transfer document check (`akta import` runs it before it writes) on
//! any bytes: it never panics, and every refusal names at least one field.
#![no_main]

use akta_core::transfer::check_document;
use akta_core::Error;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 27) else {
        return;
    };
    match check_document(data, today) {
        Ok(_) => {}
        Err(Error::Invalid(fields)) => assert!(!fields.is_empty()),
        Err(other) => panic!("a document is refused with {other:?}, not the fields"),
    }
});
