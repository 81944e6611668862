//! Documents of a personakt: the `document` command (add a file, list, show, save a
//! copy, change, record as sent, delete, the types, and the folder check).

use std::path::{Path, PathBuf};

use akta_core::document::{
    self, blob, Direction, Document, DocumentDescription, DocumentInput, DocumentOwner,
};
use akta_core::error::Error;
use akta_core::label::SwedishLabel;
use akta_core::store::{Store, StoreDir};
use akta_core::today;
use akta_core::user::Actor;
use clap::Subcommand;
use serde_json::json;

use crate::output::{parse_date, parse_enum, print_json};
use crate::store::{with_actor, with_store};

/// Where a document belongs: exactly one of the five.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub(crate) struct OwnerArgs {
    /// A foster home's id (the home's file).
    #[arg(long)]
    home: Option<i64>,
    /// A placed child's person id (the child's file).
    #[arg(long)]
    child: Option<i64>,
    /// An investigation's id (in its home's file).
    #[arg(long)]
    investigation: Option<i64>,
    /// A checklist item's id of an investigation (in its home's file).
    #[arg(long)]
    item: Option<i64>,
    /// A placement's id (in the child's file).
    #[arg(long)]
    placement: Option<i64>,
}

impl OwnerArgs {
    fn owner(&self) -> DocumentOwner {
        match (
            self.home,
            self.child,
            self.investigation,
            self.item,
            self.placement,
        ) {
            (Some(id), ..) => DocumentOwner::Home(id),
            (_, Some(id), ..) => DocumentOwner::Child(id),
            (_, _, Some(id), ..) => DocumentOwner::Investigation(id),
            (_, _, _, Some(id), _) => DocumentOwner::Item(id),
            (_, _, _, _, Some(id)) => DocumentOwner::Placement(id),
            // clap's group makes one of them required.
            _ => DocumentOwner::Home(0),
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum DocumentCommand {
    /// Add a file (PDF, JPEG, PNG, WebP, HEIC, DOCX, ODT or UTF-8 text; at most
    /// 100 MiB) to a file. Its kind is told from its bytes; it is stored encrypted.
    /// Prints the new document's id. The original file is left where it is.
    Add {
        #[command(flatten)]
        owner: OwnerArgs,
        /// The file to add.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The title (default: the file's name without its extension).
        #[arg(long)]
        title: Option<String>,
        /// A type's code (see `akta document types`).
        #[arg(long = "type", default_value = "ovrigt", value_name = "TYPE")]
        doc_type: String,
        /// incoming (inkommen) or drawn-up (upprättad).
        #[arg(long, default_value = "incoming")]
        direction: String,
        /// The day it was received or drawn up (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
        /// The sender (incoming) or recipient (drawn up), in words.
        #[arg(long = "from", value_name = "TEXT")]
        from: Option<String>,
        /// Or an organisation of the registry as sender or recipient.
        #[arg(long, value_name = "ID")]
        org: Option<i64>,
        /// A person the document concerns, from the file's persons (repeatable).
        #[arg(long = "person", value_name = "ID")]
        persons: Vec<i64>,
        /// The file is an extract from the police's belastningsregister or
        /// misstankeregister (criminal-offence data): needs --reason.
        #[arg(long)]
        criminal_record: bool,
        /// Why the extract itself must be kept, beyond recording the check on the
        /// checklist (implies --criminal-record; required for a checklist item of those
        /// registers).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A file's or context's documents, newest first.
    List {
        #[command(flatten)]
        owner: OwnerArgs,
        #[arg(long)]
        json: bool,
    },
    /// One document's description (never its content).
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Save a plaintext copy to a new file (never over an existing one; readable by
    /// its owner only). Audited.
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Change a document's title, type, date, sender/recipient or persons (not once
    /// it was sent). Only the flags given change; --person replaces the persons.
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long = "type", value_name = "TYPE")]
        doc_type: Option<String>,
        #[arg(long)]
        date: Option<String>,
        /// The sender or recipient in words; an empty value clears it.
        #[arg(long = "from", value_name = "TEXT")]
        from: Option<String>,
        #[arg(long = "person", value_name = "ID")]
        persons: Vec<i64>,
    },
    /// Record a drawn-up document as sent: it is locked from then on.
    Sent {
        id: i64,
        /// The day it was sent (YYYY-MM-DD).
        #[arg(long = "on", value_name = "YYYY-MM-DD")]
        on: String,
    },
    /// Delete a document: its key first, then its file (not a sent one). Audited.
    Delete { id: i64 },
    /// The document types (codes for --type).
    Types {
        #[arg(long)]
        json: bool,
    },
    /// Check the document folder against the store: removes files that belong to no
    /// document (left by an interrupted import) and counts documents whose file is
    /// missing. Run it when no other Akta program is open on the store.
    Check {
        #[arg(long)]
        json: bool,
    },
}

/// `akta document …`.
pub(crate) async fn document_command(
    dir: &StoreDir,
    user_id: Option<i64>,
    command: DocumentCommand,
) -> Result<(), Error> {
    match command {
        DocumentCommand::Check { json } => with_store(dir, async |s| check(s, json).await).await,
        command => with_actor(dir, user_id, async |s, a| casework(s, a, command).await).await,
    }
}

async fn casework(store: &Store, actor: &Actor, command: DocumentCommand) -> Result<(), Error> {
    let now = today();
    match command {
        DocumentCommand::Add {
            owner,
            file,
            title,
            doc_type,
            direction,
            date,
            from,
            org,
            persons,
            criminal_record,
            reason,
            json,
        } => {
            let input = DocumentInput {
                owner: owner.owner(),
                description: DocumentDescription {
                    title: title.unwrap_or_else(|| stem(&file)),
                    direction: parse_direction(&direction)?,
                    doc_type,
                    dated_on: date.map_or(Ok(now), |d| parse_date("dated_on", &d))?,
                    counterpart: from,
                    counterpart_org_id: org,
                    persons,
                },
                criminal_record: criminal_record || reason.is_some(),
                criminal_reason: reason,
                supersedes_id: None,
            };
            let d = document::add(store, actor, &file, &input, now)
                .await
                .inspect_err(criminal_hint)?;
            if json {
                print_json(&json!({ "id": d.id }))?;
            } else {
                println!("{}", d.id);
            }
        }
        DocumentCommand::List { owner, json } => {
            let docs = document::list(store, actor, owner.owner()).await?;
            if json {
                print_json(&docs)?;
            } else {
                docs.iter().for_each(print_row);
            }
        }
        DocumentCommand::Show { id, json } => {
            let d = document::get(store, actor, id).await?;
            if json {
                print_json(&d)?;
            } else {
                print_document(&d);
            }
        }
        DocumentCommand::Export { id, out } => {
            document::export(store, actor, id, &out).await?;
            println!("saved a copy of document {id}");
        }
        DocumentCommand::Edit {
            id,
            title,
            doc_type,
            date,
            from,
            persons,
        } => {
            let d = document::get(store, actor, id).await?;
            let change = DocumentDescription {
                title: title.unwrap_or(d.title),
                direction: d.direction,
                doc_type: doc_type.unwrap_or(d.doc_type),
                dated_on: date.map_or(Ok(d.dated_on), |v| parse_date("dated_on", &v))?,
                counterpart: from.or(d.counterpart),
                counterpart_org_id: d.counterpart_org_id,
                persons: if persons.is_empty() {
                    d.persons.iter().map(|p| p.id).collect()
                } else {
                    persons
                },
            };
            let d = document::update(store, actor, id, &change, now).await?;
            println!("updated document {}", d.id);
        }
        DocumentCommand::Sent { id, on } => {
            let on = parse_date("sent_on", &on)?;
            document::mark_sent(store, actor, id, on, now).await?;
            println!("document {id} recorded as sent on {on}");
        }
        DocumentCommand::Delete { id } => {
            document::delete(store, actor, id).await?;
            println!("deleted document {id}");
        }
        DocumentCommand::Types { json } => {
            let types = document::types(store).await?;
            if json {
                print_json(&types)?;
            } else {
                for t in types {
                    println!("{:<16}  {}", t.code, t.label);
                }
            }
        }
        DocumentCommand::Check { .. } => {}
    }
    Ok(())
}

/// `akta document check`: the folder sweep without the grace period the app's own
/// check keeps (that is why it wants no other Akta program open).
async fn check(store: &Store, json: bool) -> Result<(), Error> {
    let known: Vec<String> = sqlx::query_scalar("SELECT blob FROM documents")
        .fetch_all(store.pool())
        .await?;
    let dir = store.dir().clone();
    let report = tokio::task::spawn_blocking(move || blob::sweep(&dir, &known, false))
        .await
        .map_err(|e| Error::Internal(format!("document check: {e}")))??;
    if json {
        print_json(&report)?;
    } else {
        println!("orphan files removed: {}", report.removed);
        println!("documents whose file is missing: {}", report.missing);
    }
    Ok(())
}

/// incoming or drawn-up (the JSON names, with `-` for `_`).
fn parse_direction(value: &str) -> Result<Direction, Error> {
    parse_enum("direction", &value.trim().replace('-', "_"))
}

/// The default title: the file's name without its extension.
fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A refusal for want of a reason to keep a criminal-record extract gets a word on
/// what Akta expects instead.
fn criminal_hint(e: &Error) {
    if e.fields().iter().any(|f| f.field == "criminal_reason") {
        eprintln!(
            "akta: an extract from belastningsregistret or misstankeregistret is criminal-offence \
             data: record the check on the investigation's checklist, or give --reason why the \
             extract itself must be kept"
        );
    }
}

/// A size in bytes as people read it.
fn size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} kB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

fn print_row(d: &Document) {
    println!(
        "{:>6}  {}  {:<9}  {:<10}  {:<40}  {:>9}  {}",
        d.id,
        d.dated_on,
        d.direction.sv(),
        d.doc_type_label,
        d.title,
        size(d.bytes),
        d.media_type.as_str()
    );
}

fn print_document(d: &Document) {
    let file = match (d.home_id, d.child_id) {
        (Some(h), _) => format!("home {h}"),
        (_, Some(c)) => format!("child {c}"),
        _ => String::new(),
    };
    println!("#{} {}", d.id, d.title);
    println!("  file:      {file}");
    println!("  kind:      {} ({})", d.direction.sv(), d.doc_type_label);
    println!("  date:      {}", d.dated_on);
    let counterpart = d
        .counterpart_org_name
        .as_deref()
        .or(d.counterpart.as_deref())
        .unwrap_or("-");
    println!("  from/to:   {counterpart}");
    println!("  content:   {} ({})", d.media_type.mime(), size(d.bytes));
    println!("  sha-256:   {}", d.sha256);
    if let Some(on) = d.sent_on {
        println!("  sent on:   {on}");
    }
    if let Some(by) = d.superseded_by {
        println!("  superseded by document {by}");
    }
    if d.criminal_record {
        println!("  extract from the police's registers (kept for a recorded reason)");
    }
    for p in &d.persons {
        println!("  concerns:  {} (person {})", p.name, p.id);
    }
    println!(
        "  added by:  {} at {}",
        d.created_by_name,
        d.created_at.format("%Y-%m-%d %H:%M")
    );
}
