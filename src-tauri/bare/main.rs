//! A bare Tauri 2 app: the baseline of the app's cold start and memory in `bash
//! .ci/bench` (tests/app_bench.rs, issue 20). The same Tauri, the same build profile,
//! the same window size as Akta, and an empty page. It is built only when asked for
//! (`cargo build --release --features tauri/custom-protocol,bare-app --example bare_app`)
//! and never shipped.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let app =
        tauri::Builder::default().run(tauri::generate_context!("src-tauri/bare/tauri.conf.json"));
    if let Err(e) = app {
        eprintln!("bare app: {e}");
        std::process::exit(1);
    }
}
