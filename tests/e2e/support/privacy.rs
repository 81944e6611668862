//! No personal data where it does not belong: the data set of a store, the errors the
//! core sends to the UI, and a scan of files for the data.

use std::path::{Path, PathBuf};

use super::PASS;
use crate::webdriver::Session;

/// From now on, keeps every error the core sends to the UI (the IPC answers come
/// through `fetch`; an error answers with a non-OK status) for [`ui_errors`].
pub fn capture_ui_errors(s: &Session) {
    s.script(
        "const inner = window.fetch.bind(window);
         window.__akta_errors = [];
         window.fetch = async (input, init) => {
           const r = await inner(input, init);
           const url = String(input && input.url ? input.url : input);
           if (url.startsWith('ipc:') || url.includes('ipc.localhost')) {
             if (!r.ok || r.headers.get('Tauri-Response') === 'error') {
               window.__akta_errors.push(await r.clone().text());
             }
           }
           return r;
         };
         return true;",
    );
}

/// The error payloads kept since [`capture_ui_errors`].
pub fn ui_errors(s: &Session) -> Vec<String> {
    serde_json::from_value(s.script("return window.__akta_errors")).unwrap()
}

/// Names, personnummer (both written forms), e-mail addresses and journal texts of
/// everyone in the store, read through the core's whole-store export (as the
/// data-protection profile, user 2; in memory: a store with documents is never written
/// out as plain JSON).
pub fn personal_data_of(store: &Path) -> Vec<String> {
    use akta_core::store::{Store, StoreDir, Unlock};
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let doc = rt.block_on(async {
        let dir = StoreDir::new(store.to_path_buf());
        let opened = Store::open(
            &dir,
            Unlock::Passphrase(akta_core::crypto::Passphrase::new(PASS.into())),
        )
        .await
        .unwrap();
        let dpo = akta_core::user::Actor::user(akta_core::user::get(&opened, 2).await.unwrap());
        let file = akta_core::transfer::export(&opened, &dpo).await.unwrap();
        opened.close().await;
        serde_json::to_value(&file).unwrap()
    });
    let mut needles = Vec::new();
    let rows = |t: &str| doc["tables"][t].as_array().cloned().unwrap_or_default();
    for p in rows("persons") {
        for field in ["family_name", "email"] {
            if let Some(v) = p[field].as_str().filter(|v| v.len() >= 4) {
                needles.push(v.to_owned());
            }
        }
        if let Some(n) = p["personal_number"].as_str() {
            needles.push(n.to_owned());
            needles.push(format!("{}-{}", &n[..8], &n[8..]));
        }
    }
    for e in rows("journal_entries") {
        if let Some(t) = e["text"].as_str() {
            // A distinctive stretch of each entry.
            needles.push(t.chars().take(30).collect());
        }
    }
    assert!(needles.len() > 20, "{needles:?}");
    needles
}

/// Every file under `place` (or `place` itself) that holds one of `needles`.
pub fn files_holding(place: &Path, needles: &[String]) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![place.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                stack.push(e.path());
            }
        } else if let Ok(bytes) = std::fs::read(&p) {
            for n in needles {
                if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                    found.push((p.clone(), n.clone()));
                }
            }
        }
    }
    found
}
