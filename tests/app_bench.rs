//! App figures for docs/PERFORMANCE.md (run by `bash .ci/bench`, not by the tests): the
//! real app's cold start and the memory of its whole process tree — the app and the
//! WebKit processes it starts — on a store with demo data (the baseline) and on the
//! same with about a million rows more, in one run. Not a timed test: it asserts
//! nothing about time, it measures and writes `target/app-bench.md`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench may panic: that is how it fails

mod webdriver;

use std::path::Path;
use std::time::Instant;

use webdriver::Driver;

const PASS: &str = "en riktigt lång lösenfras";

fn app() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_akta-app"))
}

/// The `akta` CLI of the same build profile as the app.
fn akta(store: &Path, args: &[&str]) {
    let cli = app().with_file_name("akta");
    let ok = std::process::Command::new(&cli)
        .arg("--store")
        .arg(store)
        .args(args)
        .env("AKTA_PASSPHRASE", PASS)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{} ({e}): build it first (.ci/bench does)", cli.display()));
    assert!(ok.success(), "akta {args:?}");
}

/// Every process below `root`, by walking /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces, so split after the ')'.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        if let Some(ppid) = rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
        {
            parent_of.push((pid, ppid));
        }
    }
    let mut out = Vec::new();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for &(c, pp) in &parent_of {
            if pp == p {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}

fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Proportional set size (kB) of the app and the WebKit processes under the driver;
/// the test's own driver processes are left out.
fn app_tree_pss_kb(driver: &Driver) -> (u64, Vec<String>) {
    let mut total = 0;
    let mut names = Vec::new();
    for pid in descendants(driver.pid()) {
        let name = comm(pid);
        if name == "WebKitWebDriver" || name == "tauri-driver" {
            continue;
        }
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let pss = rollup
            .lines()
            .find(|l| l.starts_with("Pss:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        total += pss;
        names.push(name);
    }
    names.sort();
    (total, names)
}

struct Figures {
    label: String,
    store_mb: f64,
    cold_start_ms: u128,
    unlock_to_dashboard_ms: u128,
    persons_screen_ms: u128,
    concern_form_ms: u128,
    pss_mb: f64,
    processes: Vec<String>,
}

fn measure(port: u16, store: &Path, label: &str) -> Figures {
    let home = store.with_file_name(format!("xdg-{port}"));
    let driver = Driver::start(
        port,
        &[
            ("AKTA_STORE", store),
            ("XDG_DATA_HOME", &home.join("data")),
            ("XDG_CONFIG_HOME", &home.join("config")),
            ("XDG_CACHE_HOME", &home.join("cache")),
        ],
    );
    let t = Instant::now();
    let s = driver.session(app());
    s.find("[data-testid=unlock-passphrase]");
    let cold_start_ms = t.elapsed().as_millis();
    s.type_into(&s.find("[data-testid=unlock-passphrase]"), PASS);
    let t = Instant::now();
    s.click(&s.find("[data-testid=unlock-submit]"));
    s.wait_text("Inloggad som");
    s.find("main h1");
    let unlock_to_dashboard_ms = t.elapsed().as_millis();
    let t = Instant::now();
    s.click(&s.find("[data-testid=nav-persons]"));
    s.find("[data-testid=person-row]");
    let persons_screen_ms = t.elapsed().as_millis();
    // A form with three person pickers, each offering the first matches of the register.
    let t = Instant::now();
    s.click(&s.find("[data-testid=nav-concerns]"));
    for picker in ["cf-child", "cf-guardian1", "cf-guardian2"] {
        s.find(&format!("[data-testid={picker}] option:nth-child(2)"));
    }
    let concern_form_ms = t.elapsed().as_millis();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let (pss_kb, processes) = app_tree_pss_kb(&driver);
    s.close();
    drop(driver);
    Figures {
        label: label.to_owned(),
        // The database and its write-ahead log: a fresh store's data is in the log.
        store_mb: ["akta.db", "akta.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(store.join(f)).ok())
            .map(|m| m.len())
            .sum::<u64>() as f64
            / 1e6,
        cold_start_ms,
        unlock_to_dashboard_ms,
        persons_screen_ms,
        concern_form_ms,
        pss_mb: pss_kb as f64 / 1024.0,
        processes,
    }
}

#[test]
#[ignore = "a benchmark: run by .ci/bench (release build, Xvfb)"]
fn app_cold_start_and_memory_with_a_large_store() {
    let rows: u32 = std::env::var("AKTA_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir().unwrap();
    let small = tmp.path().join("demo");
    let large = tmp.path().join("large");
    for store in [&small, &large] {
        akta(store, &["init"]);
        akta(
            store,
            &[
                "user",
                "add",
                "--name",
                "Dana Dataskydd",
                "--role",
                "dataskyddsansvarig",
            ],
        );
        akta(store, &["demo"]);
    }
    akta(&large, &["demo", "--bulk-rows", &rows.to_string()]);
    // Twice each, alternating, the second of each pair reported: the first start of a
    // program after a build pays for the disk cache.
    let mut figures = Vec::new();
    for round in 0..2 {
        let a = measure(4460, &small, "demo data (baseline)");
        let b = measure(4462, &large, &format!("demo data + {rows} rows"));
        if round == 1 {
            figures.push(a);
            figures.push(b);
        }
    }
    let (a, b) = (&figures[0], &figures[1]);
    let ratio = |x: f64, y: f64| if y > 0.0 { x / y } else { 0.0 };
    let mut md = String::from(
        "The app (release build, under Xvfb, driven by tauri-driver + WebKitWebDriver), \
         second start of each: cold start = new WebDriver session until the unlock screen \
         shows; unlock = passphrase submitted (age scrypt included) until the dashboard \
         shows; persons = the persons screen with its first row; concern form = the \
         concern reports screen until its three person pickers offer persons; memory = \
         proportional set size (PSS) of the app and every WebKit process under it, after \
         both screens.\n\n\
         | store | size (MB) | cold start (ms) | unlock → dashboard (ms) | persons screen (ms) | concern form (ms) | memory PSS (MB) |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for f in &figures {
        md.push_str(&format!(
            "| {} | {:.0} | {} | {} | {} | {} | {:.0} |\n",
            f.label,
            f.store_mb,
            f.cold_start_ms,
            f.unlock_to_dashboard_ms,
            f.persons_screen_ms,
            f.concern_form_ms,
            f.pss_mb
        ));
    }
    md.push_str(&format!(
        "| ratio | | {:.2}× | {:.2}× | {:.2}× | {:.2}× | {:.2}× |\n\nProcesses measured: {}.\n",
        ratio(b.cold_start_ms as f64, a.cold_start_ms as f64),
        ratio(
            b.unlock_to_dashboard_ms as f64,
            a.unlock_to_dashboard_ms as f64
        ),
        ratio(b.persons_screen_ms as f64, a.persons_screen_ms as f64),
        ratio(b.concern_form_ms as f64, a.concern_form_ms as f64),
        ratio(b.pss_mb, a.pss_mb),
        b.processes.join(", ")
    ));
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/app-bench.md");
    std::fs::write(&out, &md).unwrap();
    println!("{md}");
    assert!(
        b.processes.iter().any(|p| p == "akta-app"),
        "{:?}",
        b.processes
    );
}
