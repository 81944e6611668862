//! A file (a person's personakt or a home's): the header that says whose it is, and
//! the parts as tabs.

use serde_json::Value;

use super::Screen;
use crate::webdriver::Session;

pub struct File<'a> {
    s: &'a Session,
}

impl<'a> File<'a> {
    pub fn on(s: &'a Session) -> Self {
        File { s }
    }

    /// Opens a part: `overview`, `journal`, `investigation`, `placements`, `history`,
    /// `rights`.
    pub fn tab(&self, key: &str) {
        self.s.click_on(&format!("tab-{key}"));
        self.s.wait_for(&format!("tab {key} chosen"), || {
            (self
                .s
                .attribute(&self.s.element(&format!("tab-{key}")), "aria-selected")
                .as_deref()
                == Some("true"))
            .then_some(())
        });
    }

    /// The tabs the file offers now, by key.
    pub fn tabs(&self) -> Vec<String> {
        self.s
            .find_all("[role=tab]")
            .iter()
            .filter_map(|e| self.s.attribute(e, "data-testid"))
            .map(|id| id.trim_start_matches("tab-").to_owned())
            .collect()
    }

    /// The header's line of facts (number, age, relations), once it shows.
    pub fn facts(&self) -> String {
        self.s.text(&self.s.find(".file-head .file-facts"))
    }

    /// Whether the header and the first 120 px of the chosen part lie within the top
    /// `height` px of the page, nothing scrolled (1280×720 leaves about 720 px of
    /// page; the window here is the app's default 1100×760, which cannot be resized
    /// under Xvfb without a window manager).
    pub fn header_and_part_within(&self, height: u32) -> bool {
        self.s.script(&format!(
            "window.scrollTo(0, 0); const h = document.querySelector('.file-head'); \
             const p = document.querySelector('[role=tabpanel]'); if (!h || !p) return false; \
             return h.getBoundingClientRect().bottom <= {height} && p.getBoundingClientRect().top + 120 <= {height};"
        )) == Value::Bool(true)
    }

    /// Opens the home named in the header (where the person is placed or a member).
    pub fn open_home_in_header(&self) {
        self.s
            .click(&self.s.find(".file-head .file-facts button.link"));
    }
}

/// The quick find field in the header.
pub struct QuickFind<'a> {
    s: &'a Session,
}

impl<'a> QuickFind<'a> {
    pub fn on(s: &'a Session) -> Self {
        QuickFind { s }
    }

    /// Focuses the field with Ctrl+K, as a user does, and types `query`.
    pub fn find(&self, query: &str) {
        self.s.chord("\u{E009}", "k");
        self.s.wait_for("quick find focused", || {
            (self.s.focused() == "quickfind").then_some(())
        });
        self.s.keys(query);
    }

    /// Waits until the hits show `text`.
    pub fn wait_hit(&self, text: &str) {
        self.s.wait_in("quickfind-list", text);
    }

    /// The kinds of the hits (`person`, `home`, `entry`) in order, now.
    pub fn hit_kinds(&self) -> Vec<String> {
        self.s
            .find_all("[data-testid=quickfind-hit]")
            .iter()
            .filter_map(|e| self.s.attribute(e, "data-kind"))
            .collect()
    }

    /// Opens the first hit with Enter.
    pub fn open_first(&self) {
        self.s.keys(super::ENTER);
    }
}
