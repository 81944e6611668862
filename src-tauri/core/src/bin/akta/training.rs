//! Further training of a home's members: the `training` command (add, list with the
//! year against the agency's target, delete a mistaken row).

use akta_core::error::{Error, Reason};
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::today;
use akta_core::training::{self, Training, TrainingInput};
use akta_core::user::Actor;
use chrono::Datelike;
use clap::Subcommand;
use serde_json::json;

use crate::output::{parse_date, print_json};

#[derive(Subcommand)]
pub(crate) enum TrainingCommand {
    /// Record that a member of a home took part in a training occasion. Prints the
    /// new row's id.
    Add {
        /// The foster home's id.
        #[arg(long)]
        home: i64,
        /// The member's person id (a member of the home on that date).
        #[arg(long)]
        person: i64,
        /// The course, e.g. "Ett hem att växa i".
        #[arg(long)]
        course: String,
        #[arg(long)]
        provider: Option<String>,
        /// The day it was held (YYYY-MM-DD; not in the future).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The length in hours; decimals allowed (2.5 or 2,5).
        #[arg(long)]
        hours: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A home's training rows, newest first, and a year's occasions against the
    /// agency's target (the year given, else this year).
    List {
        #[arg(long)]
        home: i64,
        /// Only this year's rows.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a row recorded by mistake (audited).
    Delete { id: i64 },
}

/// A length in hours as typed: a decimal point or comma.
fn parse_hours(value: &str) -> Result<f64, Error> {
    value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| Error::invalid("hours", Reason::Format))
}

/// `akta training …`.
pub(crate) async fn training_command(
    store: &Store,
    actor: &Actor,
    command: TrainingCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        TrainingCommand::Add {
            home,
            person,
            course,
            provider,
            date,
            hours,
            json,
        } => {
            let input = TrainingInput {
                home_id: home,
                person_id: person,
                course,
                provider,
                held_on: parse_date("held_on", &date)?,
                hours: hours.as_deref().map(parse_hours).transpose()?,
            };
            let t = training::add(store, actor, &input, now).await?;
            if json {
                print_json(&json!({ "id": t.id }))?;
            } else {
                println!("{}", t.id);
            }
        }
        TrainingCommand::List { home, year, json } => {
            let rows = training::for_home(store, home, year).await?;
            let target = Settings::load(store.dir()).training_target_per_year;
            let y = year.unwrap_or_else(|| now.year());
            let summary = training::year_summary(store, home, y, target).await?;
            if json {
                print_json(&json!({ "trainings": rows, "summary": summary }))?;
            } else {
                rows.iter().for_each(print_row);
                println!(
                    "{}: {} of {} occasions{}",
                    summary.year,
                    summary.occasions,
                    summary.target,
                    if summary.met { " (target met)" } else { "" }
                );
            }
        }
        TrainingCommand::Delete { id } => {
            training::delete(store, actor, id).await?;
            println!("deleted training {id}");
        }
    }
    Ok(())
}

fn print_row(t: &Training) {
    let length = t
        .minutes
        .map(|m| format!("{:.1} h", m as f64 / 60.0))
        .unwrap_or_else(|| "-".into());
    println!(
        "{:>6}  {}  {:<28}  {:<40}  {:<24}  {:>7}",
        t.id,
        t.held_on,
        t.person_name,
        t.course,
        t.provider.as_deref().unwrap_or("-"),
        length
    );
}
