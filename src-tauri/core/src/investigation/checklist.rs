//! What an investigation still lacks, and which register extracts are too old.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Item, ItemKind, Register};
use crate::foster_home::MemberRole;

/// Register extracts older than this at decision time are flagged (configurable in
/// settings).
pub const DEFAULT_EXTRACT_MAX_AGE_MONTHS: u32 = 3;
/// How many references an investigation needs.
pub const REFERENCES_NEEDED: usize = 2;

/// One thing missing.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(tag = "item", rename_all = "snake_case")]
#[ts(export)]
pub enum Missing {
    HomeVisit,
    InterviewAdult {
        #[ts(type = "number")]
        person_id: i64,
        name: String,
    },
    InterviewChild {
        #[ts(type = "number")]
        person_id: i64,
        name: String,
    },
    References {
        #[ts(type = "number")]
        have: i64,
        #[ts(type = "number")]
        need: i64,
    },
    RegisterExtract {
        #[ts(type = "number")]
        person_id: i64,
        name: String,
        register: Register,
    },
    BraFam,
    HealthDeclaration,
    SummaryAssessment,
}

/// A register extract older than allowed at the decision date.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct StaleExtract {
    #[ts(type = "number")]
    pub item_id: i64,
    pub name: String,
    pub register: Register,
    pub issued_on: NaiveDate,
}

/// The checklist at a date.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Checklist {
    /// Evaluated at this date (the decision date, or today while undecided).
    pub at: NaiveDate,
    pub missing: Vec<Missing>,
    pub stale_extracts: Vec<StaleExtract>,
    /// Nothing missing and no extract too old.
    pub complete: bool,
}

pub(super) fn evaluate(
    items: &[Item],
    members: &[(i64, String, MemberRole)],
    bra_fam_on: Option<NaiveDate>,
    health_on: Option<NaiveDate>,
    summary: Option<&str>,
    at: NaiveDate,
    max_age_months: u32,
) -> Checklist {
    let mut missing = Vec::new();
    let has = |kind: ItemKind, person: Option<i64>| {
        items
            .iter()
            .any(|i| i.kind == kind && (person.is_none() || i.person_id == person))
    };
    if !has(ItemKind::HomeVisit, None) {
        missing.push(Missing::HomeVisit);
    }
    for (id, name, role) in members {
        match role {
            MemberRole::Vuxen if !has(ItemKind::InterviewAdult, Some(*id)) => {
                missing.push(Missing::InterviewAdult {
                    person_id: *id,
                    name: name.clone(),
                })
            }
            MemberRole::EgetBarn if !has(ItemKind::InterviewChild, Some(*id)) => {
                missing.push(Missing::InterviewChild {
                    person_id: *id,
                    name: name.clone(),
                })
            }
            _ => {}
        }
    }
    let references = items
        .iter()
        .filter(|i| i.kind == ItemKind::Reference)
        .count();
    if references < REFERENCES_NEEDED {
        missing.push(Missing::References {
            have: references as i64,
            need: REFERENCES_NEEDED as i64,
        });
    }
    let oldest_allowed = at
        .checked_sub_months(Months::new(max_age_months))
        .unwrap_or(NaiveDate::MIN);
    let mut stale_extracts = Vec::new();
    for (id, name, role) in members {
        if *role != MemberRole::Vuxen {
            continue;
        }
        for register in Register::ALL {
            // The newest extract of this register for this adult counts.
            let newest = items
                .iter()
                .filter(|i| {
                    i.kind == ItemKind::RegisterExtract
                        && i.person_id == Some(*id)
                        && i.register == Some(register)
                })
                .max_by_key(|i| i.done_on);
            match newest {
                None => missing.push(Missing::RegisterExtract {
                    person_id: *id,
                    name: name.clone(),
                    register,
                }),
                Some(i) if i.done_on < oldest_allowed => stale_extracts.push(StaleExtract {
                    item_id: i.id,
                    name: name.clone(),
                    register,
                    issued_on: i.done_on,
                }),
                Some(_) => {}
            }
        }
    }
    if bra_fam_on.is_none() {
        missing.push(Missing::BraFam);
    }
    if health_on.is_none() {
        missing.push(Missing::HealthDeclaration);
    }
    if summary.is_none_or(|s| s.trim().is_empty()) {
        missing.push(Missing::SummaryAssessment);
    }
    let complete = missing.is_empty() && stale_extracts.is_empty();
    Checklist {
        at,
        missing,
        stale_extracts,
        complete,
    }
}
