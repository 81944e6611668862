//! Concern reports: the list, a new report and its steps, its PDF.

use serde_json::Value;

use super::picker::PersonPicker;
use super::Screen;
use crate::webdriver::Session;

pub struct Concerns<'a> {
    s: &'a Session,
}

impl<'a> Concerns<'a> {
    pub fn on(s: &'a Session) -> Self {
        Concerns { s }
    }

    /// How many reports the list shows now.
    pub fn report_count(&self) -> usize {
        self.s.count("[data-testid=concern-row]")
    }

    pub fn open_first(&self) {
        self.s.click_on("concern-row");
    }

    // A new report: its fields are named as the report's (`observed`, `reason`,
    // `phone`).

    pub fn child_picker(&self) -> PersonPicker<'a> {
        PersonPicker::on(self.s, "cf-child")
    }

    pub fn guardian_picker(&self) -> PersonPicker<'a> {
        PersonPicker::on(self.s, "cf-guardian1")
    }

    pub fn choose_first_municipality(&self) {
        self.s.choose("cf-municipality", "option:nth-child(2)");
    }

    /// "Har vårdnadshavarna informerats om anmälan?": yes or no (nothing is chosen
    /// until the caseworker answers).
    pub fn answer_guardians_informed(&self, yes: bool) {
        self.s.click_on(if yes {
            "cf-informed-yes"
        } else {
            "cf-informed-no"
        });
    }

    /// Whether the question of the guardians has no answer yet (no wait).
    pub fn guardians_unanswered(&self) -> bool {
        self.s
            .find_all("input[data-testid^=cf-informed-]:checked")
            .is_empty()
    }

    pub fn fill(&self, field: &str, text: &str) {
        self.s.type_in(&format!("cf-{field}"), text);
    }

    /// Saves the report as a draft.
    pub fn save(&self) {
        self.s.click_on("cf-save");
    }

    /// The message under `field`, once it shows.
    pub fn error(&self, field: &str) -> String {
        self.s.text_of(&format!("cf-{field}-error"))
    }

    /// What markup in the reports did: `window.__pwned`'s type (set by a payload that
    /// ran) and how many of the payloads' elements are in the page.
    pub fn markup_effects(&self) -> Value {
        self.s.script("return [typeof window.__pwned, document.querySelectorAll('main script, main img[src=x], main b[onmouseover]').length]")
    }

    // The report's steps.

    /// How the report is sent, by value (`e_tjanst`, …).
    pub fn choose_channel(&self, channel: &str) {
        self.s
            .choose("concern-channel", &format!("option[value={channel}]"));
    }

    /// Registers the next step (sent, received, …).
    pub fn advance(&self) {
        self.s.click_on("concern-advance");
    }

    /// Saves the report as a PDF in the export folder.
    pub fn save_pdf(&self) {
        self.s.click_on("concern-pdf");
    }
}
