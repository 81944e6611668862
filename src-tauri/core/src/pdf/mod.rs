//! Swedish A4 documents with printpdf: an embedded font that has å ä ö (DejaVu Sans on
//! Linux, Arial on macOS, Arial, Segoe UI or Calibri on Windows, or `AKTA_PDF_FONT`),
//! headings, wrapped text, label/value rows, and on every page "Sida N av M", the
//! document id and the date.
//! Used for concern reports and register extracts (whose first page is a letter).

mod font;
mod paging;
pub(crate) mod sent;
mod volumes;

use std::path::PathBuf;

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, Point, Pt, Rgb, TextItem,
};

use crate::error::Result;
pub use font::FONT_ENV;
use font::{load_font, Face, BOLD_CANDIDATES, REGULAR_CANDIDATES};
use paging::Out;
pub use paging::{write_long, VOLUME_PAGES};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const BODY_PT: f32 = 10.5;
const HEADING_PT: f32 = 13.0;
const TITLE_PT: f32 = 17.0;
const SMALL_PT: f32 = 8.0;
const LINE_MM: f32 = 5.0;
const PT_TO_MM: f32 = 25.4 / 72.0;

/// Saves the PDF `make` makes at `path`, the place the user chose: a new file only,
/// owner-only (see [`crate::files::save_chosen`]). The place is checked before `make`
/// runs (a future does nothing until awaited), so a refused place makes, records and
/// audits nothing.
pub async fn save_chosen(
    path: &std::path::Path,
    make: impl std::future::Future<Output = Result<Vec<u8>>>,
) -> Result<()> {
    crate::files::check_chosen(&[path])?;
    let bytes = make.await?;
    crate::files::save_chosen(&[(path, &bytes)])
}

/// A document being written, top to bottom.
pub struct Doc<'w> {
    pdf: PdfDocument,
    regular: Face,
    bold: Face,
    /// The pages not yet written out (or counted); the last is the one being written.
    pages: Vec<Vec<Op>>,
    /// How many pages came before `pages`.
    before: usize,
    out: Out<'w>,
    /// Distance from the top of the current page, in mm.
    y: f32,
    doc_id: String,
    date: String,
}

impl<'w> Doc<'w> {
    /// A new document whose first page starts with `title`; `doc_id` and `date` go in
    /// every page's footer.
    pub fn new(title: &str, doc_id: &str, date: &str) -> Result<Doc<'w>> {
        let mut doc = Doc::blank(title, doc_id, date)?;
        doc.title(title);
        Ok(doc)
    }

    /// A new document with nothing on its first page yet (a letter starts with its
    /// letterhead); `title` is the PDF's title, `doc_id` and `date` go in every footer.
    pub fn blank(title: &str, doc_id: &str, date: &str) -> Result<Doc<'w>> {
        let env = std::env::var_os(FONT_ENV).map(PathBuf::from);
        let regular_font = load_font(REGULAR_CANDIDATES, env.clone())?;
        let bold_font =
            load_font(BOLD_CANDIDATES, None).or_else(|_| load_font(REGULAR_CANDIDATES, env))?;
        let mut pdf = PdfDocument::new(title);
        let regular = Face {
            id: pdf.add_font(&regular_font),
            font: regular_font,
        };
        let bold = Face {
            id: pdf.add_font(&bold_font),
            font: bold_font,
        };
        Ok(Doc {
            pdf,
            regular,
            bold,
            pages: vec![Vec::new()],
            before: 0,
            out: Out::Whole,
            y: MARGIN,
            doc_id: doc_id.into(),
            date: date.into(),
        })
    }
}

impl Doc<'_> {
    /// A title in large bold type (wrapped if long).
    pub fn title(&mut self, text: &str) {
        for line in self.wrap(text, TITLE_PT, true, PAGE_W - 2.0 * MARGIN) {
            self.text_line(&line, TITLE_PT, true, MARGIN);
        }
        self.y += 3.0;
    }

    /// Lines of text with no space after them (a letterhead, an address); `bold` for
    /// the first line only.
    pub fn lines(&mut self, text: &str, bold_first: bool) {
        let width = PAGE_W - 2.0 * MARGIN;
        for (i, line) in self.wrap(text, BODY_PT, false, width).iter().enumerate() {
            self.text_line(line, BODY_PT, bold_first && i == 0, MARGIN);
        }
    }

    /// Vertical space, in mm.
    pub fn space(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Starts a new page (unless the current one is still empty).
    pub fn page_break(&mut self) {
        if self.pages.last().is_some_and(|p| !p.is_empty()) {
            self.next_page();
        }
    }
    /// A paragraph whose first line starts at the margin and whose following lines are
    /// indented (a list item, a line of a log that wraps).
    pub fn hanging(&mut self, text: &str, indent_mm: f32) {
        let width = PAGE_W - 2.0 * MARGIN;
        let first = self.wrap(text, BODY_PT, false, width);
        let Some(head) = first.first().cloned() else {
            return;
        };
        self.text_line(&head, BODY_PT, false, MARGIN);
        let rest: String = first[1..].join(" ");
        if !rest.is_empty() {
            for line in self.wrap(&rest, BODY_PT, false, width - indent_mm) {
                self.text_line(&line, BODY_PT, false, MARGIN + indent_mm);
            }
        }
        self.y += 1.0;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn ensure_room(&mut self, mm: f32) {
        if self.y + mm > PAGE_H - MARGIN - 8.0 {
            self.next_page();
        }
    }

    fn text_line(&mut self, text: &str, size: f32, bold: bool, x: f32) {
        let line_mm = (size * PT_TO_MM * 1.35).max(LINE_MM);
        self.ensure_room(line_mm);
        self.y += line_mm;
        let font = if bold {
            self.bold.id.clone()
        } else {
            self.regular.id.clone()
        };
        let baseline = PAGE_H - self.y;
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(size),
        });
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Mm(x).into(),
                y: Mm(baseline).into(),
            },
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        });
        ops.push(Op::EndTextSection);
    }

    /// Splits text into lines no wider than `width` mm (words kept whole where they fit).
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = if bold { &self.bold } else { &self.regular };
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if face.width_mm(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line is broken by characters.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if face.width_mm(&piece, size) > width {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.y += 3.0;
        self.ensure_room(14.0);
        self.text_line(text, HEADING_PT, true, MARGIN);
        let y = PAGE_H - self.y - 1.5;
        self.hline(y);
        self.y += 2.0;
    }

    /// A horizontal rule across the text width, `y` mm from the page's bottom.
    fn hline(&mut self, y: f32) {
        self.ops().push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb {
                r: 0.12,
                g: 0.3,
                b: 0.37,
                icc_profile: None,
            }),
        });
        self.ops().push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Mm(MARGIN).into(),
                            y: Mm(y).into(),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Mm(PAGE_W - MARGIN).into(),
                            y: Mm(y).into(),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// Wrapped body text (newlines kept).
    pub fn paragraph(&mut self, text: &str) {
        for line in self.wrap(text, BODY_PT, false, PAGE_W - 2.0 * MARGIN) {
            self.text_line(&line, BODY_PT, false, MARGIN);
        }
        self.y += 1.5;
    }

    /// A label and its value, the value wrapped in the right column.
    pub fn field(&mut self, label: &str, value: &str) {
        let label_w = 60.0;
        let lines = self.wrap(value, BODY_PT, false, PAGE_W - 2.0 * MARGIN - label_w);
        self.ensure_room(LINE_MM * lines.len().min(3) as f32);
        let top = self.y;
        self.text_line(label, BODY_PT, true, MARGIN);
        self.y = top;
        for line in lines {
            self.text_line(&line, BODY_PT, false, MARGIN + label_w);
        }
    }

    /// A table: a bold header row, then rows whose cells wrap within their column.
    /// `widths` are the columns' shares of the text width. The header is repeated on
    /// every page the table runs onto. The rows are taken one at a time: a long table
    /// need not be copied into cells first.
    pub fn table<R, C>(&mut self, headers: &[&str], widths: &[f32], rows: R)
    where
        R: IntoIterator,
        R::Item: AsRef<[C]>,
        C: AsRef<str>,
    {
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let cols: Vec<f32> = widths
            .iter()
            .map(|w| w / total * (PAGE_W - 2.0 * MARGIN))
            .collect();
        let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        self.table_row(&header, &cols, true);
        for row in rows {
            let wrapped: Vec<Vec<String>> = row
                .as_ref()
                .iter()
                .zip(&cols)
                .map(|(cell, w)| self.wrap(cell.as_ref(), SMALL_PT + 1.0, false, w - 2.0))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 * LINE_MM;
            if self.y + height > PAGE_H - MARGIN - 8.0 {
                self.next_page();
                self.table_row(&header, &cols, true);
            }
            self.cells(&wrapped, &cols, false);
        }
        self.y += 2.0;
    }

    fn table_row(&mut self, cells: &[String], cols: &[f32], bold: bool) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(cols)
            .map(|(cell, w)| self.wrap(cell, SMALL_PT + 1.0, bold, w - 2.0))
            .collect();
        self.cells(&wrapped, cols, bold);
    }

    fn cells(&mut self, wrapped: &[Vec<String>], cols: &[f32], bold: bool) {
        let top = self.y;
        let mut bottom = top;
        let mut x = MARGIN;
        for (lines, w) in wrapped.iter().zip(cols) {
            self.y = top;
            for line in lines {
                self.text_line(line, SMALL_PT + 1.0, bold, x);
            }
            bottom = bottom.max(self.y);
            x += w;
        }
        self.y = bottom + 1.0;
        let y = PAGE_H - self.y;
        self.hline(y);
        self.y += 0.5;
    }
}

#[cfg(test)]
mod tests;
