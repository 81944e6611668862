//! Egenkontroll: the `survey` command (record a home's yearly answers, list a home's
//! answers, and the agency's summary of a year without names, as JSON or a PDF).

use std::path::PathBuf;

use akta_core::error::{Error, Reason};
use akta_core::files;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::survey::{self, Scores, SurveyInput, SurveySummary, QUESTIONS};
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;
use serde_json::json;

use crate::output::{parse_date, print_json};

#[derive(Subcommand)]
pub(crate) enum SurveyCommand {
    /// Record a home's answers for a year (once a year). Prints the new answers' id.
    Add {
        #[arg(long)]
        home: i64,
        #[arg(long)]
        year: i32,
        /// The day the home answered (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        answered: String,
        /// Five answers 1–5, comma-separated, in the order: reachability, supervision,
        /// information, training, overall.
        #[arg(long, value_name = "N,N,N,N,N")]
        scores: String,
        #[arg(long)]
        comment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A home's answers, newest year first.
    List {
        #[arg(long)]
        home: i64,
        #[arg(long)]
        json: bool,
    },
    /// The agency's summary of a year: per question the number of answers, the mean
    /// and the distribution over 1–5; no home named. Needs the data-protection role.
    Summary {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
        /// Also write the summary as a PDF to this new file (never over an existing one).
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
}

/// Five answers as typed: `4,5,3,4,5`. Anything else is refused as `scores`; a number
/// outside 1–5 is left to the core, which names its question.
fn parse_scores(value: &str) -> Result<Scores, Error> {
    let parts: Vec<u8> = value
        .split(',')
        .map(|s| s.trim().parse::<u8>())
        .collect::<Result<_, _>>()
        .map_err(|_| Error::invalid("scores", Reason::Format))?;
    match parts[..] {
        [reachability, supervision, information, training, overall] => Ok(Scores {
            reachability,
            supervision,
            information,
            training,
            overall,
        }),
        _ => Err(Error::invalid("scores", Reason::Format)),
    }
}

/// `akta survey …`.
pub(crate) async fn survey_command(
    store: &Store,
    actor: &Actor,
    command: SurveyCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        SurveyCommand::Add {
            home,
            year,
            answered,
            scores,
            comment,
            json,
        } => {
            let input = SurveyInput {
                home_id: home,
                year,
                answered_on: parse_date("answered_on", &answered)?,
                scores: parse_scores(&scores)?,
                comment,
            };
            let s = survey::record(store, actor, &input, now).await?;
            if json {
                print_json(&json!({ "id": s.id }))?;
            } else {
                println!("{}", s.id);
            }
        }
        SurveyCommand::List { home, json } => {
            let all = survey::for_home(store, home).await?;
            if json {
                print_json(&all)?;
            } else {
                for s in all {
                    let a = s.scores.in_order().map(|v| v.to_string()).join(",");
                    println!("{:>6}  {}  {}  {a}", s.id, s.year, s.answered_on);
                }
            }
        }
        SurveyCommand::Summary { year, json, pdf } => {
            if let Some(path) = &pdf {
                files::check_new(path, "pdf")?;
            }
            let summary = survey::summary(store, actor, year).await?;
            if let Some(path) = &pdf {
                let agency = Settings::load(store.dir()).agency.name;
                let bytes = survey::summary_pdf(store, actor, year, now, agency.as_deref()).await?;
                files::write_new_atomically(path, &bytes, "pdf")?;
            }
            if json {
                print_json(&summary)?;
            } else {
                print_summary(&summary);
            }
        }
    }
    Ok(())
}

fn print_summary(s: &SurveySummary) {
    println!("egenkontroll {}: {} homes answered", s.year, s.homes);
    for (q, text) in s.questions.iter().zip(QUESTIONS.iter().map(|q| q.text)) {
        let dist = q.distribution.map(|n| n.to_string()).join(" ");
        println!(
            "  {:<40}  answers {:>3}  mean {:>4}  1–5: {dist}",
            text,
            q.answers,
            survey::swedish_mean(q.average)
        );
    }
}
