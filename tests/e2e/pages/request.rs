//! A data subject's request: its status, the register extract, sending and closing it,
//! an erasure. (The review before an extract is `review::Review`.)

use super::Screen;
use crate::webdriver::Session;

pub struct Request<'a> {
    s: &'a Session,
}

impl<'a> Request<'a> {
    pub fn on(s: &'a Session) -> Self {
        Request { s }
    }

    /// Waits until the status shows `needle`.
    pub fn wait_status(&self, needle: &str) {
        self.s.wait_in("request-status", needle);
    }

    /// Waits until the outcome shows `needle`.
    pub fn wait_outcome(&self, needle: &str) {
        self.s.wait_in("request-outcome", needle);
    }

    /// Opens the file of the person the request is about.
    pub fn open_person(&self) {
        self.s.click_on("request-person");
    }

    /// "Skapa registerutdrag".
    pub fn make_extract(&self) {
        self.s.click_on("make-extract");
    }

    /// Where the extract was saved, once it shows.
    pub fn saved_extract(&self) -> String {
        self.s.text_of("extract-saved")
    }

    /// Marks the extract as sent, saying how and where.
    pub fn mark_sent(&self, sent_to: &str) {
        self.s.type_in("sent-to", sent_to);
        self.s.click_on("mark-sent");
    }

    /// Closes the request with `outcome`.
    pub fn close_with(&self, outcome: &str) {
        self.s.type_in("close-outcome", outcome);
        self.s.click_on("close-save");
    }

    /// Erases the person, confirming the question.
    pub fn erase(&self) {
        self.s.click_on("erase");
        self.s.click_on("erase-confirm-yes");
    }
}
