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
