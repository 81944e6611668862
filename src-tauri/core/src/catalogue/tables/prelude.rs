//! What every table file uses: the column constructor, short names, and the SQL
//! conditions several tables share.

pub(super) use crate::audit::EntityKind;
pub(super) use crate::catalogue::Closed as K;
pub(super) use crate::catalogue::Show::{As, No, Party, Text as FreeText};
pub(super) use crate::catalogue::Value::*;
pub(super) use crate::catalogue::{Column, Erasure, Retention, Show, Table, Value};

pub(super) const fn c(name: &'static str, value: Value, show: Show) -> Column {
    Column { name, value, show }
}

/// The homes person `?1` is a member of.
macro_rules! homes_of_subject {
    () => {
        "(SELECT home_id FROM foster_home_members WHERE person_id = ?1)"
    };
}

/// The concern reports about person `?1`, or naming them as guardian.
macro_rules! reports_of_subject {
    () => {
        "(SELECT id FROM concern_reports WHERE child_id = ?1
          UNION SELECT report_id FROM concern_report_guardians WHERE person_id = ?1)"
    };
}

pub(super) const SOCIAL_SERVICES_LAW: &str = "Rättslig förpliktelse: dokumentationsskyldighet i socialtjänstlagen (11 kap. 5 § och 7 kap. 3 § SoL)";
