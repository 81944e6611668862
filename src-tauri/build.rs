//! Hands Akta's own commands to Tauri's ACL so that each needs an `allow-<command>`
//! grant in a capability (src-tauri/capabilities/): without the list, app commands
//! bypass the ACL. The names are kept once, in src-tauri/commands.txt.

/// The command list: one name a line; blank lines and `#` comments are skipped.
const COMMANDS: &str = include_str!("commands.txt");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands.txt");
    let commands: Vec<&'static str> = COMMANDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands.leak()));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build failed: {e:#}");
        std::process::exit(1);
    }
}
