//! Journal search over generated notes on a real encrypted store: every word typed is
//! a prefix (a single letter a whole word), case and diacritics do not matter, all
//! words must occur, newest first.
//! The index's prefix indexes (migration 0021) are an access path only: the results
//! must be exactly what reading every note would give.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::foster_home;
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile, SearchOrder};
use akta_core::user::Role;
use common::*;
use proptest::prelude::*;

/// Pieces of words that share prefixes of one, two and three letters, in both cases
/// and with and without diacritics.
const SYLLABLES: &[&str] = &[
    "sk", "Sk", "ol", "an", "hem", "Hem", "bes", "ök", "Ök", "sa", "Sa", "så", "Å", "ä", "för",
    "fö", "För", "fo", "e", "ré", "mö", "te",
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SYLLABLES), 1..4).prop_map(|s| s.concat())
}

fn note() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..12).prop_map(|w| w.join(" "))
}

/// A query: one or two words, each cut to a prefix of one to five letters.
fn query() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        (word(), 1usize..6).prop_map(|(w, n)| w.chars().take(n).collect::<String>()),
        1..3,
    )
}

/// Case and diacritics folded as the index's tokenizer folds them.
fn fold(w: &str) -> String {
    akta_core::person::name_key(w, "").trim_end().to_owned()
}

/// Whether every query word begins some word of the note; a query word of one letter
/// must be a whole word of it.
fn matches(note: &str, query: &[String]) -> bool {
    let words: Vec<String> = note.split_whitespace().map(fold).collect();
    query.iter().all(|q| {
        let q = fold(q);
        if q.chars().count() == 1 {
            words.contains(&q)
        } else {
            words.iter().any(|w| w.starts_with(&q))
        }
    })
}

async fn check(notes: Vec<String>, queries: Vec<Vec<String>>) {
    let tmp = tempfile::tempdir().unwrap();
    let store = new_store(tmp.path()).await;
    let karin = profile(&store, "Karin", Role::Handlaggare).await;
    let home = foster_home::add(&store, &karin, &home_input("Familjen Sökare"), today())
        .await
        .unwrap();
    let mut written = Vec::new();
    for text in &notes {
        let input = EntryInput {
            event_date: today(),
            text: text.clone(),
        };
        let file = JournalFile::Home(home.id);
        let e = journal::create_draft(&store, &karin, file, EntryKind::Note, &input, today())
            .await
            .unwrap();
        written.push((e.id, text.clone()));
    }
    for q in &queries {
        let expected: Vec<i64> = written
            .iter()
            .rev()
            .filter(|(_, text)| matches(text, q))
            .map(|(id, _)| *id)
            .collect();
        let hits = journal::search(&store, &karin, &q.join(" "), 100, SearchOrder::Newest)
            .await
            .unwrap();
        let found: Vec<i64> = hits.iter().map(|h| h.entry_id).collect();
        assert_eq!(found, expected, "query {q:?} over {notes:?}");
        let mut ranked: Vec<i64> =
            journal::search(&store, &karin, &q.join(" "), 100, SearchOrder::Relevance)
                .await
                .unwrap()
                .iter()
                .map(|h| h.entry_id)
                .collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(ranked, expected, "ranked: the same entries");
    }
    store.close().await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn search_finds_exactly_the_notes_where_every_word_begins_a_word(
        notes in prop::collection::vec(note(), 1..25),
        queries in prop::collection::vec(query(), 1..6),
    ) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(check(notes, queries));
    }
}
