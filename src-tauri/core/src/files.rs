//! Writing documents the user exports (PDFs, JSON): always new files, readable by their
//! owner only (on Unix), written whole or not at all. Nothing is ever overwritten.
//!
//! In the app a file leaves the store only where the user chose in the save dialog
//! ([`SaveKind`] proposes a name without personal data; [`save_chosen`] writes it).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

mod staged;
pub use staged::{place_all, Hashing, Staged};

/// Creates a new file readable by its owner only (it must not exist yet).
pub fn create_private(path: &Path) -> Result<std::fs::File> {
    Ok(open_private_new(path)?)
}

fn open_private_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Writes `bytes` to a file that must not exist yet; on failure the file is removed.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = open_private_new(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(e.into());
    }
    Ok(())
}

/// Whether a new file may be written at `path` (the CLI checks its output paths with
/// this before any work): anything already there — a file, a folder, a symbolic link,
/// even one that points nowhere — is refused (`field`: duplicate), so that a write never
/// goes through a link to somewhere else nor replaces anything; and the folder it goes
/// into must exist (`field`: unknown). A path that names no file (`..`, `/`) is
/// `field`: format; a name Windows would not keep as a file ([`crate::file_name`]:
/// `a:b.pdf`, a trailing period: characters; `nul.pdf`: format), on every system.
pub fn check_new(path: &Path, field: &str) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::invalid(field, Reason::Duplicate));
    }
    crate::file_name::check(path, field)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::invalid(field, Reason::Unknown));
    }
    Ok(())
}

/// Writes a new file at `path` all at once: into a hidden temporary name beside it,
/// synced, then renamed into place. What [`check_new`] refuses is refused; a failure
/// leaves no file behind.
pub fn write_new_atomically(path: &Path, bytes: &[u8], field: &str) -> Result<()> {
    check_new(path, field)?;
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid(field, Reason::Format))?; // checked above
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let result = write_new_private(&tmp, bytes).and_then(|()| {
        check_new(path, field)?;
        std::fs::rename(&tmp, path).map_err(Error::from)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// What the user saves outside the store from the app: it decides the name the save
/// dialog proposes (a kind and a date, never personal data), the file type, and the
/// companion files written beside the chosen one (an extract's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SaveKind {
    /// A concern report's PDF.
    ConcernPdf,
    /// A register extract: the PDF, and its JSON beside it.
    Extract,
    /// A hand-over package: the PDF, and its JSON beside it.
    Handover,
    /// An encrypted backup of the whole store.
    Backup,
    /// The agency's egenkontroll summary of a year (no names): a PDF.
    SurveySummary,
    /// A monthly report's PDF.
    MonthlyReport,
    /// A written familjehemsutredning's PDF (a signed version).
    InvestigationReport,
}

impl SaveKind {
    fn stem(self) -> &'static str {
        match self {
            SaveKind::ConcernPdf => "orosanmalan",
            SaveKind::Extract => "registerutdrag",
            SaveKind::Handover => "overlamning",
            SaveKind::Backup => "akta-backup",
            SaveKind::SurveySummary => "egenkontroll",
            SaveKind::MonthlyReport => "manadsrapport",
            SaveKind::InvestigationReport => "familjehemsutredning",
        }
    }

    /// The chosen file's extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            SaveKind::Backup => "age",
            _ => "pdf",
        }
    }

    /// The extensions of the files written beside the chosen one, under its name.
    pub fn companions(self) -> &'static [&'static str] {
        match self {
            SaveKind::Extract | SaveKind::Handover => &["json"],
            SaveKind::ConcernPdf
            | SaveKind::Backup
            | SaveKind::SurveySummary
            | SaveKind::MonthlyReport
            | SaveKind::InvestigationReport => &[],
        }
    }

    /// The name the save dialog proposes: `<kind>-<date>.<ext>`, and in `dir`, when
    /// given, the first such name (`…-2`, `…-3`) that neither it nor a companion takes.
    pub fn proposed_name(self, today: NaiveDate, dir: Option<&Path>) -> String {
        let name = |n: u32| {
            let suffix = if n < 2 {
                String::new()
            } else {
                format!("-{n}")
            };
            format!("{}-{today}{suffix}.{}", self.stem(), self.extension())
        };
        let Some(dir) = dir else {
            return name(1);
        };
        (1..1000)
            .map(name)
            .find(|n| {
                self.files_at(&dir.join(n))
                    .iter()
                    .all(|p| p.symlink_metadata().is_err())
            })
            .unwrap_or_else(|| name(1))
    }

    /// The chosen path with the kind's extension: added when the user typed a name
    /// without it (a save dialog does not always add it).
    pub fn with_extension(self, chosen: &Path) -> PathBuf {
        with_extension(chosen, self.extension())
    }

    /// Every file a save at `chosen` writes: the chosen one, then its companions.
    pub fn files_at(self, chosen: &Path) -> Vec<PathBuf> {
        std::iter::once(chosen.to_path_buf())
            .chain(self.companions().iter().map(|e| chosen.with_extension(e)))
            .collect()
    }
}

/// The environment variable that answers the save dialog in test builds: the dialog
/// is not shown and the answer is `<that folder>/<the proposed name>`.
pub const E2E_SAVE_DIR: &str = "AKTA_E2E_SAVE_DIR";

/// The folder that answers the save dialog instead of the user (made if missing): only
/// in a debug build with the `bench` feature (how the end-to-end tests build the app),
/// never in a build that ships, and only when [`E2E_SAVE_DIR`] is set.
#[cfg(all(feature = "bench", debug_assertions))]
pub fn injected_save_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os(E2E_SAVE_DIR).filter(|d| !d.is_empty())?);
    let _ = std::fs::create_dir_all(&dir);
    Some(dir)
}

/// The folder that answers the save dialog instead of the user: none in this build.
#[cfg(not(all(feature = "bench", debug_assertions)))]
pub fn injected_save_dir() -> Option<PathBuf> {
    None
}

/// The environment variable that answers the open dialog in test builds: a list of
/// paths joined by the OS's path-list separator (`:` on Unix, `;` on Windows), chosen
/// as if the user had picked them.
pub const E2E_OPEN_FILES: &str = "AKTA_E2E_OPEN_FILES";

/// The files that answer the open dialog instead of the user: only in a debug build
/// with the `bench` feature, like [`injected_save_dir`], and only when
/// [`E2E_OPEN_FILES`] is set.
#[cfg(all(feature = "bench", debug_assertions))]
pub fn injected_open_files() -> Option<Vec<PathBuf>> {
    paths_in_env(E2E_OPEN_FILES)
}

/// The files that answer the open dialog instead of the user: none in this build.
#[cfg(not(all(feature = "bench", debug_assertions)))]
pub fn injected_open_files() -> Option<Vec<PathBuf>> {
    None
}

/// The environment variable that names the files a test build "drops" on the window
/// when the end-to-end tests ask it to (a list like [`E2E_OPEN_FILES`]): a stand-in for
/// the OS's drag-and-drop, which WebDriver cannot perform.
pub const E2E_DROP_FILES: &str = "AKTA_E2E_DROP_FILES";

/// The files a test build drops on the window instead of the user: only in a debug
/// build with the `bench` feature, like [`injected_open_files`], and only when
/// [`E2E_DROP_FILES`] is set.
#[cfg(all(feature = "bench", debug_assertions))]
pub fn injected_drop_files() -> Option<Vec<PathBuf>> {
    paths_in_env(E2E_DROP_FILES)
}

/// The files a test build drops on the window instead of the user: none in this build.
#[cfg(not(all(feature = "bench", debug_assertions)))]
pub fn injected_drop_files() -> Option<Vec<PathBuf>> {
    None
}

/// The paths the environment variable `name` lists (joined by the OS's path-list
/// separator), when it is set and not empty.
#[cfg(all(feature = "bench", debug_assertions))]
fn paths_in_env(name: &str) -> Option<Vec<PathBuf>> {
    let list = std::env::var_os(name).filter(|l| !l.is_empty())?;
    Some(
        std::env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
    )
}

/// The name the save dialog proposes for a copy of document `id` whose type has the
/// extension `ext`: `dokument-<id>.<ext>` (never its title, which may name a person),
/// and in `dir`, when given, the first such name (`…-2`, `…-3`) not taken there.
pub fn document_copy_name(id: i64, ext: &str, dir: Option<&Path>) -> String {
    let name = |n: u32| {
        if n < 2 {
            format!("dokument-{id}.{ext}")
        } else {
            format!("dokument-{id}-{n}.{ext}")
        }
    };
    let Some(dir) = dir else {
        return name(1);
    };
    (1..1000)
        .map(name)
        .find(|n| dir.join(n).symlink_metadata().is_err())
        .unwrap_or_else(|| name(1))
}

/// The chosen path with `ext` added when the user typed a name without it.
pub fn with_extension(chosen: &Path, ext: &str) -> PathBuf {
    if chosen
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        return chosen.to_path_buf();
    }
    let mut s = chosen.as_os_str().to_os_string();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// Whether new files may be written at every one of `paths` (chosen by the user):
/// anything already there, even a link that points nowhere, is [`Error::FileExists`];
/// a folder that is not there is [`Error::FolderUnavailable`]; a name Windows would not
/// keep as a file is `file_name` (characters or format, [`crate::file_name`]).
pub fn check_chosen(paths: &[&Path]) -> Result<()> {
    for path in paths {
        crate::file_name::check(path, "file_name")?;
        if path.symlink_metadata().is_ok() {
            return Err(Error::FileExists);
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(Error::FolderUnavailable);
        }
    }
    Ok(())
}

/// The error a failed write at a place the user chose means to the user.
fn chosen_io(e: &std::io::Error) -> Error {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::AlreadyExists => Error::FileExists,
        ErrorKind::NotFound
        | ErrorKind::NotADirectory
        | ErrorKind::PermissionDenied
        | ErrorKind::ReadOnlyFilesystem => Error::FolderUnavailable,
        _ => Error::from_io(e),
    }
}

/// Writes each file at the place the user chose: new files only (created exclusively,
/// so nothing is ever replaced, not even through a link), owner-only on Unix, synced.
/// Everything is checked before anything is written, and a failure removes what this
/// call wrote: all the files or none. The paths are never logged.
pub fn save_chosen(files: &[(&Path, &[u8])]) -> Result<()> {
    let paths: Vec<&Path> = files.iter().map(|(p, _)| *p).collect();
    check_chosen(&paths)?;
    let mut written: Vec<&Path> = Vec::new();
    for (path, bytes) in files {
        let result = open_private_new(path)
            .map_err(|e| chosen_io(&e))
            .and_then(|mut f| {
                written.push(path);
                f.write_all(bytes)
                    .and_then(|()| f.sync_all())
                    .map_err(|e| chosen_io(&e))
            });
        if let Err(e) = result {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(path: &Path) -> Option<Reason> {
        check_new(path, "out").err().map(|e| e.fields()[0].reason)
    }

    #[test]
    fn check_new_names_why_a_path_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("taken.json");
        std::fs::write(&file, b"x").unwrap();
        assert_eq!(reason(&file), Some(Reason::Duplicate));
        assert_eq!(reason(tmp.path()), Some(Reason::Duplicate));
        #[cfg(unix)]
        {
            let dangling = tmp.path().join("dangling.json");
            std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
            assert_eq!(reason(&dangling), Some(Reason::Duplicate));
        }
        assert_eq!(
            reason(&tmp.path().join("missing/x.json")),
            Some(Reason::Unknown)
        );
        assert_eq!(reason(&tmp.path().join("missing/..")), Some(Reason::Format));
        assert_eq!(reason(&tmp.path().join("new.json")), None);
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn a_chosen_place_that_is_taken_is_refused_and_the_file_there_is_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let taken = tmp.path().join("orosanmalan-2026-11-30.pdf");
        std::fs::write(&taken, b"the caseworker's own file").unwrap();
        let e = save_chosen(&[(&taken, b"%PDF new")]).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::FileExists);
        assert_eq!(std::fs::read(&taken).unwrap(), b"the caseworker's own file");
        #[cfg(unix)]
        {
            // Nor through a link, even one that points nowhere yet.
            let target = tmp.path().join("elsewhere.pdf");
            let link = tmp.path().join("link.pdf");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let e = save_chosen(&[(&link, b"%PDF new")]).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::FileExists);
            assert!(!target.exists());
        }
    }

    #[test]
    fn a_saved_file_is_whole_and_readable_by_its_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("registerutdrag-2026-11-30.pdf");
        save_chosen(&[(&path, b"%PDF whole")]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF whole");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
    }

    #[test]
    fn a_folder_that_is_not_there_is_a_clear_error_and_nothing_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("gone/registerutdrag-2026-11-30.pdf");
        let e = save_chosen(&[(&path, b"%PDF")]).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::FolderUnavailable);
        assert!(!tmp.path().join("gone").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_extract_and_its_json_are_saved_both_or_neither() {
        let tmp = tempfile::tempdir().unwrap();
        let pdf = tmp.path().join("registerutdrag-2026-11-30.pdf");
        let json = tmp.path().join("registerutdrag-2026-11-30.json");
        // The JSON's name is taken: checked before anything is written.
        std::fs::write(&json, b"{}").unwrap();
        let e = save_chosen(&[(&pdf, b"%PDF"), (&json, b"{\"a\":1}")]).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::FileExists);
        assert!(!pdf.exists());
        assert_eq!(std::fs::read(&json).unwrap(), b"{}");
        // The second write fails after the first succeeded: the first is removed.
        #[cfg(target_os = "linux")]
        {
            let nowhere = Path::new("/proc/akta-no-file-can-be-made-here.json");
            let e = save_chosen(&[(&pdf, b"%PDF"), (nowhere, b"{}")]).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::FolderUnavailable);
            assert!(!pdf.exists(), "the first file is removed again");
        }
    }

    #[test]
    fn proposed_names_hold_a_kind_and_a_date_and_skip_taken_names() {
        assert_eq!(
            SaveKind::ConcernPdf.proposed_name(day(), None),
            "orosanmalan-2026-11-30.pdf"
        );
        assert_eq!(
            SaveKind::Backup.proposed_name(day(), None),
            "akta-backup-2026-11-30.age"
        );
        let tmp = tempfile::tempdir().unwrap();
        let name = |k: SaveKind| k.proposed_name(day(), Some(tmp.path()));
        assert_eq!(name(SaveKind::Extract), "registerutdrag-2026-11-30.pdf");
        // A taken companion (the extract's JSON) takes the name too.
        std::fs::write(tmp.path().join("registerutdrag-2026-11-30.json"), b"").unwrap();
        assert_eq!(name(SaveKind::Extract), "registerutdrag-2026-11-30-2.pdf");
        std::fs::write(tmp.path().join("overlamning-2026-11-30.pdf"), b"").unwrap();
        assert_eq!(name(SaveKind::Handover), "overlamning-2026-11-30-2.pdf");
        assert_eq!(name(SaveKind::ConcernPdf), "orosanmalan-2026-11-30.pdf");
    }

    #[test]
    fn a_name_typed_without_its_extension_gets_it() {
        let k = SaveKind::Extract;
        assert_eq!(
            k.with_extension(Path::new("/x/utdrag")),
            Path::new("/x/utdrag.pdf")
        );
        assert_eq!(
            k.with_extension(Path::new("/x/utdrag.PDF")),
            Path::new("/x/utdrag.PDF")
        );
        assert_eq!(
            SaveKind::Backup.with_extension(Path::new("/x/kopia.pdf")),
            Path::new("/x/kopia.pdf.age")
        );
        assert_eq!(
            k.files_at(Path::new("/x/utdrag.pdf")),
            vec![
                PathBuf::from("/x/utdrag.pdf"),
                PathBuf::from("/x/utdrag.json")
            ]
        );
    }

    #[test]
    fn a_document_copy_is_proposed_by_id_and_type_and_skips_taken_names() {
        assert_eq!(document_copy_name(7, "pdf", None), "dokument-7.pdf");
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(
            document_copy_name(7, "jpg", Some(tmp.path())),
            "dokument-7.jpg"
        );
        std::fs::write(tmp.path().join("dokument-7.jpg"), b"").unwrap();
        assert_eq!(
            document_copy_name(7, "jpg", Some(tmp.path())),
            "dokument-7-2.jpg"
        );
        assert_eq!(
            with_extension(Path::new("/x/kopia"), "docx"),
            Path::new("/x/kopia.docx")
        );
    }

    #[cfg(not(all(feature = "bench", debug_assertions)))]
    #[test]
    fn a_shipped_build_never_answers_the_open_dialog_itself() {
        // Read only here; no other test reads it.
        std::env::set_var(E2E_OPEN_FILES, "/tmp/a.pdf");
        assert_eq!(injected_open_files(), None);
        std::env::remove_var(E2E_OPEN_FILES);
    }

    #[cfg(not(all(feature = "bench", debug_assertions)))]
    #[test]
    fn a_shipped_build_never_drops_files_itself() {
        // Read only here; no other test reads it.
        std::env::set_var(E2E_DROP_FILES, "/tmp/a.jpg");
        assert_eq!(injected_drop_files(), None);
        std::env::remove_var(E2E_DROP_FILES);
    }

    #[cfg(not(all(feature = "bench", debug_assertions)))]
    #[test]
    fn a_shipped_build_never_answers_the_save_dialog_itself() {
        // Read only here; no other test reads it.
        std::env::set_var(E2E_SAVE_DIR, "/tmp");
        assert_eq!(injected_save_dir(), None);
        std::env::remove_var(E2E_SAVE_DIR);
    }
}
