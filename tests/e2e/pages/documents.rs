//! A file's documents (tab `documents`): the list, the form that adds the files the
//! open dialog gave (answered by `AKTA_E2E_OPEN_FILES` in the test build) or that were
//! dropped on the window (`AKTA_E2E_DROP_FILES`, dropped by [`Documents::drop_files`]),
//! and one document in the viewer.

use serde_json::Value;

use super::{css, Screen};
use crate::webdriver::Session;

pub struct Documents<'a> {
    s: &'a Session,
}

impl<'a> Documents<'a> {
    pub fn on(s: &'a Session) -> Self {
        Documents { s }
    }

    /// Waits until the list says the file has no documents.
    pub fn wait_empty(&self) {
        self.s.element("doc-empty");
    }

    /// Waits until the list has loaded (documents, or the line saying there are none).
    pub fn wait_loaded(&self) {
        self.s.wait_for("the documents listed", || {
            (self
                .s
                .count(&format!("{}, {}", css("doc-list"), css("doc-empty")))
                > 0)
            .then_some(())
        });
    }

    /// "Lägg till dokument …": the open dialog, then the form for the files it gave.
    pub fn add_from_dialog(&self) {
        self.s.click_on("doc-add");
        self.s.element("doc-file");
    }

    /// Drops the files `AKTA_E2E_DROP_FILES` names on the window, through the test
    /// build's stand-in for the OS's drag-and-drop (WebDriver cannot drop a file):
    /// the app handles them as a real drop. Gives how many files were dropped.
    pub fn drop_files(&self) -> usize {
        let v = self
            .s
            .script("return window.__TAURI_INTERNALS__.invoke('e2e_drop_files')");
        v.as_array()
            .unwrap_or_else(|| panic!("the drop stand-in failed: {v}"))
            .len()
    }

    /// Waits until the file shows its documents: the tab `documents` chosen (a drop on
    /// another tab of the file chooses it).
    pub fn wait_tab_chosen(&self) {
        self.s.wait_for("the documents tab chosen", || {
            (self
                .s
                .attribute(&self.s.element("tab-documents"), "aria-selected")
                .as_deref()
                == Some("true"))
            .then_some(())
        });
    }

    /// The names of the files the add form describes, in its order, once it shows `n`.
    pub fn wait_file_names(&self, n: usize) -> Vec<String> {
        self.s.wait_for(&format!("{n} files in the add form"), || {
            let names: Vec<String> = self
                .s
                .find_all(&css("doc-file-name"))
                .iter()
                .map(|e| self.s.text(e))
                .collect();
            (names.len() == n).then_some(names)
        })
    }

    /// The name of the (first) file the form describes, as it shows.
    pub fn file_name(&self) -> String {
        self.s.text_of("doc-file-name")
    }

    /// The title field of the (first) file, as it is now.
    pub fn title(&self) -> String {
        self.s
            .script(&format!(
                "return document.querySelector('{}').value",
                css("doc-title")
            ))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Describes the (first) file: its title and its type (a type's code, `avtal`).
    pub fn describe(&self, title: &str, doc_type: &str) {
        self.s.type_in("doc-title", title);
        self.s
            .choose("doc-type", &format!("option[value={doc_type}]"));
    }

    /// "Lägg till" for the (first) file; it is added when Akta offers to remove the
    /// original.
    pub fn add(&self) {
        self.s.click_on("doc-save");
        self.s.element("doc-remove-original");
    }

    /// Answers the offer to remove the original file: `false` keeps it.
    pub fn answer_remove_original(&self, remove: bool) {
        let answer = if remove { "yes" } else { "no" };
        self.s.click_on(&format!("doc-remove-original-{answer}"));
    }

    /// Waits until every file is added or put aside: the form is gone and "Lägg till
    /// dokument …" is offered again.
    pub fn wait_form_closed(&self) {
        self.s.wait_for("the add form closed", || {
            (self.s.count(&css("doc-add-form")) == 0 && self.s.count(&css("doc-add")) == 1)
                .then_some(())
        });
    }

    /// The titles in the list, in its order, once it shows `title`.
    pub fn wait_titles_with(&self, title: &str) -> Vec<String> {
        self.s.wait_in("doc-list", title);
        self.s
            .find_all(&css("doc-open"))
            .iter()
            .map(|e| self.s.text(e))
            .collect()
    }

    /// Opens the document titled `title` in the viewer.
    pub fn open(&self, title: &str) {
        let js = format!(
            "const b = [...document.querySelectorAll('[data-testid=doc-open]')] \
               .find(b => b.textContent.trim() === {}); if (b) b.click(); return !!b;",
            serde_json::to_string(title).unwrap_or_default()
        );
        self.s.wait_for(&format!("the document {title}"), || {
            (self.s.script(&js) == Value::Bool(true)).then_some(())
        });
        self.s.wait_is("doc-view-title", title);
    }

    /// Waits until the viewer has drawn a PDF's first page and gives the drawing's size
    /// in CSS pixels.
    pub fn wait_first_page(&self) -> (u64, u64) {
        let js = format!(
            "const c = document.querySelector('{}'); \
             if (!c || c.dataset.rendered !== '1') return null; \
             const r = c.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)];",
            css("doc-pdf-canvas")
        );
        self.s.wait_for("the PDF's first page drawn", || {
            let v = self.s.script(&js);
            let size = v.as_array()?;
            Some((size.first()?.as_u64()?, size.get(1)?.as_u64()?))
        })
    }

    /// Waits until the viewer shows an image and gives its natural size in pixels (both
    /// non-zero once the browser has decoded it).
    pub fn wait_image(&self) -> (u64, u64) {
        let js = format!(
            "const i = document.querySelector('{}'); \
             if (!i || !i.complete || i.naturalWidth === 0) return null; \
             return [i.naturalWidth, i.naturalHeight];",
            css("doc-image")
        );
        self.s.wait_for("the image decoded", || {
            let v = self.s.script(&js);
            let size = v.as_array()?;
            Some((size.first()?.as_u64()?, size.get(1)?.as_u64()?))
        })
    }

    /// The text the viewer shows for a text document, once it shows.
    pub fn text_shown(&self) -> String {
        self.s.text_of("doc-text")
    }

    /// Back from the viewer to the list.
    pub fn back(&self) {
        self.s.click_on("doc-back");
        self.s.element("doc-list");
    }

    /// Whether the drawn page has ink on it (not one flat colour).
    pub fn page_has_ink(&self) -> bool {
        let js = format!(
            "const c = document.querySelector('{}'); const d = c.getContext('2d') \
               .getImageData(0, 0, c.width, c.height).data; \
             for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) return true; \
             return false;",
            css("doc-pdf-canvas")
        );
        self.s.script(&js) == Value::Bool(true)
    }

    /// "Spara en kopia …" (then the warning and the save dialog: `choose_save_place`).
    pub fn save_copy(&self) {
        self.s.click_on("doc-save-copy");
    }

    /// "Ta bort dokumentet", asked first: the question, then yes.
    pub fn delete(&self) {
        self.s.click_on("doc-delete");
        self.s.click_on("doc-delete-confirm-yes");
    }
}
