//! The navigation, the lock and the language choice, beside every screen.

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

/// A screen of the navigation.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    Inbox,
    Persons,
    Homes,
    MonthlyReports,
    Concerns,
    Notices,
    Search,
    Requests,
    Retention,
    Settings,
}

impl Link {
    /// The entry of the top row that leads to the screen: the screen itself, or the
    /// group whose tabs hold it (Anmälningar, Dataskydd), or the profile (settings).
    fn top(self) -> &'static str {
        match self {
            Link::Inbox => "nav-inbox",
            Link::Persons => "nav-persons",
            Link::Homes | Link::MonthlyReports => "nav-homes",
            Link::Concerns | Link::Notices => "nav-reports",
            Link::Requests | Link::Retention => "nav-privacy",
            Link::Settings => "whoami",
            Link::Search => "quickfind",
        }
    }

    /// The tab under the group, for a screen of a group.
    fn sub(self) -> Option<&'static str> {
        match self {
            Link::MonthlyReports => Some("nav-monthly-reports"),
            Link::Concerns => Some("nav-concerns"),
            Link::Notices => Some("nav-notices"),
            Link::Requests => Some("nav-requests"),
            Link::Retention => Some("nav-retention"),
            _ => None,
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
        if let Link::Search = link {
            // The journal search opens from quick find: "Sök … i alla journaler".
            self.s.type_in("quickfind", "a");
            self.s.click_on("quickfind-all");
            return;
        }
        self.s.click_on(link.top());
        if let Some(sub) = link.sub() {
            self.s.click_on(sub);
        }
    }

    pub fn inbox(&self) {
        self.open(Link::Inbox);
    }

    pub fn persons(&self) {
        self.open(Link::Persons);
    }

    pub fn homes(&self) {
        self.open(Link::Homes);
    }

    pub fn monthly_reports(&self) {
        self.open(Link::MonthlyReports);
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
        !self.s.find_all(&css(link.top())).is_empty()
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

    /// Waits until the header says who is signed in.
    pub fn wait_signed_in(&self, name: &str) {
        self.s.wait_in("whoami", name);
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
