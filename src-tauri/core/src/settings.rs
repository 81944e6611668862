//! Device settings kept beside the store (no personal data): readable while locked.
//! Besides the clocks, the agency the store belongs to (name, organisation number,
//! address, contact for questions): what a register extract's cover letter names. It
//! is the agency's data, not a data subject's, so the catalogue does not list it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::store::{self, StoreDir};

/// Settings of this device's Akta.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
    /// The agency's target of further-training occasions a year for each home (the
    /// trade association's standard asks for two).
    #[serde(default = "default_training_target")]
    pub training_target_per_year: u32,
    /// When each computed bevakning falls due (issue 17).
    #[serde(default)]
    pub due: crate::due::DueSettings,
    /// The agency, as letters to data subjects name it (filled in by the
    /// data-protection role; empty until then).
    #[serde(default)]
    pub agency: Agency,
}

/// The agency that answers for the store's data (the controller), as a register
/// extract's cover letter presents it. Every part is optional: the letter says plainly
/// which ones the agency has not filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Agency {
    /// The agency's name, e.g. "Familjehemsenheten, Socialförvaltningen i Mölndal".
    pub name: Option<String>,
    /// Organisationsnummer: 10 digits as saved; any written form (with or without the
    /// dash or the century "16") is accepted and checked (shape and check digit).
    pub org_number: Option<String>,
    /// Postal address, one or more lines.
    pub address: Option<String>,
    /// Where to turn with questions: a telephone number, an e-mail address, a few words.
    pub contact: Option<String>,
}

/// Longest agency name accepted, in characters.
pub const AGENCY_NAME_MAX: usize = 200;
/// Longest address or contact text accepted, in characters.
pub const AGENCY_TEXT_MAX: usize = 400;

impl Agency {
    /// The agency as saved: texts trimmed (empty ones left out), the organisation number
    /// as its 10 digits. Every refusal is in `p` (fields `agency_name`,
    /// `agency_org_number`, `agency_address`, `agency_contact`).
    fn checked(&self, p: &mut crate::validate::Problems) -> Agency {
        use crate::validate::{optional_multiline, optional_text, refuse};
        let name = p
            .check(optional_text(
                "agency_name",
                self.name.as_deref(),
                AGENCY_NAME_MAX,
            ))
            .flatten();
        let org_number = match self.org_number.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(n) => p.check(
                crate::organisation::parse_org_number(n)
                    .map_err(|r| refuse("agency_org_number", r)),
            ),
        };
        let address = p
            .check(optional_multiline(
                "agency_address",
                self.address.as_deref(),
                AGENCY_TEXT_MAX,
            ))
            .flatten();
        let contact = p
            .check(optional_multiline(
                "agency_contact",
                self.contact.as_deref(),
                AGENCY_TEXT_MAX,
            ))
            .flatten();
        Agency {
            name,
            org_number,
            address,
            contact,
        }
    }

    /// The organisation number as written (`NNNNNN-NNNN`), if filled in.
    pub fn org_number_display(&self) -> Option<String> {
        self.org_number
            .as_deref()
            .map(crate::organisation::format_org_number)
    }

    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self == &Agency::default()
    }
}

fn default_receipt_days() -> u32 {
    7
}

fn default_feedback_days() -> u32 {
    14
}

fn default_training_target() -> u32 {
    2
}

/// Accepted training targets, occasions a year.
pub const TRAINING_TARGET_RANGE: std::ops::RangeInclusive<u32> = 0..=52;

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
            training_target_per_year: default_training_target(),
            due: crate::due::DueSettings::default(),
            agency: Agency::default(),
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<()> {
        self.checked().map(|_| ())
    }

    /// The settings as they are saved (the agency's texts trimmed, its number as
    /// digits), or every refusal at once.
    pub fn checked(&self) -> Result<Settings> {
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
        if !TRAINING_TARGET_RANGE.contains(&self.training_target_per_year) {
            p.push("training_target_per_year", Reason::Format);
        }
        self.due.check(&mut p);
        let agency = self.agency.checked(&mut p);
        p.finish()?;
        Ok(Settings {
            agency,
            ..self.clone()
        })
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
        let checked = self.checked()?;
        std::fs::create_dir_all(dir.root())?;
        let bytes =
            serde_json::to_vec_pretty(&checked).map_err(|e| Error::Internal(e.to_string()))?;
        store::replace_file(&dir.settings(), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_agency(agency: Agency) -> Settings {
        Settings {
            agency,
            ..Settings::default()
        }
    }

    fn refused(agency: Agency) -> Vec<(String, Reason)> {
        match with_agency(agency).checked() {
            Err(Error::Invalid(fields)) => {
                fields.into_iter().map(|f| (f.field, f.reason)).collect()
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn the_agency_is_saved_trimmed_with_its_number_as_digits() {
        let s = with_agency(Agency {
            name: Some("  Familjehemsenheten  ".into()),
            org_number: Some("16212000-1355".into()),
            address: Some("Box 1\n431 21 Mölndal\n".into()),
            contact: Some(" ".into()),
        })
        .checked()
        .unwrap();
        assert_eq!(s.agency.name.as_deref(), Some("Familjehemsenheten"));
        assert_eq!(s.agency.org_number.as_deref(), Some("2120001355"));
        assert_eq!(
            s.agency.org_number_display().as_deref(),
            Some("212000-1355")
        );
        assert_eq!(s.agency.address.as_deref(), Some("Box 1\n431 21 Mölndal"));
        assert_eq!(s.agency.contact, None);
        assert!(Agency::default().is_empty());
    }

    #[test]
    fn a_wrong_organisation_number_is_refused_with_its_reason() {
        let number = |n: &str| {
            refused(Agency {
                org_number: Some(n.into()),
                ..Agency::default()
            })
        };
        assert_eq!(
            number("212000-1356"),
            vec![("agency_org_number".into(), Reason::Checksum)]
        );
        assert_eq!(
            number("21200-1355"),
            vec![("agency_org_number".into(), Reason::Format)]
        );
        // A personnummer is not an organisation number.
        assert_eq!(
            number("811218-9876"),
            vec![("agency_org_number".into(), Reason::Format)]
        );
        let all = refused(Agency {
            name: Some("a\u{7}b".into()),
            org_number: None,
            address: Some("x".repeat(AGENCY_TEXT_MAX + 1)),
            contact: Some("y".repeat(AGENCY_TEXT_MAX + 1)),
        });
        assert_eq!(
            all,
            vec![
                ("agency_name".into(), Reason::Characters),
                ("agency_address".into(), Reason::TooLong),
                ("agency_contact".into(), Reason::TooLong),
            ]
        );
    }

    #[test]
    fn settings_saved_before_the_agency_existed_still_load() {
        let old = r#"{"auto_lock_minutes":20,"extract_max_age_months":3,"concern_receipt_days":7,"concern_feedback_days":14}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        assert_eq!(s.auto_lock_minutes, 20);
        assert!(s.agency.is_empty());
        assert_eq!(s.training_target_per_year, 2);
    }

    #[test]
    fn the_training_target_is_zero_to_fifty_two_occasions_a_year() {
        for ok in [0, 2, 52] {
            let s = Settings {
                training_target_per_year: ok,
                ..Settings::default()
            };
            assert!(s.validate().is_ok(), "{ok}");
        }
        let s = Settings {
            training_target_per_year: 53,
            ..Settings::default()
        };
        match s.checked() {
            Err(Error::Invalid(f)) => {
                assert_eq!(f[0].field, "training_target_per_year");
                assert_eq!(f[0].reason, Reason::Format);
            }
            other => panic!("not refused: {other:?}"),
        }
    }
}
