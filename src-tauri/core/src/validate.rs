//! Checks shared by every form: text fields, the Luhn check digit, e-mail, phone,
//! postal code. Each refusal names its field and reason.

use crate::error::{Error, FieldError, Reason, Result};

/// Collects refusals over a whole form, so the user sees every problem at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the refusal of `r`, if any, and returns the value otherwise.
    pub fn check<T>(&mut self, r: std::result::Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, reason: Reason) {
        self.0.push(FieldError {
            field: field.to_owned(),
            reason,
        });
    }

    /// `Ok(())` when nothing was refused.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}

pub fn refuse(field: &str, reason: Reason) -> FieldError {
    FieldError {
        field: field.to_owned(),
        reason,
    }
}

/// An optional single-line text: trimmed, empty becomes `None`, at most `max` chars, no
/// control characters.
pub fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().any(char::is_control) {
        return Err(refuse(field, Reason::Characters));
    }
    if v.chars().count() > max {
        return Err(refuse(field, Reason::TooLong));
    }
    Ok(Some(v.to_owned()))
}

/// An optional free text of several lines (notes, reports): trimmed, empty becomes
/// `None`, at most `max` chars; line breaks and tabs are kept, other control characters
/// refused.
pub fn optional_multiline(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(refuse(field, Reason::Characters));
    }
    if v.chars().count() > max {
        return Err(refuse(field, Reason::TooLong));
    }
    Ok(Some(v.to_owned()))
}

/// A required free text (line breaks kept, other control characters refused).
pub fn required_multiline(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    optional_multiline(field, Some(value), max)?.ok_or_else(|| refuse(field, Reason::Required))
}

/// A required single-line text.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    optional_text(field, Some(value), max)?.ok_or_else(|| refuse(field, Reason::Required))
}

/// Luhn (mod 10) over a string of ASCII digits, weights 2,1,2,1… from the left, as
/// Swedish personnummer and organisationsnummer use for their 10-digit form.
pub fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            let w = if i % 2 == 0 { d * 2 } else { d };
            w / 10 + w % 10
        })
        .sum();
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && sum % 10 == 0
}

/// The check digit that completes nine digits.
pub fn luhn_check_digit(nine: &str) -> u8 {
    (0..=9u8)
        .find(|d| luhn_ok(&format!("{nine}{d}")))
        .unwrap_or(0)
}

/// An e-mail address: one `@`, something on both sides, a dot in the domain, no spaces.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, 254)? else {
        return Ok(None);
    };
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(Some(v))
    } else {
        Err(refuse(field, Reason::Format))
    }
}

/// A phone number: digits, spaces, `+ - ( )`, with 5 to 15 digits.
pub fn optional_phone(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, 30)? else {
        return Ok(None);
    };
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if allowed && (5..=15).contains(&digits) {
        Ok(Some(v))
    } else {
        Err(refuse(field, Reason::Format))
    }
}

/// A Swedish postal code, five digits, stored as `NNN NN`.
pub fn optional_postal_code(
    field: &str,
    value: Option<&str>,
) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, 10)? else {
        return Ok(None);
    };
    let digits: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(format!("{} {}", &digits[..3], &digits[3..])))
    } else {
        Err(refuse(field, Reason::Format))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_matches_known_numbers() {
        // Skatteverket's example 811218-9876 and Göteborgs kommun 212000-1355.
        assert!(luhn_ok("8112189876"));
        assert!(!luhn_ok("8112189875"));
        assert!(luhn_ok("2120001355"));
        assert_eq!(luhn_check_digit("811218987"), 6);
        assert!(!luhn_ok(""));
    }

    #[test]
    fn text_fields() {
        assert_eq!(required_text("f", "  Åsa ", 10).unwrap(), "Åsa");
        assert_eq!(
            required_text("f", "   ", 10).unwrap_err().reason,
            Reason::Required
        );
        assert_eq!(
            required_text("f", "a\u{0}b", 10).unwrap_err().reason,
            Reason::Characters
        );
        assert_eq!(
            required_text("f", "abcdef", 5).unwrap_err().reason,
            Reason::TooLong
        );
        assert_eq!(optional_text("f", Some(""), 5).unwrap(), None);
        assert_eq!(
            optional_multiline("f", Some(" rad 1\nrad 2 "), 20)
                .unwrap()
                .as_deref(),
            Some("rad 1\nrad 2")
        );
        assert_eq!(
            optional_multiline("f", Some("a\u{7}b"), 20)
                .unwrap_err()
                .reason,
            Reason::Characters
        );
        assert_eq!(
            optional_multiline("f", Some("abcdef"), 5)
                .unwrap_err()
                .reason,
            Reason::TooLong
        );
    }

    #[test]
    fn contact_fields() {
        assert!(optional_email("e", Some("anna.svensson@example.se"))
            .unwrap()
            .is_some());
        for bad in ["anna", "anna@", "@x.se", "a@b", "a b@x.se", "a@@x.se"] {
            assert_eq!(
                optional_email("e", Some(bad)).unwrap_err().reason,
                Reason::Format,
                "{bad}"
            );
        }
        assert!(optional_phone("p", Some("070-123 45 67"))
            .unwrap()
            .is_some());
        assert!(optional_phone("p", Some("+46 70 123 45 67"))
            .unwrap()
            .is_some());
        assert!(optional_phone("p", Some("ring mig")).is_err());
        assert_eq!(
            optional_postal_code("c", Some("41118")).unwrap().as_deref(),
            Some("411 18")
        );
        assert_eq!(
            optional_postal_code("c", Some("411 18"))
                .unwrap()
                .as_deref(),
            Some("411 18")
        );
        assert!(optional_postal_code("c", Some("4111")).is_err());
    }
}
