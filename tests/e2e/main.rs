//! The real Akta app, driven through tauri-driver + WebKitWebDriver under Xvfb, on a
//! real encrypted store in a temp dir. Run by .ci/test (`--ignored`, one at a time).
//!
//! One file per story; each reads like the screens it walks through. What a screen is
//! made of (its selectors) and how to wait for it lives in `pages/`, one module per
//! screen; starting the app, making stores with the CLI, accessibility checks and the
//! personal-data scan live in `support/`. docs/TESTING.md says how a step waits so that
//! it does not race.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

#[path = "../webdriver.rs"]
mod webdriver;

mod pages;
mod support;

mod accessibility;
mod concern_report;
mod create_store;
mod data_protection_officer;
mod documents;
mod foster_home_lifecycle;
mod inbox;
mod investigation_report;
mod keyboard_unlock;
mod long_persons_list;
mod personakt;
mod profiles;
mod screenshots;
mod support_of_homes;
