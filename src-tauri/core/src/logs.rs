//! Technical logs: structured lines (`tracing`) in daily files under the store's
//! `logs/` folder, named `akta.log.YYYY-MM-DD`, removed by the retention run after 30
//! days (rule `technical_logs`). They hold codes, counts and ids — never names,
//! numbers or free text: every message the app logs is an error code or a count.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::StoreDir;

const PREFIX: &str = "akta.log.";

/// Where a store's logs go.
pub fn folder(dir: &StoreDir) -> PathBuf {
    dir.root().join("logs")
}

/// Starts logging to daily files in the store's log folder (the app calls this once).
/// Keep the returned guard for the program's life: it flushes the last lines.
pub fn init(dir: &StoreDir) -> Result<tracing_appender::non_blocking::WorkerGuard> {
    let folder = folder(dir);
    std::fs::create_dir_all(&folder)?;
    let (writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::daily(&folder, "akta.log"));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .finish();
    // A second call (tests) keeps the first subscriber.
    let _ = tracing::subscriber::set_global_default(subscriber);
    Ok(guard)
}

/// The day a log file is for, from its name.
fn day_of(name: &str) -> Option<NaiveDate> {
    name.strip_prefix(PREFIX)?.parse().ok()
}

/// Deletes the log files of days before `cutoff`; returns how many went.
pub fn delete_older_than(dir: &StoreDir, cutoff: NaiveDate) -> Result<u64> {
    let entries = match std::fs::read_dir(folder(dir)) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut n = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if day_of(&name).is_some_and(|d| d < cutoff) {
            std::fs::remove_file(e.path())?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dated_log_files_are_recognised() {
        assert_eq!(day_of("akta.log.2026-11-23"), "2026-11-23".parse().ok());
        assert_eq!(day_of("akta.log"), None);
        assert_eq!(day_of("akta-backup-x.age"), None);
        assert_eq!(day_of("akta.log.2026-13-01"), None);
    }
}
