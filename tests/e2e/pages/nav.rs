//! The navigation, the lock and the language choice, beside every screen.

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

/// A screen of the navigation.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    Dashboard,
    Persons,
    Homes,
    Concerns,
    Notices,
    Search,
    Requests,
    Retention,
    Settings,
}

impl Link {
    fn testid(self) -> &'static str {
        match self {
            Link::Dashboard => "nav-dashboard",
            Link::Persons => "nav-persons",
            Link::Homes => "nav-homes",
            Link::Concerns => "nav-concerns",
            Link::Notices => "nav-notices",
            Link::Search => "nav-search",
            Link::Requests => "nav-requests",
            Link::Retention => "nav-retention",
            Link::Settings => "nav-settings",
        }
    }
}

pub struct Nav<'a> {
    s: &'a Session,
}

impl<'a> Nav<'a> {
    pub fn on(s: &'a Session) -> Self {
        Nav { s }
    }

    pub fn open(&self, link: Link) {
        self.s.click_on(link.testid());
    }

    pub fn dashboard(&self) {
        self.open(Link::Dashboard);
    }

    pub fn persons(&self) {
        self.open(Link::Persons);
    }

    pub fn homes(&self) {
        self.open(Link::Homes);
    }

    pub fn concerns(&self) {
        self.open(Link::Concerns);
    }

    pub fn notices(&self) {
        self.open(Link::Notices);
    }

    pub fn journal_search(&self) {
        self.open(Link::Search);
    }

    pub fn requests(&self) {
        self.open(Link::Requests);
    }

    pub fn retention(&self) {
        self.open(Link::Retention);
    }

    pub fn settings(&self) {
        self.open(Link::Settings);
    }

    /// Whether the navigation offers `link` now (no wait).
    pub fn offers(&self, link: Link) -> bool {
        !self.s.find_all(&css(link.testid())).is_empty()
    }

    /// Waits until the main area shows a screen (a heading in `main`).
    pub fn wait_screen_shown(&self, screen: &str) {
        self.s.wait_for(&format!("{screen} shown"), || {
            (self
                .s
                .script("return !!document.querySelector('main h1, main h2')")
                == Value::Bool(true))
            .then_some(())
        });
    }

    /// Locks the store: the screen goes back to unlock.
    pub fn lock(&self) {
        self.s.click_on("lock");
    }

    /// Chooses the language by its code (`sv`, `en`).
    pub fn choose_language(&self, code: &str) {
        self.s.choose("lang", &format!("option[value={code}]"));
    }
}
