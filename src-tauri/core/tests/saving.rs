//! Files that leave the store from the app go only where the user chose in the save
//! dialog: new files only, owner-only, and a refused place makes and audits nothing.
//! (The writer itself: `files::tests`.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use std::path::Path;

use akta_core::error::ErrorCode;
use akta_core::settings::Settings;
use akta_core::store::Store;
use akta_core::user::{self, Actor};
use akta_core::{audit, backup, concern, demo};
use common::*;

async fn demo_store(dir: &Path) -> (Store, Actor) {
    let store = new_store(dir).await;
    demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    let karin = user::list(&store).await.unwrap().remove(0);
    (store, Actor::user(karin))
}

/// A demo store in a temp dir, its caseworker, and her first concern report.
async fn demo_concern() -> (tempfile::TempDir, Store, Actor, concern::ConcernReport) {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin) = demo_store(&tmp.path().join("store")).await;
    let report = concern::list(&store, &karin, today(), &Settings::default())
        .await
        .unwrap()
        .remove(0);
    (tmp, store, karin, report)
}

/// The newest audit event: (action, entity kind, entity id).
async fn last_event(store: &Store) -> (String, String, Option<i64>) {
    let e = audit::list(store, 1).await.unwrap().remove(0);
    (e.action, e.entity_kind, e.entity_id)
}

async fn events(store: &Store) -> i64 {
    audit::verify(store).await.unwrap().events
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn a_concern_pdf_goes_only_where_chosen_and_a_taken_place_makes_nothing() {
    let (tmp, store, karin, report) = demo_concern().await;
    let settings = Settings::default();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();

    // A file already there: refused, left as it was, nothing made or audited.
    let taken = out.join("orosanmalan.pdf");
    std::fs::write(&taken, b"mine").unwrap();
    let before = events(&store).await;
    let e = concern::save_pdf(&store, &karin, report.id, &taken, today(), &settings)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    assert_eq!(std::fs::read(&taken).unwrap(), b"mine");
    // A folder that is not there: a clear error, no folder made.
    let gone = out.join("borta/orosanmalan.pdf");
    let e = concern::save_pdf(&store, &karin, report.id, &gone, today(), &settings)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FolderUnavailable);
    assert!(!out.join("borta").exists());
    assert_eq!(
        events(&store).await,
        before,
        "a refused place audits nothing"
    );

    // The chosen place: the PDF, owner-only, the export audited without the place.
    let chosen = out.join("orosanmalan-2026-11-30.pdf");
    concern::save_pdf(&store, &karin, report.id, &chosen, today(), &settings)
        .await
        .unwrap();
    assert!(std::fs::read(&chosen).unwrap().starts_with(b"%PDF"));
    #[cfg(unix)]
    assert_eq!(mode(&chosen), 0o600);
    assert_eq!(
        last_event(&store).await,
        ("export".into(), "concern_report".into(), Some(report.id))
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        2,
        "nothing else written"
    );
}

#[tokio::test]
async fn a_backup_saved_elsewhere_is_a_new_owner_only_file_and_an_audited_export() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&tmp.path().join("store")).await;
    let dpo = Actor::device();
    let out = tmp.path().join("usb");
    std::fs::create_dir(&out).unwrap();

    let taken = out.join("akta-backup.age");
    std::fs::write(&taken, b"an older copy").unwrap();
    let e = backup::make_at(&store, &dpo, Some(&passphrase()), &taken)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::FileExists);
    assert_eq!(std::fs::read(&taken).unwrap(), b"an older copy");

    let chosen = out.join("akta-backup-2026-11-30.age");
    let made = backup::make_at(&store, &dpo, Some(&passphrase()), &chosen)
        .await
        .unwrap();
    assert_eq!(made, chosen);
    let sealed = std::fs::read(&chosen).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!contains(&sealed, "Lindqvist".as_bytes()));
    #[cfg(unix)]
    assert_eq!(mode(&chosen), 0o600);
    // Not one of the store's own backups (those retention removes), and audited.
    assert!(backup::list(store.dir()).unwrap().is_empty());
    assert_eq!(
        last_event(&store).await,
        ("export".into(), "store".into(), None)
    );
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["akta-backup-2026-11-30.age", "akta-backup.age"],
        "no temporary files stay"
    );
}

#[tokio::test]
async fn names_windows_would_not_keep_are_refused_everywhere_and_make_nothing() {
    let (tmp, store, karin, report) = demo_concern().await;
    let settings = Settings::default();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let before = events(&store).await;

    // A device name (any case, any extension), a character Windows forbids, a
    // trailing period or space: refused by field, on Linux as on Windows, so that what
    // is saved here can be copied to a Windows share whole.
    use akta_core::error::Reason::{Characters, Format};
    for (name, reason) in [
        ("nul.pdf", Format),
        ("Con.pdf", Format),
        ("COM1.pdf", Format),
        ("Anna: orosanmälan.pdf", Characters),
        ("Anna?.pdf", Characters),
        ("orosanmälan.", Characters),
        ("orosanmälan ", Characters),
    ] {
        let e = concern::save_pdf(
            &store,
            &karin,
            report.id,
            &out.join(name),
            today(),
            &settings,
        )
        .await
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{name}");
        assert_eq!(refusals(&e), [("file_name", reason)], "{name}");
        assert!(
            !e.to_string().contains("Anna"),
            "the name is not in the message"
        );
        // The same for the CLI's checked output paths.
        let e = akta_core::files::check_new(&out.join(name), "out").unwrap_err();
        assert_eq!(refusals(&e), [("out", reason)], "{name}");
    }
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing written"
    );
    assert_eq!(events(&store).await, before, "nothing audited");

    // A name with spaces and å ä ö is an ordinary name.
    let chosen = out.join("Orosanmälan för Åsa Öberg.pdf");
    concern::save_pdf(&store, &karin, report.id, &chosen, today(), &settings)
        .await
        .unwrap();
    assert!(std::fs::read(&chosen).unwrap().starts_with(b"%PDF"));
}
