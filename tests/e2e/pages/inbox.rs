//! The inbox (the start screen): its sections (`inbox-section-overdue`, `-today`, `-week`,
//! `-later`), a line per bevakning (`inbox-item-<key>`, keys like `plan_contact:plan:12`,
//! so selectors quote them), the count beside the navigation link, and the Klar button
//! of a bevakning set by hand.

use super::Screen;
use crate::webdriver::Session;

pub struct Inbox<'a> {
    s: &'a Session,
}

fn item(key: &str) -> String {
    format!("[data-testid=\"inbox-item-{key}\"]")
}

impl<'a> Inbox<'a> {
    pub fn on(s: &'a Session) -> Self {
        Inbox { s }
    }

    /// The section a line is in now (`overdue`, `today`, `week`, `later`), if it is listed.
    pub fn section_of(&self, key: &str) -> Option<String> {
        let js = format!(
            "const e = document.querySelector('{}'); \
             const s = e && e.closest('[data-testid^=inbox-section-]'); \
             return s ? s.dataset.testid.slice('inbox-section-'.length) : null;",
            item(key).replace('\'', "\\'")
        );
        self.s.script(&js).as_str().map(str::to_owned)
    }

    /// Waits until the line is listed in `section`.
    pub fn wait_in_section(&self, key: &str, section: &str) {
        self.s.wait_for(&format!("{key} in {section}"), || {
            (self.section_of(key).as_deref() == Some(section)).then_some(())
        });
    }

    /// Waits until the inbox has loaded and the line is listed somewhere other than
    /// `section` (or not at all).
    pub fn wait_not_in_section(&self, key: &str, section: &str) {
        self.s.element("inbox");
        self.s.wait_for(&format!("{key} out of {section}"), || {
            let loaded = self.s.count("[data-testid^=inbox-section-]") > 0;
            (loaded && self.section_of(key).as_deref() != Some(section)).then_some(())
        });
    }

    /// The line's text (its date and why).
    pub fn line(&self, key: &str) -> String {
        self.s.text(&self.s.find(&item(key)))
    }

    /// Opens the place where the line is dealt with.
    pub fn open(&self, key: &str) {
        self.s
            .click(&self.s.find(&format!("{} button.link", item(key))));
    }

    /// The number beside the navigation link (overdue and today).
    pub fn count(&self) -> u32 {
        self.s.wait_for("the inbox count", || {
            self.s.text_of("nav-inbox-count").trim().parse().ok()
        })
    }

    /// "Klar" on a bevakning set by hand.
    pub fn done(&self, follow_up_id: i64) {
        self.s.click_on(&format!("inbox-done-{follow_up_id}"));
    }
}
