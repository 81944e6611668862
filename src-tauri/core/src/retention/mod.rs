//! Retention enforced on the device: the rules (anchor event and period per category),
//! legal holds, a preview that changes nothing, and a run that purges each due file in
//! its own transaction and leaves a receipt without personal data.
//!
//! Files: a **home file** (the foster home, its members, history, investigations,
//! journal, interest notices taken up into it, placements in it, its documents) is due
//! `period` after the home was closed. A **child file** (the child's journal, placements, concern
//! reports about the child, documents in the child's file) is due `period` after it
//! closed: when no placement is open, from the latest of the last placement's end, the
//! last journal entry's event date, the last concern report's change and the last
//! document's date. A file is due on that day (two years minus a day stays; on the day
//! it goes). Held files stay: an active legal hold on the home or on a
//! person in the file, an open data-subject request of such a person, and (for a home)
//! a child placed in it whose own file is not purged yet. After a file goes, persons
//! nothing else refers to go too, with their consents and processing links. A file's
//! documents go with it: their rows (which hold the only copies of their keys) in the
//! file's transaction, then, once that has committed, their encrypted files.

mod files;
mod handover;
mod holds;
pub mod kinds;
mod run;
mod survey;

pub use handover::{
    copies_folder, decide_handover, offer_handover, offer_saved, save_copies, save_handover,
    HandoverCopy, HandoverOffer, SavedHandover,
};
pub use holds::{add_hold, holds, lift_hold, HoldInput, LegalHold};
pub use run::{receipts, run};
pub use survey::{due_within, preview};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// Which kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    Home,
    Child,
}

/// A rule as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct RetentionRule {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub category: String,
    pub anchor: String,
    #[ts(type = "number")]
    pub period_months: i64,
    #[ts(type = "number")]
    pub period_days: i64,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

impl RetentionRule {
    /// The day a file anchored on `anchor` is due.
    pub fn due_on(&self, anchor: NaiveDate) -> NaiveDate {
        let months = u32::try_from(self.period_months).unwrap_or(0);
        let days = u64::try_from(self.period_days).unwrap_or(0);
        anchor
            .checked_add_months(Months::new(months))
            .and_then(|d| d.checked_add_days(Days::new(days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// A file the rules reach, with why it stays if it does.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct FileDue {
    pub rule: String,
    pub category: String,
    pub kind: FileKind,
    #[ts(type = "number")]
    pub id: i64,
    /// The home's name or the child's name: shown to the officer in the preview, never
    /// written to a receipt.
    pub label: String,
    pub anchor_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Rows of the file the purge would delete (the catalogue's `home_file` /
    /// `child_file`); the persons it leaves referenced by nothing go too, counted in
    /// the receipt apart.
    #[ts(type = "number")]
    pub rows: i64,
    /// Documents of the file among those rows (each with its encrypted file).
    #[ts(type = "number")]
    pub documents: i64,
    /// Why it stays (legal holds, open requests, child files); empty when it goes.
    pub holds: Vec<String>,
    /// For a placed child's file: the hand-over offer waiting for an answer, if any.
    #[ts(type = "number | null")]
    pub handover: Option<i64>,
    /// For a placed child's file: it must be offered to the municipality first.
    pub needs_handover: bool,
}

/// What a run would do on `as_of`, and what falls due in the year after.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Preview {
    pub as_of: NaiveDate,
    /// Due and not held: a run purges these.
    pub due: Vec<FileDue>,
    /// Due but held.
    pub held: Vec<FileDue>,
    /// Falling due within a year after `as_of` (for the dashboard and the chart).
    pub upcoming: Vec<FileDue>,
}

/// One line of a receipt: a rule and what it purged.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ReceiptLine {
    pub rule: String,
    pub category: String,
    #[ts(type = "number")]
    pub files: i64,
    /// Rows of the purged files (what the preview counted for them).
    #[ts(type = "number")]
    pub rows: i64,
    /// Persons (with their consents and links) that the purged files left referenced
    /// by nothing, and so went too. Receipts from before this count have 0.
    #[serde(default)]
    #[ts(type = "number")]
    pub persons: i64,
    /// Documents among the rows, whose keys and files went with them. Receipts from
    /// before documents have 0.
    #[serde(default)]
    #[ts(type = "number")]
    pub documents: i64,
}

/// What a run did. No names, numbers or text: rule ids, categories, counts, and a
/// SHA-256 per purged file (over the store id, the kind, the file's id and its anchor
/// date) that proves a given file went without saying whose it was.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Receipt {
    #[ts(type = "number")]
    pub id: i64,
    pub run_at: DateTime<Utc>,
    pub as_of: NaiveDate,
    pub lines: Vec<ReceiptLine>,
    pub file_hashes: Vec<String>,
}

/// Every rule.
pub async fn rules(store: &Store) -> Result<Vec<RetentionRule>> {
    let mut conn = store.pool().acquire().await?;
    rules_in(&mut conn).await
}

async fn rules_in(conn: &mut SqliteConnection) -> Result<Vec<RetentionRule>> {
    Ok(sqlx::query_as!(
        RetentionRule,
        r#"SELECT id AS "id!", code, category, anchor, period_months, period_days, description,
                  updated_at AS "updated_at: DateTime<Utc>"
           FROM retention_rules ORDER BY id"#
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Changes a rule's period (the data-protection role). Takes effect on the next run;
/// the preview shows its effect first. Audited.
pub async fn set_period(
    store: &Store,
    actor: &Actor,
    code: &str,
    months: i64,
    days: i64,
) -> Result<RetentionRule> {
    actor.require(Permission::ManageRetention)?;
    let mut p = crate::validate::Problems::new();
    if !(0..=1200).contains(&months) {
        p.push("period_months", Reason::NotAllowed);
    }
    if !(0..=36500).contains(&days) {
        p.push("period_days", Reason::NotAllowed);
    }
    if months == 0 && days == 0 {
        p.push("period_months", Reason::Required);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let now = Utc::now();
    let user = actor.user_id();
    let done = sqlx::query!(
        "UPDATE retention_rules SET period_months = ?, period_days = ?, updated_at = ?, updated_by = ?
         WHERE code = ? AND anchor <> 'on_request'",
        months,
        days,
        now,
        user,
        code
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("rule", Reason::Unknown));
    }
    let rule = rules_in(&mut tx)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or(Error::NotFound("rule"))?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::RetentionRule,
        Some(rule.id),
    )
    .await?;
    tx.commit().await?;
    Ok(rule)
}

fn rule<'a>(rules: &'a [RetentionRule], code: &str) -> Result<&'a RetentionRule> {
    rules
        .iter()
        .find(|r| r.code == code)
        .ok_or(Error::NotFound("retention rule"))
}
