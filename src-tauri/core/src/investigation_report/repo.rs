//! Reading report versions and their sections.
