//! Accessibility: axe-core on what the window shows, and a visible keyboard focus.

use std::path::Path;

use crate::webdriver::Session;

/// Runs axe-core (from the UI's npm packages) on what the window shows now; fails on
/// any serious or critical finding, naming the rule and the elements.
pub fn assert_accessible(s: &Session, screen: &str) {
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe).expect("axe-core installed by .ci/setup (npm ci)");
    if s.script("return typeof window.axe === 'object'") != serde_json::Value::Bool(true) {
        s.script(&format!("{source}\n;return true;"));
    }
    s.script(
        "window.__axe = null;
         axe.run(document, { resultTypes: ['violations'] }).then(
           r => { window.__axe = JSON.stringify(r.violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                  v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))); },
           e => { window.__axe = JSON.stringify(['axe failed: ' + e]); });
         return true;",
    );
    let found = s.wait_for(&format!("axe on {screen}"), || {
        s.script("return window.__axe").as_str().map(str::to_owned)
    });
    let found: Vec<String> = serde_json::from_str(&found).unwrap();
    if !found.is_empty() {
        // A picture of what failed, beside the build output.
        let shot = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("axe-{}.png", screen.replace(' ', "-")));
        s.screenshot(&shot);
    }
    assert!(
        found.is_empty(),
        "{screen}: serious or critical accessibility findings:\n{}",
        found.join("\n")
    );
}

/// The focused element shows a visible focus indicator (outline or box shadow).
pub fn assert_focus_visible(s: &Session, screen: &str) {
    let v = s.script(
        "const e = document.activeElement;
         if (!e || e === document.body) return 'nothing focused';
         const c = getComputedStyle(e);
         const outline = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0;
         const shadow = c.boxShadow && c.boxShadow !== 'none';
         return (outline || shadow) ? '' : ('no visible focus on ' + (e.dataset.testid || e.tagName));",
    );
    assert_eq!(v.as_str(), Some(""), "{screen}: {v}");
}
