//! Interest notices: people who may want to become a foster home.

use super::Screen;
use crate::webdriver::Session;

pub struct Notices<'a> {
    s: &'a Session,
}

impl<'a> Notices<'a> {
    pub fn on(s: &'a Session) -> Self {
        Notices { s }
    }

    /// A field of a new notice (`given`, `family`, `email`).
    pub fn fill(&self, field: &str, text: &str) {
        self.s.type_in(&format!("nf-{field}"), text);
    }

    pub fn save(&self) {
        self.s.click_on("nf-save");
    }

    /// The message under `field`, once it shows.
    pub fn error(&self, field: &str) -> String {
        self.s.text_of(&format!("nf-{field}-error"))
    }

    /// Deletes the first notice completely, confirming the question.
    pub fn delete_first(&self) {
        self.s.click_on("notice-delete");
        self.s.click_on("notice-delete-yes");
    }

    /// How many notices the list shows now.
    pub fn count(&self) -> usize {
        self.s.count("[data-testid=notice]")
    }
}
