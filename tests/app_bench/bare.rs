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

/// The bare app's cold start (new session until its page shows), its process tree's
/// memory 2 s later, and where the start went ([`page_timing`]): measured as
/// [`super::measure`] measures the app at its first screen.
pub(crate) fn measure_bare(port: u16, tmp: &std::path::Path) -> (u128, f64, PageTiming) {
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
    s.find_soon("#ready");
    let cold_start_ms = t.elapsed().as_millis();
    let timing = page_timing(&s);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let (pss_kb, _) = app_tree_pss_kb(&driver);
    s.close();
    drop(driver);
    (cold_start_ms, pss_kb as f64 / 1024.0, timing)
}

/// Where a start went inside the web view, from the page's own clock: from the start
/// of its navigation to the end of `DOMContentLoaded` (the scripts loaded and run), and
/// to the moment the first screen was found. The rest of a cold start is before the
/// navigation: the process, the window, the web view.
#[derive(Clone, Copy, Default)]
pub(crate) struct PageTiming {
    pub(crate) scripts_ms: i64,
    pub(crate) shown_ms: i64,
}

pub(crate) fn page_timing(s: &super::webdriver::Session) -> PageTiming {
    let v = s.script(
        "const t = performance.timing; \
         return [t.domContentLoadedEventEnd - t.navigationStart, Date.now() - t.navigationStart];",
    );
    let at = |i: usize| v[i].as_i64().unwrap_or(0);
    PageTiming {
        scripts_ms: at(0),
        shown_ms: at(1),
    }
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
