//! What the stories need besides the screens: the app started on a store, stores made
//! by the CLI, accessibility checks, the personal-data scan and reading saved files.

pub mod a11y;
pub mod app;
pub mod cli;
pub mod files;
pub mod privacy;

pub use app::{App, PASS};
