//! Moving a whole store's data: the `export` and `import` commands (one versioned JSON
//! document, docs/TRANSFER.md).

use std::path::{Path, PathBuf};

use akta_core::error::Error;
use akta_core::store::StoreDir;
use akta_core::{files, today, transfer};

use crate::output::print_json;
use crate::store::with_actor;

/// `akta export --json`: to `out` (a new file) or stdout.
pub(crate) async fn export(
    dir: &StoreDir,
    user_id: Option<i64>,
    out: Option<PathBuf>,
) -> Result<(), Error> {
    if let Some(out) = &out {
        files::check_new(out, "out")?;
    }
    let file = with_actor(dir, user_id, async |store, actor| {
        transfer::export(store, actor).await
    })
    .await?;
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
/// named on stderr.
pub(crate) async fn import(
    dir: &StoreDir,
    user_id: Option<i64>,
    file: &Path,
    json: bool,
) -> Result<(), Error> {
    let bytes = transfer::read_document(file)?;
    let report = with_actor(dir, user_id, async |store, actor| {
        transfer::import(store, actor, &bytes, today()).await
    })
    .await;
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
