//! Monthly reports to the placing municipality (the `report` command: draft one or the
//! month's, edit, sign, PDF, record as sent) and placements (the `placement` command:
//! list, and place a child), whose ids the reports take.

use std::path::PathBuf;

use akta_core::error::{Error, Reason};
use akta_core::foster_home;
use akta_core::placement::{self, Placement, PlacementInput};
use akta_core::report::{self, MonthlyReport, ReportSections, YearMonth};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;
use serde_json::json;

use crate::output::{json_name, parse_date, print_json, write_pdf};

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// Draft a placement's report for a month (facts from the store, sections empty);
    /// prints its id.
    Draft {
        /// The placement's id (`akta placement list`).
        #[arg(long)]
        placement: i64,
        /// The month (YYYY-MM; not after this one).
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// Draft the month's reports for every placement active in it that has none yet.
    DraftAll {
        /// The month (YYYY-MM; not after this one).
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// A report: its facts, sections, signature and sending.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Reports, newest month first (of a placement and/or a month).
    List {
        #[arg(long)]
        placement: Option<i64>,
        /// YYYY-MM.
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write a draft's sections (its author only); only the flags given change. The
    /// facts are drawn again.
    Edit {
        id: i64,
        /// The child's situation as seen in the handledning.
        #[arg(long)]
        child_situation: Option<String>,
        /// The home's need of support.
        #[arg(long)]
        home_support: Option<String>,
        /// The agreed next steps.
        #[arg(long)]
        next_steps: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Sign a draft (its author only): the facts are drawn a last time and it is locked.
    Sign {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write a signed report's PDF to a new file (readable by its owner only); its
    /// SHA-256 is recorded.
    Pdf {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Record that the report (its PDF made) was sent, when and to whom.
    Sent {
        id: i64,
        /// The day it was sent (YYYY-MM-DD).
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on: String,
        /// To whom (e.g. the municipality's socialsekreterare).
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum PlacementCommand {
    /// Placements (of a home, of a child, or all), newest first.
    List {
        #[arg(long)]
        home: Option<i64>,
        #[arg(long)]
        child: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Place a child in an approved or active home.
    Add {
        #[arg(long)]
        child: i64,
        #[arg(long)]
        home: i64,
        /// The placing municipality's organisation id.
        #[arg(long)]
        municipality: i64,
        /// The first day (YYYY-MM-DD; default today).
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn month(text: &str) -> Result<YearMonth, Error> {
    YearMonth::parse("month", text)
}

fn print_report(r: &MonthlyReport) {
    println!(
        "Månadsrapport {} – {} {}, {} ({})",
        r.month,
        r.child.given_name,
        r.child.family_name,
        r.home_name,
        json_name(r.status)
    );
    println!("Period: {} – {}", r.period_from, r.period_to);
    for (heading, text) in [
        ("Kontakter", &r.contacts_text),
        ("Kontaktplanen", &r.plan_text),
        ("Utbildning", &r.training_text),
        ("Barnets situation", &r.child_situation),
        ("Familjehemmets behov av stöd", &r.home_support),
        ("Nästa steg", &r.next_steps),
    ] {
        println!("\n{heading}:\n{text}");
    }
    if let (Some(at), Some(by)) = (r.signed_at, &r.signed_by_name) {
        println!("\nSignerad {} av {by}", at.format("%Y-%m-%d %H:%M"));
    }
    if let Some(sha) = &r.pdf_sha256 {
        println!("PDF SHA-256: {sha}");
    }
    if let (Some(on), Some(to)) = (r.sent_on, &r.sent_to) {
        println!("Skickad {on} till {to}");
    }
}

/// `akta report …`.
pub(crate) async fn report_command(
    store: &Store,
    actor: &Actor,
    command: ReportCommand,
) -> Result<(), Error> {
    match command {
        ReportCommand::Draft {
            placement,
            month: m,
            json,
        } => {
            let r = report::draft(store, actor, placement, month(&m)?, today()).await?;
            if json {
                print_json(&json!({ "id": r.id }))?;
            } else {
                println!("{}", r.id);
            }
        }
        ReportCommand::DraftAll { month: m, json } => {
            let out = report::draft_all(store, actor, month(&m)?, today()).await?;
            if json {
                print_json(&out)?;
            } else {
                println!(
                    "drafted {} reports; {} already existed; {} left out (restricted data)",
                    out.drafted.len(),
                    out.already,
                    out.restricted
                );
            }
        }
        ReportCommand::Show { id, json } => {
            let r = report::get(store, actor, id).await?;
            if json {
                print_json(&r)?;
            } else {
                print_report(&r);
            }
        }
        ReportCommand::List {
            placement,
            month: m,
            json,
        } => {
            let m = m.as_deref().map(month).transpose()?;
            let list = report::list(store, actor, placement, m).await?;
            if json {
                print_json(&list)?;
            } else {
                for r in list {
                    println!(
                        "{:>5}  {}  {:<8}  {:>5}  {} {}  {}",
                        r.id,
                        r.month,
                        json_name(r.status),
                        r.placement_id,
                        r.child.given_name,
                        r.child.family_name,
                        r.home_name
                    );
                }
            }
        }
        ReportCommand::Edit {
            id,
            child_situation,
            home_support,
            next_steps,
            json,
        } => {
            let current = report::get(store, actor, id).await?;
            let sections = ReportSections {
                child_situation: child_situation.unwrap_or(current.child_situation),
                home_support: home_support.unwrap_or(current.home_support),
                next_steps: next_steps.unwrap_or(current.next_steps),
            };
            let r = report::update(store, actor, id, &sections, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!("updated monthly report {}", r.id);
            }
        }
        ReportCommand::Sign { id, json } => {
            let r = report::sign(store, actor, id, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!("signed monthly report {}", r.id);
            }
        }
        ReportCommand::Pdf { id, out } => {
            write_pdf(&out, report::pdf(store, actor, id, today())).await?;
        }
        ReportCommand::Sent { id, on, to, json } => {
            let on = parse_date("sent_on", &on)?;
            let r = report::mark_sent(store, actor, id, on, &to, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!("monthly report {} recorded as sent", r.id);
            }
        }
    }
    Ok(())
}

fn print_placements(list: &[Placement]) {
    for p in list {
        let end = p.end_date.map(|d| d.to_string()).unwrap_or_default();
        println!(
            "{:>5}  {} – {:<10}  {} {}  {}  {}",
            p.id,
            p.start_date,
            end,
            p.child.given_name,
            p.child.family_name,
            p.home_name,
            p.municipality_name
        );
    }
}

/// `akta placement …`.
pub(crate) async fn placement_command(
    store: &Store,
    actor: &Actor,
    command: PlacementCommand,
) -> Result<(), Error> {
    match command {
        PlacementCommand::List { home, child, json } => {
            let mut list = match (home, child) {
                (Some(_), Some(_)) => return Err(Error::invalid("child", Reason::NotAllowed)),
                (Some(h), None) => placement::for_home(store, h).await?,
                (None, Some(c)) => placement::for_child(store, c).await?,
                (None, None) => {
                    let mut all = Vec::new();
                    for h in foster_home::list(store).await? {
                        all.extend(placement::for_home(store, h.id).await?);
                    }
                    all
                }
            };
            list.sort_by(|a, b| b.start_date.cmp(&a.start_date).then(b.id.cmp(&a.id)));
            if json {
                print_json(&list)?;
            } else {
                print_placements(&list);
            }
        }
        PlacementCommand::Add {
            child,
            home,
            municipality,
            start,
            json,
        } => {
            let input = PlacementInput {
                child_id: child,
                home_id: home,
                municipality_id: municipality,
                start_date: match start {
                    Some(s) => parse_date("start_date", &s)?,
                    None => today(),
                },
            };
            let p = placement::place(store, actor, &input, today()).await?;
            if json {
                print_json(&p)?;
            } else {
                println!("placed: placement {}", p.id);
            }
        }
    }
    Ok(())
}

// No doc comment here: the variant's doc comment in `cli.rs` is its help text.
#[cfg(feature = "bench")]
#[derive(clap::Args)]
pub(crate) struct BenchReportsArgs {
    /// How many active placements (each in its own home, six contacts in the month).
    #[arg(long, default_value_t = 50)]
    placements: u32,
    #[arg(long)]
    json: bool,
}

/// `akta bench-reports`: drafting a month's reports, as Markdown or JSON.
#[cfg(feature = "bench")]
pub(crate) async fn bench_reports(args: BenchReportsArgs) -> Result<(), Error> {
    let figures = akta_core::bench_reports::run(args.placements).await?;
    crate::output::print_figures(args.json, &figures, |f| f.to_markdown())
}
