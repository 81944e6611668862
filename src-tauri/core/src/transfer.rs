//! Moving a whole store's data in and out as one JSON document (`akta export --json`,
//! `akta import FILE.json`): migration from other systems and hand-over between
//! devices. The format is versioned and documented in docs/TRANSFER.md; its tables and
//! columns are the catalogue's ([`crate::catalogue`]).
//!
//! Import checks everything before anything stays: every row is checked on its own
//! (types, dates, numbers, references, the person registry's rules) and then written in
//! one transaction, each row under a savepoint so that the schema's own constraints
//! report every refused row too. Any refusal rolls the whole transaction back, and the
//! error names each record (`persons[3]`, its place in the file's array) and field.
//!
//! A store with documents is moved in a sealed transfer file ([`sealed`]): the JSON
//! document and each document's encrypted file, sealed with age. The JSON holds each
//! document's key, so it is never written in plain text ([`to_json`] refuses).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::error::{Error, Reason, Result};

mod check;
mod export;
mod import;
mod sealed;
pub use check::check_document;
pub use export::{export, holds_documents, stamp, to_json};
pub use import::import;
pub use sealed::{export_sealed, import_sealed, is_sealed, SealedExport, SEALED_MAGIC};

/// The `format` field of every transfer document.
pub const FORMAT: &str = "akta-transfer";
/// The version of the document's shape this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// At most this many refusals are reported (the count of all is in the last one).
pub const MAX_REPORTED: usize = 100;
/// The largest document `import` reads: it is checked whole in memory before anything
/// is written (about five times its size while parsed), so a larger one is refused
/// before it is read. 512 MiB holds about 500,000 journal entries.
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a transfer document from `path`: a missing file is `file` unknown, one over
/// `MAX_DOCUMENT_BYTES` is `file` too long, without reading it.
pub fn read_document(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid("file", Reason::Unknown),
        _ => Error::from_io(&e),
    };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::invalid("file", Reason::TooLong));
    }
    std::fs::read(path).map_err(io)
}

/// A whole store's data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransferFile {
    pub format: String,
    pub format_version: u32,
    /// The schema version of the store that wrote it.
    pub schema_version: i64,
    pub exported_at: DateTime<Utc>,
    /// Per catalogue table, its rows as objects keyed by column name.
    pub tables: Map<String, Json>,
}

/// What an import wrote.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImportReport {
    /// New rows per table.
    pub added: BTreeMap<String, u64>,
    /// Rows that were already in the store (same personnummer, organisationsnummer,
    /// profile name or processing code) and were used as they are.
    pub matched: BTreeMap<String, u64>,
}

impl ImportReport {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }
}
