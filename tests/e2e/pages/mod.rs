//! Page objects: one module per screen of the app, holding that screen's selectors and
//! its waits under the names the screen uses. A story is written with these and with
//! the texts the user reads; it holds no selector of its own.
//!
//! A page borrows the session (`Persons::on(&app)`) and is cheap to make. An action
//! (`save`, `open_only`) does what the user does and no more: what the screen answers
//! is waited for by the story (`wait_text`) or by a method named `wait_…`, which waits
//! for the whole answer, never a part the old screen already had (docs/TESTING.md).

pub mod concerns;
pub mod documents;
pub mod file;
pub mod home;
pub mod homes;
pub mod inbox;
pub mod investigation_report;
pub mod journal;
pub mod nav;
pub mod notices;
pub mod person;
pub mod persons;
pub mod picker;
pub mod request;
pub mod retention;
pub mod review;
pub mod session;
pub mod settings;
pub mod support;

use serde_json::Value;

use crate::webdriver::{Element, Session};

/// The Tab key, for `Session::keys`.
pub const TAB: &str = "\u{E004}";
/// The Enter key, for `Session::keys`.
pub const ENTER: &str = "\u{E007}";

/// The selector of the element with `data-testid` `testid`.
pub fn css(testid: &str) -> String {
    format!("[data-testid={testid}]")
}

/// What every page does with the elements of its screen, named by `data-testid`.
pub trait Screen {
    /// The element, once it is there (20 s at most).
    fn element(&self, testid: &str) -> Element;
    fn click_on(&self, testid: &str);
    /// Clears the field and types `text` into it.
    fn type_in(&self, testid: &str, text: &str);
    /// The element's text, once it is there.
    fn text_of(&self, testid: &str) -> String;
    /// How many elements match `selector` now (no wait).
    fn count(&self, selector: &str) -> usize;
    /// Clicks `option` (a selector within the `<select>`), as a user chooses.
    fn choose(&self, select: &str, option: &str);
    /// Sets an input's value as a date picker does (value, then an `input` event).
    fn set_value(&self, testid: &str, value: &str);
    /// Waits until the element shows `needle` (the screen reloads after a flash
    /// message, so the text may come a moment later).
    fn wait_in(&self, testid: &str, needle: &str);
    /// Waits until the element's whole text (trimmed) is `expected`.
    fn wait_is(&self, testid: &str, expected: &str);
}

impl Screen for Session {
    fn element(&self, testid: &str) -> Element {
        self.find(&css(testid))
    }

    fn click_on(&self, testid: &str) {
        self.click(&self.element(testid));
    }

    fn type_in(&self, testid: &str, text: &str) {
        self.type_into(&self.element(testid), text);
    }

    fn text_of(&self, testid: &str) -> String {
        self.text(&self.element(testid))
    }

    fn count(&self, selector: &str) -> usize {
        self.find_all(selector).len()
    }

    fn choose(&self, select: &str, option: &str) {
        self.click(&self.find(&format!("{} {option}", css(select))));
    }

    fn set_value(&self, testid: &str, value: &str) {
        self.script(&format!(
            "const i = document.querySelector('[data-testid={testid}]'); i.value = '{value}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));"
        ));
    }

    fn wait_in(&self, testid: &str, needle: &str) {
        let js = format!(
            "const e = document.querySelector('[data-testid={testid}]'); \
             return !!e && e.innerText.includes({needle:?});"
        );
        self.wait_for(&format!("{needle:?} in {testid}"), || {
            (self.script(&js) == Value::Bool(true)).then_some(())
        });
    }

    fn wait_is(&self, testid: &str, expected: &str) {
        let js = format!(
            "const e = document.querySelector('[data-testid={testid}]'); \
             return !!e && e.innerText.trim() === {expected:?};"
        );
        self.wait_for(&format!("{testid} is {expected:?}"), || {
            (self.script(&js) == Value::Bool(true)).then_some(())
        });
    }
}
