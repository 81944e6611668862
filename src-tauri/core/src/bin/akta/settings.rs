//! The device's settings from the command line: `settings show`, `settings agency`
//! (the agency a register extract's cover letter names), `settings training-target` and
//! `settings due` (the clocks of the computed bevakningar). Reading needs no key (the
//! settings lie beside the store, with no personal data); changing them unlocks the
//! store and needs a profile allowed to manage settings.

use akta_core::due::DueSettings;
use akta_core::error::Error;
use akta_core::settings::{Agency, Settings};
use akta_core::store::StoreDir;
use akta_core::user::Permission;
use clap::Subcommand;

use crate::output::print_json;
use crate::store::with_actor;

#[derive(Subcommand)]
pub(crate) enum SettingsCommand {
    /// Show the settings.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the agency (name, organisation number, postal address, contact for
    /// questions) that register extracts' cover letters name. Each option given replaces
    /// that part; an empty value clears it; the others stay. Without options: shows it.
    /// Changing needs the data-protection role.
    Agency {
        #[arg(long)]
        name: Option<String>,
        /// Organisationsnummer, NNNNNN-NNNN (checked: shape and check digit).
        #[arg(long, value_name = "NUMBER")]
        org_number: Option<String>,
        /// Postal address; line breaks are kept.
        #[arg(long)]
        address: Option<String>,
        /// Where to turn with questions: telephone, e-mail, a few words.
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show or change the agency's target of further-training occasions a year per home
    /// (0–52; default 2). Changing needs the data-protection role.
    TrainingTarget {
        /// The new target; without it: shows it.
        #[arg(value_name = "N")]
        occasions: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Show or change when the computed bevakningar fall due (`akta due`). Each option
    /// given replaces that clock; the others stay. Changing needs the data-protection role.
    Due {
        /// A month's report is due on this day of the next month (1–28).
        #[arg(long, value_name = "DAY")]
        report_day: Option<u32>,
        /// Months between an adult's register checks (1–60).
        #[arg(long, value_name = "MONTHS")]
        register_check_months: Option<u32>,
        /// Months between health declarations (0: not renewed; up to 120).
        #[arg(long, value_name = "MONTHS")]
        health_declaration_months: Option<u32>,
        /// The day each year by which the training target is to be met (MM-DD).
        #[arg(long, value_name = "MM-DD")]
        training_deadline: Option<String>,
        /// Days before an agreement ends that it shows (1–365).
        #[arg(long, value_name = "DAYS")]
        agreement_notice_days: Option<u32>,
        /// Months an investigation may stay open before it shows (1–24).
        #[arg(long, value_name = "MONTHS")]
        investigation_months: Option<u32>,
        /// Days before a purge that the file shows (1–365).
        #[arg(long, value_name = "DAYS")]
        purge_notice_days: Option<u32>,
        /// Days a hand-over may wait for the municipality's answer (1–365).
        #[arg(long, value_name = "DAYS")]
        handover_answer_days: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) async fn settings_command(
    dir: &StoreDir,
    user_id: Option<i64>,
    command: SettingsCommand,
) -> Result<(), Error> {
    match command {
        SettingsCommand::Show { json } => {
            let s = Settings::load(dir);
            if json {
                return print_json(&s);
            }
            println!("auto-lock after:          {} minutes", s.auto_lock_minutes);
            println!(
                "extract max age:          {} months",
                s.extract_max_age_months
            );
            println!("concern receipt reminder: {} days", s.concern_receipt_days);
            println!(
                "concern feedback reminder: {} days",
                s.concern_feedback_days
            );
            println!(
                "training target:          {} occasions a year per home",
                s.training_target_per_year
            );
            print_due(&s.due);
            print_agency(&s.agency);
            Ok(())
        }
        SettingsCommand::Due {
            report_day,
            register_check_months,
            health_declaration_months,
            training_deadline,
            agreement_notice_days,
            investigation_months,
            purge_notice_days,
            handover_answer_days,
            json,
        } => {
            let settings = change_due(dir, user_id, |d| {
                let mut changed = false;
                let mut set = |slot: &mut u32, new: Option<u32>| {
                    if let Some(v) = new {
                        *slot = v;
                        changed = true;
                    }
                };
                set(&mut d.report_day, report_day);
                set(&mut d.register_check_months, register_check_months);
                set(&mut d.health_declaration_months, health_declaration_months);
                set(&mut d.agreement_notice_days, agreement_notice_days);
                set(&mut d.investigation_months, investigation_months);
                set(&mut d.purge_notice_days, purge_notice_days);
                set(&mut d.handover_answer_days, handover_answer_days);
                if let Some(t) = training_deadline {
                    d.training_deadline = t;
                    changed = true;
                }
                changed
            })
            .await?;
            if json {
                print_json(&settings.due)
            } else {
                print_due(&settings.due);
                Ok(())
            }
        }
        SettingsCommand::Agency {
            name,
            org_number,
            address,
            contact,
            json,
        } => {
            let changes =
                name.is_some() || org_number.is_some() || address.is_some() || contact.is_some();
            let mut settings = Settings::load(dir);
            if changes {
                let replace = |old: &mut Option<String>, new: Option<String>| {
                    if let Some(v) = new {
                        *old = Some(v);
                    }
                };
                let a = &mut settings.agency;
                replace(&mut a.name, name);
                replace(&mut a.org_number, org_number);
                replace(&mut a.address, address);
                replace(&mut a.contact, contact);
                // Checked before the store is unlocked: a wrong value changes nothing.
                settings = settings.checked()?;
                let to_save = settings.clone();
                with_actor(dir, user_id, async |store, actor| {
                    actor.require(Permission::ManageSettings)?;
                    to_save.save(store.dir())
                })
                .await?;
            }
            if json {
                print_json(&settings.agency)
            } else {
                print_agency(&settings.agency);
                Ok(())
            }
        }
        SettingsCommand::TrainingTarget { occasions, json } => {
            let mut settings = Settings::load(dir);
            if let Some(n) = occasions {
                settings.training_target_per_year = n;
                // Checked before the store is unlocked: a wrong value changes nothing.
                settings = settings.checked()?;
                let to_save = settings.clone();
                with_actor(dir, user_id, async |store, actor| {
                    actor.require(Permission::ManageSettings)?;
                    to_save.save(store.dir())
                })
                .await?;
            }
            if json {
                print_json(&serde_json::json!({
                    "training_target_per_year": settings.training_target_per_year
                }))
            } else {
                println!(
                    "training target: {} occasions a year per home",
                    settings.training_target_per_year
                );
                Ok(())
            }
        }
    }
}

/// Replaces the clocks given, checks them, and saves them (unlocking the store for the
/// permission) when anything changed.
async fn change_due(
    dir: &StoreDir,
    user_id: Option<i64>,
    change: impl FnOnce(&mut DueSettings) -> bool,
) -> Result<Settings, Error> {
    let mut settings = Settings::load(dir);
    if change(&mut settings.due) {
        // Checked before the store is unlocked: a wrong value changes nothing.
        settings = settings.checked()?;
        let to_save = settings.clone();
        with_actor(dir, user_id, async |store, actor| {
            actor.require(Permission::ManageSettings)?;
            to_save.save(store.dir())
        })
        .await?;
    }
    Ok(settings)
}

fn print_due(d: &DueSettings) {
    println!(
        "monthly report due on:    day {} of the next month",
        d.report_day
    );
    println!(
        "register check every:     {} months",
        d.register_check_months
    );
    println!(
        "health declaration every: {} months (0: not renewed)",
        d.health_declaration_months
    );
    println!(
        "training target by:       {} (MM-DD) each year",
        d.training_deadline
    );
    println!(
        "agreement shown:          {} days before it ends",
        d.agreement_notice_days
    );
    println!(
        "investigation shown after: {} months open",
        d.investigation_months
    );
    println!(
        "purge shown:              {} days before",
        d.purge_notice_days
    );
    println!("hand-over answer within:  {} days", d.handover_answer_days);
}

fn print_agency(a: &Agency) {
    let or_unset = |v: Option<String>| v.unwrap_or_else(|| "(not filled in)".to_owned());
    println!("agency name:              {}", or_unset(a.name.clone()));
    println!(
        "organisation number:      {}",
        or_unset(a.org_number_display())
    );
    println!(
        "postal address:           {}",
        or_unset(a.address.as_ref().map(|s| s.replace('\n', ", ")))
    );
    println!("contact for questions:    {}", or_unset(a.contact.clone()));
}
