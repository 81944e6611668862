//! The written report of an investigation (familjehemsutredning), opened from the
//! investigation tab of a home's file: its cover (`report-status`, `report-version`,
//! `report-checklist`), a field per section (`report-section-<key>`, per adult
//! `report-section-<key>-<personId>`), the autosave's line (`report-autosave`, its
//! state in `data-state`), the recommendation, signing (a dialog asking for a
//! justification while the checklist is not complete) and, once signed, the PDF and
//! "Registrera som skickad". And the templates of the reports, in the settings.

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

pub struct InvestigationReport<'a> {
    s: &'a Session,
}

impl<'a> InvestigationReport<'a> {
    pub fn on(s: &'a Session) -> Self {
        InvestigationReport { s }
    }

    /// "Skriv utredningen" / "Öppna utredningen" on the open round: the button's text.
    pub fn open_label(&self) -> String {
        self.s.text_of("investigation-report-open")
    }

    /// Drafts or opens the report of the open round.
    pub fn open(&self) {
        self.s.click_on("investigation-report-open");
    }

    /// Waits until the report shows with its cover.
    pub fn wait_shown(&self) {
        self.s.element("report-cover");
    }

    /// Waits until the cover says the version is `status` ("Utkast", "Signerad", "Skickad").
    pub fn wait_status(&self, status: &str) {
        self.s.wait_is("report-status", status);
    }

    pub fn version(&self) -> String {
        self.s.text_of("report-version")
    }

    /// Whether the cover says the investigation's checklist is complete.
    pub fn checklist_complete(&self) -> bool {
        self.s.text_of("report-checklist").trim() == "Komplett"
    }

    /// Writes `text` in the section `key` (`assessment`, or `health-12` for an adult's).
    pub fn write(&self, key: &str, text: &str) {
        self.s.type_in(&format!("report-section-{key}"), text);
    }

    /// What the field of section `key` holds now.
    pub fn written(&self, key: &str) -> String {
        let js = format!(
            "const e = document.querySelector('{}'); return e ? e.value : null;",
            css(&format!("report-section-{key}"))
        );
        self.s.script(&js).as_str().unwrap_or_default().to_owned()
    }

    /// The keys of the sections shown, in order (with the person of a per-adult one).
    pub fn section_keys(&self) -> Vec<String> {
        let js = "return [...document.querySelectorAll('textarea[data-testid^=report-section-]')] \
                  .map(e => e.dataset.testid.slice('report-section-'.length));";
        match self.s.script(js) {
            Value::Array(keys) => keys
                .iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The autosave's line ("Sparar…", "Sparat kl. 14:02", …).
    pub fn autosave_line(&self) -> String {
        self.s.text_of("report-autosave")
    }

    /// Waits until everything typed is saved: the line says "Sparat kl. …".
    pub fn wait_saved(&self) {
        let js = format!(
            "const e = document.querySelector('{}'); \
             return !!e && e.dataset.state === 'saved' && e.innerText.includes('Sparat kl.');",
            css("report-autosave")
        );
        self.s.wait_for("the report saved", || {
            (self.s.script(&js) == Value::Bool(true)).then_some(())
        });
    }

    /// Chooses the recommendation: `recommended` or `not_recommended`.
    pub fn recommend(&self, value: &str) {
        self.s.click_on(&format!("report-recommendation-{value}"));
    }

    /// "Signera …": the dialog opens (after what is typed is saved).
    pub fn sign(&self) {
        self.s.click_on("report-sign");
        self.s.element("report-sign-confirm");
    }

    /// Whether the signing dialog asks for a justification.
    pub fn asks_justification(&self) -> bool {
        self.s.count(&css("report-justification")) > 0
    }

    pub fn justify(&self, text: &str) {
        self.s.type_in("report-justification", text);
    }

    /// "Signera och lås" in the dialog.
    pub fn confirm_sign(&self) {
        self.s.click_on("report-sign-confirm-yes");
    }

    /// The refusal shown under the justification, once it shows.
    pub fn justification_error(&self) -> String {
        self.s.text_of("report-justification-error")
    }

    /// "Spara som PDF …" (the warning follows: `support::app::choose_save_place`).
    pub fn save_pdf(&self) {
        self.s.click_on("report-pdf");
    }

    /// Records the report as sent today to the first municipality listed.
    pub fn mark_sent_to_first_municipality(&self) {
        self.s.wait_for("a municipality to choose", || {
            (self.s.count(&format!("{} option", css("report-sent-to"))) > 1).then_some(())
        });
        self.s.choose("report-sent-to", "option:nth-child(2)");
        self.s.click_on("report-mark-sent");
    }

    /// "Ändra (ny version)".
    pub fn new_version(&self) {
        self.s.click_on("report-new-version");
    }

    /// The list of versions, once it shows.
    pub fn versions(&self) -> String {
        self.s.text_of("report-versions")
    }
}

/// "Mallar för utredningar" in the settings (a profile that manages settings): a row
/// per section (`template-key-<i>`, `template-heading-<i>`, …, from 0).
pub struct Templates<'a> {
    s: &'a Session,
}

impl<'a> Templates<'a> {
    pub fn on(s: &'a Session) -> Self {
        Templates { s }
    }

    /// Waits until the method's template shows.
    pub fn wait_shown(&self) {
        self.s.element("template-row-0");
    }

    /// "Den inbyggda standardmallen." or "Familjehemsenhetens egen mall.".
    pub fn wait_kind(&self, text: &str) {
        self.s.wait_is("template-kind", text);
    }

    /// Types in a row's field: `key`, `heading`, `guidance` (empties it for "").
    pub fn fill(&self, row: usize, field: &str, text: &str) {
        let testid = format!("template-{field}-{row}");
        if text.is_empty() {
            self.s.set_value(&testid, "");
        } else {
            self.s.type_in(&testid, text);
        }
    }

    /// What a row's field holds now.
    pub fn value(&self, row: usize, field: &str) -> String {
        let js = format!(
            "const e = document.querySelector('{}'); return e ? e.value : null;",
            css(&format!("template-{field}-{row}"))
        );
        self.s.script(&js).as_str().unwrap_or_default().to_owned()
    }

    /// The refusal shown under a row's field (`key`, `heading`), once it shows.
    pub fn error(&self, row: usize, field: &str) -> String {
        self.s
            .text(&self.s.find(&format!("#tpl-{field}-{row}-error")))
    }

    pub fn move_up(&self, row: usize) {
        self.s.click_on(&format!("template-up-{row}"));
    }

    /// "Lägg till avsnitt": a blank row at the end.
    pub fn add(&self) {
        self.s.click_on("template-add");
    }

    pub fn rows(&self) -> usize {
        self.s.count("[data-testid^=template-row-]")
    }

    pub fn save(&self) {
        self.s.click_on("template-save");
    }

    /// "Återställ standardmallen …", answered yes.
    pub fn reset(&self) {
        self.s.click_on("template-reset");
        self.s.click_on("template-reset-confirm-yes");
    }
}
