//! The closed sets of retention's records: why a file is held, and how a municipality
//! answered a hand-over offer. Stored as their snake_case names.

use serde::{Deserialize, Serialize};

/// Why a legal hold keeps a file past its retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    /// A complaint that is being handled.
    Complaint,
    /// A case at the Inspectorate (IVO).
    Ivo,
    /// A hold set by hand, with its reason.
    Manual,
}

impl crate::label::SwedishLabel for HoldKind {
    fn sv(self) -> &'static str {
        match self {
            HoldKind::Complaint => "klagomål",
            HoldKind::Ivo => "IVO-ärende",
            HoldKind::Manual => "spärr",
        }
    }
}

/// The placing municipality's answer to a hand-over offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverDecision {
    /// The municipality has received the file.
    Confirmed,
    /// The municipality does not want it.
    Declined,
}

impl crate::label::SwedishLabel for HandoverDecision {
    fn sv(self) -> &'static str {
        match self {
            HandoverDecision::Confirmed => "mottagandet bekräftat",
            HandoverDecision::Declined => "avböjt",
        }
    }
}

/// Whether `stored` names a value of the set `T`.
pub fn is<T: serde::de::DeserializeOwned>(stored: &str) -> bool {
    serde_json::from_value::<T>(serde_json::Value::String(stored.to_owned())).is_ok()
}
