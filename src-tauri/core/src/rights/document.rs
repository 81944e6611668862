//! The register extract as a document: the types its JSON carries (schema in
//! docs/EXTRACT.md) and the PDF lays out. Gathering (`extract`) and layout
//! (`extract_pdf`) both import them; neither imports the other.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::withhold::review::PassagePlace;

/// The `schema` field of every JSON extract.
pub const SCHEMA: &str = "akta-register-extract/1";

/// What stands in place of another person's data.
pub const WITHHELD_PARTY: &str = "[uppgift om annan person lämnas inte ut]";
/// What stands in place of a withheld passage of free text.
pub const WITHHELD_PASSAGE: &str = "[…]";

/// One value in the extract.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractField {
    /// The column, as in the catalogue (`given_name`, `text` …). The catalogue's own
    /// text, not a copy per value: a long file has hundreds of thousands of fields.
    #[ts(type = "string")]
    pub column: Cow<'static, str>,
    /// Its Swedish label (the catalogue's, as `column`).
    #[ts(type = "string")]
    pub label: Cow<'static, str>,
    pub value: String,
}

/// One record (a row of the store).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractRecord {
    pub fields: Vec<ExtractField>,
}

/// One part of the extract: the records of one table about the person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractSection {
    /// The table, as in the catalogue.
    pub table: String,
    pub title: String,
    pub category: String,
    pub records: Vec<ExtractRecord>,
}

/// One audit event about the person's data: who did what, when.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractAccess {
    pub at: String,
    pub who: String,
    pub action: String,
    pub what: String,
}

/// A processing the person's data serves, as the register of processing describes it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractPurpose {
    pub purpose: String,
    pub legal_basis: String,
    pub data_categories: String,
    pub recipients: String,
    pub retention: String,
}

/// What Art. 15(1) requires besides the data itself, in Swedish.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractInformation {
    pub purposes: Vec<ExtractPurpose>,
    pub categories: Vec<String>,
    pub recipients: Vec<String>,
    pub retention: Vec<String>,
    pub sources: Vec<String>,
    pub rights: Vec<String>,
    pub complaint: String,
    pub automated_decisions: String,
}

/// Who a document of a person's data is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Audience {
    /// The person themself (Art. 15): other persons' data withheld.
    Subject,
    /// The placing municipality's social services, taking over a child's file before
    /// it is purged: the whole file, nothing withheld.
    Municipality,
}

/// A document about the person (inkommen or upprättad) and what the extract does with
/// it: a copy included (in the folder beside the PDF, `<id>.<ext>`, with its SHA-256),
/// or withheld with the reason the data-protection officer gave (Art. 15(4)).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractDocument {
    /// The document's id in the store (the copy's file name).
    #[ts(type = "number")]
    pub id: i64,
    /// As the extract shows it (other persons' names withheld).
    pub title: String,
    /// "Inkommen" or "Upprättad".
    pub kind: String,
    /// The type's label ("Avtal", "Intyg" …).
    pub doc_type: String,
    /// The day it was received or drawn up.
    pub dated_on: NaiveDate,
    /// The sender or recipient, as the extract shows it.
    pub counterpart: Option<String>,
    pub included: bool,
    /// The copy's file name in the folder, when included.
    pub file: Option<String>,
    /// The SHA-256 of the copy (hex), when included.
    pub sha256: Option<String>,
    /// Why no copy is included.
    pub reason: Option<String>,
}

/// The whole extract.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct RegisterExtract {
    pub schema: String,
    pub audience: Audience,
    pub document_id: String,
    pub controller: String,
    pub generated_on: NaiveDate,
    pub subject_name: String,
    pub subject_number: Option<String>,
    pub sections: Vec<ExtractSection>,
    pub access_log: Vec<ExtractAccess>,
    pub information: ExtractInformation,
    /// The documents about the person and their copies (a register extract's only).
    #[serde(default)]
    pub documents: Vec<ExtractDocument>,
}

/// A withheld passage: its place and the reason (never the text).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct WithheldPlace {
    #[serde(flatten)]
    #[ts(flatten)]
    pub place: PassagePlace,
    pub title: String,
    pub label: String,
    pub reason: String,
}

/// What was made: the documents' ids and hashes (the bytes are the caller's to save).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractDocuments {
    pub document_id: String,
    #[ts(type = "number")]
    pub pages: u32,
    pub pdf_sha256: String,
    pub json_sha256: String,
    #[ts(type = "number")]
    pub withheld_passages: u32,
    /// Where each withheld passage is and why (never its text).
    pub withheld: Vec<WithheldPlace>,
    /// The documents about the person: each included copy (to be saved with
    /// `save_with_copies`) and each withheld one with its reason.
    pub documents: Vec<ExtractDocument>,
    #[ts(skip)]
    #[serde(skip)]
    pub pdf: Vec<u8>,
    #[ts(skip)]
    #[serde(skip)]
    pub json: Vec<u8>,
}
