//! A person's file: who it is, the placements and consents on it, and the data subject's
//! rights (a request registered, processing restricted).

use super::Screen;
use crate::webdriver::Session;

pub struct Person<'a> {
    s: &'a Session,
}

impl<'a> Person<'a> {
    pub fn on(s: &'a Session) -> Self {
        Person { s }
    }

    /// The name in the heading, once it shows.
    pub fn name(&self) -> String {
        self.s.text_of("person-name")
    }

    /// The personnummer, once it shows.
    pub fn number(&self) -> String {
        self.s.text_of("person-number")
    }

    /// Back to the list, by the breadcrumb ("Personer › …").
    pub fn back(&self) {
        self.s.click_on("crumb-parent");
    }

    /// Whether the banner of restricted processing shows now (no wait).
    pub fn shows_restriction_banner(&self) -> bool {
        self.s.try_find("[data-testid=restricted-banner]").is_some()
    }

    // Placements.

    /// Opens the form that ends the (first) placement.
    pub fn end_placement(&self) {
        self.s.click_on("placement-end");
    }

    pub fn give_end_reason(&self, reason: &str) {
        self.s.type_in("end-reason", reason);
    }

    pub fn confirm_end(&self) {
        self.s.click_on("end-submit");
    }

    pub fn end_reason_error(&self) -> String {
        self.s.text_of("end-reason-error")
    }

    // Consents.

    /// Chooses the first processing activity a consent can be for.
    /// Opens the consent form ("Registrera samtycke") unless it is open.
    fn open_consent_form(&self) {
        if self.s.try_find("[data-testid=consent-form]").is_none() {
            self.s.click_on("consent-open");
        }
    }

    pub fn choose_first_consent_activity(&self) {
        self.open_consent_form();
        self.s.choose("consent-activity", "option:nth-child(2)");
    }

    pub fn give_consent_evidence(&self, evidence: &str) {
        self.open_consent_form();
        self.s.type_in("consent-evidence", evidence);
    }

    pub fn record_consent(&self) {
        self.open_consent_form();
        self.s.click_on("consent-save");
    }

    pub fn consent_evidence_error(&self) -> String {
        self.s.text_of("consent-evidence-error")
    }

    pub fn withdraw_consent(&self) {
        self.s.click_on("consent-withdraw");
    }
}

/// "Den registrerades rättigheter" on a person's file.
pub struct Rights<'a> {
    s: &'a Session,
}

impl<'a> Rights<'a> {
    pub fn on(s: &'a Session) -> Self {
        Rights { s }
    }

    /// The kind of request (`access`, `erasure`, …).
    pub fn choose_kind(&self, kind: &str) {
        self.s.choose("req-kind", &format!("option[value={kind}]"));
    }

    /// The date the request came in (`YYYY-MM-DD`).
    pub fn received_on(&self, date: &str) {
        self.s.set_value("req-received", date);
    }

    /// How the requester's identity was checked.
    pub fn identity_checked_by(&self, method: &str) {
        self.s.type_in("req-method", method);
    }

    /// The date the identity was checked (`YYYY-MM-DD`).
    pub fn identity_checked_on(&self, date: &str) {
        self.s.set_value("req-verified", date);
    }

    pub fn register(&self) {
        self.s.click_on("req-save");
    }

    /// Restricts processing (or lifts the restriction).
    pub fn toggle_restriction(&self) {
        self.s.click_on("toggle-restriction");
    }
}
