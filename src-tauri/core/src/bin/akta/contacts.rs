//! Contacts with homes: the `contact` command (record a contact as a draft entry of the
//! home's journal, list a home's contacts, the themes). Signing, amending and search are
//! `akta journal`'s, as for every entry.

use akta_core::contact::{self, ContactInput, ContactParticipant, Participant, ParticipantRole};
use akta_core::error::Error;
use akta_core::journal::JournalEntry;
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;
use serde_json::json;

use crate::output::{json_name, parse_date, parse_enum, print_json};

#[derive(Subcommand)]
pub(crate) enum ContactCommand {
    /// Record a contact with a home as a draft entry of its journal; prints the entry's
    /// id. Sign it with `akta journal sign ID`.
    Add {
        /// The foster home's id.
        #[arg(long, value_name = "ID")]
        home: i64,
        /// The placed child it concerns (person id); none: the home as a whole.
        #[arg(long, value_name = "ID")]
        child: Option<i64>,
        /// hembesok, oanmalt_hembesok, telefon, video, handledning_enskild,
        /// handledning_grupp, mote_socialtjansten or ovrigt.
        #[arg(long)]
        kind: String,
        /// The day it happened (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// The local time it started (HH:MM).
        #[arg(long, default_value = "12:00", value_name = "HH:MM")]
        time: String,
        /// How long it lasted, in minutes (1–1440).
        #[arg(long, value_name = "N")]
        minutes: Option<u32>,
        /// A theme's code (see `akta contact themes`; repeatable).
        #[arg(long = "theme", value_name = "T")]
        themes: Vec<String>,
        /// A person who took part: a member of the home or a child placed there
        /// (person id; repeatable).
        #[arg(long = "participant", value_name = "PERSON_ID")]
        participants: Vec<i64>,
        /// Someone else who took part, by role: socialsekreterare, ursprungsfamilj,
        /// skola, halso_och_sjukvard, tolk, kollega or annan (repeatable).
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// The note.
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// A home's contacts, newest first.
    List {
        #[arg(long, value_name = "ID")]
        home: i64,
        #[arg(long)]
        json: bool,
    },
    /// The themes offered for contacts (codes for --theme).
    Themes {
        #[arg(long)]
        json: bool,
    },
    /// Add a theme to the list; prints its code.
    AddTheme {
        #[arg(value_name = "LABEL")]
        label: String,
    },
}

fn print_contact(e: &JournalEntry) {
    let state = if e.signed_at.is_some() {
        "signed"
    } else {
        "draft"
    };
    let Some(c) = &e.contact else {
        return;
    };
    let length = c.minutes.map(|m| format!(" {m} min")).unwrap_or_default();
    println!(
        "#{} {} {}{} {} [{}] by {}",
        e.id,
        e.event_date,
        c.starts_at,
        length,
        json_name(c.kind),
        state,
        e.author_name
    );
    if let Some(child) = &c.child_name {
        println!("  child:        {child}");
    }
    if !c.participants.is_empty() {
        let who: Vec<String> = c
            .participants
            .iter()
            .map(|p| match p {
                ContactParticipant::Person { name, .. } => name.clone(),
                ContactParticipant::Role { role } => json_name(role),
            })
            .collect();
        println!("  participants: {}", who.join(", "));
    }
    if !c.themes.is_empty() {
        let themes: Vec<&str> = c.themes.iter().map(|t| t.code.as_str()).collect();
        println!("  themes:       {}", themes.join(", "));
    }
    for line in e.text.lines() {
        println!("    {line}");
    }
}

/// `akta contact …`.
pub(crate) async fn contact_command(
    store: &Store,
    actor: &Actor,
    command: ContactCommand,
) -> Result<(), Error> {
    let now = today();
    match command {
        ContactCommand::Add {
            home,
            child,
            kind,
            date,
            time,
            minutes,
            themes,
            participants,
            roles,
            text,
            json,
        } => {
            let mut who: Vec<Participant> = participants
                .into_iter()
                .map(|person_id| Participant::Person { person_id })
                .collect();
            for r in roles {
                let role: ParticipantRole = parse_enum("role", &r)?;
                who.push(Participant::Role { role });
            }
            let input = ContactInput {
                home_id: home,
                child_id: child,
                kind: parse_enum("kind", &kind)?,
                date: parse_date("date", &date)?,
                starts_at: time,
                minutes,
                participants: who,
                themes,
                text,
            };
            let e = contact::add(store, actor, &input, now).await?;
            if json {
                print_json(&json!({ "id": e.id }))?;
            } else {
                println!("{}", e.id);
            }
        }
        ContactCommand::List { home, json } => {
            let contacts = contact::list(store, actor, home, now).await?;
            if json {
                print_json(&contacts)?;
            } else {
                contacts.iter().for_each(print_contact);
            }
        }
        ContactCommand::Themes { json } => {
            let themes = contact::themes(store).await?;
            if json {
                print_json(&themes)?;
            } else {
                for t in themes {
                    println!("{:<20}  {}", t.code, t.label);
                }
            }
        }
        ContactCommand::AddTheme { label } => {
            let t = contact::add_theme(store, actor, &label).await?;
            println!("{}", t.code);
        }
    }
    Ok(())
}
