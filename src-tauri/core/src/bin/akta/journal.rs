//! Journals in a foster home's or a placed child's file: the `journal` command (drafts,
//! signing, amendments, search).

use akta_core::error::Error;
use akta_core::journal::{self, EntryInput, EntryKind, JournalEntry, JournalFile};
use akta_core::store::Store;
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;

use crate::output::{json_name, parse_date, print_json};

/// Whose file: exactly one of --home and --child.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub(crate) struct FileArgs {
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
pub(crate) enum JournalCommand {
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
        /// `newest` (newest written first) or `relevance` (best match first).
        #[arg(long, default_value = "newest", value_parser = parse_order)]
        order: journal::SearchOrder,
        #[arg(long)]
        json: bool,
    },
}

fn parse_order(s: &str) -> Result<journal::SearchOrder, String> {
    serde_json::from_value(serde_json::Value::String(s.into()))
        .map_err(|_| "expected newest or relevance".to_string())
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

/// `akta journal …`.
pub(crate) async fn journal_command(
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
        JournalCommand::Search {
            query,
            limit,
            order,
            json,
        } => {
            let hits = journal::search(store, actor, &query, limit, order).await?;
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
