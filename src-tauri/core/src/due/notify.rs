//! The desktop notification's text (being written).
