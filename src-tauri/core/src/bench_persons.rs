//! The persons search at an agency's scale: a store of N persons with common Swedish
//! names (å, ä, ö and é among them), valid personnummer and contact data, searched the
//! way the persons screen searches (`person::page`, the first 100 in name order and the
//! count of all matches) for 2–5 letters of a name, half typed in lower case without
//! diacritics ("oberg"), half as written ("Öber"). The baseline, in the same run, is the
//! same page without a search (the first 100 rows and a count). The reading of every
//! person that the search replaced is timed too, as a note. Figures for
//! docs/PERFORMANCE.md, not a test.

use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use serde::Serialize;

use crate::bench::{bench_store, percentile, Lcg};
use crate::bench_text::{FAMILY_NAMES, GIVEN_NAMES};
use crate::error::Result;
use crate::person::{self, repo, PersonInput, PersonSort};
use crate::store::StoreDir;
use crate::validate::luhn_check_digit;

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct PersonsSearchFigures {
    pub persons: u32,
    pub queries: u32,
    /// Matches per search, on average (what `total` said).
    pub mean_matches: f64,
    pub fill_ms: f64,
    /// `person::page(Some(q), Some(100))`.
    pub search_p50_ms: f64,
    pub search_p95_ms: f64,
    /// The baseline: `person::page(None, Some(100))`.
    pub baseline_p50_ms: f64,
    pub baseline_p95_ms: f64,
    /// Reading every person (what a search did before the folded name column), p95.
    pub read_all_p95_ms: f64,
}

impl PersonsSearchFigures {
    pub fn to_markdown(&self) -> String {
        let r = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let mut s = String::new();
        s.push_str(
            "| persons search | Akta | baseline | ratio | goal |\n|---|---:|---:|---:|---|\n",
        );
        s.push_str(&format!(
            "| search {} persons for 2–5 letters of a name, first 100 and the count, p95 of {} ({:.0} matches on average) vs the first page without a search | {:.1} ms | {:.1} ms | {:.1}× | p95 ≤ 20 ms: {} |\n",
            self.persons,
            self.queries,
            self.mean_matches,
            self.search_p95_ms,
            self.baseline_p95_ms,
            r(self.search_p95_ms, self.baseline_p95_ms),
            if self.search_p95_ms <= 20.0 { "met" } else { "not met" }
        ));
        s.push_str(&format!(
            "| the same, p50 | {:.1} ms | {:.1} ms | {:.1}× | |\n",
            self.search_p50_ms,
            self.baseline_p50_ms,
            r(self.search_p50_ms, self.baseline_p50_ms)
        ));
        s.push_str(&format!(
            "\nReading every person (as the search did before), p95: {:.1} ms. Filling the store took {:.0} ms.\n",
            self.read_all_p95_ms, self.fill_ms
        ));
        s
    }
}

const CITIES: &[&str] = &[
    "Göteborg",
    "Borås",
    "Mölndal",
    "Kungälv",
    "Alingsås",
    "Lerum",
    "Partille",
    "Härryda",
];

/// A realistic person: a common given name (a second one for some), a common family name
/// (a double one for some), a valid personnummer from 1940–1999 (none for some), contact
/// data.
fn person(r: &mut Lcg, i: u32) -> PersonInput {
    let pick = |r: &mut Lcg, list: &[&'static str]| list[r.next() % list.len()];
    let mut given = pick(r, GIVEN_NAMES).to_owned();
    if r.next() % 4 == 0 {
        given = format!("{given} {}", pick(r, GIVEN_NAMES));
    }
    let mut family = pick(r, FAMILY_NAMES).to_owned();
    if r.next() % 10 == 0 {
        family = format!("{family}-{}", pick(r, FAMILY_NAMES));
    }
    // Unique up to 302,400 persons: the index fixes day, serial number and month.
    let i = i as usize;
    let year = 40 + (r.next() % 60);
    let day = 1 + i % 28;
    let serial = 100 + (i / 28) % 900;
    let month = 1 + (i + i / 25_200) % 12;
    let nine = format!("{year:02}{month:02}{day:02}{serial:03}");
    let number = (r.next() % 20 != 0).then(|| format!("19{nine}{}", luhn_check_digit(&nine)));
    PersonInput {
        personal_number: number,
        email: Some(format!("person{i}@example.se")),
        phone: Some(format!("070-{:03} {:02} {:02}", i % 1000, i % 97, i % 89)),
        street_address: Some(format!("{}vägen {}", pick(r, FAMILY_NAMES), 1 + i % 120)),
        postal_code: Some(format!("4{:02} {:02}", i % 100, i % 90)),
        city: Some(pick(r, CITIES).to_owned()),
        protected_identity: r.next() % 200 == 0,
        given_name: given,
        family_name: family,
    }
}

/// 2–5 characters from the start of a name: half as written, half in lower case
/// without diacritics (as a caseworker types in a hurry).
fn query(r: &mut Lcg) -> String {
    let name = if r.next() % 2 == 0 {
        GIVEN_NAMES[r.next() % GIVEN_NAMES.len()]
    } else {
        FAMILY_NAMES[r.next() % FAMILY_NAMES.len()]
    };
    let len = 2 + r.next() % 4;
    let prefix: String = name.chars().take(len).collect();
    if r.next() % 2 == 0 {
        prefix
    } else {
        person::name_key(&prefix, "").trim_end().to_owned()
    }
}

/// Fills a bench store under `tmp` with `persons` persons and times `queries` searches
/// and as many pages without a search.
pub async fn persons_search(
    tmp: &Path,
    persons: u32,
    queries: u32,
) -> Result<PersonsSearchFigures> {
    let store = bench_store(&StoreDir::new(tmp.join("persons"))).await?;
    let today = crate::today();
    let mut r = Lcg(20);
    let t = Instant::now();
    let mut tx = store.begin().await?;
    let now = Utc::now();
    for i in 0..persons {
        let p = person(&mut r, i).validate(today)?;
        repo::insert(&mut tx, &p, now).await?;
    }
    tx.commit().await?;
    let fill_ms = crate::bench::ms(t.elapsed());

    let queries = queries.max(1);
    let sort = PersonSort::default();
    let mut search_times = Vec::new();
    let mut base_times = Vec::new();
    let mut matches = 0u64;
    for _ in 0..queries {
        let q = query(&mut r);
        let t = Instant::now();
        let page = person::page(&store, Some(&q), Some(100), sort, today).await?;
        search_times.push(t.elapsed());
        matches += page.total;
        let t = Instant::now();
        let page = person::page(&store, None, Some(100), sort, today).await?;
        base_times.push(t.elapsed());
        std::hint::black_box(page);
    }
    let mut read_all_times = Vec::new();
    for _ in 0..queries.min(20) {
        let mut conn = store.pool().acquire().await?;
        let t = Instant::now();
        let all = repo::list_all(&mut conn).await?;
        read_all_times.push(t.elapsed());
        std::hint::black_box(all);
    }
    store.close().await;
    search_times.sort();
    base_times.sort();
    read_all_times.sort();
    Ok(PersonsSearchFigures {
        persons,
        queries,
        mean_matches: matches as f64 / f64::from(queries),
        fill_ms,
        search_p50_ms: percentile(&search_times, 0.5),
        search_p95_ms: percentile(&search_times, 0.95),
        baseline_p50_ms: percentile(&base_times, 0.5),
        baseline_p95_ms: percentile(&base_times, 0.95),
        read_all_p95_ms: percentile(&read_all_times, 0.95),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_bench_searches_a_small_store() {
        let tmp = tempfile::tempdir().unwrap();
        let f = persons_search(tmp.path(), 300, 20).await.unwrap();
        assert_eq!((f.persons, f.queries), (300, 20));
        assert!(f.mean_matches > 0.0, "{f:?}");
    }
}
