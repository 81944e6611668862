//! Drafting, saving, signing and reading versions of the written report. Each call is
//! one transaction; every refusal names its field and writes nothing.

use chrono::NaiveDate;

use super::{InvestigationReport, ReportSave, ReportVersion};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::user::Actor;

/// The open draft of investigation `investigation_id`'s report, made if there is none:
/// from the method's template (version 1), or from the last signed version's text (the
/// next version). Its facts are drawn from the store.
pub async fn draft(
    _store: &Store,
    _actor: &Actor,
    _investigation_id: i64,
    _today: NaiveDate,
) -> Result<InvestigationReport> {
    Err(Error::Internal("not built yet".into()))
}

/// One version, audited as a read; a draft's facts are current.
pub async fn get(
    _store: &Store,
    _actor: &Actor,
    _id: i64,
    _today: NaiveDate,
) -> Result<InvestigationReport> {
    Err(Error::Internal("not built yet".into()))
}

/// The versions of an investigation's report, oldest first.
pub async fn for_investigation(
    _store: &Store,
    _actor: &Actor,
    _investigation_id: i64,
) -> Result<Vec<ReportVersion>> {
    Err(Error::Internal("not built yet".into()))
}

/// Saves what `input` gives of a draft (its author only) and draws its facts again.
pub async fn save(
    _store: &Store,
    _actor: &Actor,
    _id: i64,
    _input: &ReportSave,
    _today: NaiveDate,
) -> Result<InvestigationReport> {
    Err(Error::Internal("not built yet".into()))
}

/// Signs a draft (its author only), freezing its facts and cover.
pub async fn sign(
    _store: &Store,
    _actor: &Actor,
    _id: i64,
    _justification: Option<&str>,
    _today: NaiveDate,
) -> Result<InvestigationReport> {
    Err(Error::Internal("not built yet".into()))
}
