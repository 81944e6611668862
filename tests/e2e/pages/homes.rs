//! The bank of foster homes and the form for a new home.

use super::Screen;
use crate::webdriver::Session;

pub struct Homes<'a> {
    s: &'a Session,
}

impl<'a> Homes<'a> {
    pub fn on(s: &'a Session) -> Self {
        Homes { s }
    }

    /// "Nytt familjehem".
    pub fn add(&self) {
        self.s.click_on("add-home");
    }

    /// Opens the home whose row is `name` (the list must show it).
    pub fn open(&self, name: &str) {
        let row = self
            .s
            .find_all("[data-testid=home-row]")
            .into_iter()
            .find(|r| self.s.text(r) == name)
            .expect("demo home");
        self.s.click(&row);
    }

    pub fn open_first(&self) {
        self.s.click_on("home-row");
    }
}

/// A new home: its fields are named as the home's (`name`, `postal_code`).
pub struct HomeForm<'a> {
    s: &'a Session,
}

impl<'a> HomeForm<'a> {
    /// The postal code field (an element id).
    pub const POSTAL_CODE: &'static str = "hf-postal";

    pub fn on(s: &'a Session) -> Self {
        HomeForm { s }
    }

    pub fn fill(&self, field: &str, text: &str) {
        self.s.type_in(&format!("hf-{field}"), text);
    }

    pub fn choose_first_municipality(&self) {
        self.s.choose("hf-municipality", "option:nth-child(2)");
    }

    pub fn save(&self) {
        self.s.click_on("hf-save");
    }

    /// The message under `field`, once it shows.
    pub fn error(&self, field: &str) -> String {
        self.s.text_of(&format!("hf-{field}-error"))
    }
}
