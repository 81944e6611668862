//! The support of an active home: the contacts tab (`contacts`) with its form, the
//! contact plan on the home's overview, and the monthly reports page with its editor.

use super::{css, Screen};
use crate::webdriver::Session;

pub struct Contacts<'a> {
    s: &'a Session,
}

/// A contact as the form takes it.
pub struct NewContact<'a> {
    pub kind: &'a str,
    pub date: &'a str,
    pub time: &'a str,
    pub minutes: &'a str,
    pub child: i64,
    pub participants: &'a [i64],
    pub themes: &'a [&'a str],
    pub text: &'a str,
}

/// Scrolls the element into the middle of the view and clicks it (a long form under the
/// sticky file header would otherwise have the header take the click).
fn click_centred(s: &Session, testid: &str) {
    s.element(testid);
    s.script(&format!(
        "document.querySelector('[data-testid={testid}]').scrollIntoView({{block: 'center'}});"
    ));
    s.click_on(testid);
}

impl<'a> Contacts<'a> {
    pub fn on(s: &'a Session) -> Self {
        Contacts { s }
    }

    /// Waits until the list has loaded (contacts, or the line saying there are none).
    pub fn wait_loaded(&self) {
        self.s.wait_for("the contacts listed", || {
            (self.s.count(&format!(
                "{}, {}",
                css("contacts-list"),
                css("contacts-empty")
            )) > 0)
                .then_some(())
        });
    }

    /// "Ny kontakt", filled in and saved (a draft).
    pub fn record(&self, c: &NewContact) {
        self.s.click_on("contact-new");
        self.s.element("contact-form");
        self.s
            .choose("contact-kind", &format!("option[value={}]", c.kind));
        self.s.set_value("contact-date", c.date);
        self.s.type_in("contact-time", c.time);
        self.s.type_in("contact-minutes", c.minutes);
        self.s
            .choose("contact-child", &format!("option[value=\"{}\"]", c.child));
        for p in c.participants {
            click_centred(self.s, &format!("contact-participant-{p}"));
        }
        for t in c.themes {
            click_centred(self.s, &format!("contact-theme-{t}"));
        }
        self.s.type_in("contact-text", c.text);
        click_centred(self.s, "contact-save");
    }

    /// The ids of the drafts listed now, waiting until there is one.
    pub fn wait_draft(&self) -> i64 {
        self.s.wait_for("a draft contact listed", || {
            let ids = self.s.script(
                "return [...document.querySelectorAll('[data-testid^=contact-sign-]')]\
                 .map(e => e.dataset.testid).filter(t => /^contact-sign-\\d+$/.test(t))\
                 .map(t => Number(t.slice(13)));",
            );
            ids.as_array()
                .and_then(|a| a.first())
                .and_then(|v| v.as_i64())
        })
    }

    /// Signs the draft after being asked, and waits until it is listed as signed.
    pub fn sign(&self, id: i64) {
        click_centred(self.s, &format!("contact-sign-{id}"));
        self.s.click_on("contact-sign-confirm-yes");
        self.s.element(&format!("contact-signed-{id}"));
    }
}

pub struct PlanCard<'a> {
    s: &'a Session,
}

impl<'a> PlanCard<'a> {
    pub fn on(s: &'a Session) -> Self {
        PlanCard { s }
    }

    /// The text of the first line whose text holds `kind` (its Swedish words), once the
    /// card has loaded.
    pub fn line(&self, kind: &str) -> String {
        self.s.element("plan-lines");
        self.s
            .find_all("[data-testid^=plan-line-]")
            .iter()
            .map(|e| self.s.text(e))
            .find(|t| t.contains(kind))
            .unwrap_or_else(|| panic!("no plan line for {kind}"))
    }
}

pub struct Reports<'a> {
    s: &'a Session,
}

impl<'a> Reports<'a> {
    pub fn on(s: &'a Session) -> Self {
        Reports { s }
    }

    /// Shows month `yyyy_mm` and drafts its reports for every placement.
    pub fn draft_all(&self, yyyy_mm: &str) {
        self.s.element("reports-page");
        self.s
            .choose("reports-month", &format!("option[value=\"{yyyy_mm}\"]"));
        self.s.click_on("reports-draft-all");
        self.s.element("reports-flash");
    }

    /// Opens the report of the row that names `child` (as the list writes it: "Family,
    /// Given") and gives its id.
    pub fn open(&self, child: &str) -> i64 {
        let id = self.s.wait_for("the report listed", || {
            self.s
                .find_all("[data-testid^=report-row-]")
                .iter()
                .find(|e| self.s.text(e).contains(child))
                .and_then(|e| self.s.attribute(e, "data-testid"))
                .and_then(|t| t["report-row-".len()..].parse::<i64>().ok())
        });
        self.s.click_on(&format!("report-open-{id}"));
        self.s.element("report-editor");
        id
    }

    /// Writes the three sections and saves the draft.
    pub fn write(&self, situation: &str, support: &str, next: &str) {
        self.s.type_in("report-child-situation", situation);
        self.s.type_in("report-home-support", support);
        self.s.type_in("report-next-steps", next);
        click_centred(self.s, "report-save");
        self.s.element("report-flash");
    }

    /// Signs after being asked, and waits until it says who signed.
    pub fn sign(&self) {
        click_centred(self.s, "report-sign");
        self.s.click_on("report-sign-confirm-yes");
        self.s.element("report-signed");
    }

    /// "Spara som PDF …" (the warning and the save dialog follow).
    pub fn save_pdf(&self) {
        click_centred(self.s, "report-pdf");
    }

    pub fn facts(&self) -> String {
        self.s.text_of("report-facts")
    }
}
