//! The bare Tauri 2 app the app's figures are measured against (src-tauri/bare: the
//! same Tauri, the same build profile, an empty page), measured as the app is, and the
//! targets the comparison decides.

use std::path::PathBuf;
use std::time::Instant;

use super::webdriver::Driver;
use super::{app, app_tree_pss_kb};

/// The bare Tauri app (src-tauri/bare): same Tauri, same profile, an empty page.
/// `.ci/bench` builds it beside the app (`--example bare_app`).
fn bare_app() -> PathBuf {
    let dir = app().parent().unwrap();
    let exe = format!("bare_app{}", std::env::consts::EXE_SUFFIX);
    dir.join("examples").join(exe)
}

/// The bare app's cold start (new session until its page shows) and its process
/// tree's memory, measured as [`measure`] measures the app's.
pub(crate) fn measure_bare(port: u16, tmp: &std::path::Path) -> (u128, f64) {
    let exe = bare_app();
    assert!(
        exe.exists(),
        "{}: build it first (.ci/bench does)",
        exe.display()
    );
    let home = tmp.join(format!("xdg-{port}"));
    let driver = Driver::start(
        port,
        &[
            ("XDG_DATA_HOME", &home.join("data")),
            ("XDG_CONFIG_HOME", &home.join("config")),
            ("XDG_CACHE_HOME", &home.join("cache")),
        ],
    );
    let t = Instant::now();
    let s = driver.session(&exe);
    s.find("#ready");
    let cold_start_ms = t.elapsed().as_millis();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let (pss_kb, _) = app_tree_pss_kb(&driver);
    s.close();
    drop(driver);
    (cold_start_ms, pss_kb as f64 / 1024.0)
}

/// A performance target in the shape `akta bench --targets-json` writes
/// (`akta_core::bench::Target`, which needs the core's `bench` feature; docs/bench.json).
pub(crate) fn target(
    name: &str,
    value: f64,
    unit: &str,
    baseline: f64,
    goal: &str,
    met: bool,
) -> serde_json::Value {
    serde_json::json!({
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_name": "the bare Tauri 2 app (src-tauri/bare), same run",
        "ratio": if baseline > 0.0 { value / baseline } else { 0.0 },
        "target": goal,
        "met": met,
    })
}
