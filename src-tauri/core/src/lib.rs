//! Akta's core: domain, encrypted store, crypto and the `akta` command-line tool.
//! It has no window in it; the Tauri app is a thin shell over it.

pub mod access;
pub mod agreement;
pub mod audit;
pub mod backup;
#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "bench")]
pub mod bench_backup;
#[cfg(feature = "bench")]
pub mod bench_documents;
#[cfg(feature = "bench")]
pub mod bench_due;
#[cfg(feature = "bench")]
pub mod bench_extract;
#[cfg(feature = "bench")]
pub mod bench_persons;
#[cfg(feature = "bench")]
pub mod bench_report;
#[cfg(feature = "bench")]
pub mod bench_reports;
#[cfg(feature = "bench")]
pub mod bench_retention;
#[cfg(feature = "bench")]
pub mod bench_search;
#[cfg(feature = "bench")]
pub mod bench_text;
#[cfg(feature = "bench")]
pub mod bench_written;
pub mod catalogue;
pub mod concern;
pub mod consent;
pub mod contact;
pub mod crypto;
pub mod demo;
mod demo_documents;
mod demo_due;
mod demo_support;
mod demo_written;
pub mod document;
pub mod due;
pub mod error;
pub mod file_name;
pub mod files;
pub mod foster_home;
pub mod interest;
pub mod investigation;
pub mod investigation_report;
pub mod journal;
pub mod label;
pub mod logs;
pub mod organisation;
pub mod pdf;
pub mod person;
pub mod placement;
pub mod report;
pub mod retention;
pub mod rights;
pub mod session;
pub mod settings;
pub mod store;
pub mod survey;
pub mod training;
pub mod transfer;
pub mod user;
pub mod validate;

pub use error::{Error, ErrorCode, Result, UiError};

/// Today's date on this device (its local time zone: the caseworker's).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
