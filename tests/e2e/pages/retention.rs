//! Retention: what falls due, the rules, a run; and backups, made on the same screen.

use serde_json::json;

use super::{css, Screen};
use crate::webdriver::Session;

pub struct Retention<'a> {
    s: &'a Session,
}

impl<'a> Retention<'a> {
    pub fn on(s: &'a Session) -> Self {
        Retention { s }
    }

    /// What falls due within the coming year, once it shows.
    pub fn upcoming(&self) -> String {
        self.s.text_of("retention-upcoming")
    }

    /// Types `months` as the period of `rule` (`home_files`, …) and saves the rule.
    pub fn save_rule(&self, rule: &str, months: &str) {
        let field = self.s.find(&css(&format!("rule-{rule}")));
        self.s.set_value(&format!("rule-{rule}"), "");
        self.s.type_into(&field, months);
        self.s.click_on(&format!("rule-save-{rule}"));
    }

    /// Runs retention now, confirming the question.
    #[allow(dead_code)] // the stories' stores have nothing due; kept for one that has
    pub fn run(&self) {
        self.s.click_on("retention-run");
        self.s.click_on("retention-confirm-yes");
    }

    /// Whether the run button can be pressed (it cannot when nothing is due).
    pub fn can_run(&self) -> bool {
        self.s
            .attribute(&self.s.element("retention-run"), "disabled")
            .is_none()
    }

    /// Asks for a backup, with `passphrase` as proof.
    pub fn make_backup(&self, passphrase: &str) {
        self.s.type_in("backup-pass", passphrase);
        self.s.click_on("backup-create");
    }

    /// Waits until the list shows exactly `n` backups.
    pub fn wait_backup_count(&self, n: usize) {
        self.s.wait_for(&format!("{n} backups in the list"), || {
            let shown = self
                .s
                .script("return document.querySelectorAll('[data-testid=backup-list] li').length");
            (shown == json!(n)).then_some(())
        });
    }
}
