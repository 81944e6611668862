//! Bevakningar set by hand: the `follow-up` command (add on a home, a person, a
//! placement, an investigation or a request; done; postpone with a reason; remove;
//! list a subject's).

use akta_core::due::manual::{self, FollowUp, FollowUpInput, FollowUpSubject};
use akta_core::error::Error;
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::output::{parse_date, print_json};

/// Exactly one thing a bevakning is on.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub(crate) struct SubjectArgs {
    /// A foster home's id.
    #[arg(long)]
    home: Option<i64>,
    /// A person's id (their own file).
    #[arg(long)]
    person: Option<i64>,
    /// A placement's id.
    #[arg(long)]
    placement: Option<i64>,
    /// An investigation's id.
    #[arg(long)]
    investigation: Option<i64>,
    /// A data-subject request's id (data-protection role only).
    #[arg(long)]
    request: Option<i64>,
}

impl SubjectArgs {
    fn subject(&self) -> Result<FollowUpSubject, Error> {
        let s = match *self {
            SubjectArgs {
                home: Some(home_id),
                ..
            } => FollowUpSubject::Home { home_id },
            SubjectArgs {
                person: Some(person_id),
                ..
            } => FollowUpSubject::Person { person_id },
            SubjectArgs {
                placement: Some(placement_id),
                ..
            } => FollowUpSubject::Placement { placement_id },
            SubjectArgs {
                investigation: Some(investigation_id),
                ..
            } => FollowUpSubject::Investigation { investigation_id },
            SubjectArgs {
                request: Some(request_id),
                ..
            } => FollowUpSubject::Request { request_id },
            // clap requires one of the group.
            _ => {
                return Err(Error::invalid(
                    "subject",
                    akta_core::error::Reason::Required,
                ))
            }
        };
        Ok(s)
    }
}

#[derive(Subcommand)]
pub(crate) enum FollowUpCommand {
    /// Set a bevakning on a date. Prints the new bevakning's id.
    Add {
        #[command(flatten)]
        subject: SubjectArgs,
        /// The day it falls due (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        /// What to follow up (at most 2000 characters).
        #[arg(long)]
        text: String,
        /// The profile it is for (default: whoever opens the inbox).
        #[arg(long = "for", value_name = "PROFILE_ID")]
        assignee: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Mark a bevakning done today.
    Done { id: i64 },
    /// Move an open bevakning to a later date, with the reason.
    Postpone {
        id: i64,
        /// The new date (YYYY-MM-DD), after the current one.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove a bevakning (and its postponements; the audit log keeps that it was).
    Remove { id: i64 },
    /// A home's, person's, placement's, investigation's or request's bevakningar: the
    /// open ones by date, then the done ones.
    List {
        #[command(flatten)]
        subject: SubjectArgs,
        #[arg(long)]
        json: bool,
    },
}

/// `akta follow-up …`.
pub(crate) async fn follow_up_command(
    store: &Store,
    actor: &Actor,
    command: FollowUpCommand,
) -> Result<(), Error> {
    match command {
        FollowUpCommand::Add {
            subject,
            on,
            text,
            assignee,
            json,
        } => {
            let input = FollowUpInput {
                subject: subject.subject()?,
                due_on: parse_date("due_on", &on)?,
                text,
                assignee_id: assignee,
            };
            let f = manual::add(store, actor, &input).await?;
            if json {
                print_json(&json!({ "id": f.id }))?;
            } else {
                println!("{}", f.id);
            }
        }
        FollowUpCommand::Done { id } => {
            manual::done(store, actor, id, today()).await?;
            println!("follow-up {id} done");
        }
        FollowUpCommand::Postpone { id, to, reason } => {
            let to = parse_date("to_on", &to)?;
            let f = manual::postpone(store, actor, id, to, &reason).await?;
            println!("follow-up {id} moved to {}", f.due_on);
        }
        FollowUpCommand::Remove { id } => {
            manual::remove(store, actor, id).await?;
            println!("removed follow-up {id}");
        }
        FollowUpCommand::List { subject, json } => {
            let rows = manual::list_for(store, actor, subject.subject()?).await?;
            if json {
                print_json(&rows)?;
            } else {
                rows.iter().for_each(print_row);
            }
        }
    }
    Ok(())
}

fn print_row(f: &FollowUp) {
    let state = match f.done_on {
        Some(d) => format!("done {d}"),
        None => "open".into(),
    };
    let first_line = f.text.lines().next().unwrap_or_default();
    println!(
        "{:>6}  {}  {:<12}  {:<24}  {}",
        f.id,
        f.due_on,
        state,
        f.assignee_name.as_deref().unwrap_or("-"),
        first_line
    );
    for p in &f.postponements {
        println!("        moved {} -> {}: {}", p.from_on, p.to_on, p.reason);
    }
}
