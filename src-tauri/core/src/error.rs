//! One error type for the core, and the one serialisable shape the UI and the CLI see.
//!
//! `message` is for logs and diagnostics and never carries personal data: no names,
//! numbers or free text of a data subject. The UI shows its own Swedish or English text
//! keyed by `code` (and `field`/`reason` for invalid input).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, as a closed set the UI acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A value the user gave is not acceptable; `field` and `reason` say which and why.
    InvalidInput,
    /// The thing asked for does not exist.
    NotFound,
    /// Wrong passphrase, wrong key, or the file is not an Akta database.
    WrongKey,
    /// The OS keychain cannot be reached, or holds no key for this store.
    KeychainUnavailable,
    /// No store exists at the chosen place.
    StoreNotFound,
    /// A store already exists at the chosen place.
    StoreExists,
    /// The store is locked: unlock it first.
    StoreLocked,
    /// Choose or create a user profile first.
    ProfileRequired,
    /// The working profile's role does not allow this (e.g. settings, profiles of the
    /// data-protection role, moving a whole store's data).
    NotPermitted,
    /// The person's data is restricted (Art. 18): nothing new may be written about them
    /// until the restriction is lifted.
    PersonRestricted,
    /// Another program holds the store; try again.
    StoreBusy,
    /// The store's files cannot be written.
    StoreReadOnly,
    /// The disk is full.
    DiskFull,
    /// The store was written by a newer version of Akta.
    SchemaTooNew,
    /// A file of the store (key file, metadata) is damaged or missing.
    StoreDamaged,
    /// The audit log's hash chain does not hold.
    AuditBroken,
    /// A file is already at the place the user chose to save to; nothing was
    /// overwritten.
    FileExists,
    /// The folder the user chose to save in does not exist or cannot be written.
    FolderUnavailable,
    /// Anything else; details are in the log.
    Internal,
}

/// Why a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Reason {
    /// The field must be filled in.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Shorter than allowed.
    TooShort,
    /// Not in an accepted format.
    Format,
    /// The check digit does not match.
    Checksum,
    /// Not a real calendar date.
    Date,
    /// A date in the future where that cannot be.
    Future,
    /// Another record already has this value.
    Duplicate,
    /// Contains characters that are not allowed (control characters).
    Characters,
    /// Not allowed in the current state (e.g. an illegal lifecycle move).
    NotAllowed,
    /// Refers to something that does not exist.
    Unknown,
    /// A file that is a program or a script (refused as a document).
    Executable,
    /// A file of a kind Akta does not take (e.g. a spreadsheet, an archive, an old
    /// Word file).
    FileType,
}

impl Reason {
    /// A short English description for logs and the CLI.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Required => "is required",
            Reason::TooLong => "is too long",
            Reason::TooShort => "is too short",
            Reason::Format => "is not in an accepted format",
            Reason::Checksum => "has a wrong check digit",
            Reason::Date => "is not a real date",
            Reason::Future => "lies in the future",
            Reason::Duplicate => "is already registered",
            Reason::Characters => "contains characters that are not allowed",
            Reason::NotAllowed => "is not allowed now",
            Reason::Unknown => "refers to something that does not exist",
            Reason::Executable => "is a program or a script",
            Reason::FileType => "is of a kind that cannot be added",
        }
    }
}

/// One refused value: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// The field's stable name (`personal_number`, `given_name`, …), also the UI's key.
    pub field: String,
    pub reason: Reason,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.reason.describe())
    }
}

fn join_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The core's error. Every variant maps to one [`ErrorCode`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more refused values (never empty), in the order of the form.
    #[error("invalid input: {}", join_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("wrong passphrase or key, or the file is not an Akta database")]
    WrongKey,
    #[error("the OS keychain is unavailable or holds no key for this store: {0}")]
    KeychainUnavailable(String),
    #[error("no store at the chosen place")]
    StoreNotFound,
    #[error("a store already exists at the chosen place")]
    StoreExists,
    #[error("the store is locked")]
    StoreLocked,
    #[error("no user profile is chosen")]
    ProfileRequired,
    /// The name of the permission the profile's role lacks.
    #[error("the profile's role does not allow: {0}")]
    NotPermitted(&'static str),
    #[error("the person's data is restricted (no new processing)")]
    PersonRestricted,
    #[error("the store is busy (another program holds it)")]
    StoreBusy,
    #[error("the store cannot be written (read-only)")]
    StoreReadOnly,
    #[error("the disk is full")]
    DiskFull,
    #[error("the store's schema (version {found}) is newer than this program knows ({known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("the store is damaged: {0}")]
    StoreDamaged(&'static str),
    #[error("the audit log's chain is broken at event {0}")]
    AuditBroken(i64),
    #[error("a file already exists at the chosen place")]
    FileExists,
    #[error("the chosen folder does not exist or cannot be written")]
    FolderUnavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

/// Shorthand for results of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an invalid-input error about one field.
    pub fn invalid(field: &str, reason: Reason) -> Self {
        Error::Invalid(vec![FieldError {
            field: field.to_owned(),
            reason,
        }])
    }

    /// The refused fields, if this is an invalid-input error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Invalid(f) => f,
            _ => &[],
        }
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::WrongKey => ErrorCode::WrongKey,
            Error::KeychainUnavailable(_) => ErrorCode::KeychainUnavailable,
            Error::StoreNotFound => ErrorCode::StoreNotFound,
            Error::StoreExists => ErrorCode::StoreExists,
            Error::StoreLocked => ErrorCode::StoreLocked,
            Error::ProfileRequired => ErrorCode::ProfileRequired,
            Error::NotPermitted(_) => ErrorCode::NotPermitted,
            Error::PersonRestricted => ErrorCode::PersonRestricted,
            Error::StoreBusy => ErrorCode::StoreBusy,
            Error::StoreReadOnly => ErrorCode::StoreReadOnly,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::StoreDamaged(_) => ErrorCode::StoreDamaged,
            Error::AuditBroken(_) => ErrorCode::AuditBroken,
            Error::FileExists => ErrorCode::FileExists,
            Error::FolderUnavailable => ErrorCode::FolderUnavailable,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The shape sent to the UI and printed by `--json`.
    pub fn to_ui(&self) -> UiError {
        UiError {
            code: self.code(),
            message: self.to_string(),
            fields: self.fields().to_vec(),
        }
    }
}

/// The one error shape the UI receives: `{ code, message, fields }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UiError {
    pub code: ErrorCode,
    /// For logs only; never personal data. The UI shows its translation of `code`.
    pub message: String,
    /// For `invalid_input`: every refused field, in form order; otherwise empty.
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        e.to_ui()
    }
}

/// SQLite's primary result codes that a user can act on.
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_READONLY: i32 = 8;
const SQLITE_FULL: i32 = 13;
const SQLITE_NOTADB: i32 = 26;

/// SQLite's primary result code of a database error (the extended code's low byte).
pub(crate) fn sqlite_primary_code(e: &sqlx::Error) -> Option<i32> {
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .map(|c| c & 0xff),
        _ => None,
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        let primary = sqlite_primary_code(&e);
        match &e {
            sqlx::Error::Database(db) => {
                match primary {
                    Some(SQLITE_BUSY) | Some(SQLITE_LOCKED) => Error::StoreBusy,
                    Some(SQLITE_READONLY) => Error::StoreReadOnly,
                    Some(SQLITE_FULL) => Error::DiskFull,
                    Some(SQLITE_NOTADB) => Error::WrongKey,
                    // Constraint messages name tables and columns, never values.
                    _ => Error::Internal(format!("database: {}", db.message())),
                }
            }
            sqlx::Error::RowNotFound => Error::NotFound("row"),
            sqlx::Error::PoolTimedOut => Error::StoreBusy,
            sqlx::Error::Io(io) => Error::from_io(io),
            // Other sqlx errors (decode, protocol) carry no values of ours.
            other => Error::Internal(format!("database: {other}")),
        }
    }
}

impl Error {
    /// Maps an I/O error to the storage failures a user can act on.
    pub fn from_io(io: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        if held_by_another_program(io) {
            return Error::StoreBusy;
        }
        match io.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::StoreReadOnly,
            ErrorKind::StorageFull => Error::DiskFull,
            kind => Error::Internal(format!("i/o: {kind}")),
        }
    }
}

/// Windows only: another program has the file open without sharing it
/// (`ERROR_SHARING_VIOLATION`, 32) or holds a lock on part of it (`ERROR_LOCK_VIOLATION`,
/// 33), as a sync client or a virus scanner may for a moment. Unix has no such locks
/// (the same numbers mean other things there).
fn held_by_another_program(io: &std::io::Error) -> bool {
    cfg!(windows) && matches!(io.raw_os_error(), Some(32 | 33))
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::from_io(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_error_json_shape_is_pinned() {
        let e = Error::invalid("personnummer", Reason::Checksum).to_ui();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_input",
                "message": "invalid input: personnummer has a wrong check digit",
                "fields": [{ "field": "personnummer", "reason": "checksum" }]
            })
        );
        let e = Error::WrongKey.to_ui();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "wrong_key");
        assert_eq!(json["fields"], serde_json::json!([]));
    }
}
