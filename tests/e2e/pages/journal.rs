//! The journal on a file (drafts, signing, corrections) and the journal search.

use super::Screen;
use crate::webdriver::Session;

pub struct Journal<'a> {
    s: &'a Session,
}

impl<'a> Journal<'a> {
    pub fn on(s: &'a Session) -> Self {
        Journal { s }
    }

    /// Opens the file's Journal tab (a home's or a person's).
    pub fn open(&self) {
        self.s.click_on("tab-journal");
        self.s.element("journal-new");
    }

    /// Opens the form of a new entry ("Ny anteckning"), if it is not open.
    pub fn new_entry(&self) {
        if self.s.try_find("[data-testid=journal-form]").is_none() {
            self.s.click_on("journal-new");
        }
    }

    /// Writes into the open form (a new entry, an edit or a correction).
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

    /// Whether the element described by `focused` (`Session::focused`) is the text of a
    /// correction form.
    pub fn is_correction_text(focused: &str) -> bool {
        focused.starts_with("journal-amend-") && focused.ends_with("-text")
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

    /// Asks to sign the (first) draft: the app asks first.
    pub fn ask_to_sign(&self) {
        self.s.click_on("entry-sign");
        self.s.element("journal-sign-confirm");
    }

    /// Answers the signing question: yes signs, no leaves the draft as it is.
    pub fn answer_sign(&self, yes: bool) {
        self.s.click_on(if yes {
            "journal-sign-confirm-yes"
        } else {
            "journal-sign-confirm-no"
        });
    }

    /// Signs the (first) draft, confirming the question.
    pub fn sign(&self) {
        self.ask_to_sign();
        self.answer_sign(true);
    }

    /// Whether the new draft `text` is within the window now (no scrolling needed).
    pub fn entry_in_view(&self, text: &str) -> bool {
        let js = format!(
            "const e = [...document.querySelectorAll('[data-testid=entry-text]')].find(x => x.textContent.trim() === {}); \
             if (!e) return false; const r = e.getBoundingClientRect(); \
             return r.top >= 0 && r.bottom <= window.innerHeight;",
            serde_json::to_string(text).unwrap_or_default()
        );
        self.s.script(&js) == serde_json::Value::Bool(true)
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

    /// Opens the file of the first hit in the file named `name`. Found and clicked in
    /// one step: the hits of an earlier query may still be replaced by this one's.
    pub fn open_hit_in(&self, name: &str) {
        let js = format!(
            "const b = [...document.querySelectorAll('[data-testid=search-hit]')] \
               .find(b => b.textContent.trim() === {}); if (b) b.click(); return !!b;",
            serde_json::to_string(name).unwrap_or_default()
        );
        self.s.wait_for(&format!("a hit in {name}"), || {
            (self.s.script(&js) == serde_json::Value::Bool(true)).then_some(())
        });
    }
}
