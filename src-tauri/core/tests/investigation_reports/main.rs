//! The written familjehemsutredning (issue 18), one test binary: drafting from the
//! template with the facts in sync (`drafting`), signing and versions (`signing`), the
//! PDF read back with pdftotext (`pdf`), the register extract and erasure (`privacy`),
//! retention, transfer, audit and the demo (`records`), no personal data in errors or
//! logs (`leaks`) and the command line (`cli`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

#[path = "../common.rs"]
mod common;
mod privacy_world;
mod world;

mod cli;
mod drafting;
mod leaks;
mod pdf;
mod privacy;
mod records;
mod signing;
