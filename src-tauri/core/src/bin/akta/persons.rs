//! Persons and organisations: the `person` and `org` commands.

use akta_core::error::Error;
use akta_core::organisation::{self, OrganisationInput, OrganisationKind};
use akta_core::person::{self, format_personal_number, ContactInput, PersonInput};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;

use crate::output::{non_blank, print_json};

#[derive(Subcommand)]
pub(crate) enum PersonCommand {
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
    /// Change a person's contact details (an everyday edit, audited as an update). Only
    /// the flags given change; an empty value clears the detail. Name and personnummer
    /// change through rectification (docs/RIGHTS.md).
    Edit {
        id: i64,
        #[arg(long, alias = "street")]
        street_address: Option<String>,
        #[arg(long)]
        postal_code: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum OrgCommand {
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

/// `akta person …`.
pub(crate) async fn person_command(
    store: &Store,
    actor: &Actor,
    command: PersonCommand,
) -> Result<(), Error> {
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
        PersonCommand::Edit {
            id,
            street_address,
            postal_code,
            city,
            phone,
            email,
            json,
        } => {
            let mut input = ContactInput::of(&person::get(store, actor, id).await?);
            let given = [
                (&mut input.street_address, street_address),
                (&mut input.postal_code, postal_code),
                (&mut input.city, city),
                (&mut input.phone, phone),
                (&mut input.email, email),
            ];
            for (detail, value) in given {
                if value.is_some() {
                    *detail = value;
                }
            }
            let p = person::update_contact(store, actor, id, &input).await?;
            if json {
                print_json(&p)?;
            } else {
                println!("updated person {}", p.id);
            }
        }
    }
    Ok(())
}

/// `akta org …`.
pub(crate) async fn org_command(
    store: &Store,
    actor: &Actor,
    command: OrgCommand,
) -> Result<(), Error> {
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
