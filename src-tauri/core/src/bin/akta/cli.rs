//! The command line itself: the top-level `Cli` with its global flags, and the list of
//! top-level commands. Each area's subcommands and longer argument sets live in that
//! area's file.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::agreements::AgreementCommand;
use crate::backup::BackupCommand;
#[cfg(feature = "bench")]
use crate::bench::{BenchArgs, BenchDocumentsArgs, BenchDueArgs};
use crate::checks::CheckCommand;
use crate::contacts::ContactCommand;
use crate::documents::DocumentCommand;
use crate::due::DueArgs;
use crate::follow_ups::FollowUpCommand;
use crate::homes::HomeCommand;
#[cfg(feature = "bench")]
use crate::investigations::BenchWrittenArgs;
use crate::investigations::InvestigationCommand;
use crate::journal::JournalCommand;
use crate::persons::{OrgCommand, PersonCommand};
use crate::plans::PlanCommand;
#[cfg(feature = "bench")]
use crate::reports::BenchReportsArgs;
use crate::reports::{PlacementCommand, ReportCommand};
use crate::retention::RetentionCommand;
use crate::rights::ExtractArgs;
use crate::settings::SettingsCommand;
use crate::store::{AuditCommand, UserCommand};
use crate::surveys::SurveyCommand;
use crate::training::TrainingCommand;

#[derive(Parser)]
#[command(
    name = "akta",
    version,
    about = "Akta: encrypted case files for foster-care caseworkers"
)]
pub(crate) struct Cli {
    /// The store folder (default: $AKTA_STORE, else the app's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) store: Option<PathBuf>,
    /// Act as this user profile (default: $AKTA_USER, else the only profile, else the
    /// device itself when there is none).
    #[arg(long, global = true, env = "AKTA_USER", value_name = "ID")]
    pub(crate) user: Option<i64>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Create a new encrypted store. With AKTA_PASSPHRASE set: passphrase mode;
    /// otherwise the key goes into the OS keychain and --recovery-recipient is required.
    Init {
        /// The agency's recovery recipient (age1…): a copy of the key is wrapped to it.
        #[arg(long, value_name = "AGE_RECIPIENT")]
        recovery_recipient: Option<String>,
    },
    /// Show the store's state.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Persons.
    Person {
        #[command(subcommand)]
        command: PersonCommand,
    },
    /// Organisations (municipalities, companies).
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Foster homes (familjehem, jourhem, kontaktfamilj).
    Home {
        #[command(subcommand)]
        command: HomeCommand,
    },
    /// Journals in a foster home's or a placed child's file.
    Journal {
        #[command(subcommand)]
        command: JournalCommand,
    },
    /// Contacts with a home (hembesök, samtal, handledning…): structured journal entries.
    Contact {
        #[command(subcommand)]
        command: ContactCommand,
    },
    /// Bevakningar: everything overdue, due today, this week and later (the app's inbox).
    Due(DueArgs),
    /// Contact plans of homes and placements, and what was done against them.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Placements: a child placed in a foster home by a municipality.
    Placement {
        #[command(subcommand)]
        command: PlacementCommand,
    },
    /// Monthly reports (månadsrapporter) to the placing municipality.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Further training of a home's members, and each year against the agency's target.
    Training {
        #[command(subcommand)]
        command: TrainingCommand,
    },
    /// A placement's agreement (uppdragsavtal) with the placing municipality.
    Agreement {
        #[command(subcommand)]
        command: AgreementCommand,
    },
    /// Renewed register extracts and health declarations of an approved home's adults.
    Check {
        #[command(subcommand)]
        command: CheckCommand,
    },
    /// Investigations of homes, and their written report (familjehemsutredning): draft,
    /// write, sign, PDF, sent to the municipality; the templates per method.
    Investigation {
        #[command(subcommand)]
        command: InvestigationCommand,
    },
    /// Egenkontroll: a home's yearly answers on the support, and the agency's summary.
    Survey {
        #[command(subcommand)]
        command: SurveyCommand,
    },
    /// Bevakningar set by hand on a home, person, placement, investigation or request.
    FollowUp {
        #[command(subcommand)]
        command: FollowUpCommand,
    },
    /// Documents in a foster home's or a placed child's file (stored encrypted).
    Document {
        #[command(subcommand)]
        command: DocumentCommand,
    },
    /// User profiles on this device.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Fill the store with fictional demo data (adds only what is missing).
    Demo {
        /// Instead of the demo families: about N rows of synthetic foster-home files
        /// (one member, 97 journal entries each; a tenth closed in 2020), for load and
        /// benchmarks. Not casework: no audit events. (Built with the `bench` feature.)
        #[cfg(feature = "bench")]
        #[arg(long, value_name = "N")]
        bulk_rows: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Restore access with the agency's recovery identity: put the key back in the
    /// keychain, or (with AKTA_PASSPHRASE set) wrap it to that new passphrase.
    Recover {
        /// The agency's identity file (AGE-SECRET-KEY-1…).
        #[arg(long, value_name = "FILE")]
        identity: PathBuf,
    },
    /// Create an agency recovery identity; prints its recipient (age1…).
    RecoveryKeygen {
        /// Where to write the secret identity (must not exist). Keep it off the device.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A register extract (Art. 15) for a person: a PDF, and optionally the same as JSON.
    /// Uses the person's open access request, or registers one (identity verified now).
    /// Needs the data-protection role.
    Extract(ExtractArgs),
    /// The device's settings, and the agency that register extracts' letters name.
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Encrypted backups: create, list, restore into a new store (docs/RETENTION.md).
    Backup {
        #[command(subcommand)]
        command: BackupCommand,
    },
    /// Retention: rules, holds, preview, runs and receipts (docs/RETENTION.md).
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Write the whole store's data as one versioned JSON document (docs/TRANSFER.md).
    /// A store with documents is written sealed with its documents (needs --out): to
    /// AKTA_TRANSFER_PASSPHRASE when set, else to the agency recovery recipient.
    /// Needs the data-protection role (or no profile on the device).
    Export {
        /// The format: JSON, the only one (required, so that scripts say what they get).
        #[arg(long, required = true)]
        json: bool,
        /// Write to this new file (readable by its owner only) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a transfer document: all of it, or nothing when any record is refused
    /// (each refusal names the record and field). A sealed one is opened with
    /// --identity FILE (the agency identity) or AKTA_TRANSFER_PASSPHRASE. Needs the
    /// data-protection role.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// The agency's identity file, for a transfer file sealed to its recipient.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Measure the store: SQLCipher against plain SQLite in the same run.
    #[cfg(feature = "bench")]
    Bench(BenchArgs),
    /// Measure documents: adding and opening a large PDF, and a store with many GB of
    /// documents against the same store without them (unlock, retention, backup).
    #[cfg(feature = "bench")]
    BenchDocuments(BenchDocumentsArgs),
    /// Measure monthly reports: drafting a month's reports for N active placements
    /// with contacts, against reading the same placements' journals.
    #[cfg(feature = "bench")]
    BenchReports(BenchReportsArgs),
    /// Measure the inbox of bevakningar: building it for N active homes over a million
    /// journal rows, against one aggregate query of the homes' contacts this month.
    #[cfg(feature = "bench")]
    BenchDue(BenchDueArgs),
    /// Measure the written familjehemsutredning: rendering a report of at least N pages
    /// (p50, p95), against the same text as a plain document of paragraphs.
    #[cfg(feature = "bench")]
    BenchWrittenReport(BenchWrittenArgs),
}
