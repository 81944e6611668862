//! A placement's agreement (uppdragsavtal) with the placing municipality: the
//! `agreement` command (add, change, list).

use akta_core::agreement::{self, Agreement, AgreementInput};
use akta_core::error::Error;
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;

use crate::output::{parse_date, print_json};

/// The agreement's fields; on `edit` only the flags given change and an empty value
/// clears an optional one.
#[derive(clap::Args)]
pub(crate) struct AgreementArgs {
    /// The municipality's reference (diarienummer).
    #[arg(long)]
    reference: Option<String>,
    /// The day it was signed (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    signed: Option<String>,
    /// The first day it covers (YYYY-MM-DD).
    #[arg(long = "from", value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// The last day it covers (YYYY-MM-DD); none: until further notice.
    #[arg(long = "to", value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// The municipality's contact person (an organisation contact).
    #[arg(long)]
    contact_name: Option<String>,
    #[arg(long)]
    contact_phone: Option<String>,
    #[arg(long)]
    contact_email: Option<String>,
    /// The signed copy: a document of the placement (`akta document list --placement ID`).
    #[arg(long, value_name = "ID")]
    document: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum AgreementCommand {
    /// Record a placement's agreement. Prints the new agreement's id.
    Add {
        /// The placement's id.
        #[arg(long)]
        placement: i64,
        #[command(flatten)]
        fields: AgreementArgs,
        #[arg(long)]
        json: bool,
    },
    /// Change an agreement: only the flags given change; an empty value clears one.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: AgreementArgs,
    },
    /// A placement's agreements, the newest period first.
    List {
        #[arg(long)]
        placement: i64,
        #[arg(long)]
        json: bool,
    },
}

/// A date flag: unchanged when not given, cleared when empty.
fn date_change(
    field: &str,
    value: Option<&str>,
    old: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, Error> {
    match value.map(str::trim) {
        None => Ok(old),
        Some("") => Ok(None),
        Some(v) => parse_date(field, v).map(Some),
    }
}

/// A text flag: unchanged when not given (the core clears an empty one).
fn text_change(value: Option<String>, old: Option<String>) -> Option<String> {
    value.or(old)
}

impl AgreementArgs {
    /// The fields over `old` (an agreement being changed, or none for a new one).
    fn input(self, old: Option<&Agreement>) -> Result<AgreementInput, Error> {
        let from = match (self.from.as_deref(), old) {
            (Some(v), _) => parse_date("valid_from", v)?,
            (None, Some(o)) => o.valid_from,
            (None, None) => {
                return Err(Error::invalid(
                    "valid_from",
                    akta_core::error::Reason::Required,
                ))
            }
        };
        let document_id = match self.document.as_deref().map(str::trim) {
            None => old.and_then(|o| o.document_id),
            Some("") => None,
            Some(v) => Some(
                v.parse::<i64>()
                    .map_err(|_| Error::invalid("document_id", akta_core::error::Reason::Format))?,
            ),
        };
        Ok(AgreementInput {
            reference: text_change(self.reference, old.and_then(|o| o.reference.clone())),
            signed_on: date_change(
                "signed_on",
                self.signed.as_deref(),
                old.and_then(|o| o.signed_on),
            )?,
            valid_from: from,
            valid_to: date_change("valid_to", self.to.as_deref(), old.and_then(|o| o.valid_to))?,
            contact_name: text_change(self.contact_name, old.and_then(|o| o.contact_name.clone())),
            contact_phone: text_change(
                self.contact_phone,
                old.and_then(|o| o.contact_phone.clone()),
            ),
            contact_email: text_change(
                self.contact_email,
                old.and_then(|o| o.contact_email.clone()),
            ),
            document_id,
        })
    }
}

/// `akta agreement …`.
pub(crate) async fn agreement_command(
    store: &Store,
    actor: &Actor,
    command: AgreementCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        AgreementCommand::Add {
            placement,
            fields,
            json,
        } => {
            let input = fields.input(None)?;
            let a = agreement::add(store, actor, placement, &input, now).await?;
            if json {
                print_json(&json!({ "id": a.id }))?;
            } else {
                println!("{}", a.id);
            }
        }
        AgreementCommand::Edit { id, fields } => {
            let old = agreement::get(store, id).await?;
            let input = fields.input(Some(&old))?;
            let a = agreement::update(store, actor, id, &input, now).await?;
            println!("updated agreement {}", a.id);
        }
        AgreementCommand::List { placement, json } => {
            let all = agreement::for_placement(store, placement).await?;
            if json {
                print_json(&all)?;
            } else {
                all.iter().for_each(print_agreement);
            }
        }
    }
    Ok(())
}

fn print_agreement(a: &Agreement) {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    println!(
        "#{} {} – {}",
        a.id,
        a.valid_from,
        a.valid_to.map_or_else(String::new, |d| d.to_string())
    );
    println!("  reference: {}", or_dash(&a.reference));
    println!(
        "  signed:    {}",
        a.signed_on.map_or_else(|| "-".into(), |d| d.to_string())
    );
    println!(
        "  contact:   {} {} {}",
        or_dash(&a.contact_name),
        or_dash(&a.contact_phone),
        or_dash(&a.contact_email)
    );
    if let Some(d) = a.document_id {
        println!("  document:  {d}");
    }
}
