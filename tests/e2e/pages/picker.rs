//! A person picker: a search field and a list of the persons it matches, a page at a
//! time. Forms on several screens have one (`cf-child`, `place-child`, …).

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

pub struct PersonPicker<'a> {
    s: &'a Session,
    testid: &'static str,
}

impl<'a> PersonPicker<'a> {
    /// The picker whose list has `data-testid` `testid`.
    pub fn on(s: &'a Session, testid: &'static str) -> Self {
        PersonPicker { s, testid }
    }

    /// Chooses a person as a caseworker would: searches, waits until the list offers
    /// only matches of the search (it answers asynchronously, and an option of the list
    /// before would go stale), then picks the match named `name` ("Family, Given"),
    /// whose label shows the personal number after the name.
    pub fn pick(&self, search: &str, name: &str) {
        let testid = self.testid;
        self.search(search);
        let js = format!(
            "const all = [...document.querySelectorAll('[data-testid={testid}] option')].slice(1); \
             if (!all.every(o => o.text.toLowerCase().includes({search:?}.toLowerCase()))) return null; \
             const o = all.find(o => o.text.startsWith({label:?})); \
             return o ? o.value : null;",
            label = format!("{name} · "),
        );
        let value = self
            .s
            .wait_for(&format!("{name:?} offered by {testid}"), || {
                self.s.script(&js).as_str().map(str::to_owned)
            });
        self.s.click(
            &self
                .s
                .find(&format!("[data-testid={testid}] option[value=\"{value}\"]")),
        );
    }

    /// Types `query` into the picker's search.
    pub fn search(&self, query: &str) {
        self.s.type_in(&format!("{}-search", self.testid), query);
    }

    /// How many options the list has now (the first is "choose").
    pub fn option_count(&self) -> usize {
        self.s.count(&format!("{} option", css(self.testid)))
    }

    /// Waits until the list has exactly `n` options.
    pub fn wait_option_count(&self, n: usize) {
        self.s
            .wait_for(&format!("{} options in {}", n, self.testid), || {
                (self.option_count() == n).then_some(())
            });
    }

    /// Waits until the help under the picker is exactly `expected`.
    pub fn wait_help_is(&self, expected: &str) {
        self.s.wait_is(&format!("{}-help", self.testid), expected);
    }

    /// Whether the help under the picker shows now (no wait).
    pub fn shows_help(&self) -> bool {
        !self
            .s
            .find_all(&css(&format!("{}-help", self.testid)))
            .is_empty()
    }

    /// The label of the chosen option.
    pub fn chosen(&self) -> Value {
        self.s.script(&format!(
            "return document.querySelector('[data-testid={}]').selectedOptions[0].text",
            self.testid
        ))
    }
}
