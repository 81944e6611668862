//! The bank of foster homes and the form for a new home.

use super::Screen;
use crate::webdriver::Session;

pub struct Homes<'a> {
    s: &'a Session,
}

impl<'a> Homes<'a> {
    pub fn on(s: &'a Session) -> Self {
        Homes { s }
    }

    /// "Nytt familjehem".
    pub fn add(&self) {
        self.s.click_on("add-home");
    }

    /// Opens the home whose row is `name` (the list must show it).
    pub fn open(&self, name: &str) {
        // Found and clicked in one step: the list may render again (its counts come a
        // moment later), which would leave a found element stale.
        let js = format!(
            "const r = [...document.querySelectorAll('[data-testid=home-row]')] \
               .find(r => r.textContent.trim() === {}); if (r) r.click(); return !!r;",
            serde_json::to_string(name).unwrap_or_default()
        );
        self.s.wait_for(&format!("the row of {name}"), || {
            (self.s.script(&js) == serde_json::Value::Bool(true)).then_some(())
        });
    }
}

/// A new home: its fields are named as the home's (`name`, `postal_code`).
pub struct HomeForm<'a> {
    s: &'a Session,
}

impl<'a> HomeForm<'a> {
    /// The postal code field (an element id).
    pub const POSTAL_CODE: &'static str = "hf-postal";

    pub fn on(s: &'a Session) -> Self {
        HomeForm { s }
    }

    pub fn fill(&self, field: &str, text: &str) {
        self.s.type_in(&format!("hf-{field}"), text);
    }

    pub fn choose_first_municipality(&self) {
        self.s.choose("hf-municipality", "option:nth-child(2)");
    }

    pub fn save(&self) {
        self.s.click_on("hf-save");
    }

    /// The message under `field`, once it shows.
    pub fn error(&self, field: &str) -> String {
        self.s.text_of(&format!("hf-{field}-error"))
    }
}
