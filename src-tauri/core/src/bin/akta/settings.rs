//! The device's settings from the command line: `settings show`, `settings agency`
//! (the agency a register extract's cover letter names) and `settings training-target`. Reading needs no key (the
//! settings lie beside the store, with no personal data); changing them unlocks the
//! store and needs a profile allowed to manage settings.

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
            print_agency(&s.agency);
            Ok(())
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
