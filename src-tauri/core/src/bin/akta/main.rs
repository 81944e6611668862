//! `akta`: Akta's command-line tool for administrators and automation.
//! Exit codes: 0 success; 2 invalid input; 3 store cannot be unlocked; 1 anything else.
//! See docs/CLI.md for every command and its `--json` output.
//!
//! This file starts the runtime and hands each top-level command to its area's module;
//! `cli` holds the command line, `output` the shared printing and parsing helpers, `exit`
//! the error report and exit codes, `store` unlocking and acting as a profile.

mod agreements;
mod backup;
#[cfg(feature = "bench")]
mod bench;
mod checks;
mod cli;
mod contacts;
mod demo;
mod documents;
mod due;
mod exit;
mod follow_ups;
mod homes;
mod investigations;
mod journal;
mod output;
mod persons;
mod plans;
mod reports;
mod retention;
mod rights;
mod settings;
mod store;
mod surveys;
mod training;
mod transfer;

use std::process::ExitCode;

use akta_core::error::Error;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::store::{with_actor, with_store};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("akta: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            exit::report(&e);
            ExitCode::from(exit::exit_code(e.code()))
        }
    }
}

/// Runs one command. The store folder is resolved first, for every command.
async fn run(cli: Cli) -> Result<(), Error> {
    let dir = store::store_dir(cli.store)?;
    let user = cli.user;
    match cli.command {
        Command::Init { recovery_recipient } => store::init(&dir, recovery_recipient).await,
        Command::Status { json } => store::status(&dir, json).await,
        Command::Recover { identity } => store::recover(&dir, &identity).await,
        Command::RecoveryKeygen { out } => store::recovery_keygen(&out),
        Command::User { command } => store::user_command(&dir, user, command).await,
        Command::Audit { command } => {
            with_store(&dir, async |s| store::audit_command(s, command).await).await
        }
        Command::Person { command } => {
            with_actor(&dir, user, async |s, a| {
                persons::person_command(s, a, command).await
            })
            .await
        }
        Command::Org { command } => {
            with_actor(&dir, user, async |s, a| {
                persons::org_command(s, a, command).await
            })
            .await
        }
        Command::Home { command } => {
            with_actor(&dir, user, async |s, a| {
                homes::home_command(s, a, command).await
            })
            .await
        }
        Command::Journal { command } => {
            with_actor(&dir, user, async |s, a| {
                journal::journal_command(s, a, command).await
            })
            .await
        }
        Command::Contact { command } => {
            with_actor(&dir, user, async |s, a| {
                contacts::contact_command(s, a, command).await
            })
            .await
        }
        Command::Due(args) => due::due(&dir, user, args).await,
        Command::Plan { command } => {
            with_actor(&dir, user, async |s, a| {
                plans::plan_command(s, a, command).await
            })
            .await
        }
        Command::Placement { command } => {
            with_actor(&dir, user, async |s, a| {
                reports::placement_command(s, a, command).await
            })
            .await
        }
        Command::Report { command } => {
            with_actor(&dir, user, async |s, a| {
                reports::report_command(s, a, command).await
            })
            .await
        }
        Command::Training { command } => {
            with_actor(&dir, user, async |s, a| {
                training::training_command(s, a, command).await
            })
            .await
        }
        Command::Agreement { command } => {
            with_actor(&dir, user, async |s, a| {
                agreements::agreement_command(s, a, command).await
            })
            .await
        }
        Command::Check { command } => {
            with_actor(&dir, user, async |s, a| {
                checks::check_command(s, a, command).await
            })
            .await
        }
        Command::FollowUp { command } => {
            with_actor(&dir, user, async |s, a| {
                follow_ups::follow_up_command(s, a, command).await
            })
            .await
        }
        Command::Investigation { command } => {
            with_actor(&dir, user, async |s, a| {
                investigations::investigation_command(s, a, command).await
            })
            .await
        }
        Command::Survey { command } => {
            with_actor(&dir, user, async |s, a| {
                surveys::survey_command(s, a, command).await
            })
            .await
        }
        Command::Document { command } => documents::document_command(&dir, user, command).await,
        Command::Retention { command } => {
            with_actor(&dir, user, async |s, a| {
                retention::retention_command(s, a, command).await
            })
            .await
        }
        Command::Extract(args) => rights::extract(&dir, user, args).await,
        Command::Settings { command } => settings::settings_command(&dir, user, command).await,
        Command::Backup { command } => backup::backup_command(&dir, user, command).await,
        Command::Export { json: _, out } => transfer::export(&dir, user, out).await,
        Command::Import {
            file,
            json,
            identity,
        } => transfer::import(&dir, user, &file, json, identity.as_deref()).await,
        #[cfg(feature = "bench")]
        Command::Demo {
            bulk_rows: Some(rows),
            json,
        } => bench::bulk(&dir, user, rows, json).await,
        Command::Demo { json, .. } => demo::demo(&dir, user, json).await,
        #[cfg(feature = "bench")]
        Command::Bench(args) => bench::bench(args).await,
        #[cfg(feature = "bench")]
        Command::BenchDocuments(args) => bench::bench_documents(args).await,
        #[cfg(feature = "bench")]
        Command::BenchReports(args) => reports::bench_reports(args).await,
        #[cfg(feature = "bench")]
        Command::BenchDue(args) => bench::bench_due(args).await,
        #[cfg(feature = "bench")]
        Command::BenchWrittenReport(args) => investigations::bench_written(args).await,
    }
}
