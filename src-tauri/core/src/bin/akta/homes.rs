//! Foster homes: the `home` command (add, list, show, edit, lifecycle, members).

use akta_core::error::Error;
use akta_core::foster_home::{self, FosterHomeInput, MemberRole, StatusChangeInput};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;

use crate::output::{json_name, parse_date, parse_enum, print_json};

#[derive(Subcommand)]
pub(crate) enum HomeCommand {
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
    /// Change a home's name, type, address (an everyday edit, audited as an update).
    /// Only the flags given change; an empty address value clears it.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        /// familjehem, jourhem or kontaktfamilj.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, alias = "street")]
        street_address: Option<String>,
        #[arg(long)]
        postal_code: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A member leaves a home on a date (kept in the home's history).
    RemoveMember {
        home_id: i64,
        person_id: i64,
        /// The day the member left (YYYY-MM-DD; not in the future, not before joining).
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on: String,
    },
}

/// `akta home …`.
pub(crate) async fn home_command(
    store: &Store,
    actor: &Actor,
    command: HomeCommand,
) -> Result<(), Error> {
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
        HomeCommand::Edit {
            id,
            name,
            kind,
            street_address,
            postal_code,
            city,
            json,
        } => {
            let home = foster_home::get(store, actor, id).await?.home;
            let input = FosterHomeInput {
                name: name.unwrap_or(home.name),
                kind: match kind {
                    Some(k) => parse_enum("kind", &k)?,
                    None => home.kind,
                },
                street_address: street_address.or(home.street_address),
                postal_code: postal_code.or(home.postal_code),
                city: city.or(home.city),
                municipality_id: home.municipality_id,
            };
            let h = foster_home::update(store, actor, id, &input).await?;
            if json {
                print_json(&h)?;
            } else {
                println!("updated foster home {}", h.id);
            }
        }
        HomeCommand::RemoveMember {
            home_id,
            person_id,
            on,
        } => {
            let left_on = parse_date("left_on", &on)?;
            foster_home::remove_member(store, actor, home_id, person_id, left_on, today()).await?;
            println!("person {person_id} left foster home {home_id} on {left_on}");
        }
    }
    Ok(())
}
