//! The review of the free text before a register extract: passages to withhold by hand,
//! candidates (other people, numbers) the app found, and the confirmation.

use super::Screen;
use crate::webdriver::Session;

const CANDIDATE: &str = "[data-testid=candidate]";

pub struct Review<'a> {
    s: &'a Session,
}

impl<'a> Review<'a> {
    pub fn on(s: &'a Session) -> Self {
        Review { s }
    }

    /// "Granska fritexten".
    pub fn open(&self) {
        self.s.click_on("review");
    }

    /// The review's status line, once it shows.
    pub fn status(&self) -> String {
        self.s.text_of("review-status")
    }

    /// Each passage as the extract will read it (now, no wait).
    pub fn previews(&self) -> Vec<String> {
        self.s
            .find_all("[data-testid=passage-preview]")
            .iter()
            .map(|p| self.s.text(p))
            .collect()
    }

    /// The first passage as the extract will read it, once it shows.
    pub fn first_preview(&self) -> String {
        self.s.text_of("passage-preview")
    }

    /// Selects characters `from..to` of the first passage, as a mouse would.
    pub fn select_in_first_passage(&self, from: usize, to: usize) {
        // The passage is running text (pieces with `data-text`): select as a mouse does,
        // counting characters (code points) across the pieces.
        self.s.script(&format!(
            "const from = {from}, to = {to}; \
             const root = document.querySelector('[data-testid=passage-text]'); \
             const texts = [...root.querySelectorAll('[data-text]')].flatMap(e => [...e.childNodes].filter(n => n.nodeType === 3)); \
             const at = (k) => {{ for (const t of texts) {{ const cs = Array.from(t.data); if (k <= cs.length) return [t, cs.slice(0, k).join('').length]; k -= cs.length; }} \
               const l = texts[texts.length - 1]; return [l, l.data.length]; }}; \
             const r = document.createRange(); r.setStart(...at(from)); r.setEnd(...at(to)); \
             const s = getSelection(); s.removeAllRanges(); s.addRange(r); \
             document.dispatchEvent(new Event('selectionchange'));"
        ));
    }

    /// Why the selection is withheld.
    pub fn give_reason(&self, reason: &str) {
        self.s.type_in("mark-reason", reason);
    }

    /// Withholds what is selected.
    pub fn withhold_selection(&self) {
        self.s.click_on("withhold");
    }

    /// How many candidates are left to review now.
    pub fn candidate_count(&self) -> usize {
        self.s.count(CANDIDATE)
    }

    /// Waits until exactly `n` candidates are left.
    pub fn wait_candidate_count(&self, n: usize) {
        self.s.wait_for(&format!("{n} candidates"), || {
            (self.candidate_count() == n).then_some(())
        });
    }

    pub fn withhold_first_candidate(&self) {
        self.s.click_on("withhold-candidate");
    }

    /// Confirms the review (the candidates left are released).
    pub fn confirm(&self) {
        self.s.click_on("confirm-review");
    }

    /// The ids of the documents about the person the review lists, in its order.
    pub fn document_ids(&self) -> Vec<String> {
        self.s
            .find_all("[data-testid=extract-document]")
            .iter()
            .filter_map(|e| self.s.attribute(e, "data-document-id"))
            .collect()
    }

    /// Decides on document `id`: a copy included, or withheld with `reason`; waits until
    /// the decision shows.
    pub fn decide_document(&self, id: &str, withhold: Option<&str>) {
        let at = |t: &str| {
            format!("[data-testid=extract-document][data-document-id=\"{id}\"] [data-testid={t}]")
        };
        match withhold {
            None => self.s.click(&self.s.find(&at("document-include"))),
            Some(reason) => {
                self.s.click(&self.s.find(&at("document-withhold")));
                self.s
                    .type_into(&self.s.find(&at("document-reason")), reason);
            }
        }
        self.s.click(&self.s.find(&at("document-decide")));
        let shows = if withhold.is_some() {
            "Lämnas inte ut"
        } else {
            "En kopia lämnas ut"
        };
        self.s
            .wait_for(&format!("the decision on document {id}"), || {
                let decision = self.s.try_find(&at("document-decision"))?;
                self.s.text(&decision).contains(shows).then_some(())
            });
    }
}
