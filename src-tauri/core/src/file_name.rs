//! File names that Windows refuses or treats as something else. Akta writes a new file
//! only under a name that every system it runs on accepts as an ordinary file, so an
//! export made on one device can be copied to another, or to a Windows share, whole.
//!
//! Windows refuses the characters `< > : " / \ | ? *` and control characters in a name,
//! drops a trailing space or period (the file would be created under another name), and
//! reads the device names `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`
//! (also `COM¹²³`/`LPT¹²³`, any case, with any extension: `nul.pdf`) as devices: a
//! "file" written there goes nowhere, or to a printer.

use std::ffi::OsStr;
use std::path::Path;

use crate::error::{Error, Reason, Result};

/// Refuses, as `field`, a path that names no file (`..`, `/`: format) or whose name
/// Windows would not keep ([`windows_refuses`]). Used wherever Akta writes a new file.
pub fn check(path: &Path, field: &str) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid(field, Reason::Format))?;
    match windows_refuses(name) {
        Some(reason) => Err(Error::invalid(field, reason)),
        None => Ok(()),
    }
}

/// Why Windows would not keep `name` (one path component) as an ordinary file, or
/// `None` when it would: [`Reason::Characters`] for a character it forbids (a trailing
/// space or period included), [`Reason::Format`] for a device name, an empty name, or
/// one that is not valid Unicode (which cannot be written on Windows).
pub fn windows_refuses(name: &OsStr) -> Option<Reason> {
    let Some(name) = name.to_str() else {
        return Some(Reason::Format);
    };
    if name.is_empty() {
        return Some(Reason::Format);
    }
    if name.chars().any(|c| {
        c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
    }) {
        return Some(Reason::Characters);
    }
    if name.ends_with(' ') || name.ends_with('.') {
        return Some(Reason::Characters);
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if is_device_name(stem) {
        return Some(Reason::Format);
    }
    None
}

fn is_device_name(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    if matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL") {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: String = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && rest.chars().count() == 1
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refused(name: &str) -> bool {
        windows_refuses(OsStr::new(name)).is_some()
    }

    #[test]
    fn ordinary_names_are_kept() {
        for name in [
            "registerutdrag-2026-11-30.pdf",
            "Utdrag för Åsa Öberg.pdf",
            "dokument-12.docx",
            ".akta.db.tmp",
            "CONSOLE.pdf",
            "com10.txt",
            "lpt.txt",
            "nulla.pdf",
            "a..b",
        ] {
            assert!(!refused(name), "{name}");
        }
    }

    #[test]
    fn what_windows_forbids_is_refused() {
        for name in [
            "",
            "a:b.pdf",
            "a<b",
            "a>b",
            "a\"b",
            "a|b",
            "a?b",
            "a*b",
            "a\\b",
            "a/b",
            "tab\there",
            "slut.",
            "slut ",
            "CON",
            "con.pdf",
            "Nul.tar.gz",
            "aux",
            "PRN.json",
            "COM1",
            "lpt9.pdf",
            "COM¹.txt",
            "nul .pdf",
            "COM0",
        ] {
            assert!(refused(name), "{name:?}");
        }
    }

    proptest! {
        /// Any name of letters (any script), digits, spaces, dashes and inner periods
        /// that does not end in a space or period and is not a device name is kept, and
        /// adding any forbidden character anywhere makes it refused.
        #[test]
        fn the_rule_holds_for_generated_names(
            base in "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,40}[\\p{L}\\p{N}]",
            bad in prop::sample::select(vec!['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\u{0}', '\u{1f}', '\n']),
            at in 0usize..40,
        ) {
            let stem = base.split('.').next().unwrap_or("").trim_end_matches(' ').to_ascii_uppercase();
            prop_assume!(!is_device_name(&stem));
            prop_assert!(windows_refuses(OsStr::new(&base)).is_none(), "{base:?}");
            let mut with: Vec<char> = base.chars().collect();
            with.insert(at.min(with.len()), bad);
            let with: String = with.into_iter().collect();
            prop_assert!(windows_refuses(OsStr::new(&with)).is_some(), "{with:?}");
        }

        /// Every device name is refused whatever its case and extension.
        #[test]
        fn device_names_in_any_case(
            dev in prop::sample::select(vec!["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt³"]),
            upper in prop::collection::vec(any::<bool>(), 4),
            ext in "(\\.[a-z]{1,4}){0,2}",
        ) {
            let name: String = dev
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, u)| if *u { c.to_ascii_uppercase() } else { c })
                .collect::<String>()
                + &ext;
            prop_assert!(windows_refuses(OsStr::new(&name)).is_some(), "{name:?}");
        }
    }
}
