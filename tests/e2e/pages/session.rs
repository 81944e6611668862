//! Before the work: creating a store, unlocking it, choosing who works.

use super::Screen;
use crate::support::PASS;
use crate::webdriver::Session;

/// The first start: no store yet, the app offers to create one.
pub struct CreateStore<'a> {
    s: &'a Session,
}

impl<'a> CreateStore<'a> {
    /// Where focus starts (an element id).
    pub const HEADING: &'static str = "create-title";

    pub fn on(s: &'a Session) -> Self {
        CreateStore { s }
    }

    /// Types the passphrase and its repetition and asks for the store.
    pub fn create(&self, passphrase: &str, repeat: &str) {
        self.s.type_in("create-passphrase", passphrase);
        self.s.type_in("create-repeat", repeat);
        self.s.click_on("create-submit");
    }
}

/// The unlock screen of an existing (or locked) store.
pub struct Unlock<'a> {
    s: &'a Session,
}

impl<'a> Unlock<'a> {
    /// Where focus starts (an element id).
    pub const HEADING: &'static str = "unlock-title";
    /// The passphrase field (an element id).
    pub const PASSPHRASE: &'static str = "unlock-pass";

    pub fn on(s: &'a Session) -> Self {
        Unlock { s }
    }

    pub fn unlock_with(&self, passphrase: &str) {
        self.s.type_in("unlock-passphrase", passphrase);
        self.s.click_on("unlock-submit");
    }

    /// The message under the passphrase field, once it shows.
    pub fn error(&self) -> String {
        self.s.text_of("unlock-passphrase-error")
    }

    /// Unlocks a store of `cli::store_with_demo_and_dpo` (two profiles) and chooses
    /// the profile `name`.
    pub fn unlock_as(&self, name: &str) {
        self.unlock_with(PASS);
        self.s.wait_text("Dana Dataskydd");
        Profile::on(self.s).choose(name);
        super::nav::Nav::on(self.s).wait_signed_in(name);
    }
}

/// "Vem arbetar?": choosing a profile, or creating the first one.
pub struct Profile<'a> {
    s: &'a Session,
}

impl<'a> Profile<'a> {
    /// Where focus starts (an element id).
    pub const HEADING: &'static str = "profile-heading";
    /// The new profile's name field (an element id).
    pub const NAME: &'static str = "profile-name";

    pub fn on(s: &'a Session) -> Self {
        Profile { s }
    }

    /// The message under the name field, once it shows.
    pub fn name_error(&self) -> String {
        self.s.text_of("profile-name-error")
    }

    /// Fills in a new profile: its name and its role (`handlaggare`,
    /// `dataskyddsansvarig`).
    pub fn fill_new(&self, name: &str, role: &str) {
        self.s.type_in("profile-name", name);
        self.s.click_on(&format!("role-{role}"));
    }

    /// Whether the form offers the role `role` now (no wait).
    pub fn offers_role(&self, role: &str) -> bool {
        self.s
            .try_find(&format!("[data-testid=role-{role}]"))
            .is_some()
    }

    pub fn create(&self) {
        self.s.click_on("profile-create");
    }

    /// Pastes the agency's recovery identity (AGE-SECRET-KEY-1…).
    pub fn give_identity(&self, identity: &str) {
        self.s.type_in("profile-recovery-identity", identity);
    }

    /// The message under the recovery identity field, once it shows.
    pub fn identity_error(&self) -> String {
        self.s.text_of("profile-recovery-identity-error")
    }

    /// The names of the profiles offered now.
    pub fn names(&self) -> Vec<String> {
        self.s
            .find_all("[data-testid=choose-user]")
            .iter()
            .map(|b| self.s.text(b))
            .collect()
    }

    /// Chooses the profile whose button names `name`.
    pub fn choose(&self, name: &str) {
        let profile = self
            .s
            .find_all("[data-testid=choose-user]")
            .into_iter()
            .find(|b| self.s.text(b).contains(name))
            .unwrap();
        self.s.click(&profile);
    }
}
