//! `akta`: Akta's command-line tool for administrators and automation.
//! Exit codes: 0 success; 2 invalid input; 3 store cannot be unlocked; 1 anything else.
//! See docs/CLI.md for every command and its `--json` output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use akta_core::crypto::{self, OsKeychain, Passphrase, PassphraseCost, RecoveryIdentity};
use akta_core::error::{Error, Reason};
use akta_core::foster_home::{self, FosterHomeInput, MemberRole, StatusChangeInput};
use akta_core::journal::{self, EntryInput, EntryKind, JournalEntry, JournalFile};
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, format_personal_number, PersonInput};
use akta_core::rights::{self, RequestInput, RequestKind, RequestStatus};
use akta_core::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use akta_core::user::{self, Actor, Role, UserInput};
use akta_core::{audit, backup, bench, demo, files, retention, today, transfer};
use clap::{Parser, Subcommand};
use serde_json::json;

/// The environment variable that holds the passphrase (passphrase mode).
const PASSPHRASE_ENV: &str = "AKTA_PASSPHRASE";

#[derive(Parser)]
#[command(
    name = "akta",
    version,
    about = "Akta: encrypted case files for foster-care caseworkers"
)]
struct Cli {
    /// The store folder (default: $AKTA_STORE, else the app's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    store: Option<PathBuf>,
    /// Act as this user profile (default: $AKTA_USER, else the only profile, else the
    /// device itself when there is none).
    #[arg(long, global = true, env = "AKTA_USER", value_name = "ID")]
    user: Option<i64>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// benchmarks. Not casework: no audit events.
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
    Extract {
        /// The person's personnummer or samordningsnummer, any written form.
        #[arg(long)]
        personnummer: String,
        /// Where to write the PDF (must not exist).
        #[arg(long, value_name = "OUT.pdf")]
        pdf: PathBuf,
        /// Where to write the JSON (must not exist).
        #[arg(long, value_name = "OUT.json")]
        json: Option<PathBuf>,
        /// How the requester's identity was verified, for a request registered now.
        #[arg(long, default_value = "Kontrollerad av handläggaren")]
        identity: String,
        /// Make the extract with the automatic withholding rules alone, even where they
        /// leave candidates (words that may be other people's names, telephone numbers,
        /// e-mail addresses) that no one has reviewed. Recorded as that decision.
        #[arg(long)]
        accept_automatic: bool,
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
    /// (each refusal names the record and field). Needs the data-protection role.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Measure the store: SQLCipher against plain SQLite in the same run.
    Bench {
        /// How many persons to insert.
        #[arg(long, default_value_t = 10_000)]
        persons: u32,
        /// How many journal entries to search over.
        #[arg(long, default_value_t = 100_000)]
        journal_entries: u32,
        /// How many journal entries the store moved by export / import holds.
        #[arg(long, default_value_t = 20_000)]
        transfer_entries: u32,
        /// About how large (MB) the store backed up against a plain VACUUM INTO is.
        #[arg(long, default_value_t = 50)]
        backup_mb: u32,
        /// How many rows the store whose retention is previewed and run holds (a
        /// tenth of them due).
        #[arg(long, default_value_t = 100_000)]
        retention_rows: u32,
        /// How many journal entries the larger register extract's file holds (the
        /// smaller holds 20).
        #[arg(long, default_value_t = 2_000)]
        extract_entries: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PersonCommand {
    /// Add a person.
    Add {
        /// Personnummer or samordningsnummer, any accepted written form. Omit it for a
        /// person without a number; an empty value is refused (an unset variable).
        #[arg(long, value_parser = non_blank)]
        personnummer: Option<String>,
        #[arg(long)]
        given_name: String,
        #[arg(long)]
        family_name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        street_address: Option<String>,
        #[arg(long)]
        postal_code: Option<String>,
        #[arg(long)]
        city: Option<String>,
        /// Skyddad identitet: hide address and contact data in lists and exports.
        #[arg(long)]
        protected_identity: bool,
        #[arg(long)]
        json: bool,
    },
    /// List persons.
    List {
        /// Match names or number.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum HomeCommand {
    /// Add a home (it starts at `intresse`).
    Add {
        #[arg(long)]
        name: String,
        /// familjehem, jourhem or kontaktfamilj.
        #[arg(long, default_value = "familjehem")]
        kind: String,
        #[arg(long)]
        street_address: Option<String>,
        #[arg(long)]
        postal_code: Option<String>,
        #[arg(long)]
        city: Option<String>,
        /// The municipality's organisation id.
        #[arg(long)]
        municipality: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// List homes.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a home's file: members and lifecycle history.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Move a home along its lifecycle (intresse, utreds, godkand, aktiv, vilande, avslutad).
    Status {
        id: i64,
        #[arg(long)]
        to: String,
        /// When (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
        /// Why (required for avslutad).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Add a person to a home.
    Member {
        id: i64,
        #[arg(long)]
        person: i64,
        /// vuxen or eget_barn.
        #[arg(long, default_value = "vuxen")]
        role: String,
    },
}

/// Whose file: exactly one of --home and --child.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
struct FileArgs {
    /// A foster home's id.
    #[arg(long)]
    home: Option<i64>,
    /// A placed child's person id.
    #[arg(long)]
    child: Option<i64>,
}

impl FileArgs {
    fn file(&self) -> JournalFile {
        match (self.home, self.child) {
            (Some(h), _) => JournalFile::Home(h),
            (None, Some(c)) => JournalFile::Child(c),
            (None, None) => JournalFile::Home(0),
        }
    }
}

#[derive(Subcommand)]
enum JournalCommand {
    /// Write a draft entry.
    Add {
        #[command(flatten)]
        file: FileArgs,
        /// The event's date (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        text: String,
        /// The data subject's own objection rather than a note.
        #[arg(long)]
        objection: bool,
        #[arg(long)]
        json: bool,
    },
    /// A file's journal.
    List {
        #[command(flatten)]
        file: FileArgs,
        #[arg(long)]
        json: bool,
    },
    /// Change a draft (its author only).
    Edit {
        id: i64,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        text: String,
    },
    /// Sign a draft: it is locked from then on.
    Sign { id: i64 },
    /// Write an amendment to a signed entry.
    Amend {
        id: i64,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        text: String,
    },
    /// Search all journal text.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a profile.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        title: Option<String>,
        /// handlaggare or dataskyddsansvarig.
        #[arg(long, default_value = "handlaggare")]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// List profiles.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum BackupCommand {
    /// A consistent, checked snapshot sealed with age to the agency recovery recipient
    /// (or, without one, to AKTA_PASSPHRASE), into the store's backup folder or FILE.
    Create {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The backups in the store's backup folder, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Restore FILE into the (new, empty) store folder given by --store, opening it
    /// with --identity FILE (the agency identity) or AKTA_PASSPHRASE.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
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

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain; reports the first broken link (exit 1 when broken).
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The newest events.
    List {
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Add an organisation.
    Add {
        #[arg(long)]
        orgnr: String,
        #[arg(long)]
        name: String,
        /// kommun, region, foretag or myndighet.
        #[arg(long, default_value = "kommun")]
        kind: String,
    },
    /// List organisations.
    List {
        #[arg(long)]
        json: bool,
    },
}

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
            report(&e);
            ExitCode::from(u8::try_from(e.code().exit_code()).unwrap_or(1))
        }
    }
}

/// A flag's value that must not be blank: a blank one is almost always a script's unset
/// variable.
fn non_blank(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the value is empty; omit the flag for a person without a number".into())
    } else {
        Ok(s.to_owned())
    }
}

/// Prints an error on stderr: its code, its message (never personal data) and a hint.
fn report(e: &Error) {
    let code = json_name(e.code());
    eprintln!("akta: error [{code}]: {e}");
    let hint = match e {
        Error::WrongKey => "check AKTA_PASSPHRASE, or recover with `akta recover --identity FILE`",
        Error::KeychainUnavailable(_) => {
            "unlock with the passphrase (set AKTA_PASSPHRASE) or recover with `akta recover --identity FILE`"
        }
        Error::StoreNotFound => "create one with `akta init`",
        Error::StoreBusy => "another program is using the store; try again",
        Error::Invalid(fields) if fields.iter().any(|f| f.field == "review") => {
            "the extract holds candidates (words that may be other people's names, telephone \
             numbers, e-mail addresses) that no one has reviewed: review them in the app \
             (the request's \"Granska\"), or pass --accept-automatic to rely on the automatic \
             withholding alone"
        }
        _ => "",
    };
    if !hint.is_empty() {
        eprintln!("akta: {hint}");
    }
}

fn store_dir(cli_store: Option<PathBuf>) -> Result<StoreDir, Error> {
    match cli_store {
        Some(p) => Ok(StoreDir::new(p)),
        None => StoreDir::default_location(),
    }
}

fn env_passphrase() -> Option<Passphrase> {
    std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|s| !s.is_empty())
        .map(Passphrase::new)
}

async fn unlock(dir: &StoreDir) -> Result<Store, Error> {
    match env_passphrase() {
        Some(p) => Store::open(dir, Unlock::Passphrase(p)).await,
        None => Store::open(dir, Unlock::Keychain(&OsKeychain::new())).await,
    }
}

/// Prints any serialisable value as pretty JSON on stdout (the `--json` outputs).
fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| Error::Internal(e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

async fn run(cli: Cli) -> Result<(), Error> {
    let dir = store_dir(cli.store)?;
    match cli.command {
        Command::Init { recovery_recipient } => {
            let passphrase = match env_passphrase() {
                Some(p) => Some(Passphrase::new_for_store(p.expose().to_owned())?),
                None => None,
            };
            if passphrase.is_none() && recovery_recipient.is_none() {
                eprintln!(
                    "akta: without AKTA_PASSPHRASE the key lives only in the OS keychain; \
                     give --recovery-recipient so it can be recovered"
                );
                return Err(Error::invalid("recovery_recipient", Reason::Required));
            }
            let keychain = if passphrase.is_some() {
                KeychainUse::Off
            } else {
                KeychainUse::Required
            };
            let opts = CreateOptions {
                passphrase,
                recovery_recipient,
                keychain,
                passphrase_cost: PassphraseCost::Interactive,
            };
            let store = Store::create(&dir, opts, &OsKeychain::new()).await?;
            let info = store.info().await?;
            println!(
                "created store {} at {}",
                info.store_id,
                dir.root().display()
            );
            store.close().await;
        }
        Command::Status { json } => {
            if !dir.has_any_store_file() {
                if json {
                    print_json(&json!({ "store": dir.root(), "exists": false }))?;
                } else {
                    println!("no store at {}", dir.root().display());
                }
                return Ok(());
            }
            let store = unlock(&dir).await?;
            let info = store.info().await?;
            let persons = person::count(&store).await?;
            let organisations = organisation::list(&store).await?.len();
            // A damaged store is an error (exit 1, `store_damaged`), not a line.
            store.integrity_check().await?;
            if json {
                print_json(&json!({
                    "store": dir.root(),
                    "exists": true,
                    "unlocked": true,
                    "store_id": info.store_id,
                    "schema_version": info.schema_version,
                    "cipher_version": info.cipher_version,
                    "keychain": info.keychain,
                    "passphrase_wrap": info.passphrase_wrap,
                    "recovery_wrap": info.recovery_wrap,
                    "counts": { "persons": persons, "organisations": organisations },
                    "integrity": "ok",
                }))?;
            } else {
                println!("store:        {}", dir.root().display());
                println!("store id:     {}", info.store_id);
                println!(
                    "schema:       {} (SQLCipher {})",
                    info.schema_version, info.cipher_version
                );
                println!(
                    "unlock:       keychain {}, passphrase {}, recovery {}",
                    yes(info.keychain),
                    yes(info.passphrase_wrap),
                    yes(info.recovery_wrap)
                );
                println!("persons:      {persons}");
                println!("organisations: {organisations}");
                println!("integrity:    ok");
            }
            store.close().await;
        }
        Command::Person { command } => {
            with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                person_command(store, &actor, command).await
            })
            .await?;
        }
        Command::Org { command } => {
            with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                org_command(store, &actor, command).await
            })
            .await?;
        }
        Command::Home { command } => {
            with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                home_command(store, &actor, command).await
            })
            .await?;
        }
        Command::Journal { command } => {
            with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                journal_command(store, &actor, command).await
            })
            .await?;
        }
        Command::User { command } => {
            with_store(&dir, async |store| {
                // Listing needs no profile: it is how one finds the id for --user.
                let actor = match command {
                    UserCommand::List { .. } => Actor::device(),
                    _ => actor(store, cli.user).await?,
                };
                user_command(store, &actor, command).await
            })
            .await?;
        }
        Command::Audit { command } => {
            with_store(&dir, async |store| audit_command(store, command).await).await?;
        }
        Command::Demo {
            bulk_rows: Some(rows),
            json,
        } => {
            let homes = with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                actor.require(user::Permission::ManageSettings)?;
                bench::bulk_fill(store, rows, actor.user_id()).await
            })
            .await?;
            if json {
                print_json(&json!({ "foster_homes_added": homes }))?;
            } else {
                println!("bulk data added: {homes} synthetic foster-home files");
            }
        }
        Command::Demo {
            bulk_rows: None,
            json,
        } => {
            let r = with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                demo::populate(store, &actor, today()).await
            })
            .await?;
            if json {
                print_json(&r)?;
            } else {
                println!(
                    "demo data added: {} persons, {} organisations, {} foster homes, {} placements, {} journal entries",
                    r.persons_added,
                    r.organisations_added,
                    r.foster_homes_added,
                    r.placements_added,
                    r.journal_entries_added
                );
            }
        }
        Command::Recover { identity } => {
            let text = std::fs::read_to_string(&identity)
                .map_err(|_| Error::invalid("identity", Reason::Required))?;
            let id = RecoveryIdentity::parse(&text)?;
            let store = match env_passphrase() {
                Some(p) => {
                    let p = Passphrase::new_for_store(p.expose().to_owned())?;
                    Store::recover(&dir, &id, None, Some((p, PassphraseCost::Interactive))).await?
                }
                None => Store::recover(&dir, &id, Some(&OsKeychain::new()), None).await?,
            };
            println!("access restored to store {}", store.meta().store_id);
            store.close().await;
        }
        Command::RecoveryKeygen { out } => {
            files::check_new(&out, "out")?;
            let id = crypto::generate_recovery_identity();
            let text = format!(
                "# Akta agency recovery identity. Keep it off caseworkers' devices.\n# recipient: {}\n{}\n",
                id.recipient(),
                id.expose_secret().as_str()
            );
            files::write_new_private(&out, text.as_bytes())?;
            println!("{}", id.recipient());
        }
        Command::Extract {
            personnummer,
            pdf,
            json,
            identity,
            accept_automatic,
        } => {
            files::check_new(&pdf, "pdf")?;
            if let Some(json) = &json {
                files::check_new(json, "json")?;
            }
            let number = person::PersonalNumber::parse(&personnummer, today())
                .map_err(|r| Error::invalid("personnummer", r))?;
            let docs = with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                let Some(person_id) = person::id_by_number(store, number.digits(), today()).await?
                else {
                    return Err(Error::invalid("personnummer", Reason::Unknown));
                };
                let open = rights::for_person(store, &actor, person_id, today())
                    .await?
                    .into_iter()
                    .find(|r| {
                        r.status == RequestStatus::Open
                            && matches!(r.kind, RequestKind::Access | RequestKind::Portability)
                            && r.identity_verified_on.is_some()
                    });
                let request = match open {
                    Some(r) => r,
                    None => {
                        let input = RequestInput {
                            person_id,
                            kind: RequestKind::Access,
                            received_on: today(),
                            identity_method: Some(identity),
                            identity_verified_on: Some(today()),
                        };
                        rights::create(store, &actor, &input, today()).await?
                    }
                };
                let review = if accept_automatic {
                    rights::extract::Review::AcceptAutomatic
                } else {
                    rights::extract::Review::Required
                };
                rights::extract::create(store, &actor, request.id, today(), review).await
            })
            .await?;
            files::write_new_atomically(&pdf, &docs.pdf, "pdf")?;
            if let Some(json) = &json {
                files::write_new_atomically(json, &docs.json, "json")?;
            }
            println!(
                "extract {}: {} pages, {} passages withheld\n  pdf  sha256 {}\n  json sha256 {}",
                docs.document_id,
                docs.pages,
                docs.withheld_passages,
                docs.pdf_sha256,
                docs.json_sha256
            );
            // Where and why, never the text.
            for w in &docs.withheld {
                println!(
                    "  withheld: {} #{} {} [{}..{}): {}",
                    w.place.table,
                    w.place.row_id,
                    w.place.column,
                    w.place.start,
                    w.place.end,
                    w.reason
                );
            }
        }
        Command::Backup { command } => match command {
            BackupCommand::Create { out } => {
                let pass = env_passphrase();
                let path = with_store(&dir, async |store| {
                    let seal = if store.meta().recovery_recipient.is_some() {
                        backup::Seal::Recipient
                    } else {
                        match &pass {
                            Some(p) => backup::Seal::Passphrase(p),
                            None => return Err(Error::invalid("passphrase", Reason::Required)),
                        }
                    };
                    backup::create(store, seal, out.as_deref()).await
                })
                .await?;
                println!("backup written to {}", path.display());
            }
            BackupCommand::List { json } => {
                let all = backup::list(&dir)?;
                if json {
                    print_json(&all)?;
                } else {
                    for b in &all {
                        println!(
                            "{}  {:>10} bytes  {}",
                            b.created_at.to_rfc3339(),
                            b.bytes,
                            b.file
                        );
                    }
                }
            }
            BackupCommand::Restore { file, identity } => {
                let meta = match identity {
                    Some(path) => {
                        let text = std::fs::read_to_string(&path)
                            .map_err(|_| Error::invalid("identity", Reason::Required))?;
                        let id = RecoveryIdentity::parse(&text)?;
                        backup::restore(&file, &dir, backup::Opener::Identity(&id)).await?
                    }
                    None => {
                        let p = env_passphrase()
                            .ok_or_else(|| Error::invalid("passphrase", Reason::Required))?;
                        backup::restore(&file, &dir, backup::Opener::Passphrase(&p)).await?
                    }
                };
                println!(
                    "store {} restored into {}",
                    meta.store_id,
                    dir.root().display()
                );
            }
        },
        Command::Retention { command } => {
            with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                retention_command(store, &actor, command).await
            })
            .await?;
        }
        Command::Export { json: _, out } => {
            if let Some(out) = &out {
                files::check_new(out, "out")?;
            }
            let file = with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                transfer::export(store, &actor).await
            })
            .await?;
            let text = transfer::to_json(&file)?;
            match out {
                Some(out) => {
                    files::write_new_atomically(&out, text.as_bytes(), "out")?;
                    let rows: usize = file
                        .tables
                        .values()
                        .filter_map(|t| t.as_array().map(Vec::len))
                        .sum();
                    eprintln!(
                        "exported {rows} rows at {} to {}",
                        transfer::stamp(&file),
                        out.display()
                    );
                }
                None => println!("{text}"),
            }
        }
        Command::Import { file, json } => {
            let bytes = transfer::read_document(&file)?;
            let report = with_store(&dir, async |store| {
                let actor = actor(store, cli.user).await?;
                transfer::import(store, &actor, &bytes, today()).await
            })
            .await;
            let report = match report {
                Ok(r) => r,
                Err(e) => {
                    // Name every refused record and field, one per line.
                    for f in e.fields() {
                        eprintln!("akta: refused: {f}");
                    }
                    return Err(e);
                }
            };
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "imported {} new rows ({} already in the store)",
                    report.added_total(),
                    report.matched.values().sum::<u64>()
                );
                for (table, n) in &report.added {
                    println!("  {table}: {n}");
                }
            }
        }
        Command::Bench {
            persons,
            journal_entries,
            transfer_entries,
            backup_mb,
            retention_rows,
            extract_entries,
            json,
        } => {
            let report = bench::run(bench::Sizes {
                persons,
                journal_entries,
                transfer_entries,
                backup_megabytes: backup_mb,
                retention_rows,
                extract_entries,
            })
            .await?;
            if json {
                print_json(&report)?;
            } else {
                print!("{}", report.to_markdown());
            }
        }
    }
    Ok(())
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
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
            "  {kind} {:>5}  due {}  {:>6} rows  {}{}",
            f.id,
            f.due_on,
            f.rows,
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
            "  {}: {} files, {} rows ({})",
            l.rule, l.files, l.rows, l.category
        );
    }
    for h in &r.file_hashes {
        println!("  purged file sha256 {h}");
    }
}

async fn retention_command(
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
            let offer = retention::offer_handover(store, actor, child, today()).await?;
            files::write_new_atomically(&pdf, &offer.documents.pdf, "pdf")?;
            files::write_new_atomically(&json, &offer.documents.json, "json")?;
            println!(
                "hand-over {} ({}): {} pages, pdf sha256 {}",
                offer.id,
                offer.documents.document_id,
                offer.documents.pages,
                offer.documents.pdf_sha256
            );
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

/// Unlocks the store, runs `f` on it, and closes it again whatever `f` returned.
async fn with_store<T>(
    dir: &StoreDir,
    f: impl AsyncFnOnce(&Store) -> Result<T, Error>,
) -> Result<T, Error> {
    let store = unlock(dir).await?;
    let result = f(&store).await;
    store.close().await;
    result
}

/// The profile to act as: the one named, else the default.
async fn actor(store: &Store, user_id: Option<i64>) -> Result<Actor, Error> {
    match user_id {
        Some(id) => match user::get(store, id).await {
            Ok(u) => Ok(Actor::user(u)),
            Err(Error::NotFound(_)) => Err(Error::invalid("user", Reason::Format)),
            Err(e) => Err(e),
        },
        None => user::default_actor(store).await,
    }
}

/// The name of a closed-set value (status, role, kind …) as `--json` prints it.
fn json_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Parses a closed-set value given on the command line by its JSON name.
fn parse_enum<T: serde::de::DeserializeOwned>(field: &str, value: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_owned()))
        .map_err(|_| Error::invalid(field, Reason::Format))
}

fn parse_date(field: &str, value: &str) -> Result<chrono::NaiveDate, Error> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::invalid(field, Reason::Date))
}

async fn home_command(store: &Store, actor: &Actor, command: HomeCommand) -> Result<(), Error> {
    match command {
        HomeCommand::Add {
            name,
            kind,
            street_address,
            postal_code,
            city,
            municipality,
            json,
        } => {
            let input = FosterHomeInput {
                name,
                kind: parse_enum("kind", &kind)?,
                street_address,
                postal_code,
                city,
                municipality_id: municipality,
            };
            let h = foster_home::add(store, actor, &input, today()).await?;
            if json {
                print_json(&h)?;
            } else {
                println!("added foster home {}", h.id);
            }
        }
        HomeCommand::List { json } => {
            let list = foster_home::list(store).await?;
            if json {
                print_json(&list)?;
            } else {
                for h in list {
                    let status = json_name(h.status);
                    println!(
                        "{:>5}  {:<30}  {:<10}  {}",
                        h.id,
                        h.name,
                        status,
                        h.city.unwrap_or_default()
                    );
                }
            }
        }
        HomeCommand::Show { id, json } => {
            let file = foster_home::get(store, actor, id).await?;
            if json {
                print_json(&file)?;
            } else {
                println!("{} ({} members)", file.home.name, file.members.len());
                for c in &file.history {
                    let to = json_name(c.to_status);
                    println!("  {}  {}", c.on_date, to);
                }
            }
        }
        HomeCommand::Status {
            id,
            to,
            date,
            reason,
        } => {
            let change = StatusChangeInput {
                to: parse_enum("to", &to)?,
                on_date: date
                    .as_deref()
                    .map(|d| parse_date("on_date", d))
                    .transpose()?,
                reason,
            };
            let h = foster_home::change_status(store, actor, id, &change, today()).await?;
            let status = json_name(h.status);
            println!("foster home {} is now {}", h.id, status);
        }
        HomeCommand::Member { id, person, role } => {
            let role: MemberRole = parse_enum("role", &role)?;
            foster_home::add_member(store, actor, id, person, role).await?;
            println!("added person {person} to foster home {id}");
        }
    }
    Ok(())
}

fn entry_input(date: Option<&str>, text: String) -> Result<EntryInput, Error> {
    let event_date = match date {
        Some(d) => parse_date("event_date", d)?,
        None => today(),
    };
    Ok(EntryInput { event_date, text })
}

fn print_entry(e: &JournalEntry) {
    let state = if e.signed_at.is_some() {
        "signed"
    } else if e.stale_draft {
        "DRAFT (over 14 days)"
    } else {
        "draft"
    };
    let kind = json_name(e.kind);
    println!(
        "#{} {} {} [{}] by {}",
        e.id, e.event_date, kind, state, e.author_name
    );
    for line in e.text.lines() {
        println!("    {line}");
    }
}

async fn journal_command(
    store: &Store,
    actor: &Actor,
    command: JournalCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        JournalCommand::Add {
            file,
            date,
            text,
            objection,
            json,
        } => {
            let kind = if objection {
                EntryKind::Objection
            } else {
                EntryKind::Note
            };
            let e = journal::create_draft(
                store,
                actor,
                file.file(),
                kind,
                &entry_input(date.as_deref(), text)?,
                now,
            )
            .await?;
            if json {
                print_json(&e)?;
            } else {
                println!(
                    "draft {} written; sign it with `akta journal sign {}`",
                    e.id, e.id
                );
            }
        }
        JournalCommand::List { file, json } => {
            let entries = journal::list(store, actor, file.file(), now).await?;
            if json {
                print_json(&entries)?;
            } else {
                entries.iter().for_each(print_entry);
            }
        }
        JournalCommand::Edit { id, date, text } => {
            let e =
                journal::update_draft(store, actor, id, &entry_input(date.as_deref(), text)?, now)
                    .await?;
            print_entry(&e);
        }
        JournalCommand::Sign { id } => {
            let e = journal::sign(store, actor, id, now).await?;
            print_entry(&e);
        }
        JournalCommand::Amend { id, date, text } => {
            let e =
                journal::amend(store, actor, id, &entry_input(date.as_deref(), text)?, now).await?;
            println!("amendment {} to entry {} written as a draft", e.id, id);
        }
        JournalCommand::Search { query, limit, json } => {
            let hits = journal::search(store, actor, &query, limit).await?;
            if json {
                print_json(&hits)?;
            } else {
                for h in hits {
                    println!(
                        "#{} {} {}: {}",
                        h.entry_id, h.event_date, h.file_name, h.excerpt
                    );
                }
            }
        }
    }
    Ok(())
}

async fn user_command(store: &Store, actor: &Actor, command: UserCommand) -> Result<(), Error> {
    match command {
        UserCommand::Add {
            name,
            title,
            role,
            json,
        } => {
            let role: Role = role.parse()?;
            let u = user::add(store, actor, &UserInput { name, title, role }).await?;
            if json {
                print_json(&u)?;
            } else {
                println!("added user {}", u.id);
            }
        }
        UserCommand::List { json } => {
            let list = user::list(store).await?;
            if json {
                print_json(&list)?;
            } else {
                for u in list {
                    let role = json_name(u.role);
                    println!("{:>5}  {}  ({})", u.id, u.name, role);
                }
            }
        }
    }
    Ok(())
}

async fn audit_command(store: &Store, command: AuditCommand) -> Result<(), Error> {
    match command {
        AuditCommand::Verify { json } => {
            let v = audit::verify(store).await?;
            if json {
                print_json(&v)?;
            } else if v.intact {
                println!("audit log intact: {} events", v.events);
            } else {
                println!(
                    "audit log BROKEN at event {}: {}",
                    v.first_broken.unwrap_or_default(),
                    v.problem.as_deref().unwrap_or_default()
                );
            }
            if !v.intact {
                return Err(Error::AuditBroken(v.first_broken.unwrap_or_default()));
            }
        }
        AuditCommand::List { limit, json } => {
            let events = audit::list(store, limit.clamp(1, 100_000)).await?;
            if json {
                print_json(&events)?;
            } else {
                for e in events {
                    let id = e.entity_id.map(|i| i.to_string()).unwrap_or_default();
                    let user = e
                        .user_id
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "-".into());
                    println!(
                        "{:>7}  {}  user {:>4}  {:<7} {} {}",
                        e.seq,
                        e.at.format("%Y-%m-%d %H:%M:%S"),
                        user,
                        e.action,
                        e.entity_kind,
                        id
                    );
                }
            }
        }
    }
    Ok(())
}

async fn person_command(store: &Store, actor: &Actor, command: PersonCommand) -> Result<(), Error> {
    match command {
        PersonCommand::Add {
            personnummer,
            given_name,
            family_name,
            email,
            phone,
            street_address,
            postal_code,
            city,
            protected_identity,
            json,
        } => {
            let input = PersonInput {
                personal_number: personnummer,
                given_name,
                family_name,
                email,
                phone,
                street_address,
                postal_code,
                city,
                protected_identity,
            };
            let p = person::add(store, actor, &input, today()).await?;
            if json {
                print_json(&p)?;
            } else {
                println!("added person {}", p.id);
            }
        }
        PersonCommand::List { search, json } => {
            let list = person::list(store, search.as_deref()).await?;
            if json {
                print_json(&list)?;
            } else {
                for p in list {
                    let number = p
                        .personal_number
                        .as_deref()
                        .map(format_personal_number)
                        .unwrap_or_else(|| "-".into());
                    let mark = if p.protected_identity {
                        "  [skyddad identitet]"
                    } else {
                        ""
                    };
                    println!(
                        "{:>5}  {:<13}  {}, {}{}",
                        p.id, number, p.family_name, p.given_name, mark
                    );
                }
            }
        }
    }
    Ok(())
}

async fn org_command(store: &Store, actor: &Actor, command: OrgCommand) -> Result<(), Error> {
    match command {
        OrgCommand::Add { orgnr, name, kind } => {
            let kind: OrganisationKind = kind.parse()?;
            let o = organisation::add(
                store,
                actor,
                &OrganisationInput {
                    org_number: orgnr,
                    name,
                    kind,
                },
            )
            .await?;
            println!("added organisation {}", o.id);
        }
        OrgCommand::List { json } => {
            let list = organisation::list(store).await?;
            if json {
                print_json(&list)?;
            } else {
                for o in list {
                    println!(
                        "{:>5}  {}  {}",
                        o.id,
                        organisation::format_org_number(&o.org_number),
                        o.name
                    );
                }
            }
        }
    }
    Ok(())
}
