//! Encrypted backups: the `backup` command (create, list, restore into a new store).

use std::path::PathBuf;

use akta_core::backup;
use akta_core::error::{Error, Reason};
use akta_core::store::StoreDir;
use clap::Subcommand;

use crate::output::print_json;
use crate::store::{env_passphrase, read_identity, with_actor};

#[derive(Subcommand)]
pub(crate) enum BackupCommand {
    /// A consistent, checked snapshot sealed with age to the agency recovery recipient
    /// (or, without one, to AKTA_PASSPHRASE), into the store's backup folder or FILE.
    Create {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The backups in the store's backup folder, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Restore FILE into the (new, empty) store folder given by --store, opening it
    /// with --identity FILE (the agency identity) or AKTA_PASSPHRASE.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
}

/// `akta backup …`.
pub(crate) async fn backup_command(
    dir: &StoreDir,
    user: Option<i64>,
    command: BackupCommand,
) -> Result<(), Error> {
    match command {
        BackupCommand::Create { out } => {
            let pass = env_passphrase();
            let path = with_actor(dir, user, async |store, actor| {
                backup::make(store, actor, pass.as_ref(), out.as_deref()).await
            })
            .await?;
            println!("backup written to {}", path.display());
        }
        BackupCommand::List { json } => {
            let all = with_actor(dir, user, async |store, actor| {
                backup::list_for(store, actor)
            })
            .await?;
            if json {
                print_json(&all)?;
            } else {
                for b in &all {
                    println!(
                        "{}  {:>10} bytes  {}",
                        b.created_at.to_rfc3339(),
                        b.bytes,
                        b.file
                    );
                }
            }
        }
        BackupCommand::Restore { file, identity } => {
            let meta = match identity {
                Some(path) => {
                    let id = read_identity(&path)?;
                    backup::restore(&file, dir, backup::Opener::Identity(&id)).await?
                }
                None => {
                    let p = env_passphrase()
                        .ok_or_else(|| Error::invalid("passphrase", Reason::Required))?;
                    backup::restore(&file, dir, backup::Opener::Passphrase(&p)).await?
                }
            };
            println!(
                "store {} restored into {}",
                meta.store_id,
                dir.root().display()
            );
        }
    }
    Ok(())
}
