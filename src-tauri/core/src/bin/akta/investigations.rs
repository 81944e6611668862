//! Investigations and their written report (the `investigation` command): list every
//! investigation; draft the report, write its sections, choose the recommendation,
//! sign, make the PDF, record it as sent; show a method's template.

use std::path::PathBuf;

use akta_core::error::{Error, Reason};
use akta_core::investigation::{self, Method};
use akta_core::investigation_report::{
    self as report, InvestigationReport, Recommendation, ReportSave, SectionText,
};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::{Args, Subcommand};

use crate::output::{json_name, parse_date, parse_enum, print_json, write_pdf, yes};

#[derive(Subcommand)]
pub(crate) enum InvestigationCommand {
    /// Every investigation, newest first: the home, round, method, decision, whether
    /// the checklist is complete, and the written report's latest version.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The written report (familjehemsutredning) of an investigation.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// A method's report template.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// The investigation's open draft, made if there is none (version 1 from the
    /// method's template, or the next version after a signed one); prints its id
    /// (`--json`: the whole report).
    Draft {
        #[arg(value_name = "INVESTIGATION_ID")]
        investigation: i64,
        #[arg(long)]
        json: bool,
    },
    /// A version: its cover, sections (id, key, heading, facts, text), signature and
    /// sending, and the other versions.
    Show {
        #[arg(value_name = "REPORT_ID")]
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write one section of a draft (its author only); the facts are drawn again.
    Write(WriteArgs),
    /// Choose a draft's recommendation (its author only).
    Recommend(RecommendArgs),
    /// Sign a draft (its author only): the recommendation chosen and written, the
    /// assessment written; while the checklist is not complete, a justification.
    Sign {
        #[arg(value_name = "REPORT_ID")]
        id: i64,
        /// Why it is signed while the checklist is not complete (at most 2000 characters).
        #[arg(long)]
        justification: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write a signed version's PDF to a new file (readable by its owner only); its
    /// SHA-256 is recorded.
    Pdf {
        #[arg(value_name = "REPORT_ID")]
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Record that the version (its PDF made) was sent, when and to which municipality.
    Sent {
        #[arg(value_name = "REPORT_ID")]
        id: i64,
        /// The day it was sent (YYYY-MM-DD).
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on: String,
        /// The municipality's organisation id (`akta org list`).
        #[arg(long, value_name = "MUNICIPALITY_ID")]
        to: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub(crate) struct WriteArgs {
    #[arg(value_name = "REPORT_ID")]
    id: i64,
    /// The section's key (`akta investigation report show`); a section about one adult
    /// as KEY:PERSON_ID.
    #[arg(long, value_name = "KEY")]
    section: String,
    #[command(flatten)]
    source: TextSource,
    #[arg(long)]
    json: bool,
}

/// The section's new text: given, or read from a UTF-8 file.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub(crate) struct TextSource {
    /// The text (replaces what is written; blank lines separate paragraphs).
    #[arg(long)]
    text: Option<String>,
    /// A UTF-8 text file holding it.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
}

#[derive(Args)]
#[group(required = true, multiple = false, id = "choice")]
pub(crate) struct RecommendChoice {
    /// The unit recommends the home.
    #[arg(long)]
    recommended: bool,
    /// The unit does not recommend the home.
    #[arg(long)]
    not_recommended: bool,
}

#[derive(Args)]
pub(crate) struct RecommendArgs {
    #[arg(value_name = "REPORT_ID")]
    id: i64,
    #[command(flatten)]
    choice: RecommendChoice,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub(crate) enum TemplateCommand {
    /// The sections of a method's template as it applies now (the agency's own, or the
    /// built-in default).
    Show {
        /// kalvesten, pride, ett_hem_att_vaxa_i or annan.
        #[arg(long)]
        method: String,
        #[arg(long)]
        json: bool,
    },
}

/// The text of `--text` or `--file` (`file`: unknown when it cannot be read, format
/// when it is not UTF-8).
fn text_of(source: TextSource) -> Result<String, Error> {
    match (source.text, source.file) {
        (Some(t), _) => Ok(t),
        (None, Some(path)) => {
            let bytes =
                std::fs::read(&path).map_err(|_| Error::invalid("file", Reason::Unknown))?;
            String::from_utf8(bytes).map_err(|_| Error::invalid("file", Reason::Format))
        }
        (None, None) => Err(Error::invalid("text", Reason::Required)),
    }
}

/// The section `spec` (KEY or KEY:PERSON_ID) names in `r`: `section` unknown when no
/// section has it; `section_person` required when the key is one section per adult and
/// no person is given.
fn section_id(r: &InvestigationReport, spec: &str) -> Result<i64, Error> {
    let (key, person) = match spec.trim().split_once(':') {
        Some((k, p)) => {
            let p = p
                .trim()
                .parse::<i64>()
                .map_err(|_| Error::invalid("section", Reason::Format))?;
            (k.trim(), Some(p))
        }
        None => (spec.trim(), None),
    };
    let found: Vec<_> = r
        .sections
        .iter()
        .filter(|s| s.key == key && (person.is_none() || s.person_id == person))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::invalid("section", Reason::Unknown)),
        _ => {
            eprintln!(
                "akta: that section is written about each adult: give --section {key}:PERSON_ID \
                 (the ids are in `akta investigation report show {}`)",
                r.id
            );
            Err(Error::invalid("section_person", Reason::Required))
        }
    }
}

/// What a save keeps as it is when only sections change.
fn keep(r: &InvestigationReport, sections: Vec<SectionText>) -> ReportSave {
    ReportSave {
        sections,
        co_investigator: r.co_investigator.clone(),
        recommendation: r.recommendation,
    }
}

fn print_report(r: &InvestigationReport) {
    println!(
        "Familjehemsutredning {} version {} – {} ({})",
        r.id,
        r.version,
        r.home_name,
        json_name(r.status)
    );
    println!(
        "Utredning {} (omgång {}), metod {}, påbörjad {}",
        r.investigation_id,
        r.round,
        json_name(r.method),
        r.started_on
    );
    match &r.co_investigator {
        Some(co) => println!("Utredare: {}, {co}", r.author_name),
        None => println!("Utredare: {}", r.author_name),
    }
    println!(
        "Rekommendation: {}",
        r.recommendation
            .map(json_name)
            .unwrap_or_else(|| "-".into())
    );
    println!("Checklistan komplett: {}", yes(r.checklist_complete));
    for s in &r.sections {
        let key = match s.person_id {
            Some(p) => format!("{}:{p}", s.key),
            None => s.key.clone(),
        };
        println!("\n[{}] {key}  {}", s.id, s.heading);
        if let Some(facts) = &s.facts_text {
            for line in facts.lines() {
                println!("  {line}");
            }
        }
        if !s.body.trim().is_empty() {
            println!("{}", s.body);
        }
    }
    if let Some(j) = &r.justification {
        println!("\nSignerad trots ofullständig checklista: {j}");
    }
    if let (Some(at), Some(by)) = (r.signed_at, &r.signed_by_name) {
        println!("\nSignerad {} av {by}", at.format("%Y-%m-%d %H:%M"));
    }
    if let Some(sha) = &r.pdf_sha256 {
        println!("PDF SHA-256: {sha}");
    }
    if let (Some(on), Some(to)) = (r.sent_on, &r.sent_to_name) {
        println!("Skickad {on} till {to}");
    }
    if r.versions.len() > 1 {
        println!("\nVersioner:");
        for v in &r.versions {
            println!(
                "  {:>5}  version {}  {}",
                v.id,
                v.version,
                json_name(v.status)
            );
        }
    }
}

/// `akta investigation …`.
pub(crate) async fn investigation_command(
    store: &Store,
    actor: &Actor,
    command: InvestigationCommand,
) -> Result<(), Error> {
    match command {
        InvestigationCommand::List { json } => {
            let list = investigation::list(store, actor, today()).await?;
            if json {
                print_json(&list)?;
            } else {
                for i in list {
                    let decision = match (i.decision, i.decision_on) {
                        (Some(d), Some(on)) => format!("{} {on}", json_name(d)),
                        _ => "open".into(),
                    };
                    let report = match (i.report_id, i.report_version, i.report_status) {
                        (Some(id), Some(v), Some(s)) => {
                            format!("report {id} v{v} {}", json_name(s))
                        }
                        _ => "no report".into(),
                    };
                    println!(
                        "{:>5}  {}  round {}  {:<18}  {:<22}  checklist {:<3}  {:<24}  {}",
                        i.id,
                        i.started_on,
                        i.round,
                        json_name(i.method),
                        decision,
                        if i.checklist_complete { "ok" } else { "-" },
                        report,
                        i.home_name
                    );
                }
            }
        }
        InvestigationCommand::Report { command } => report_command(store, actor, command).await?,
        InvestigationCommand::Template {
            command: TemplateCommand::Show { method, json },
        } => {
            let method: Method = parse_enum("method", &method)?;
            let t = report::template(store, method).await?;
            if json {
                print_json(&t)?;
            } else {
                let whose = if t.customised { "own" } else { "default" };
                println!("{} ({whose})", json_name(t.method));
                for (i, s) in t.sections.iter().enumerate() {
                    let facts = s.facts.map(json_name).unwrap_or_default();
                    let each = if s.per_adult { "per adult" } else { "" };
                    println!(
                        "{:>3}  {:<16}  {}  {facts}  {each}",
                        i + 1,
                        s.key,
                        s.heading
                    );
                }
            }
        }
    }
    Ok(())
}

async fn report_command(store: &Store, actor: &Actor, command: ReportCommand) -> Result<(), Error> {
    match command {
        ReportCommand::Draft {
            investigation,
            json,
        } => {
            let r = report::draft(store, actor, investigation, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!("{}", r.id);
            }
        }
        ReportCommand::Show { id, json } => {
            let r = report::get(store, actor, id, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                print_report(&r);
            }
        }
        ReportCommand::Write(WriteArgs {
            id,
            section,
            source,
            json,
        }) => {
            let body = text_of(source)?;
            let current = report::get(store, actor, id, today()).await?;
            let section_id = section_id(&current, &section)?;
            let save = keep(
                &current,
                vec![SectionText {
                    id: section_id,
                    body,
                }],
            );
            let r = report::save(store, actor, id, &save, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!(
                    "saved section {section_id} of investigation report {}",
                    r.id
                );
            }
        }
        ReportCommand::Recommend(RecommendArgs { id, choice, json }) => {
            let recommendation = if choice.not_recommended {
                Recommendation::NotRecommended
            } else {
                Recommendation::Recommended
            };
            let current = report::get(store, actor, id, today()).await?;
            let save = ReportSave {
                recommendation: Some(recommendation),
                ..keep(&current, Vec::new())
            };
            let r = report::save(store, actor, id, &save, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!(
                    "investigation report {}: {}",
                    r.id,
                    json_name(recommendation)
                );
            }
        }
        ReportCommand::Sign {
            id,
            justification,
            json,
        } => {
            let r = report::sign(store, actor, id, justification.as_deref(), today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!(
                    "signed investigation report {} (version {})",
                    r.id, r.version
                );
            }
        }
        ReportCommand::Pdf { id, out } => {
            write_pdf(&out, report::pdf(store, actor, id, today())).await?;
        }
        ReportCommand::Sent { id, on, to, json } => {
            let on = parse_date("sent_on", &on)?;
            let r = report::mark_sent(store, actor, id, on, to, today()).await?;
            if json {
                print_json(&r)?;
            } else {
                println!("investigation report {} recorded as sent", r.id);
            }
        }
    }
    Ok(())
}

// No doc comment here: the variant's doc comment in `cli.rs` is its help text.
#[cfg(feature = "bench")]
#[derive(clap::Args)]
pub(crate) struct BenchWrittenArgs {
    /// How many pages the generated report should at least have.
    #[arg(long, default_value_t = 30)]
    pages: u32,
    /// How many times each document is rendered (p50, p95).
    #[arg(long, default_value_t = 20)]
    runs: u32,
    #[arg(long)]
    json: bool,
}

/// `akta bench-written-report`: rendering a long written report, as Markdown or JSON.
#[cfg(feature = "bench")]
pub(crate) async fn bench_written(args: BenchWrittenArgs) -> Result<(), Error> {
    let figures =
        tokio::task::spawn_blocking(move || akta_core::bench_written::run(args.pages, args.runs))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??;
    crate::output::print_figures(args.json, &figures, |f| f.to_markdown())
}
