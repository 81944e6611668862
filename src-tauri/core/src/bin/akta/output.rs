//! Small helpers every area shares: printing (`--json` output, closed-set names, yes/no)
//! and reading flag values (closed-set names, dates, values that must not be blank).

use std::io::Write;
use std::path::Path;

use akta_core::error::{Error, Reason};

/// Prints any serialisable value as pretty JSON on stdout (the `--json` outputs).
pub(crate) fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| Error::Internal(e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// Prints a benchmark's figures: as pretty JSON (`--json`), else as the Markdown
/// `markdown` writes of them.
#[cfg(feature = "bench")]
pub(crate) fn print_figures<T: serde::Serialize>(
    json: bool,
    figures: &T,
    markdown: impl FnOnce(&T) -> String,
) -> Result<(), Error> {
    if json {
        print_json(figures)
    } else {
        print!("{}", markdown(figures));
        Ok(())
    }
}

/// Writes the PDF `make` makes at `out`, a new file (refused by `out`), and says so.
/// The place is checked before `make` runs (a future does nothing until awaited), so
/// a refused place makes, records and audits nothing.
pub(crate) async fn write_pdf(
    out: &Path,
    make: impl std::future::Future<Output = Result<Vec<u8>, Error>>,
) -> Result<(), Error> {
    akta_core::files::check_new(out, "out")?;
    let bytes = make.await?;
    akta_core::files::write_new_atomically(out, &bytes, "out")?;
    println!("wrote {}", out.display());
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
