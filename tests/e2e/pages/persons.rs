//! The persons list, its search and paging, and the form for a new person.

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

const ROW: &str = "[data-testid=person-row]";

pub struct Persons<'a> {
    s: &'a Session,
}

impl<'a> Persons<'a> {
    /// Where focus starts (an element id).
    pub const HEADING: &'static str = "persons-title";
    /// "Ny person" (an element id).
    pub const ADD: &'static str = "add-person";

    pub fn on(s: &'a Session) -> Self {
        Persons { s }
    }

    pub fn search(&self, query: &str) {
        self.s.type_in("person-search", query);
    }

    /// The rows' texts, read at once (a list re-rendered between finding a row and
    /// reading it would otherwise leave a stale element).
    fn row_texts(&self) -> Vec<String> {
        let js = format!(
            "return [...document.querySelectorAll('{}')].map(e => e.innerText);",
            ROW.replace('\'', "\\'")
        );
        self.s
            .script(&js)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until the list has rows and every one shows `text`.
    pub fn wait_every_row_shows(&self, text: &str) {
        self.s.wait_for(&format!("only rows with {text:?}"), || {
            let texts = self.row_texts();
            (!texts.is_empty() && texts.iter().all(|t| t.contains(text))).then_some(())
        });
    }

    /// Waits until the list is one row, showing `text`.
    pub fn wait_only_row(&self, text: &str) {
        self.s.wait_for(&format!("the one row {text:?}"), || {
            let texts = self.row_texts();
            (texts.len() == 1 && texts[0].contains(text)).then_some(())
        });
    }

    /// Waits until the list has exactly `n` rows.
    pub fn wait_row_count(&self, n: usize) {
        self.s.wait_for(&format!("{n} person rows"), || {
            (self.s.find_all(ROW).len() == n).then_some(())
        });
    }

    /// How many rows the list shows now.
    pub fn row_count(&self) -> usize {
        self.s.count(ROW)
    }

    /// Opens the first row.
    pub fn open_first(&self) {
        self.s.click_on("person-row");
    }

    /// Searches and opens the one row left, once the list has been filtered (the search
    /// answers asynchronously; an earlier row would go stale).
    pub fn open_only(&self, query: &str) {
        self.search(query);
        let js = format!(
            "const r = [...document.querySelectorAll('[data-testid=person-row]')]; \
             return r.length === 1 && r[0].innerText.includes({query:?});"
        );
        self.s.wait_for(&format!("one person row for {query}"), || {
            (self.s.script(&js) == Value::Bool(true)).then_some(())
        });
        self.open_first();
    }

    /// "Ny person".
    pub fn add(&self) {
        self.s.click_on("add-person");
    }

    /// The line that counts the list ("Visar 100 av 124 personer").
    pub fn count_line(&self) -> String {
        self.s.text_of("person-count")
    }

    /// Waits until the count line shows `needle`.
    pub fn wait_count_shows(&self, needle: &str) {
        self.s.wait_in("person-count", needle);
    }

    /// Waits until the count line is exactly `expected`.
    pub fn wait_count_is(&self, expected: &str) {
        self.s.wait_is("person-count", expected);
    }

    /// The label of "show more" ("Visa 24 till").
    pub fn more_label(&self) -> String {
        self.s.text_of("persons-more")
    }

    pub fn show_more(&self) {
        self.s.click_on("persons-more");
    }

    /// Whether the list offers more rows now (no wait).
    pub fn offers_more(&self) -> bool {
        !self.s.find_all(&css("persons-more")).is_empty()
    }
}

/// "Ny person": its fields are named as the person's (`personal_number`,
/// `given_name`, `family_name`, `email`).
pub struct PersonForm<'a> {
    s: &'a Session,
}

impl<'a> PersonForm<'a> {
    /// Where focus starts (an element id).
    pub const HEADING: &'static str = "person-form-title";

    pub fn on(s: &'a Session) -> Self {
        PersonForm { s }
    }

    /// The element id of `field`, as focus reports it.
    pub fn field_id(field: &str) -> String {
        format!("pf-{field}")
    }

    pub fn fill(&self, field: &str, text: &str) {
        self.s.type_in(&format!("pf-{field}"), text);
    }

    pub fn save(&self) {
        self.s.click_on("pf-save");
    }

    /// The message under `field`, once it shows.
    pub fn error(&self, field: &str) -> String {
        self.s.text_of(&format!("pf-{field}-error"))
    }

    /// The field's `aria-invalid`.
    pub fn aria_invalid(&self, field: &str) -> Option<String> {
        let input = self.s.element(&format!("pf-{field}"));
        self.s.attribute(&input, "aria-invalid")
    }

    /// What the field holds now.
    pub fn value(&self, field: &str) -> Option<String> {
        self.s
            .script(&format!(
                "return document.querySelector('[data-testid=pf-{field}]').value"
            ))
            .as_str()
            .map(str::to_owned)
    }
}
