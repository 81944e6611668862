//! `akta bench-due`: what building the inbox costs at an agency's scale. A store with N
//! active homes (two adults, a placed child, a decided investigation with register
//! extracts, a contact plan for the home and one for the placement, the agreement, a
//! training occasion, a signed report for half of them, a hand-made bevakning) and a
//! million journal rows over them (the newest twelve of each home contacts with their
//! structure), written with plain statements in one transaction (load, not casework).
//! Then the inbox is built again and again (p50, p95) for the data-protection role
//! (every rule), against a baseline in the same run: one aggregate query that counts
//! each active home's contacts of the month, the least reading any plan rule must do.
//! Figures for docs/PERFORMANCE.md, not a test.

use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::bench::{bench_store, percentile, sentence, Lcg, Target, BENCH_PASSPHRASE};
use crate::crypto::{self, DbKey, Passphrase};
use crate::error::Result;
use crate::settings::Settings;
use crate::store::{Store, StoreDir, Unlock};
use crate::user::{self, Actor, Role, UserInput};

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct DueFigures {
    pub homes: u32,
    pub journal_rows: u64,
    pub runs: u32,
    /// Lines in the inbox, and how many of them overdue.
    pub lines: usize,
    pub overdue: i64,
    pub fill_s: f64,
    pub inbox_p50_ms: f64,
    pub inbox_p95_ms: f64,
    /// The baseline: one aggregate query over the same homes' contacts of the month.
    pub baseline_p50_ms: f64,
    pub baseline_p95_ms: f64,
    /// Opening the store with its key (as the keychain hands it over: no scrypt) and
    /// building the data-protection officer's inbox, the start screen; p50, p95.
    pub unlock_inbox_p50_ms: f64,
    pub unlock_inbox_p95_ms: f64,
    /// Opening it with the key and one query.
    pub unlock_baseline_p50_ms: f64,
    pub unlock_baseline_p95_ms: f64,
}

impl DueFigures {
    /// Issue 20's target for unlocking to the start screen.
    pub fn targets(&self) -> Vec<Target> {
        vec![Target::new(
            "unlock with the key from the keychain → the data-protection officer's inbox, p95",
            "ms",
            "≤ 300 ms",
            "open the store with the key + one query",
        )
        .measured(
            self.unlock_inbox_p95_ms,
            self.unlock_baseline_p95_ms,
            |v, _| v <= 300.0,
        )]
    }

    pub fn to_markdown(&self) -> String {
        let r = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let mut s = String::new();
        s.push_str("| bevakningar | Akta | baseline | ratio | goal |\n|---|---:|---:|---:|---|\n");
        s.push_str(&format!(
            "| build the inbox, {} active homes, {} journal rows, p95 of {} ({} lines, {} overdue) vs one aggregate query of the homes' contacts this month | {:.1} ms | {:.1} ms | {:.1}× | p95 < 100 ms: {} |\n",
            self.homes,
            self.journal_rows,
            self.runs,
            self.lines,
            self.overdue,
            self.inbox_p95_ms,
            self.baseline_p95_ms,
            r(self.inbox_p95_ms, self.baseline_p95_ms),
            if self.inbox_p95_ms < 100.0 { "met" } else { "not met" }
        ));
        s.push_str(&format!(
            "| the same, p50 | {:.1} ms | {:.1} ms | {:.1}× | |\n",
            self.inbox_p50_ms,
            self.baseline_p50_ms,
            r(self.inbox_p50_ms, self.baseline_p50_ms)
        ));
        s.push_str(&format!(
            "| unlock with the key from the keychain (no scrypt; the keychain's own lookup not included) and build the data-protection officer's inbox, p95 of {} vs open + one query | {:.1} ms | {:.1} ms | {:.1}× | p95 ≤ 300 ms: {} |\n",
            self.runs,
            self.unlock_inbox_p95_ms,
            self.unlock_baseline_p95_ms,
            r(self.unlock_inbox_p95_ms, self.unlock_baseline_p95_ms),
            if self.unlock_inbox_p95_ms <= 300.0 { "met" } else { "not met" }
        ));
        s.push_str(&format!(
            "\nFilling the store with plain statements took {:.0} s.\n",
            self.fill_s
        ));
        s
    }
}

/// Runs the figures in a temporary folder, which is removed afterwards.
pub async fn run(homes: u32, journal_rows: u64, runs: u32) -> Result<DueFigures> {
    let tmp = std::env::temp_dir().join(format!(
        "akta-bench-due-{}",
        hex::encode(rand::random::<[u8; 6]>())
    ));
    std::fs::create_dir_all(&tmp)?;
    let result = run_in(&tmp, homes.max(1), journal_rows, runs.max(1)).await;
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

async fn run_in(
    tmp: &std::path::Path,
    homes: u32,
    journal_rows: u64,
    runs: u32,
) -> Result<DueFigures> {
    let store = bench_store(&StoreDir::new(tmp.join("due"))).await?;
    let profile = UserInput {
        name: "Dina Dataskydd".into(),
        title: None,
        role: Role::Dataskyddsansvarig,
    };
    let actor = Actor::user(user::add(&store, &Actor::device(), &profile).await?);
    let today = crate::today();
    let t = Instant::now();
    let rows = fill(
        &store,
        actor.user_id().unwrap_or(1),
        homes,
        journal_rows,
        today,
    )
    .await?;
    let fill_s = t.elapsed().as_secs_f64();
    let settings = Settings::default();

    let month_start = today.with_day(1).unwrap_or(today);
    let mut inbox_times = Vec::new();
    let mut base_times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let inbox = crate::due::build(&store, &actor, today, &settings).await?;
        inbox_times.push(t.elapsed());
        last = Some(inbox);
        let t = Instant::now();
        baseline(&store, month_start).await?;
        base_times.push(t.elapsed());
    }
    let dir = store.dir().clone();
    store.close().await;
    inbox_times.sort();
    base_times.sort();
    let (unlock_times, open_times) = unlock_figures(&dir, &actor, today, &settings, runs).await?;
    let inbox = last.unwrap_or_else(|| crate::due::Inbox {
        as_of: today,
        items: Vec::new(),
        counts: Default::default(),
    });
    Ok(DueFigures {
        homes,
        journal_rows: rows,
        runs,
        lines: inbox.items.len(),
        overdue: inbox.counts.overdue,
        fill_s,
        inbox_p50_ms: percentile(&inbox_times, 0.5),
        inbox_p95_ms: percentile(&inbox_times, 0.95),
        baseline_p50_ms: percentile(&base_times, 0.5),
        baseline_p95_ms: percentile(&base_times, 0.95),
        unlock_inbox_p50_ms: percentile(&unlock_times, 0.5),
        unlock_inbox_p95_ms: percentile(&unlock_times, 0.95),
        unlock_baseline_p50_ms: percentile(&open_times, 0.5),
        unlock_baseline_p95_ms: percentile(&open_times, 0.95),
    })
}

/// Unlock → start screen, `runs` times, against unlock → one query.
async fn unlock_figures(
    dir: &StoreDir,
    actor: &Actor,
    today: NaiveDate,
    settings: &Settings,
    runs: u32,
) -> Result<(Vec<Duration>, Vec<Duration>)> {
    let wrap = std::fs::read(dir.passphrase_wrap())?;
    let key = crypto::unwrap_with_passphrase(&wrap, &Passphrase::new(BENCH_PASSPHRASE.into()))?;
    let (mut unlock, mut open) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let store = Store::open(dir, Unlock::Key(DbKey::from_hex(&key.expose_hex())?)).await?;
        let inbox = crate::due::build(&store, actor, today, settings).await?;
        unlock.push(t.elapsed());
        std::hint::black_box(inbox.items.len());
        store.close().await;
        let t = Instant::now();
        let store = Store::open(dir, Unlock::Key(DbKey::from_hex(&key.expose_hex())?)).await?;
        sqlx::query("SELECT count(*) FROM persons")
            .execute(store.pool())
            .await?;
        open.push(t.elapsed());
        store.close().await;
    }
    unlock.sort();
    open.sort();
    Ok((unlock, open))
}

/// Each active home's contacts since `from`, in one aggregate query.
async fn baseline(store: &Store, from: NaiveDate) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT h.id, count(c.entry_id) FROM foster_homes h
         LEFT JOIN journal_entries e ON e.home_id = h.id AND e.event_date >= ?
         LEFT JOIN contacts c ON c.entry_id = e.id
         WHERE h.status = 'aktiv' GROUP BY h.id",
    )
    .bind(from)
    .fetch_all(store.pool())
    .await?)
}

fn days_back(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

/// Writes the homes and their records; returns how many journal rows were written.
async fn fill(
    store: &Store,
    author: i64,
    homes: u32,
    journal_rows: u64,
    today: NaiveDate,
) -> Result<u64> {
    let now = Utc::now();
    let mut r = Lcg(17);
    let per_home = (journal_rows / u64::from(homes)).max(12);
    let mut written = 0u64;
    let mut tx = store.begin().await?;
    let kommun = sqlx::query(
        "INSERT INTO organisations (org_number, name, kind, created_at, updated_at)
         VALUES ('2120001355', 'Göteborgs Stad', 'kommun', ?, ?)",
    )
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let person =
        async |tx: &mut sqlx::SqliteConnection, given: &str, family: String| -> Result<i64> {
            Ok(sqlx::query(
                "INSERT INTO persons (given_name, family_name, name_key, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?)",
            )
            .bind(given)
            .bind(crate::person::name_key(given, &family))
            .bind(family)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid())
        };
    for h in 0..homes {
        let home = sqlx::query(
            "INSERT INTO foster_homes (name, kind, status, created_at, updated_at)
             VALUES (?, 'familjehem', 'aktiv', ?, ?)",
        )
        .bind(format!("Familjen Bench {h}"))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        let mut adults = Vec::new();
        for given in ["Åsa", "Per"] {
            let id = person(&mut tx, given, format!("Bench {h}")).await?;
            sqlx::query(
                "INSERT INTO foster_home_members (home_id, person_id, role) VALUES (?, ?, 'vuxen')",
            )
            .bind(home)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            adults.push(id);
        }
        let child = person(&mut tx, "Lina", format!("Bench {h}")).await?;
        let start = days_back(today, 400 + u64::from(h % 200));
        let placement = sqlx::query(
            "INSERT INTO placements (child_id, home_id, municipality_id, start_date, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(child)
        .bind(home)
        .bind(kommun)
        .bind(start)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        let investigation = sqlx::query(
            "INSERT INTO investigations (home_id, round, method, started_on, health_declaration_on,
                                         decision, decision_on, decided_by, created_at, updated_at)
             VALUES (?, 1, 'kalvesten', ?, ?, 'approved', ?, ?, ?, ?)",
        )
        .bind(home)
        .bind(days_back(start, 120))
        .bind(days_back(start, 100))
        .bind(days_back(start, 30))
        .bind(author)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        for &adult in &adults {
            sqlx::query(
                "INSERT INTO investigation_items (investigation_id, kind, person_id, register, done_on, created_at)
                 VALUES (?, 'register_extract', ?, 'belastningsregistret', ?, ?)",
            )
            .bind(investigation)
            .bind(adult)
            .bind(days_back(start, 90))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for (placement_id, kind, per) in [
            (None, "hembesok", "month"),
            (Some(placement), "telefon", "week"),
        ] {
            sqlx::query(
                "INSERT INTO contact_plans (home_id, placement_id, kind, times, per, valid_from, created_at, updated_at)
                 VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
            )
            .bind(home)
            .bind(placement_id)
            .bind(kind)
            .bind(per)
            .bind(start)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO placement_agreements (placement_id, valid_from, valid_to, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(placement)
        .bind(start)
        .bind(today + Days::new(u64::from(h % 365)))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO trainings (home_id, person_id, course, held_on, created_at, updated_at)
             VALUES (?, ?, 'Ett hem att växa i', ?, ?, ?)",
        )
        .bind(home)
        .bind(adults[0])
        .bind(today.with_day(1).unwrap_or(today))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if h % 2 == 0 {
            let last_month = crate::report::YearMonth::of(today).previous();
            sqlx::query(
                "INSERT INTO monthly_reports (placement_id, month, contacts_text, plan_text, training_text,
                     child_situation, home_support, next_steps, author_id, created_at, updated_at, signed_at, signed_by)
                 VALUES (?, ?, '-', '-', '-', 'a', 'b', 'c', ?, ?, ?, ?, ?)",
            )
            .bind(placement)
            .bind(last_month.to_string())
            .bind(author)
            .bind(now)
            .bind(now)
            .bind(now)
            .bind(author)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO follow_ups (home_id, due_on, text, created_by, created_at, updated_at)
             VALUES (?, ?, 'Ring om sommarens avlastning.', ?, ?, ?)",
        )
        .bind(home)
        .bind(today + Days::new(u64::from(h % 30)))
        .bind(author)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // The journal: old notes, then twelve contacts over the last three months.
        for i in 0..per_home {
            let contact = i + 12 >= per_home;
            let date = if contact {
                days_back(today, (per_home - i) * 7)
            } else {
                days_back(start, (per_home - i) % 3000)
            };
            let entry = sqlx::query(
                "INSERT INTO journal_entries (home_id, kind, event_date, text, author_id, created_at, updated_at, signed_at, signed_by)
                 VALUES (?, 'note', ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(home)
            .bind(date)
            .bind(sentence(&mut r, 12))
            .bind(author)
            .bind(now)
            .bind(now)
            .bind(now)
            .bind(author)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
            if contact {
                sqlx::query("INSERT INTO contacts (entry_id, kind, child_id, starts_at, minutes) VALUES (?, ?, ?, '10:00', 60)")
                    .bind(entry)
                    .bind(if i % 2 == 0 { "hembesok" } else { "telefon" })
                    .bind(child)
                    .execute(&mut *tx)
                    .await?;
            }
            written += 1;
        }
    }
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    Ok(written)
}
