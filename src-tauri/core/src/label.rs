//! Swedish labels of closed sets, for documents a person receives (the register extract,
//! the access log in it). Each enum names its label in an exhaustive `match`, so a new
//! variant without a label does not build; the catalogue names which set a column holds
//! (`Value::Closed`).

use serde::de::DeserializeOwned;

/// An enum whose variants have Swedish labels.
pub trait SwedishLabel: Copy + DeserializeOwned {
    /// The label, in lower case unless a name.
    fn sv(self) -> &'static str;

    /// The label of a stored value (as serde names it), if it is one of the set.
    fn sv_of(stored: &str) -> Option<&'static str> {
        serde_json::from_value::<Self>(serde_json::Value::String(stored.to_owned()))
            .ok()
            .map(Self::sv)
    }
}

/// A label as it begins a line or a value in a document: its first letter in upper case
/// ("aktivt" → "Aktivt").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_letter_is_made_upper_case() {
        assert_eq!(capitalised("ändrad"), "Ändrad");
        assert_eq!(capitalised(""), "");
        assert_eq!(capitalised("PRIDE"), "PRIDE");
    }
}
