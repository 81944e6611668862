//! The journal on a file (drafts, signing, corrections) and the journal search.

use super::Screen;
use crate::webdriver::Session;

pub struct Journal<'a> {
    s: &'a Session,
}

impl<'a> Journal<'a> {
    /// The text field of a new entry (an element id).
    pub const TEXT: &'static str = "journal-text";

    pub fn on(s: &'a Session) -> Self {
        Journal { s }
    }

    pub fn write(&self, text: &str) {
        self.s.type_in("journal-text", text);
    }

    /// Saves what is written as a draft.
    pub fn save(&self) {
        self.s.click_on("journal-save");
    }

    pub fn text_error(&self) -> String {
        self.s.text_of("journal-text-error")
    }

    /// The text of the first entry, once it shows.
    pub fn first_entry_text(&self) -> String {
        self.s.text_of("entry-text")
    }

    /// The text of the entry at `index` (no wait).
    pub fn entry_text(&self, index: usize) -> String {
        self.s
            .text(&self.s.find_all("[data-testid=entry-text]")[index])
    }

    /// How many entries show now.
    pub fn entry_count(&self) -> usize {
        self.s.count("[data-testid=journal-entry]")
    }

    /// How many elements the entries' text became (images, bold): markup must stay text.
    pub fn markup_elements(&self) -> usize {
        self.s
            .count("[data-testid=journal-entries] img, [data-testid=journal-entries] b")
    }

    /// Signs the (first) draft.
    pub fn sign(&self) {
        self.s.click_on("entry-sign");
    }

    /// Whether an entry offers "edit" now (no wait).
    pub fn offers_edit(&self) -> bool {
        self.s.try_find("[data-testid=entry-edit]").is_some()
    }

    /// Starts a correction of the (first) signed entry.
    pub fn amend(&self) {
        self.s.click_on("entry-amend");
    }
}

/// "Sök i journaler": full-text search across files.
pub struct JournalSearch<'a> {
    s: &'a Session,
}

impl<'a> JournalSearch<'a> {
    pub fn on(s: &'a Session) -> Self {
        JournalSearch { s }
    }

    pub fn search_for(&self, query: &str) {
        self.s.type_in("search-query", query);
        self.s.click_on("search-submit");
    }

    /// Opens the file of the first hit.
    pub fn open_first_hit(&self) {
        self.s
            .click(&self.s.find("[data-testid=search-hits] button"));
    }
}
