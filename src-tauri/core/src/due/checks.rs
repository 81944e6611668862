//! Renewals of an approved home's evidence (being written).
