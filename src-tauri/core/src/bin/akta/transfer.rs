//! Moving a whole store's data: the `export` and `import` commands (one versioned JSON
//! document, docs/TRANSFER.md; a store with documents in a sealed transfer file).

use std::path::{Path, PathBuf};

use akta_core::backup::{Opener, Seal};
use akta_core::crypto::Passphrase;
use akta_core::error::{Error, Reason};
use akta_core::store::StoreDir;
use akta_core::{files, today, transfer};

use crate::output::print_json;
use crate::store::{read_identity, with_actor};

/// The passphrase a sealed transfer file is sealed to or opened with (not the store's:
/// the file goes to another device, whose store has its own).
const TRANSFER_PASSPHRASE_ENV: &str = "AKTA_TRANSFER_PASSPHRASE";

fn transfer_passphrase() -> Option<String> {
    std::env::var(TRANSFER_PASSPHRASE_ENV)
        .ok()
        .filter(|s| !s.is_empty())
}

/// What an export made.
enum Exported {
    Plain(transfer::TransferFile),
    Sealed(transfer::SealedExport),
}

/// `akta export --json`: to `out` (a new file) or stdout; a store with documents only
/// sealed, to `out`.
pub(crate) async fn export(
    dir: &StoreDir,
    user_id: Option<i64>,
    out: Option<PathBuf>,
) -> Result<(), Error> {
    if let Some(out) = &out {
        files::check_new(out, "out")?;
    }
    let pass = transfer_passphrase()
        .map(Passphrase::new_for_store)
        .transpose()?;
    let done = with_actor(dir, user_id, async |store, actor| {
        let has_documents: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM documents)")
            .fetch_one(store.pool())
            .await?;
        if !has_documents {
            return Ok(Exported::Plain(transfer::export(store, actor).await?));
        }
        // Their keys are in the rows: sealed, never plain.
        let out = out
            .as_deref()
            .ok_or_else(|| Error::invalid("out", Reason::Required))?;
        let seal = match (&pass, &store.meta().recovery_recipient) {
            (Some(p), _) => Seal::Passphrase(p),
            (None, Some(_)) => Seal::Recipient,
            (None, None) => return Err(Error::invalid("passphrase", Reason::Required)),
        };
        Ok(Exported::Sealed(
            transfer::export_sealed(store, actor, &seal, out).await?,
        ))
    })
    .await?;
    let file = match done {
        Exported::Sealed(sealed) => {
            if let Some(out) = &out {
                eprintln!(
                    "exported {} rows and {} documents, sealed, at {} to {}",
                    sealed.rows,
                    sealed.documents,
                    sealed
                        .exported_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    out.display()
                );
            }
            return Ok(());
        }
        Exported::Plain(file) => file,
    };
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
    Ok(())
}

/// `akta import`: all of the document or nothing; each refused record and field is
/// named on stderr. A sealed transfer file is opened with `identity` or the transfer
/// passphrase.
pub(crate) async fn import(
    dir: &StoreDir,
    user_id: Option<i64>,
    file: &Path,
    json: bool,
    identity: Option<&Path>,
) -> Result<(), Error> {
    let report = if transfer::is_sealed(file)? {
        let id = identity.map(read_identity).transpose()?;
        let pass = transfer_passphrase().map(Passphrase::new);
        let opener = match (&id, &pass) {
            (Some(id), _) => Opener::Identity(id),
            (None, Some(p)) => Opener::Passphrase(p),
            (None, None) => return Err(Error::invalid("passphrase", Reason::Required)),
        };
        with_actor(dir, user_id, async |store, actor| {
            transfer::import_sealed(store, actor, file, &opener, today()).await
        })
        .await
    } else {
        let bytes = transfer::read_document(file)?;
        with_actor(dir, user_id, async |store, actor| {
            transfer::import(store, actor, &bytes, today()).await
        })
        .await
    };
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
    Ok(())
}
