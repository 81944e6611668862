//! Contacts with active homes (kontakter): a contact is a journal entry of the home's
//! file with structure beside it (kind, time, length, who took part, themes), so it is
//! drafted, signed, amended, objected to, searched, purged and erased exactly like every
//! other entry. The agreed contact plans (per home or per placement) and what was done
//! against them in a month and a year.

mod kinds;

pub use kinds::{ContactKind, ParticipantRole, PlanPer};
