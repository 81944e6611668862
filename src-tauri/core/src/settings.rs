//! Device settings kept beside the store (no personal data): readable while locked.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::store::{self, StoreDir};

/// Settings of this device's Akta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// Lock the store after this many minutes without input.
    pub auto_lock_minutes: u32,
    /// Register extracts older than this many months at decision time are flagged.
    #[serde(default = "default_extract_max_age")]
    pub extract_max_age_months: u32,
    /// A sent concern report whose receipt is not confirmed after this many days is due
    /// for a reminder.
    #[serde(default = "default_receipt_days")]
    pub concern_receipt_days: u32,
    /// A confirmed concern report with no feedback after this many days is due for a
    /// reminder.
    #[serde(default = "default_feedback_days")]
    pub concern_feedback_days: u32,
}

fn default_receipt_days() -> u32 {
    7
}

fn default_feedback_days() -> u32 {
    14
}

fn default_extract_max_age() -> u32 {
    crate::investigation::DEFAULT_EXTRACT_MAX_AGE_MONTHS
}

/// Default auto-lock: 15 minutes.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 15;
/// Accepted auto-lock range, in minutes.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            extract_max_age_months: default_extract_max_age(),
            concern_receipt_days: default_receipt_days(),
            concern_feedback_days: default_feedback_days(),
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<()> {
        let mut p = crate::validate::Problems::new();
        if !AUTO_LOCK_RANGE.contains(&self.auto_lock_minutes) {
            p.push("auto_lock_minutes", Reason::Format);
        }
        if !(1..=24).contains(&self.extract_max_age_months) {
            p.push("extract_max_age_months", Reason::Format);
        }
        if !(1..=90).contains(&self.concern_receipt_days) {
            p.push("concern_receipt_days", Reason::Format);
        }
        if !(1..=180).contains(&self.concern_feedback_days) {
            p.push("concern_feedback_days", Reason::Format);
        }
        p.finish()
    }

    /// The settings in `dir`, or the defaults when there are none (or they are unreadable).
    pub fn load(dir: &StoreDir) -> Settings {
        std::fs::read(dir.settings())
            .ok()
            .and_then(|b| serde_json::from_slice::<Settings>(&b).ok())
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default()
    }

    /// Saves valid settings; invalid ones are refused and the old file stays.
    pub fn save(&self, dir: &StoreDir) -> Result<()> {
        self.validate()?;
        std::fs::create_dir_all(dir.root())?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        store::replace_file(&dir.settings(), &bytes)
    }
}
