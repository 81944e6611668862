//! Small helpers every area shares: printing (`--json` output, closed-set names, yes/no)
//! and reading flag values (closed-set names, dates, values that must not be blank).

use std::io::Write;

use akta_core::error::{Error, Reason};

/// Prints any serialisable value as pretty JSON on stdout (the `--json` outputs).
pub(crate) fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| Error::Internal(e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// The name of a closed-set value (status, role, kind …) as `--json` prints it.
pub(crate) fn json_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Parses a closed-set value given on the command line by its JSON name.
pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(
    field: &str,
    value: &str,
) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_owned()))
        .map_err(|_| Error::invalid(field, Reason::Format))
}

pub(crate) fn parse_date(field: &str, value: &str) -> Result<chrono::NaiveDate, Error> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::invalid(field, Reason::Date))
}

/// A flag's value that must not be blank: a blank one is almost always a script's unset
/// variable.
pub(crate) fn non_blank(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the value is empty; omit the flag for a person without a number".into())
    } else {
        Ok(s.to_owned())
    }
}
