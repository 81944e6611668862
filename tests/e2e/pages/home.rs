//! A foster home's file: its status and history, members, children placed there, and
//! the investigation. (Its journal is `journal::Journal`.)

use super::picker::PersonPicker;
use super::Screen;
use crate::webdriver::Session;

pub struct Home<'a> {
    s: &'a Session,
}

impl<'a> Home<'a> {
    pub fn on(s: &'a Session) -> Self {
        Home { s }
    }

    /// The home's name, once it shows.
    pub fn name(&self) -> String {
        self.s.text_of("home-name")
    }

    /// Waits until a home's file shows.
    pub fn wait_shown(&self) {
        self.s.element("home-name");
    }

    /// The status ("Intresse", "Utreds", …), once it shows.
    pub fn status(&self) -> String {
        self.s.text_of("home-status")
    }

    /// Waits until the status is `expected` (it follows other steps a moment later).
    pub fn wait_status(&self, expected: &str) {
        self.s.wait_for(&format!("status {expected}"), || {
            (self.status() == expected).then_some(())
        });
    }

    /// The status history, once it shows.
    pub fn history(&self) -> String {
        self.s.text_of("home-history")
    }

    // Status.

    /// The next status, by value (`avslutad`, …); opens the form ("Ändra status") first.
    pub fn choose_next_status(&self, status: &str) {
        if self.s.try_find("[data-testid=status-form]").is_none() {
            self.s.click_on("status-open");
        }
        self.s
            .choose("status-to", &format!("option[value={status}]"));
    }

    pub fn give_status_reason(&self, reason: &str) {
        self.s.type_in("status-reason", reason);
    }

    pub fn change_status(&self) {
        self.s.click_on("status-submit");
    }

    /// Answers yes when the app asks before closing the home.
    pub fn confirm_close(&self) {
        self.s.click_on("status-close-confirm-yes");
    }

    pub fn status_reason_error(&self) -> String {
        self.s.text_of("status-reason-error")
    }

    // Members.

    /// Chooses the first person of the registry as a new member.
    /// Opens the member form ("Lägg till medlem") and chooses the first person of the
    /// registry.
    pub fn choose_first_registered_person(&self) {
        if self.s.try_find("[data-testid=member-form]").is_none() {
            self.s.click_on("member-open");
        }
        self.s.choose("member-person", "option:nth-child(2)");
    }

    pub fn add_member(&self) {
        self.s.click_on("member-add");
    }

    /// How many members the list shows now.
    pub fn member_count(&self) -> usize {
        self.s
            .count("[data-testid=member-list] [data-testid=member-name]")
    }

    // Placing a child.

    pub fn child_picker(&self) -> PersonPicker<'a> {
        PersonPicker::on(self.s, "place-child")
    }

    pub fn choose_first_placing_municipality(&self) {
        self.s.choose("place-municipality", "option:nth-child(2)");
    }

    pub fn place_child(&self) {
        self.s.click_on("place-submit");
    }
}

/// The investigation of a home, on its file.
pub struct Investigation<'a> {
    s: &'a Session,
}

impl<'a> Investigation<'a> {
    pub fn on(s: &'a Session) -> Self {
        Investigation { s }
    }

    /// The method, by value (`pride`, …).
    pub fn choose_method(&self, method: &str) {
        self.s
            .choose("inv-method", &format!("option[value={method}]"));
    }

    pub fn start(&self) {
        self.s.click_on("inv-start");
    }

    /// What the checklist says is missing, once it shows.
    pub fn missing(&self) -> String {
        self.s.text_of("inv-missing")
    }

    /// The kind of part to register, by value (`home_visit`, …).
    pub fn choose_part(&self, kind: &str) {
        self.s.choose("inv-kind", &format!("option[value={kind}]"));
    }

    pub fn add_part(&self) {
        self.s.click_on("inv-add");
    }

    /// The message under the part's person, once it shows.
    pub fn person_error(&self) -> String {
        self.s.text_of("inv-person-error")
    }

    /// The decision, by value (`approved`, `not_approved`).
    pub fn choose_decision(&self, decision: &str) {
        self.s.click_on(&format!("inv-decision-{decision}"));
    }

    /// Why a decision is made although parts are missing.
    pub fn give_missing_reason(&self, reason: &str) {
        self.s.type_in("inv-missing-reason", reason);
    }

    pub fn missing_reason_error(&self) -> String {
        self.s.text_of("inv-missing-reason-error")
    }

    pub fn decide(&self) {
        self.s.click_on("inv-decide");
    }

    /// The decision made, once it shows.
    pub fn decided(&self) -> String {
        self.s.text_of("inv-decided")
    }
}
