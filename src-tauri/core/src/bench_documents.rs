//! `akta bench-documents`: what documents cost. Adding a large PDF (time and peak
//! memory against a plain file copy), opening it (against a plain read), and a store
//! holding many gigabytes of documents against the same store without them: unlock,
//! retention run, backup per GB. Figures for docs/PERFORMANCE.md, not a test.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::bench::{bulk_fill, ms};
use crate::crypto::{self, OsKeychain, Passphrase, PassphraseCost};
use crate::document::{self, Direction, DocumentDescription, DocumentInput, DocumentOwner};
use crate::error::{Error, Result};
use crate::store::{CreateOptions, KeychainUse, Store, StoreDir, Unlock};
use crate::user::{self, Actor};

const PASS: &str = "bench-lösenfras-123";

/// How large the run is.
#[derive(Debug, Clone, Copy)]
pub struct DocumentSizes {
    /// The size of the single PDF added and opened, in MB.
    pub pdf_mb: u32,
    /// The documents the large store holds, in GB (documents of `pdf_mb` each).
    pub store_gb: f64,
    /// Rows of foster-home files in both stores (a tenth of the homes due for purge).
    pub rows: u32,
}

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentFigures {
    pub pdf_mb: u32,
    pub add_ms: f64,
    pub copy_ms: f64,
    /// Growth of the process's peak resident memory while adding (Linux), MB.
    pub add_peak_mb: Option<f64>,
    pub open_ms: f64,
    pub read_ms: f64,
    pub documents: u32,
    pub documents_gb: f64,
    pub fill_ms: f64,
    pub unlock_without_ms: f64,
    pub unlock_with_ms: f64,
    pub retention_without_ms: f64,
    pub retention_with_ms: f64,
    pub documents_purged: i64,
    pub backup_with_ms: f64,
    pub backup_without_ms: f64,
    pub backup_bytes: u64,
    /// A plain copy of the same store's files (database and documents), each synced.
    pub plain_copy_ms: f64,
}

impl DocumentFigures {
    pub fn to_markdown(&self) -> String {
        let r = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let mut s = String::new();
        s.push_str("| documents | Akta | baseline | ratio |\n|---|---:|---:|---:|\n");
        s.push_str(&format!(
            "| add one {} MB PDF (read, sniff, hash, encrypt, sync) vs `fs::copy` + sync | {:.0} ms | {:.0} ms | {:.2}× |\n",
            self.pdf_mb, self.add_ms, self.copy_ms, r(self.add_ms, self.copy_ms)
        ));
        s.push_str(&format!(
            "| open it in memory (decrypt, check hash) vs `fs::read` | {:.0} ms | {:.0} ms | {:.2}× |\n",
            self.open_ms, self.read_ms, r(self.open_ms, self.read_ms)
        ));
        s.push_str(&format!(
            "| unlock (raw key, open, document-folder check), {:.1} GB in {} documents vs none, median of 5 | {:.1} ms | {:.1} ms | {:.2}× |\n",
            self.documents_gb, self.documents, self.unlock_with_ms, self.unlock_without_ms,
            r(self.unlock_with_ms, self.unlock_without_ms)
        ));
        s.push_str(&format!(
            "| retention run, same files due, with {} documents purged vs none | {:.0} ms | {:.0} ms | {:.2}× |\n",
            self.documents_purged, self.retention_with_ms, self.retention_without_ms,
            r(self.retention_with_ms, self.retention_without_ms)
        ));
        let gb = (self.backup_bytes as f64 / 1e9).max(1e-9);
        s.push_str(&format!(
            "| backup of the store with its documents ({:.2} GB sealed; {:.0} ms per GB) vs a plain synced copy of the same files | {:.0} ms | {:.0} ms | {:.2}× |\n",
            gb, self.backup_with_ms / gb, self.backup_with_ms, self.plain_copy_ms,
            r(self.backup_with_ms, self.plain_copy_ms)
        ));
        s.push_str(&format!(
            "| backup of the same store without documents | {:.0} ms | | |\n",
            self.backup_without_ms
        ));
        if let Some(mb) = self.add_peak_mb {
            s.push_str(&format!(
                "\nPeak memory while adding the {} MB PDF grew by {mb:.1} MB (VmHWM, Linux). Filling the large store took {:.0} s.\n",
                self.pdf_mb,
                self.fill_ms / 1000.0
            ));
        }
        s
    }
}

/// The resident set's high-water mark, reset first when `reset` (Linux only).
fn peak_rss_kb(reset: bool) -> Option<u64> {
    if reset {
        std::fs::write("/proc/self/clear_refs", "5").ok()?;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn store_at(dir: &StoreDir, agency: &crypto::RecoveryIdentity) -> Result<Store> {
    Store::create(
        dir,
        CreateOptions {
            passphrase: Some(Passphrase::new(PASS.into())),
            recovery_recipient: Some(agency.recipient()),
            keychain: KeychainUse::Off,
            passphrase_cost: PassphraseCost::TestOnly(10),
        },
        &OsKeychain::new(),
    )
    .await
}

fn copy_store(from: &StoreDir, to: &StoreDir) -> Result<()> {
    std::fs::create_dir_all(to.root())?;
    for entry in std::fs::read_dir(from.root())? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A closed store is its database and key files; the -wal and -shm files of
        // the last connection may still be going away.
        if name.ends_with("-wal") || name.ends_with("-shm") || !entry.file_type()?.is_file() {
            continue;
        }
        std::fs::copy(entry.path(), to.root().join(entry.file_name()))?;
    }
    Ok(())
}

/// Copies a closed store's database and document files, syncing each.
fn copy_synced(from: &StoreDir, to: &StoreDir) -> Result<()> {
    let docs = crate::document::blob::folder(to);
    std::fs::create_dir_all(&docs)?;
    let mut files = vec![(from.db(), to.db())];
    for entry in std::fs::read_dir(crate::document::blob::folder(from))? {
        let entry = entry?;
        files.push((entry.path(), docs.join(entry.file_name())));
    }
    for (a, b) in files {
        std::fs::copy(&a, &b)?;
        std::fs::File::open(&b)?.sync_all()?;
    }
    Ok(())
}

fn input(home: i64, title: &str) -> DocumentInput {
    DocumentInput::new(
        DocumentOwner::Home(home),
        DocumentDescription {
            title: title.into(),
            direction: Direction::Incoming,
            doc_type: "blankett".into(),
            dated_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
            counterpart: None,
            counterpart_org_id: None,
            persons: Vec::new(),
        },
    )
}

/// A PDF-looking file of `mb` megabytes of incompressible bytes.
fn pdf_bytes(mb: u32) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let n = (mb as usize) * 1_000_000;
    out.reserve(n);
    while out.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

async fn median_unlock(dir: &StoreDir) -> Result<Duration> {
    let wrapped = std::fs::read(dir.passphrase_wrap())?;
    let key = crypto::unwrap_with_passphrase(&wrapped, &Passphrase::new(PASS.into()))?;
    let mut times = Vec::new();
    for _ in 0..5 {
        let k = crypto::DbKey::from_hex(&key.expose_hex())?;
        let t = Instant::now();
        let s = Store::open(dir, Unlock::Key(k)).await?;
        sqlx::query("SELECT count(*) FROM documents")
            .execute(s.pool())
            .await?;
        times.push(t.elapsed());
        s.close().await;
    }
    times.sort();
    Ok(times[2])
}

/// Runs the document figures in a temporary folder.
pub async fn run(sizes: DocumentSizes) -> Result<DocumentFigures> {
    let tmp = std::env::temp_dir().join(format!(
        "akta-bench-documents-{}",
        hex::encode(rand::random::<[u8; 6]>())
    ));
    std::fs::create_dir_all(&tmp)?;
    let result = run_in(&tmp, sizes).await;
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

async fn run_in(tmp: &std::path::Path, sizes: DocumentSizes) -> Result<DocumentFigures> {
    let agency = crypto::generate_recovery_identity();
    let without = StoreDir::new(tmp.join("without"));
    let store = store_at(&without, &agency).await?;
    let homes = bulk_fill(&store, sizes.rows, None).await?;
    let actor = Actor::user(user::get(&store, 1).await?);
    let home_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM foster_homes ORDER BY id")
        .fetch_all(store.pool())
        .await?;
    store.close().await;
    let with = StoreDir::new(tmp.join("with"));
    copy_store(&without, &with)?;

    // One large PDF from disk, into the store that gets the documents.
    let bytes = pdf_bytes(sizes.pdf_mb);
    let src = tmp.join("large.pdf");
    std::fs::write(&src, &bytes)?;
    let t = Instant::now();
    std::fs::copy(&src, tmp.join("large-copy.pdf"))?;
    std::fs::File::open(tmp.join("large-copy.pdf"))?.sync_all()?;
    let copy_ms = ms(t.elapsed());
    let t = Instant::now();
    let _ = std::fs::read(tmp.join("large-copy.pdf"))?;
    let read_ms = ms(t.elapsed());
    std::fs::remove_file(tmp.join("large-copy.pdf"))?;
    let store = Store::open(&with, Unlock::Passphrase(Passphrase::new(PASS.into()))).await?;
    let today = crate::today();
    let before = peak_rss_kb(true);
    let t = Instant::now();
    let first = document::add(
        &store,
        &actor,
        &src,
        &input(home_ids[0], "Stor skanning"),
        today,
    )
    .await?;
    let add_ms = ms(t.elapsed());
    let add_peak_mb = match (before, peak_rss_kb(false)) {
        (Some(b), Some(a)) => Some(a.saturating_sub(b) as f64 / 1024.0),
        _ => None,
    };
    let t = Instant::now();
    let (_, opened) = document::open(&store, &actor, first.id).await?;
    let open_ms = ms(t.elapsed());
    if opened != bytes {
        return Err(Error::Internal(
            "bench: the document did not open whole".into(),
        ));
    }
    drop(opened);

    // Fill to the size asked, spread over every home (a tenth of them due).
    let count = ((sizes.store_gb * 1000.0) / f64::from(sizes.pdf_mb))
        .ceil()
        .max(1.0) as u32;
    let t = Instant::now();
    for i in 1..count {
        let home = home_ids[(i as usize) % home_ids.len()];
        document::add_bytes(&store, &actor, &bytes, &input(home, "Skanning"), today).await?;
    }
    let fill_ms = ms(t.elapsed());
    drop(bytes);
    store.close().await;

    let unlock_without = median_unlock(&without).await?;
    let unlock_with = median_unlock(&with).await?;

    let backup = |dir: StoreDir, name: &'static str| {
        let out = tmp.join(name);
        async move {
            let s = Store::open(&dir, Unlock::Passphrase(Passphrase::new(PASS.into()))).await?;
            let t = Instant::now();
            crate::backup::create(&s, crate::backup::Seal::Recipient, Some(&out)).await?;
            let took = t.elapsed();
            s.close().await;
            let bytes = std::fs::metadata(&out)?.len();
            std::fs::remove_file(&out)?;
            Ok::<_, Error>((took, bytes))
        }
    };
    let (backup_without, _) = backup(without.clone(), "without.age").await?;
    let (backup_with, backup_bytes) = backup(with.clone(), "with.age").await?;
    // The baseline: the same files copied as they are.
    let plain = StoreDir::new(tmp.join("plain-copy"));
    let t = Instant::now();
    copy_synced(&with, &plain)?;
    let plain_copy = t.elapsed();
    std::fs::remove_dir_all(plain.root())?;

    let as_of =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(Error::Internal("date".into()))?;
    let device = Actor::device();
    let mut retention = Vec::new();
    let mut purged = 0;
    for dir in [&without, &with] {
        let s = Store::open(dir, Unlock::Passphrase(Passphrase::new(PASS.into()))).await?;
        let before: i64 = sqlx::query_scalar("SELECT count(*) FROM documents")
            .fetch_one(s.pool())
            .await?;
        let t = Instant::now();
        crate::retention::run(&s, &device, as_of).await?;
        retention.push(t.elapsed());
        let after: i64 = sqlx::query_scalar("SELECT count(*) FROM documents")
            .fetch_one(s.pool())
            .await?;
        purged = before - after;
        s.close().await;
    }
    let _ = homes;
    Ok(DocumentFigures {
        pdf_mb: sizes.pdf_mb,
        add_ms,
        copy_ms,
        add_peak_mb,
        open_ms,
        read_ms,
        documents: count,
        documents_gb: f64::from(count) * f64::from(sizes.pdf_mb) / 1000.0,
        fill_ms,
        unlock_without_ms: ms(unlock_without),
        unlock_with_ms: ms(unlock_with),
        retention_without_ms: ms(retention[0]),
        retention_with_ms: ms(retention[1]),
        documents_purged: purged,
        backup_with_ms: ms(backup_with),
        backup_without_ms: ms(backup_without),
        backup_bytes,
        plain_copy_ms: ms(plain_copy),
    })
}
