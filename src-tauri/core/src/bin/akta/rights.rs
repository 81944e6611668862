//! Data subjects' rights from the command line: the `extract` command (a register
//! extract, Art. 15, as PDF and optionally JSON).

use std::path::PathBuf;

use akta_core::error::{Error, Reason};
use akta_core::rights::{self, RequestInput, RequestKind};
use akta_core::store::StoreDir;
use akta_core::{files, person, today};

use crate::store::with_actor;

// No doc comment here: the `extract` variant's doc comment in `cli.rs` is its help text.
#[derive(clap::Args)]
pub(crate) struct ExtractArgs {
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
    /// Include a copy of this document (its id, as `akta document list` shows it) in the
    /// extract. Repeat for each. The copies go into the folder `<OUT>-dokument` beside
    /// the PDF, as `<id>.<ext>`.
    #[arg(long = "include-document", value_name = "ID")]
    include_documents: Vec<i64>,
    /// Withhold this document (another person's data, Art. 15(4)), with `--reason`.
    /// Repeat for each. Every document about the person needs a decision (here or in the
    /// app) unless `--accept-automatic` is given, which withholds the undecided ones.
    #[arg(long = "withhold-document", value_name = "ID", requires = "reason")]
    withhold_documents: Vec<i64>,
    /// Why the documents given with `--withhold-document` are withheld.
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

/// `akta extract`: uses the person's open, identity-verified access or portability
/// request, or registers an access request; writes the files only when all went well.
pub(crate) async fn extract(
    dir: &StoreDir,
    user_id: Option<i64>,
    args: ExtractArgs,
) -> Result<(), Error> {
    let ExtractArgs {
        personnummer,
        pdf,
        json,
        identity,
        accept_automatic,
        include_documents,
        withhold_documents,
        reason,
    } = args;
    files::check_new(&pdf, "pdf")?;
    if let Some(json) = &json {
        files::check_new(json, "json")?;
    }
    let folder = rights::extract::copies_folder(&pdf);
    files::check_new(&folder, "copies")?;
    let number = person::PersonalNumber::parse(&personnummer, today())
        .map_err(|r| Error::invalid("personnummer", r))?;
    let docs = with_actor(dir, user_id, async |store, actor| {
        let Some(person_id) = person::id_by_number(store, number.digits(), today()).await? else {
            return Err(Error::invalid("personnummer", Reason::Unknown));
        };
        let open = rights::open_verified(
            store,
            actor,
            person_id,
            rights::extract::EXTRACT_KINDS,
            today(),
        )
        .await?;
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
                rights::create(store, actor, &input, today()).await?
            }
        };
        // The decisions on documents, recorded in the request as the app records them.
        let decisions = include_documents
            .iter()
            .map(|&id| (id, true))
            .chain(withhold_documents.iter().map(|&id| (id, false)));
        for (document_id, include) in decisions {
            let input = rights::extract::DocumentDecisionInput {
                document_id,
                include,
                reason: (!include).then(|| reason.clone().unwrap_or_default()),
            };
            rights::extract::decide_document(store, actor, request.id, &input, today()).await?;
        }
        let review = if accept_automatic {
            rights::extract::Review::AcceptAutomatic
        } else {
            rights::extract::Review::Required
        };
        // The PDF and JSON are written as they are made, into hidden files beside their
        // places; the copies next (they need the store), then the files are put in place.
        // A failure removes the copies again.
        let json_out = match &json {
            Some(path) => JsonOut::File(files::Staged::new(path)?),
            None => JsonOut::Nowhere,
        };
        let (docs, pdf_out, json_out) = rights::extract::create_into(
            store,
            actor,
            request.id,
            today(),
            review,
            &|_, _| {},
            files::Staged::new(&pdf)?,
            json_out,
        )
        .await?;
        let copies = rights::extract::write_copies(store, &docs, &folder).await?;
        let mut staged = vec![pdf_out];
        if let JsonOut::File(f) = json_out {
            staged.push(f);
        }
        if let Err(e) = files::place_all(staged) {
            if copies.is_some() {
                let _ = std::fs::remove_dir_all(&folder);
            }
            return Err(e);
        }
        Ok(docs)
    })
    .await?;
    println!(
        "extract {}: {} pages, {} passages withheld\n  pdf  sha256 {}\n  json sha256 {}",
        docs.document_id, docs.pages, docs.withheld_passages, docs.pdf_sha256, docs.json_sha256
    );
    // Where and why, never the text.
    for w in &docs.withheld {
        println!(
            "  withheld: {} #{} {} [{}..{}): {}",
            w.place.table, w.place.row_id, w.place.column, w.place.start, w.place.end, w.reason
        );
    }
    // Each document by id: its copy and hash, or why it is withheld (never its title).
    for d in &docs.documents {
        match (&d.file, &d.sha256) {
            (Some(file), Some(sha)) => println!("  document #{}: copy {file} sha256 {sha}", d.id),
            _ => println!(
                "  document #{} withheld: {}",
                d.id,
                d.reason.as_deref().unwrap_or_default()
            ),
        }
    }
    if docs.documents.iter().any(|d| d.included) {
        println!("  copies in {}", folder.display());
    }
    Ok(())
}

/// Where the JSON goes: a file, or nowhere when it was not asked for (it is made all the
/// same, so that its hash is recorded as the app records it).
enum JsonOut {
    File(files::Staged),
    Nowhere,
}

impl std::io::Write for JsonOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            JsonOut::File(f) => f.write(buf),
            JsonOut::Nowhere => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            JsonOut::File(f) => f.flush(),
            JsonOut::Nowhere => Ok(()),
        }
    }
}
