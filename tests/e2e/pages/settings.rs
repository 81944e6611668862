//! Settings: seen by everyone, changed by the data-protection role only.

use crate::webdriver::Session;

pub struct Settings<'a> {
    s: &'a Session,
}

impl<'a> Settings<'a> {
    pub fn on(s: &'a Session) -> Self {
        Settings { s }
    }

    /// Whether any form offers to save now (no wait).
    pub fn can_save(&self) -> bool {
        !self.s.find_all("form button[type=submit]").is_empty()
    }
}
