//! What `akta bench` reports: the figures of the parts that ran, as Markdown for
//! docs/PERFORMANCE.md, and each performance target of issue 20 as a line with its
//! value, its baseline from the same run, the ratio and whether it is met
//! (`--targets-json`, merged into docs/bench.json by `.ci/bench`).

use serde::Serialize;

use crate::bench::{BackupFigures, ExtractFigures, Figure, RetentionFigures, TransferFigures};
use crate::bench_persons::PersonsSearchFigures;
use crate::bench_search::SearchFigures;

/// SQLCipher against plain SQLite on persons; opening; the passphrase unwrap.
#[derive(Debug, Clone, Serialize)]
pub struct StoreFigures {
    pub persons: u32,
    pub cipher_version: String,
    pub passphrase_unwrap_ms: f64,
    pub figures: Vec<Figure>,
}

/// The whole run: a part that did not run (`--only`) is absent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BenchReport {
    pub store: Option<StoreFigures>,
    pub search: Option<SearchFigures>,
    pub persons_search: Option<PersonsSearchFigures>,
    pub transfer: Option<TransferFigures>,
    pub extracts: Vec<ExtractFigures>,
    pub backup: Option<BackupFigures>,
    pub retention: Option<RetentionFigures>,
}

/// A part of `akta bench` (`--only store,search,…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Store,
    Search,
    Persons,
    Transfer,
    Backup,
    Retention,
    Extract,
}

impl Part {
    const ALL: [(Part, &'static str); 7] = [
        (Part::Store, "store"),
        (Part::Search, "search"),
        (Part::Persons, "persons"),
        (Part::Transfer, "transfer"),
        (Part::Backup, "backup"),
        (Part::Retention, "retention"),
        (Part::Extract, "extract"),
    ];
}

/// The parts chosen; none chosen means all.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts(u8);

impl Parts {
    /// `store,search,…`; an unknown name is refused with the names there are.
    pub fn parse(list: &str) -> Result<Parts, String> {
        let mut bits = 0u8;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let i = Part::ALL
                .iter()
                .position(|(_, n)| *n == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = Part::ALL.iter().map(|(_, n)| *n).collect();
                    format!("unknown part {name:?}; parts: {}", names.join(", "))
                })?;
            bits |= 1 << i;
        }
        Ok(Parts(bits))
    }

    pub fn has(self, part: Part) -> bool {
        let i = Part::ALL.iter().position(|(p, _)| *p == part).unwrap_or(0);
        self.0 == 0 || self.0 & (1 << i) != 0
    }
}

/// One performance target: the measured value, its baseline from the same run, and
/// whether it is met. `value` is None when this run did not measure it.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub name: String,
    pub value: Option<f64>,
    pub unit: String,
    /// What the value is compared with, measured in the same run.
    pub baseline: Option<f64>,
    pub baseline_name: String,
    /// value / baseline.
    pub ratio: Option<f64>,
    pub target: String,
    pub met: bool,
}

impl Target {
    pub(crate) fn new(name: &str, unit: &str, target: &str, baseline_name: &str) -> Target {
        Target {
            name: name.into(),
            value: None,
            unit: unit.into(),
            baseline: None,
            baseline_name: baseline_name.into(),
            ratio: None,
            target: target.into(),
            met: false,
        }
    }

    /// Measured: `value` against `baseline`; `met` decided by the caller's rule.
    pub(crate) fn measured(
        mut self,
        value: f64,
        baseline: f64,
        met: impl Fn(f64, f64) -> bool,
    ) -> Target {
        self.value = Some(value);
        self.baseline = Some(baseline);
        self.ratio = Some(value / baseline.max(1e-9));
        self.met = met(value, value / baseline.max(1e-9));
        self
    }
}

impl BenchReport {
    /// Every target of `akta bench`'s parts, measured or not.
    pub fn targets(&self) -> Vec<Target> {
        let mut out = Vec::new();
        let t = Target::new(
            "journal search p95, realistic queries, newest first, as the app searches",
            "ms",
            "≤ 30 ms",
            "plain SQLite p95, the same queries (search alone)",
        );
        out.push(match &self.search {
            Some(s) => t.measured(s.audited_p95_ms, s.realistic.plaintext_p95_ms, |v, _| {
                v <= 30.0
            }),
            None => t,
        });
        let t = Target::new(
            "persons search p95, 10,000 persons",
            "ms",
            "≤ 20 ms",
            "the same page of 100 without a search",
        );
        out.push(match &self.persons_search {
            Some(p) => t.measured(p.search_p95_ms, p.baseline_p95_ms, |v, _| v <= 20.0),
            None => t,
        });
        let t = Target::new(
            "retention preview",
            "ms",
            "≤ 200 ms",
            "one aggregate query over the closed homes",
        );
        out.push(match &self.retention {
            Some(r) => t.measured(r.preview_ms, r.preview_baseline_ms, |v, _| v <= 200.0),
            None => t,
        });
        let t = Target::new(
            "retention run, a tenth of the rows due",
            "ms",
            "≤ 10 s and ≤ 1.5× baseline",
            "plain DELETEs in one transaction + the same scrub (index merge, VACUUM)",
        );
        out.push(match &self.retention {
            Some(r) => t.measured(r.run_ms, r.run_baseline_ms, |v, ratio| {
                v <= 10_000.0 && ratio <= 1.5
            }),
            None => t,
        });
        let t = Target::new("backup", "ms", "≤ 1.5× baseline", "plain VACUUM INTO");
        out.push(match &self.backup {
            Some(b) => t.measured(b.backup_ms, b.vacuum_into_ms, |_, ratio| ratio <= 1.5),
            None => t,
        });
        let t = Target::new(
            "register extract, largest file: time per entry",
            "ms per entry",
            "≤ 1.2× baseline (linear)",
            "ms per entry of the 20-entry extract",
        );
        let per_entry = |x: &ExtractFigures| x.ms / f64::from(x.entries.max(1));
        out.push(match (self.extracts.first(), self.extracts.last()) {
            (Some(small), Some(large)) if self.extracts.len() > 1 => {
                t.measured(per_entry(large), per_entry(small), |_, ratio| ratio <= 1.2)
            }
            _ => t,
        });
        let t = Target::new(
            "register extract, largest file: peak memory above the process's",
            "MB",
            "≤ 300 MB",
            "peak memory of the 20-entry extract",
        );
        out.push(match (self.extracts.first(), self.extracts.last()) {
            (Some(small), Some(large)) if self.extracts.len() > 1 => {
                match (large.peak_extra_mb, small.peak_extra_mb) {
                    (Some(l), Some(s)) => t.measured(l, s, |v, _| v <= 300.0),
                    _ => t,
                }
            }
            _ => t,
        });
        let t = Target::new(
            "import throughput (ratio: import time / raw insert time)",
            "rows/s",
            "≥ 10,000 rows/s and ≤ 1.5× baseline time",
            "raw insert of the entries, one transaction (rows/s)",
        );
        out.push(match &self.transfer {
            Some(x) => {
                let time_ratio = x.import_ms / x.raw_insert_ms.max(1e-9);
                let raw_rate = x.import_rows_per_s * time_ratio;
                let mut t = t.measured(x.import_rows_per_s, raw_rate, |v, _| v >= 10_000.0);
                t.ratio = Some(time_ratio);
                t.met = t.met && time_ratio <= 1.5;
                t
            }
            None => t,
        });
        out
    }

    pub fn to_markdown(&self) -> String {
        let mut s = targets_markdown(&self.targets());
        if let Some(st) = &self.store {
            s.push_str(&st.to_markdown());
        }
        if let Some(q) = &self.search {
            s.push_str(&q.to_markdown());
        }
        if let Some(p) = &self.persons_search {
            s.push('\n');
            s.push_str(&p.to_markdown());
        }
        if !self.extracts.is_empty() {
            s.push_str(&extracts_markdown(&self.extracts));
        }
        if let Some(b) = &self.backup {
            s.push_str(&b.to_markdown());
        }
        if let Some(r) = &self.retention {
            s.push_str(&r.to_markdown());
        }
        if let Some(x) = &self.transfer {
            s.push_str(&x.to_markdown());
        }
        s
    }
}

/// The targets as a table: measured ones with their ratio and whether met.
pub fn targets_markdown(targets: &[Target]) -> String {
    let mut s = String::from(
        "Targets (issue 20), each against a baseline from the same run:\n\n\
         | target | value | baseline | ratio | goal | met |\n|---|---:|---:|---:|---|---|\n",
    );
    for t in targets {
        let (value, baseline, ratio) = match (t.value, t.baseline, t.ratio) {
            (Some(v), Some(b), Some(r)) => (
                format!("{v:.1} {}", t.unit),
                format!("{b:.1} ({})", t.baseline_name),
                format!("{r:.2}×"),
            ),
            _ => (
                "not measured in this run".into(),
                String::new(),
                String::new(),
            ),
        };
        s.push_str(&format!(
            "| {} | {value} | {baseline} | {ratio} | {} | {} |\n",
            t.name,
            t.target,
            if t.value.is_none() {
                "–"
            } else if t.met {
                "yes"
            } else {
                "no"
            }
        ));
    }
    s
}

impl StoreFigures {
    fn to_markdown(&self) -> String {
        let mut s = format!(
            "\nSQLCipher {} vs plain SQLite (same schema and pragmas), {} persons\n\n\
             | operation | SQLCipher (ms) | plain (ms) | ratio |\n|---|---:|---:|---:|\n",
            self.cipher_version, self.persons
        );
        for f in &self.figures {
            s.push_str(&format!(
                "| {} | {:.1} | {:.1} | {:.2}× |\n",
                f.name, f.encrypted_ms, f.plaintext_ms, f.ratio
            ));
        }
        s.push_str(&format!(
            "\nPassphrase unlock (age scrypt, interactive cost) adds {:.0} ms once per unlock.\n",
            self.passphrase_unwrap_ms
        ));
        s
    }
}

fn extracts_markdown(extracts: &[ExtractFigures]) -> String {
    let mut s = String::new();
    s.push_str(
            "\nRegister extract (PDF + JSON, with review redactions and the access log), one person \
             whose foster home's file holds N journal entries:\n\n\
             | entries | ms | ms per entry | pages | PDF (kB) | JSON (kB) | peak memory above the process (MB) |\n|---:|---:|---:|---:|---:|---:|---:|\n",
        );
    for x in extracts {
        s.push_str(&format!(
            "| {} | {:.0} | {:.2} | {} | {:.0} | {:.0} | {} |\n",
            x.entries,
            x.ms,
            x.ms / f64::from(x.entries.max(1)),
            x.pages,
            x.pdf_bytes as f64 / 1e3,
            x.json_bytes as f64 / 1e3,
            x.peak_extra_mb
                .map_or("–".to_string(), |m| format!("{m:.0}"))
        ));
    }
    s
}

impl BackupFigures {
    fn to_markdown(&self) -> String {
        let b = self;
        let mut s = String::new();
        s.push_str(&format!(
            "\nBackup of a {:.0} MB store (`akta backup create`: VACUUM INTO, then integrity_check beside age to the agency recipient, rename) \
             against a plain `VACUUM INTO` of the same store, same run:\n\n\
             | | ms | ratio |\n|---|---:|---:|\n\
             | VACUUM INTO (baseline) | {:.0} | 1.00× |\n\
             | backup | {:.0} | {:.2}× |\n\nBackup file: {:.0} MB.\n",
            b.store_bytes as f64 / 1e6,
            b.vacuum_into_ms,
            b.backup_ms,
            b.backup_ms / b.vacuum_into_ms.max(1e-9),
            b.backup_bytes as f64 / 1e6
        ));
        s.push_str(&format!(
            "The check alone, on the snapshot: `integrity_check` {:.0} ms, `quick_check` {:.0} ms \
             (the backup runs `integrity_check` on the snapshot while it seals it).\n",
            self.integrity_check_ms, self.quick_check_ms
        ));
        s
    }
}

impl RetentionFigures {
    fn to_markdown(&self) -> String {
        let r = self;
        let mut s = String::new();
        s.push_str(&format!(
            "\nRetention over {} rows in {} foster-home files ({:.0} MB store), {} files ({} rows) due, \
             against plain statements on a copy of the same store, same run:\n\n\
             | | ms | baseline (ms) | ratio |\n|---|---:|---:|---:|\n\
             | preview (`akta retention preview`) vs one aggregate query | {:.0} | {:.0} | {:.2}× |\n\
             | run (`akta retention run`: transactions of up to 100 files, audit events and a hash per file, receipt, index merge, VACUUM) vs plain DELETEs in one transaction + the same index merge and VACUUM | {:.0} | {:.0} | {:.2}× |\n\n\
             Store after the run: {:.0} MB.\n",
            r.rows,
            r.files,
            r.store_bytes as f64 / 1e6,
            r.due_files,
            r.due_rows,
            r.preview_ms,
            r.preview_baseline_ms,
            r.preview_ms / r.preview_baseline_ms.max(1e-9),
            r.run_ms,
            r.run_baseline_ms,
            r.run_ms / r.run_baseline_ms.max(1e-9),
            r.store_bytes_after as f64 / 1e6,
        ));
        s
    }
}

impl TransferFigures {
    fn to_markdown(&self) -> String {
        let x = self;
        let mut s = String::new();
        s.push_str(&format!(
            "\nWhole-store transfer, a store of {} journal entries ({:.1} MB of JSON), both stores SQLCipher:\n\n| | ms | vs raw insert |\n|---|---:|---:|\n| raw insert of the entries, one transaction (baseline) | {:.0} | 1.00× |\n| `akta export --json` (read + serialise) | {:.0} | {:.2}× |\n| `akta import` (parse, check, write, audit; one transaction) | {:.0} | {:.2}× |\n\nImport throughput: {:.0} rows/s.\n",
            x.entries,
            x.bytes as f64 / 1e6,
            x.raw_insert_ms,
            x.export_ms,
            x.export_ms / x.raw_insert_ms.max(1e-9),
            x.import_ms,
            x.import_ms / x.raw_insert_ms.max(1e-9),
            x.import_rows_per_s,
        ));
        s
    }
}

/// The process's resident memory (Linux: /proc/self), for the extract's peak.
pub(crate) mod memory {
    /// Resets the peak to what is resident now and returns that (kB).
    pub(crate) fn reset_peak() -> Option<u64> {
        if cfg!(target_os = "linux") {
            std::fs::write("/proc/self/clear_refs", "5").ok()?;
            status("VmRSS:")
        } else {
            None
        }
    }

    /// How far the peak rose above `before`, in MB.
    pub(crate) fn peak_above(before: Option<u64>) -> Option<f64> {
        let peak = status("VmHWM:")?;
        Some(peak.saturating_sub(before?) as f64 / 1024.0)
    }

    fn status(key: &str) -> Option<u64> {
        let text = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = text.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_parsed_and_unknown_ones_named() {
        let p = Parts::parse("search, retention").unwrap();
        assert!(p.has(Part::Search) && p.has(Part::Retention));
        assert!(!p.has(Part::Backup));
        assert!(Parts::default().has(Part::Backup), "none chosen is all");
        let e = Parts::parse("search,serch").unwrap_err();
        assert!(e.contains("serch") && e.contains("retention"), "{e}");
    }

    #[test]
    fn an_unmeasured_target_is_not_met() {
        let targets = BenchReport::default().targets();
        assert!(!targets.is_empty());
        assert!(targets.iter().all(|t| t.value.is_none() && !t.met));
        assert!(targets_markdown(&targets).contains("not measured"));
    }
}
