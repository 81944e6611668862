//! The dashboard over the demo data set.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::concern::Reminder;
use akta_core::settings::Settings;
use akta_core::user::{self, Actor};
use common::*;

#[tokio::test]
async fn the_dashboard_shows_open_investigations_drafts_to_sign_and_overdue_concern_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let report = akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    assert!(report.journal_entries_added > 0);
    let author = Actor::user(user::list(&store).await.unwrap().remove(0));
    let d = akta_core::dashboard::overview(&store, &author, today(), &Settings::default())
        .await
        .unwrap();
    assert_eq!(d.investigations.len(), 1);
    assert_eq!(d.investigations[0].home_name, "Familjen Öberg");
    assert!(d.investigations[0].missing > 0);
    assert_eq!(d.investigations[0].stale_extracts, 1);
    // A journal entry and the newest contact of the home, both drafts.
    assert_eq!(d.drafts.len(), 2, "{:?}", d.drafts);
    assert!(d.drafts.iter().all(|x| x.file_name == "Familjen Lindqvist"));
    assert_eq!(d.concerns.len(), 1);
    assert_eq!(d.concerns[0].reminder, Reminder::ReceiptOverdue);
    // Someone else's drafts are not on my dashboard.
    let other = Actor::device();
    assert!(
        akta_core::dashboard::overview(&store, &other, today(), &Settings::default())
            .await
            .unwrap()
            .drafts
            .is_empty()
    );
    // Demo data twice adds nothing and keeps the audit chain whole.
    let again = akta_core::demo::populate(&store, &Actor::device(), today())
        .await
        .unwrap();
    assert_eq!(again, akta_core::demo::DemoReport::default());
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;
}
