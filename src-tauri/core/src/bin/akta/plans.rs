//! Contact plans of homes and placements: the `plan` command (add and end lines, a
//! home's plan with this month's and this year's progress, the active homes behind).

use akta_core::contact::{self, ContactKind, LineGlance, PlanInput, PlanPer};
use akta_core::error::{Error, Reason};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;

use crate::output::{json_name, parse_date, parse_enum, print_json};

#[derive(Subcommand)]
pub(crate) enum PlanCommand {
    /// Add a line to a home's plan, or to one of its placements' (prints the line's id).
    Add {
        /// The foster home's id.
        #[arg(long)]
        home: i64,
        /// A placement in the home (its id, from `akta placement list --json`); without
        /// it, the home's own plan.
        #[arg(long)]
        placement: Option<i64>,
        /// The kind of contact that counts (hembesok, oanmalt_hembesok, telefon, video,
        /// handledning_enskild, handledning_grupp, mote_socialtjansten, ovrigt); without
        /// it, a contact of any kind counts.
        #[arg(long)]
        kind: Option<String>,
        /// How many contacts per period (1–31).
        #[arg(long)]
        times: String,
        /// The period: week, month, quarter or year.
        #[arg(long)]
        per: String,
        /// The first day the line holds (YYYY-MM-DD; default today).
        #[arg(long)]
        from: Option<String>,
        /// The last day the line holds (YYYY-MM-DD; default until further notice).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// End a line: DATE is the last day it holds (change a plan by ending a line and
    /// adding a new one).
    End {
        id: i64,
        #[arg(long, value_name = "DATE")]
        on: String,
        #[arg(long)]
        json: bool,
    },
    /// A home's plan (its own lines and its placements'), each with this calendar
    /// month's and this calendar year's progress.
    List {
        #[arg(long)]
        home: i64,
        #[arg(long)]
        json: bool,
    },
    /// The active homes whose plan is behind (the previous month fell short, or this
    /// month so far does).
    Behind {
        #[arg(long)]
        json: bool,
    },
}

fn parse_times(s: &str) -> Result<u32, Error> {
    s.trim()
        .parse()
        .map_err(|_| Error::invalid("times", Reason::Format))
}

/// "hembesok 1/month from 2026-01-01" and its scope.
fn describe(l: &LineGlance) -> String {
    let line = &l.line;
    let kind = line.kind.map_or_else(|| "any kind".to_owned(), json_name);
    let mut s = format!(
        "#{} {kind} {}/{} from {}",
        line.id,
        line.times,
        json_name(line.per),
        line.valid_from
    );
    if let Some(to) = line.valid_to {
        s.push_str(&format!(" to {to}"));
    }
    match line.placement_id {
        Some(p) => s.push_str(&format!(" (placement {p})")),
        None => s.push_str(" (home)"),
    }
    s
}

/// `akta plan …`.
pub(crate) async fn plan_command(
    store: &Store,
    actor: &Actor,
    command: PlanCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        PlanCommand::Add {
            home,
            placement,
            kind,
            times,
            per,
            from,
            to,
            json,
        } => {
            let kind: Option<ContactKind> =
                kind.as_deref().map(|k| parse_enum("kind", k)).transpose()?;
            let per: PlanPer = parse_enum("per", &per)?;
            let input = PlanInput {
                home_id: home,
                placement_id: placement,
                kind,
                times: parse_times(&times)?,
                per,
                valid_from: match from {
                    Some(d) => parse_date("valid_from", &d)?,
                    None => now,
                },
                valid_to: to.map(|d| parse_date("valid_to", &d)).transpose()?,
            };
            let line = contact::add_line(store, actor, &input).await?;
            if json {
                print_json(&line)?;
            } else {
                println!("{}", line.id);
            }
        }
        PlanCommand::End { id, on, json } => {
            let line = contact::end_line(store, actor, id, parse_date("valid_to", &on)?).await?;
            if json {
                print_json(&line)?;
            } else {
                println!("line {} ends on {on}", line.id);
            }
        }
        PlanCommand::List { home, json } => {
            let glance = contact::glance(store, home, now).await?;
            if json {
                print_json(&glance)?;
            } else {
                for l in &glance.lines {
                    if !l.current {
                        println!("{} [ended]", describe(l));
                        continue;
                    }
                    println!(
                        "{}: this month {} of {}, this year {} of {}{}",
                        describe(l),
                        l.month_done,
                        l.month_expected,
                        l.year_done,
                        l.year_expected,
                        if l.behind { " BEHIND" } else { "" }
                    );
                }
            }
        }
        PlanCommand::Behind { json } => {
            let homes = contact::behind(store, now).await?;
            if json {
                print_json(&homes)?;
            } else {
                for h in &homes {
                    println!(
                        "home {} {}: {} line(s) behind",
                        h.home_id,
                        h.home_name,
                        h.lines.len()
                    );
                }
            }
        }
    }
    Ok(())
}
