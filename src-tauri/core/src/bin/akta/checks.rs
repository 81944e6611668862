//! Renewed checks of an approved home's adults: the `check` command (add, list, remove a
//! mistaken one). The register check and health declaration bevakningar count them.

use akta_core::due::checks::{self, CheckInput, EvidenceCheck};
use akta_core::due::EvidenceKind;
use akta_core::error::Error;
use akta_core::investigation::Register;
use akta_core::label::SwedishLabel;
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;
use serde_json::json;

use crate::output::{parse_date, parse_enum, print_json};

#[derive(Subcommand)]
pub(crate) enum CheckCommand {
    /// Record that an adult of a home had a register extract or a health declaration
    /// taken again. Prints the new row's id.
    Add {
        /// The foster home's id.
        #[arg(long)]
        home: i64,
        /// The adult's person id (an adult member of the home).
        #[arg(long)]
        person: i64,
        /// register_extract or health_declaration.
        #[arg(long)]
        kind: String,
        /// The register of a register extract: belastningsregistret, misstankeregistret,
        /// socialtjansten, kronofogden or forsakringskassan.
        #[arg(long)]
        register: Option<String>,
        /// The day it was taken (YYYY-MM-DD; not in the future).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        #[arg(long)]
        json: bool,
    },
    /// A home's renewed checks, the latest first.
    List {
        #[arg(long)]
        home: i64,
        #[arg(long)]
        json: bool,
    },
    /// Remove a check recorded by mistake (audited).
    Remove { id: i64 },
}

/// `akta check …`.
pub(crate) async fn check_command(
    store: &Store,
    actor: &Actor,
    command: CheckCommand,
) -> Result<(), Error> {
    match command {
        CheckCommand::Add {
            home,
            person,
            kind,
            register,
            on,
            json,
        } => {
            let input = CheckInput {
                person_id: person,
                kind: parse_enum::<EvidenceKind>("kind", &kind)?,
                register: register
                    .as_deref()
                    .map(|r| parse_enum::<Register>("register", r))
                    .transpose()?,
                checked_on: parse_date("checked_on", &on)?,
            };
            let c = checks::add(store, actor, home, &input, today()).await?;
            if json {
                print_json(&json!({ "id": c.id }))?;
            } else {
                println!("{}", c.id);
            }
        }
        CheckCommand::List { home, json } => {
            let rows = checks::list_for_home(store, home).await?;
            if json {
                print_json(&json!({ "checks": rows }))?;
            } else {
                rows.iter().for_each(print_row);
            }
        }
        CheckCommand::Remove { id } => {
            checks::delete(store, actor, id).await?;
            println!("removed check {id}");
        }
    }
    Ok(())
}

fn print_row(c: &EvidenceCheck) {
    println!(
        "{:>6}  {}  {:<28}  {:<16}  {}",
        c.id,
        c.checked_on,
        c.person_name,
        c.kind.sv(),
        c.register.map(SwedishLabel::sv).unwrap_or("-")
    );
}
