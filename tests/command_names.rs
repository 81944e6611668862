//! The app's command names are kept once, in src-tauri/commands.txt (build.rs hands
//! that list to Tauri's ACL). These tests read the other places that name commands as
//! text and fail, naming the commands, when one disagrees with the list: every listed
//! command is a `#[tauri::command]` function, handled by `generate_handler!`, allowed
//! by a capability and invoked by the UI, and nothing else is — except that the UI
//! never invokes a test build's stand-in (an `e2e_` command, called by the end-to-end
//! tests through WebDriver).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The names in src-tauri/commands.txt, read the way build.rs reads them.
fn listed() -> BTreeSet<String> {
    let text = read(&root().join("src-tauri/commands.txt"));
    let mut names = BTreeSet::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        assert!(
            !line.is_empty()
                && line
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "src-tauri/commands.txt: `{line}` is not a command name (lowercase snake_case)"
        );
        assert!(
            names.insert(line.to_string()),
            "src-tauri/commands.txt lists `{line}` twice"
        );
    }
    assert!(!names.is_empty(), "src-tauri/commands.txt lists no command");
    names
}

/// A test build's stand-in for what WebDriver cannot do (a file dropped on the window):
/// listed, handled and granted like every command, but the UI never invokes it.
fn is_stand_in(name: &str) -> bool {
    name.starts_with("e2e_")
}

/// Fails with the names `place` lacks and the ones it has that are not listed.
fn assert_same(place: &str, found: &BTreeSet<String>) {
    let listed = listed();
    let missing: Vec<_> = listed.difference(found).collect();
    let extra: Vec<_> = found.difference(&listed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{place} and src-tauri/commands.txt disagree\n  listed but missing there: {missing:?}\n  there but not listed: {extra:?}"
    );
}

/// The identifier that starts `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_listed_command_is_a_tauri_command_function() {
    let mut files = Vec::new();
    rust_files(&root().join("src-tauri/src"), &mut files);
    let mut found = BTreeSet::new();
    for file in files {
        let text = read(&file);
        for (at, _) in text.match_indices("#[tauri::command]") {
            let rest = &text[at..];
            let name = rest
                .find("fn ")
                .map(|f| ident(&rest[f + 3..]))
                .unwrap_or_else(|| panic!("{}: #[tauri::command] without a fn", file.display()));
            assert!(
                found.insert(name.to_string()),
                "two commands named `{name}`"
            );
        }
    }
    assert_same("the #[tauri::command] functions in src-tauri/src/", &found);
}

#[test]
fn generate_handler_handles_the_listed_commands() {
    let text = read(&root().join("src-tauri/src/lib.rs"));
    let start = text
        .find("generate_handler![")
        .expect("src-tauri/src/lib.rs has no generate_handler![")
        + "generate_handler![".len();
    // The closing bracket, past the brackets of attributes (`#[cfg(…)]`) on entries.
    let mut depth = 1;
    let len = text[start..]
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            depth == 0
        })
        .map(|(i, _)| i)
        .expect("generate_handler![ is not closed");
    // Comments and attribute lines may sit among the entries; an entry is a path, the
    // name its last part.
    let code: String = text[start..start + len]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .filter(|l| !l.trim_start().starts_with("#["))
        .collect();
    let mut found = BTreeSet::new();
    for entry in code.split(',') {
        let path = entry.trim();
        if path.is_empty() {
            continue;
        }
        let name = path.rsplit("::").next().unwrap_or(path).trim();
        assert!(
            found.insert(name.to_string()),
            "generate_handler! names `{name}` twice"
        );
    }
    assert_same("generate_handler! in src-tauri/src/lib.rs", &found);
}

#[test]
fn the_capabilities_allow_exactly_the_listed_commands() {
    let dir = root().join("src-tauri/capabilities");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let json: serde_json::Value = serde_json::from_str(&read(&path))
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let permissions = json["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no permissions array", path.display()));
        for p in permissions {
            // A permission is a string or an object with an `identifier`; the app's own
            // commands are the ones without a plugin prefix (`core:…`, `fs:…`).
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .unwrap_or("");
            if id.contains(':') {
                continue;
            }
            let name = id
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{}: `{id}` is not an allow- grant", path.display()));
            found.insert(name.replace('-', "_"));
        }
    }
    assert_same("the allow- grants in src-tauri/capabilities/", &found);
}

#[test]
fn the_ui_invokes_exactly_the_listed_commands() {
    let text = read(&root().join("ui/src/lib/api.ts"));
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("invoke") {
        let mut rest = &text[at + "invoke".len()..];
        // Skip the result type, as in invoke<Record<string, Request[]>>(…), by counting
        // its angle brackets.
        if rest.starts_with('<') {
            let mut depth = 0;
            let mut end = None;
            for (i, c) in rest.char_indices() {
                match c {
                    '<' => depth += 1,
                    '>' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[end.expect("invoke<… is not closed")..];
        }
        let Some(args) = rest.strip_prefix('(') else {
            continue; // the import, or a word that only starts with "invoke"
        };
        let args = args.trim_start();
        let quote = args
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'));
        let Some(q) = quote else {
            panic!(
                "ui/src/lib/api.ts: invoke( without a literal command name: {}",
                &args[..args.len().min(40)]
            );
        };
        let name = &args[1..args[1..].find(q).expect("unclosed command name") + 1];
        found.insert(name.to_string());
    }
    let stand_ins: Vec<_> = found.iter().filter(|n| is_stand_in(n)).collect();
    assert!(
        stand_ins.is_empty(),
        "ui/src/lib/api.ts invokes a test build's stand-in: {stand_ins:?}"
    );
    found.extend(listed().into_iter().filter(|n| is_stand_in(n)));
    assert_same("the invoke() calls in ui/src/lib/api.ts", &found);
}
