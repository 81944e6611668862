//! `akta bench`'s register extract: one person whose home's file holds many journal
//! entries: its time and its peak memory.

use std::time::Instant;

use serde::Serialize;

use crate::bench::{bench_store, ms, sentence, synthetic_person, Lcg};
use crate::bench_report::memory;
use crate::error::Result;
use crate::person::PersonInput;
use crate::store::StoreDir;

/// A register extract for a person whose home's file has `entries` journal entries.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractFigures {
    pub entries: u32,
    /// Gather, redact, write the PDF and the JSON to their files, record hashes: the whole
    /// command.
    pub ms: f64,
    pub pages: u32,
    pub pdf_bytes: u64,
    pub json_bytes: u64,
    /// How far the process's peak resident memory rose above what it held before the
    /// extract (MB; Linux only).
    pub peak_extra_mb: Option<f64>,
}

/// A person in a home whose file holds `entries` journal entries (sentences that name
/// the other adult now and then), then one register extract for them.
pub(crate) async fn extract_figures(tmp: &std::path::Path, entries: u32) -> Result<ExtractFigures> {
    use crate::foster_home::{self, FosterHomeInput, HomeKind, MemberRole};
    use crate::rights::{self, RequestInput, RequestKind};
    let store = bench_store(&StoreDir::new(tmp.join(format!("extract-{entries}")))).await?;
    let device = crate::user::Actor::device();
    let today = crate::today();
    let dpo = crate::user::add(
        &store,
        &device,
        &crate::user::UserInput {
            name: "Bench Dataskydd".into(),
            title: None,
            role: crate::user::Role::Dataskyddsansvarig,
        },
    )
    .await?;
    let actor = crate::user::Actor::user(dpo.clone());
    let mut people = Vec::new();
    for (i, given) in ["Åsa", "Örjan"].into_iter().enumerate() {
        let p = synthetic_person(900_000 + i as u32);
        let p = crate::person::add(
            &store,
            &device,
            &PersonInput {
                given_name: given.into(),
                family_name: "Ängström".into(),
                ..p
            },
            today,
        )
        .await?;
        people.push(p.id);
    }
    let home = foster_home::add(
        &store,
        &device,
        &FosterHomeInput {
            name: "Familjen Ängström".into(),
            kind: HomeKind::Familjehem,
            street_address: Some("Storgatan 1".into()),
            postal_code: Some("41101".into()),
            city: Some("Göteborg".into()),
            municipality_id: None,
        },
        today,
    )
    .await?;
    for &p in &people {
        foster_home::add_member(&store, &device, home.id, p, MemberRole::Vuxen).await?;
    }
    let now = chrono::Utc::now();
    let mut r = Lcg(11);
    let mut tx = store.begin().await?;
    for i in 0..entries {
        let text = if i % 10 == 0 {
            format!("Samtal med Örjan. {}", sentence(&mut r, 40))
        } else {
            sentence(&mut r, 60)
        };
        sqlx::query(
            "INSERT INTO journal_entries (home_id, kind, event_date, text, author_id, created_at, updated_at)
             VALUES (?, 'note', '2026-01-01', ?, ?, ?, ?)",
        )
        .bind(home.id)
        .bind(text)
        .bind(dpo.id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let request = rights::create(
        &store,
        &actor,
        &RequestInput {
            person_id: people[0],
            kind: RequestKind::Access,
            received_on: today,
            identity_method: Some("BankID".into()),
            identity_verified_on: Some(today),
        },
        today,
    )
    .await?;
    // Made as the app makes it: straight into the files where it is saved.
    let pdf = tmp.join(format!("registerutdrag-{entries}.pdf"));
    let before = memory::reset_peak();
    let t = Instant::now();
    let saved = rights::extract::create_saved(
        &store,
        &actor,
        request.id,
        today,
        rights::extract::Review::AcceptAutomatic,
        &|_, _| {},
        &pdf,
    )
    .await?;
    let elapsed = t.elapsed();
    let peak_extra_mb = memory::peak_above(before);
    store.close().await;
    let size = |p: &str| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    Ok(ExtractFigures {
        entries,
        ms: ms(elapsed),
        pages: saved.documents.pages,
        pdf_bytes: size(&saved.pdf_path),
        json_bytes: size(&saved.json_path),
        peak_extra_mb,
    })
}
