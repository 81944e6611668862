//! Measuring Akta (built only with the `bench` feature, never in the shipped program):
//! the `bench` command and `demo --bulk-rows`.

use akta_core::bench;
use akta_core::error::Error;
use akta_core::store::StoreDir;
use akta_core::user;
use serde_json::json;

use crate::output::{print_figures, print_json};
use crate::store::with_actor;

// No doc comment here: the `bench` variant's doc comment in `cli.rs` is its help text.
#[derive(clap::Args)]
pub(crate) struct BenchArgs {
    /// How many persons to insert (SQLCipher against plain, and the persons search).
    #[arg(long, default_value_t = 10_000)]
    persons: u32,
    /// How many journal entries to search over.
    #[arg(long, default_value_t = 100_000)]
    journal_entries: u32,
    /// How many journal entries the store moved by export / import holds.
    #[arg(long, default_value_t = 20_000)]
    transfer_entries: u32,
    /// About how large (MB) the store backed up against a plain VACUUM INTO is.
    #[arg(long, default_value_t = 50)]
    backup_mb: u32,
    /// How many rows the store whose retention is previewed and run holds (a
    /// tenth of them due).
    #[arg(long, default_value_t = 100_000)]
    retention_rows: u32,
    /// How many journal entries the larger register extract's file holds (the
    /// smaller holds 20).
    #[arg(long, default_value_t = 2_000)]
    extract_entries: u32,
    /// Run only these parts (comma-separated): store, search, persons, transfer,
    /// backup, retention, extract. All when not given.
    #[arg(long, value_parser = bench::Parts::parse)]
    only: Option<bench::Parts>,
    /// Also write every performance target (value, baseline, ratio, met) as JSON to
    /// this file.
    #[arg(long)]
    targets_json: Option<std::path::PathBuf>,
    #[arg(long)]
    json: bool,
}

/// `akta demo --bulk-rows N`: that many rows of synthetic foster-home files (needs the
/// right to manage settings).
pub(crate) async fn bulk(
    dir: &StoreDir,
    user_id: Option<i64>,
    rows: u32,
    json: bool,
) -> Result<(), Error> {
    let homes = with_actor(dir, user_id, async |store, actor| {
        actor.require(user::Permission::ManageSettings)?;
        bench::bulk_fill(store, rows, actor.user_id()).await
    })
    .await?;
    if json {
        print_json(&json!({ "foster_homes_added": homes }))?;
    } else {
        println!("bulk data added: {homes} synthetic foster-home files");
    }
    Ok(())
}

/// `akta bench`: SQLCipher against plain SQLite, as Markdown or JSON.
pub(crate) async fn bench(args: BenchArgs) -> Result<(), Error> {
    let report = bench::run(bench::Sizes {
        persons: args.persons,
        journal_entries: args.journal_entries,
        transfer_entries: args.transfer_entries,
        backup_megabytes: args.backup_mb,
        retention_rows: args.retention_rows,
        extract_entries: args.extract_entries,
        only: args.only.unwrap_or_default(),
    })
    .await?;
    if let Some(path) = &args.targets_json {
        write_targets(path, &report.targets())?;
    }
    print_figures(args.json, &report, |r| r.to_markdown())
}

// No doc comment here: the variant's doc comment in `cli.rs` is its help text.
#[derive(clap::Args)]
pub(crate) struct BenchDocumentsArgs {
    /// The size of the PDF added and opened, in MB.
    #[arg(long, default_value_t = 50)]
    pdf_mb: u32,
    /// How many GB of documents the large store holds.
    #[arg(long, default_value_t = 10.0)]
    store_gb: f64,
    /// Rows of foster-home files in both stores.
    #[arg(long, default_value_t = 10_000)]
    rows: u32,
    #[arg(long)]
    json: bool,
}

/// `akta bench-documents`: what documents cost, as Markdown or JSON.
pub(crate) async fn bench_documents(args: BenchDocumentsArgs) -> Result<(), Error> {
    let figures = akta_core::bench_documents::run(akta_core::bench_documents::DocumentSizes {
        pdf_mb: args.pdf_mb,
        store_gb: args.store_gb,
        rows: args.rows,
    })
    .await?;
    print_figures(args.json, &figures, |f| f.to_markdown())
}

// No doc comment here: the variant's doc comment in `cli.rs` is its help text.
#[derive(clap::Args)]
pub(crate) struct BenchDueArgs {
    /// How many active homes (each with a placement, plans, an agreement, checks).
    #[arg(long, default_value_t = 1_000)]
    homes: u32,
    /// How many journal rows over them in all.
    #[arg(long, default_value_t = 1_000_000)]
    journal_rows: u64,
    /// How many times the inbox is built (p50, p95 over them).
    #[arg(long, default_value_t = 20)]
    runs: u32,
    /// Also write the unlock target (value, baseline, ratio, met) as JSON to this file.
    #[arg(long)]
    targets_json: Option<std::path::PathBuf>,
    #[arg(long)]
    json: bool,
}

/// `akta bench-due`: building the inbox at an agency's scale, as Markdown or JSON.
pub(crate) async fn bench_due(args: BenchDueArgs) -> Result<(), Error> {
    let figures = akta_core::bench_due::run(args.homes, args.journal_rows, args.runs).await?;
    if let Some(path) = &args.targets_json {
        write_targets(path, &figures.targets())?;
    }
    print_figures(args.json, &figures, |f| f.to_markdown())
}

/// The targets as JSON (`--targets-json`), which `.ci/bench` merges into docs/bench.json.
fn write_targets(path: &std::path::Path, targets: &[bench::Target]) -> Result<(), Error> {
    let json = serde_json::to_vec_pretty(targets).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(path, json)?;
    Ok(())
}
