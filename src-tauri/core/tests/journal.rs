//! Journals on a real encrypted store: drafts, signing, amendments, objections, stale
//! drafts, full-text search, and purge that leaves nothing in the index.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home::{self, FosterHomeInput, HomeKind};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::store::Store;
use akta_core::user::{self, Actor, Role, UserInput};
use chrono::NaiveDate;
use common::*;

async fn setup(dir: &std::path::Path) -> (Store, Actor, Actor, JournalFile) {
    let store = new_store(dir).await;
    let device = Actor::device();
    let karin = user::add(
        &store,
        &device,
        &UserInput {
            name: "Karin".into(),
            title: None,
            role: Role::Handlaggare,
        },
    )
    .await
    .unwrap();
    let olle = user::add(
        &store,
        &device,
        &UserInput {
            name: "Olle".into(),
            title: None,
            role: Role::Handlaggare,
        },
    )
    .await
    .unwrap();
    let home = foster_home::add(
        &store,
        &device,
        &FosterHomeInput {
            name: "Familjen Lindqvist".into(),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: None,
            municipality_id: None,
        },
        today(),
    )
    .await
    .unwrap();
    (
        store,
        Actor::user(karin),
        Actor::user(olle),
        JournalFile::Home(home.id),
    )
}

fn entry(date: &str, text: &str) -> EntryInput {
    EntryInput {
        event_date: date.parse().unwrap(),
        text: text.into(),
    }
}

#[tokio::test]
async fn a_draft_is_edited_signed_locked_and_corrected_by_an_amendment() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, _, file) = setup(tmp.path()).await;
    let d = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-20", "Hembesök hos familjen."),
        today(),
    )
    .await
    .unwrap();
    assert!(d.signed_at.is_none());
    let d = journal::update_draft(
        &store,
        &karin,
        d.id,
        &entry("2026-11-20", "Hembesök hos familjen. Barnen mår bra."),
        today(),
    )
    .await
    .unwrap();
    let s = journal::sign(&store, &karin, d.id, today()).await.unwrap();
    assert!(s.signed_at.is_some());
    assert_eq!(s.signed_by_name.as_deref(), Some("Karin"));

    // Signed: neither edited nor signed again, by the app …
    let e = journal::update_draft(
        &store,
        &karin,
        d.id,
        &entry("2026-11-20", "Ändrad"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    assert!(journal::sign(&store, &karin, d.id, today()).await.is_err());
    // … nor by hand in the database.
    let raw = sqlx::query("UPDATE journal_entries SET text = 'förfalskad' WHERE id = ?")
        .bind(d.id)
        .execute(store.pool())
        .await;
    assert!(
        raw.is_err(),
        "the trigger must refuse changing a signed entry"
    );

    let a = journal::amend(
        &store,
        &karin,
        d.id,
        &entry("2026-11-21", "Rättelse: barnen var tre, inte två."),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(a.kind, EntryKind::Amendment);
    assert_eq!(a.amends_id, Some(d.id));
    let list = journal::list(&store, &karin, file, today()).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].text, "Hembesök hos familjen. Barnen mår bra.",
        "the original stays legible"
    );
    assert_eq!(list[1].amends_id, Some(d.id));

    // A draft is corrected by editing, not amended.
    let e = journal::amend(&store, &karin, a.id, &entry("2026-11-21", "x"), today())
        .await
        .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::NotAllowed);
    store.close().await;
}

#[tokio::test]
async fn only_the_author_edits_or_signs_and_a_profile_is_needed() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, olle, file) = setup(tmp.path()).await;
    let d = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-20", "Samtal."),
        today(),
    )
    .await
    .unwrap();
    assert!(journal::update_draft(
        &store,
        &olle,
        d.id,
        &entry("2026-11-20", "Olles text"),
        today()
    )
    .await
    .is_err());
    assert!(journal::sign(&store, &olle, d.id, today()).await.is_err());
    let e = journal::create_draft(
        &store,
        &Actor::device(),
        file,
        EntryKind::Note,
        &entry("2026-11-20", "x"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
    let list = journal::list(&store, &karin, file, today()).await.unwrap();
    assert_eq!(list[0].text, "Samtal.");
    store.close().await;
}

#[tokio::test]
async fn bad_entries_are_refused_with_the_field_named_and_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, _, file) = setup(tmp.path()).await;
    let e = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-20", "   "),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("text", Reason::Required)
    );
    let e = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2027-01-01", "Framtid"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.fields()[0].field.as_str(), e.fields()[0].reason),
        ("event_date", Reason::Future)
    );
    // One character over the limit, and a 10 MB entry: a clear limit, nothing written.
    let before = journal::list(&store, &karin, file, today())
        .await
        .unwrap()
        .len();
    for huge in [
        "a".repeat(journal::MAX_TEXT_CHARS + 1),
        "hembesök ".repeat(10 * 1024 * 1024 / 10),
    ] {
        let e = journal::create_draft(
            &store,
            &karin,
            file,
            EntryKind::Note,
            &entry("2026-11-20", &huge),
            today(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            (e.fields()[0].field.as_str(), e.fields()[0].reason),
            ("text", Reason::TooLong)
        );
    }
    assert_eq!(
        journal::list(&store, &karin, file, today())
            .await
            .unwrap()
            .len(),
        before
    );
    let e = journal::create_draft(
        &store,
        &karin,
        JournalFile::Home(999),
        EntryKind::Note,
        &entry("2026-11-20", "x"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].reason, Reason::Unknown);
    let e = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Amendment,
        &entry("2026-11-20", "x"),
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields()[0].field, "kind");
    assert!(journal::list(&store, &karin, file, today())
        .await
        .unwrap()
        .is_empty());
    store.close().await;
}

#[tokio::test]
async fn drafts_older_than_fourteen_days_are_flagged_and_objections_are_their_own_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, _, file) = setup(tmp.path()).await;
    let d = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-01", "Gammalt utkast"),
        today(),
    )
    .await
    .unwrap();
    let o = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Objection,
        &entry("2026-11-22", "Familjen invänder mot anteckningen."),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(o.kind, EntryKind::Objection);
    sqlx::query("UPDATE journal_entries SET created_at = '2026-11-01T10:00:00Z' WHERE id = ?")
        .bind(d.id)
        .execute(store.pool())
        .await
        .unwrap();
    let list = journal::list(&store, &karin, file, today()).await.unwrap();
    assert!(list.iter().find(|e| e.id == d.id).unwrap().stale_draft);
    assert!(!list.iter().find(|e| e.id == o.id).unwrap().stale_draft);
    let in_13 = NaiveDate::from_ymd_opt(2026, 11, 14).unwrap();
    let list = journal::list(&store, &karin, file, in_13).await.unwrap();
    assert!(
        !list.iter().find(|e| e.id == d.id).unwrap().stale_draft,
        "13 days is not yet stale"
    );
    store.close().await;
}

#[tokio::test]
async fn search_finds_words_by_prefix_and_purge_leaves_no_token_in_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, _, file) = setup(tmp.path()).await;
    let keep = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-20", "Uppföljning av skolgången, Elsa trivs."),
        today(),
    )
    .await
    .unwrap();
    let gone = journal::create_draft(
        &store,
        &karin,
        file,
        EntryKind::Note,
        &entry("2026-11-21", "Zebrafinkar och xylofonlektioner."),
        today(),
    )
    .await
    .unwrap();
    journal::sign(&store, &karin, gone.id, today())
        .await
        .unwrap();
    journal::amend(
        &store,
        &karin,
        gone.id,
        &entry("2026-11-22", "Rättelse om xylofonlektionerna."),
        today(),
    )
    .await
    .unwrap();

    let hits = journal::search(&store, &karin, "skolg", 10, journal::SearchOrder::Newest)
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].entry_id, keep.id);
    assert_eq!(hits[0].file_name, "Familjen Lindqvist");
    assert!(
        hits[0].excerpt.contains("[skolgången]"),
        "{}",
        hits[0].excerpt
    );
    assert_eq!(
        journal::search(&store, &karin, "ELSA", 10, journal::SearchOrder::Newest)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        journal::search(&store, &karin, "xylofon", 10, journal::SearchOrder::Newest)
            .await
            .unwrap()
            .len(),
        2
    );
    // Query syntax typed by a person is just text.
    assert!(journal::search(
        &store,
        &karin,
        "\"NEAR( OR *",
        10,
        journal::SearchOrder::Newest
    )
    .await
    .unwrap()
    .is_empty());
    assert_eq!(
        journal::search(&store, &karin, " * ", 10, journal::SearchOrder::Newest)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );

    let mut tx = store.pool().begin().await.unwrap();
    let n = journal::purge_entries(&mut tx, &Actor::device(), &[gone.id])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Once per erasure or retention run: merge the index, vacuum.
    store.scrub().await;
    assert_eq!(n, 2, "the entry and its amendment");
    assert!(
        journal::search(&store, &karin, "xylofon", 10, journal::SearchOrder::Newest)
            .await
            .unwrap()
            .is_empty()
    );
    // Not even the index's own pages hold the words any more.
    let blocks: Vec<Vec<u8>> = sqlx::query_scalar("SELECT block FROM journal_fts_data")
        .fetch_all(store.pool())
        .await
        .unwrap();
    for b in &blocks {
        assert!(
            !contains(b, b"xylofon") && !contains(b, b"zebrafinkar"),
            "a purged token is still in the index"
        );
    }
    assert!(
        blocks.iter().any(|b| contains(b, b"skolg")),
        "the kept entry is still indexed"
    );
    assert!(akta_core::audit::verify(&store).await.unwrap().intact);
    store.close().await;
}

#[tokio::test]
async fn search_lists_newest_written_first_without_ranking_every_match() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, karin, _, file) = setup(tmp.path()).await;
    // Written in this order; the second mentions the word most often (best match).
    let texts = [
        "Samtal om skolan.",
        "Skolan, skolan och åter skolan: skolskjuts och skolsköterska.",
        "Kort om skolan igen.",
    ];
    let mut ids = Vec::new();
    for t in texts {
        let e = journal::create_draft(
            &store,
            &karin,
            file,
            EntryKind::Note,
            &entry("2026-11-20", t),
            today(),
        )
        .await
        .unwrap();
        ids.push(e.id);
    }
    let order = |hits: Vec<journal::SearchHit>| hits.iter().map(|h| h.entry_id).collect::<Vec<_>>();
    let newest = journal::search(&store, &karin, "skol", 10, journal::SearchOrder::Newest)
        .await
        .unwrap();
    assert_eq!(order(newest), vec![ids[2], ids[1], ids[0]]);
    let best = journal::search(
        &store,
        &karin,
        "skolan",
        10,
        journal::SearchOrder::Relevance,
    )
    .await
    .unwrap();
    assert_eq!(order(best)[0], ids[1], "the entry with most matches first");
    // The limit cuts the newest, not the first found.
    let two = journal::search(&store, &karin, "skolan", 2, journal::SearchOrder::Newest)
        .await
        .unwrap();
    assert_eq!(order(two), vec![ids[2], ids[1]]);

    // Newest first is the index's own order: no sort of all matches before the limit.
    let plan = explain(&store).await;
    assert!(!plan.is_empty());
    assert!(plan.iter().all(|d| !d.contains("TEMP B-TREE")), "{plan:?}");
    store.close().await;
}

/// EXPLAIN QUERY PLAN rows (id, parent, notused, detail): the details.
async fn explain(store: &Store) -> Vec<String> {
    let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "EXPLAIN QUERY PLAN
         SELECT e.id FROM journal_fts JOIN journal_entries e ON e.id = journal_fts.rowid
         WHERE journal_fts MATCH '\"skolan\"*' ORDER BY journal_fts.rowid DESC LIMIT 50",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    rows.into_iter().map(|r| r.3).collect()
}
