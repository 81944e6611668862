//! Fictional data for trying Akta out: the `demo` command.

use akta_core::error::Error;
use akta_core::store::StoreDir;
use akta_core::{demo, today};

use crate::output::print_json;
use crate::store::with_actor;

/// `akta demo`: the demo families.
pub(crate) async fn demo(dir: &StoreDir, user_id: Option<i64>, json: bool) -> Result<(), Error> {
    let r = with_actor(dir, user_id, async |store, actor| {
        demo::populate(store, actor, today()).await
    })
    .await?;
    if json {
        print_json(&r)?;
    } else {
        println!(
            "demo data added: {} persons, {} organisations, {} foster homes, {} placements, {} journal entries",
            r.persons_added,
            r.organisations_added,
            r.foster_homes_added,
            r.placements_added,
            r.journal_entries_added
        );
    }
    Ok(())
}
