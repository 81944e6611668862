//! Retention from the command line: the `retention` command (rules, legal holds,
//! preview, runs and their receipts, hand-over of a placed child's file).

use std::path::PathBuf;

use akta_core::error::Error;
use akta_core::store::Store;
use akta_core::user::Actor;
use akta_core::{files, retention, today};
use clap::Subcommand;

use crate::output::{parse_date, print_json};

#[derive(Subcommand)]
pub(crate) enum RetentionCommand {
    /// What a run would purge on a day (default today), what is held and why, and what
    /// falls due within a year. Changes nothing.
    Preview {
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Purge every due file that is not held, and print the receipt.
    Run {
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The receipts of earlier runs.
    Receipts {
        #[arg(long)]
        json: bool,
    },
    /// The rules.
    Rules {
        #[arg(long)]
        json: bool,
    },
    /// Change a rule's period.
    SetRule {
        code: String,
        #[arg(long, default_value_t = 0)]
        months: i64,
        #[arg(long, default_value_t = 0)]
        days: i64,
    },
    /// Place a legal hold on a person's or a home's files.
    Hold {
        #[arg(long)]
        person: Option<i64>,
        #[arg(long)]
        home: Option<i64>,
        /// complaint, ivo or manual.
        #[arg(long, default_value = "manual")]
        kind: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
    },
    /// Lift a hold.
    Lift { id: i64 },
    /// Make the hand-over package of a placed child's file (PDF and JSON) for the
    /// placing municipality, and record the offer.
    Handover {
        #[arg(long)]
        child: i64,
        #[arg(long, value_name = "OUT.pdf")]
        pdf: PathBuf,
        #[arg(long, value_name = "OUT.json")]
        json: PathBuf,
    },
    /// Record the municipality's answer to a hand-over: confirmed or declined.
    HandoverAnswer {
        id: i64,
        #[arg(long)]
        decision: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
}

fn as_of(value: Option<String>) -> Result<chrono::NaiveDate, Error> {
    value.map_or(Ok(today()), |v| parse_date("as_of", &v))
}

fn print_files(title: &str, files: &[retention::FileDue]) {
    println!("{title}: {}", files.len());
    for f in files {
        let kind = match f.kind {
            retention::FileKind::Home => "home",
            retention::FileKind::Child => "child",
        };
        println!(
            "  {kind} {:>5}  due {}  {:>6} rows  {:>4} documents  {}{}",
            f.id,
            f.due_on,
            f.rows,
            f.documents,
            f.label,
            if f.holds.is_empty() {
                String::new()
            } else {
                format!("  [held: {}]", f.holds.join("; "))
            }
        );
    }
}

fn print_receipt(r: &retention::Receipt) {
    println!(
        "receipt {} (run {}, as of {})",
        r.id,
        r.run_at.to_rfc3339(),
        r.as_of
    );
    for l in &r.lines {
        println!(
            "  {}: {} files, {} rows ({} documents), {} persons no file refers to ({})",
            l.rule, l.files, l.rows, l.documents, l.persons, l.category
        );
    }
    for h in &r.file_hashes {
        println!("  purged file sha256 {h}");
    }
}

/// `akta retention …`.
pub(crate) async fn retention_command(
    store: &Store,
    actor: &Actor,
    command: RetentionCommand,
) -> Result<(), Error> {
    match command {
        RetentionCommand::Preview { as_of: day, json } => {
            let p = retention::preview(store, actor, as_of(day)?).await?;
            if json {
                print_json(&p)?;
            } else {
                println!("retention preview as of {}", p.as_of);
                print_files("would purge", &p.due);
                print_files("held", &p.held);
                print_files("due within a year", &p.upcoming);
            }
        }
        RetentionCommand::Run { as_of: day, json } => {
            let r = retention::run(store, actor, as_of(day)?).await?;
            if json {
                print_json(&r)?;
            } else {
                print_receipt(&r);
            }
        }
        RetentionCommand::Receipts { json } => {
            let all = retention::receipts(store).await?;
            if json {
                print_json(&all)?;
            } else {
                for r in &all {
                    print_receipt(r);
                }
            }
        }
        RetentionCommand::Rules { json } => {
            let rules = retention::rules(store).await?;
            if json {
                print_json(&rules)?;
            } else {
                for r in &rules {
                    println!(
                        "{:<18} {:>3} months {:>3} days  from {:<18} {}",
                        r.code, r.period_months, r.period_days, r.anchor, r.category
                    );
                }
            }
        }
        RetentionCommand::SetRule { code, months, days } => {
            let r = retention::set_period(store, actor, &code, months, days).await?;
            println!(
                "{}: {} months {} days",
                r.code, r.period_months, r.period_days
            );
        }
        RetentionCommand::Hold {
            person,
            home,
            kind,
            reason,
            until,
        } => {
            let until = until.map(|u| parse_date("until", &u)).transpose()?;
            let input = retention::HoldInput {
                kind,
                person_id: person,
                home_id: home,
                reason,
                until,
            };
            let h = retention::add_hold(store, actor, &input, today()).await?;
            println!("hold {} placed", h.id);
        }
        RetentionCommand::Handover { child, pdf, json } => {
            files::check_new(&pdf, "pdf")?;
            files::check_new(&json, "json")?;
            let folder = retention::copies_folder(&pdf);
            files::check_new(&folder, "pdf")?;
            // The PDF, the JSON and the file's documents beside the PDF, made straight
            // into their places.
            let h = retention::offer_saved(store, actor, child, today(), &pdf, &json).await?;
            let docs = &h.saved.documents;
            println!(
                "hand-over {} ({}): {} pages, pdf sha256 {}",
                h.id, docs.document_id, docs.pages, docs.pdf_sha256
            );
            if h.copies > 0 {
                println!("{} document copies in {}", h.copies, folder.display());
            }
        }
        RetentionCommand::HandoverAnswer { id, decision, on } => {
            let on = as_of(on)?;
            retention::decide_handover(store, actor, id, &decision, on, today()).await?;
            println!("hand-over {id}: {decision}");
        }
        RetentionCommand::Lift { id } => {
            retention::lift_hold(store, actor, id, today()).await?;
            println!("hold {id} lifted");
        }
    }
    Ok(())
}
