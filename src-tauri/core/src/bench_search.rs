//! `akta bench`'s journal search: realistic notes (`bench_text`), realistic queries,
//! timed through the real search (`journal::search_in`, and `journal::search` with its
//! audit event), on SQLCipher and on plain SQLite with the same schema, interleaved.
//! The worst case (the two most frequent words of the language) is a line of its own.

use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::{Row, SqlitePool};

use crate::bench::{bench_store, insert_journal, ms, percentile, plain_pool, Lcg};
use crate::bench_text::vocabulary;
use crate::error::Result;
use crate::journal::{self, SearchOrder};
use crate::store::StoreDir;
use crate::user::Actor;

/// Hits asked for, as the app asks.
const LIMIT: i64 = 50;

/// One kind of query: latency percentiles on both stores.
#[derive(Debug, Clone, Serialize)]
pub struct SearchLine {
    pub name: String,
    pub encrypted_p50_ms: f64,
    pub encrypted_p95_ms: f64,
    pub plaintext_p50_ms: f64,
    pub plaintext_p95_ms: f64,
    /// Mean number of hits returned (at most 50).
    pub mean_hits: f64,
}

/// Full-text search over journal entries: latency percentiles over many queries.
#[derive(Debug, Clone, Serialize)]
pub struct SearchFigures {
    pub entries: u32,
    pub queries: u32,
    pub insert_encrypted_ms: f64,
    pub insert_plaintext_ms: f64,
    /// The search alone (`journal::search_in`), realistic queries, newest first.
    pub realistic: SearchLine,
    /// The same queries, best match first.
    pub relevance: SearchLine,
    /// The two most frequent words, newest first, and best match first.
    pub worst: SearchLine,
    pub worst_relevance: SearchLine,
    /// What the app does (`journal::search`: the search and its audit event, one
    /// committed transaction), realistic queries, newest first, SQLCipher only.
    pub audited_p50_ms: f64,
    pub audited_p95_ms: f64,
    /// The read-related settings of both connections, to show they are alike.
    pub settings: String,
}

/// Times `queries` on both stores, interleaved and alternating which goes first.
async fn line(
    name: &str,
    a: &SqlitePool,
    b: &SqlitePool,
    queries: &[String],
    order: SearchOrder,
) -> Result<SearchLine> {
    let mut ca = a.acquire().await?;
    let mut cb = b.acquire().await?;
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    let mut hits = 0usize;
    for (i, q) in queries.iter().enumerate() {
        for first in [i % 2 == 0, i % 2 != 0] {
            let conn = if first { &mut ca } else { &mut cb };
            let t = Instant::now();
            let found = journal::search_in(conn, q, LIMIT, order).await?;
            let took = t.elapsed();
            if first {
                hits += found.len();
                ta.push(took);
            } else {
                tb.push(took);
            }
        }
    }
    ta.sort();
    tb.sort();
    Ok(SearchLine {
        name: name.into(),
        encrypted_p50_ms: percentile(&ta, 0.5),
        encrypted_p95_ms: percentile(&ta, 0.95),
        plaintext_p50_ms: percentile(&tb, 0.5),
        plaintext_p95_ms: percentile(&tb, 0.95),
        mean_hits: hits as f64 / queries.len().max(1) as f64,
    })
}

/// The settings that decide read speed, as each connection sees them.
async fn pragmas(pool: &SqlitePool) -> Result<String> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for p in [
        "page_size",
        "cache_size",
        "mmap_size",
        "journal_mode",
        "temp_store",
    ] {
        let row = sqlx::query(&format!("PRAGMA {p}"))
            .fetch_one(&mut *conn)
            .await?;
        let v = row
            .try_get::<i64, _>(0)
            .map(|v| v.to_string())
            .or_else(|_| row.try_get::<String, _>(0))?;
        out.push(format!("{p}={v}"));
    }
    Ok(out.join(", "))
}

/// A store of `entries` realistic notes of each kind, then the queries.
pub async fn figures(tmp: &std::path::Path, entries: u32, queries: u32) -> Result<SearchFigures> {
    let v = vocabulary();
    let sdir = StoreDir::new(tmp.join("search-encrypted"));
    let store = bench_store(&sdir).await?;
    let plain = plain_pool(&tmp.join("search-plain.db")).await?;
    let insert_encrypted = insert_journal(store.pool(), entries, |r| v.note(r)).await?;
    let insert_plaintext = insert_journal(&plain, entries, |r| v.note(r)).await?;
    let mut r = Lcg(7);
    let realistic: Vec<String> = (0..queries).map(|_| v.query(&mut r)).collect();
    // Fewer of these: at a million entries one ranked query takes seconds.
    let worst = vec![v.most_frequent(2).join(" "); (queries / 25).max(10) as usize];
    let (e, p) = (store.pool(), &plain);
    let newest = line(
        "realistic queries, newest first",
        e,
        p,
        &realistic,
        SearchOrder::Newest,
    )
    .await?;
    let relevance = line(
        "realistic queries, best match first",
        e,
        p,
        &realistic,
        SearchOrder::Relevance,
    )
    .await?;
    let worst_newest = line(
        "the two most frequent words, newest first",
        e,
        p,
        &worst,
        SearchOrder::Newest,
    )
    .await?;
    let worst_relevance = line(
        "the two most frequent words, best match first",
        e,
        p,
        &worst,
        SearchOrder::Relevance,
    )
    .await?;
    let device = Actor::device();
    let mut audited: Vec<Duration> = Vec::with_capacity(realistic.len());
    for q in &realistic {
        let t = Instant::now();
        let hits = journal::search(&store, &device, q, LIMIT, SearchOrder::Newest).await?;
        audited.push(t.elapsed());
        std::hint::black_box(hits.len());
    }
    audited.sort();
    let settings = format!(
        "encrypted: {}; plain: {}",
        pragmas(store.pool()).await?,
        pragmas(&plain).await?
    );
    store.close().await;
    plain.close().await;
    Ok(SearchFigures {
        entries,
        queries,
        insert_encrypted_ms: ms(insert_encrypted),
        insert_plaintext_ms: ms(insert_plaintext),
        realistic: newest,
        relevance,
        worst: worst_newest,
        worst_relevance,
        audited_p50_ms: percentile(&audited, 0.5),
        audited_p95_ms: percentile(&audited, 0.95),
        settings,
    })
}

impl SearchFigures {
    pub fn to_markdown(&self) -> String {
        let ratio = |a: f64, b: f64| a / b.max(1e-9);
        let mut s = format!(
            "\nJournal full-text search (FTS5), {} notes of 20–200 Swedish words drawn by real word \
             frequencies (wordfreq, CC BY-SA 4.0) with names and places; {} queries of one to three \
             words, common and rare, half as prefixes; top {LIMIT} hits, through `journal::search_in`:\n\n\
             | | SQLCipher p50 (ms) | p95 (ms) | plain p50 (ms) | p95 (ms) | p95 ratio | mean hits |\n\
             |---|---:|---:|---:|---:|---:|---:|\n",
            self.entries, self.queries
        );
        for l in [
            &self.realistic,
            &self.relevance,
            &self.worst,
            &self.worst_relevance,
        ] {
            s.push_str(&format!(
                "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2}× | {:.1} |\n",
                l.name,
                l.encrypted_p50_ms,
                l.encrypted_p95_ms,
                l.plaintext_p50_ms,
                l.plaintext_p95_ms,
                ratio(l.encrypted_p95_ms, l.plaintext_p95_ms),
                l.mean_hits
            ));
        }
        s.push_str(&format!(
            "\nAs the app searches (`journal::search`: the search and its audit event in one committed \
             transaction), realistic queries, newest first: p50 {:.2} ms, p95 {:.2} ms.\n\
             Inserting the notes, one transaction: SQLCipher {:.0} ms, plain {:.0} ms ({:.2}×).\n\
             \nConnection settings: {}.\n",
            self.audited_p50_ms,
            self.audited_p95_ms,
            self.insert_encrypted_ms,
            self.insert_plaintext_ms,
            ratio(self.insert_encrypted_ms, self.insert_plaintext_ms),
            self.settings
        ));
        s
    }
}
