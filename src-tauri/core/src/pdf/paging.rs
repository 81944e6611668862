//! How a document's pages are put out: kept whole for a short document, or counted and
//! then written in volumes for a long one ([`write_long`]), with "Sida N av M" in every
//! footer.

use printpdf::{Mm, Op, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};

use super::{volumes, Doc, MARGIN, PAGE_H, PAGE_W, SMALL_PT};
use crate::error::{Error, Result};

/// Pages per volume of a long document: how many it holds in memory at once.
pub const VOLUME_PAGES: usize = 250;

/// What becomes of the pages as they fill.
pub(super) enum Out<'w> {
    /// Kept until [`Doc::finish`]: a short document, its page count known at the end.
    Whole,
    /// Only counted: the first pass of a long document ([`write_long`]).
    Count,
    /// Written out in volumes as they fill, "Sida N av M" from the first pass.
    Volumes {
        total: usize,
        per_volume: usize,
        to: volumes::Volumes<&'w mut dyn std::io::Write>,
        /// The first write that failed: nothing more is written, `finish` reports it.
        failed: Option<std::io::Error>,
    },
}

impl Doc<'_> {
    /// Finishes the document: footers on every page, and the bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let total = self.page_count();
        let mut d = self;
        let pages = std::mem::take(&mut d.pages);
        // Writing to memory fails only if the document cannot be made at all.
        let written = volumes::Volumes::new(&mut bytes).and_then(|mut to| {
            let mut first = 0;
            let mut pages = pages.into_iter().peekable();
            while pages.peek().is_some() {
                let part: Vec<Vec<Op>> = pages.by_ref().take(VOLUME_PAGES).collect();
                let n = part.len();
                to.volume(d.volume(first, total, part))?;
                first += n;
            }
            to.finish().map(|_| ())
        });
        if let Err(e) = written {
            tracing::error!(error = %e, "pdf: the document could not be written");
        }
        bytes
    }
}

/// Lays out a document that may be long in two passes — the first only counts its
/// pages, the second writes them to `w` in volumes of `per_volume` pages with "Sida N
/// av M" — so that memory holds one volume however long the document. `start` makes
/// the document as [`Doc::new`] or [`Doc::blank`] would; `lay_out` writes its content
/// and must lay out the same both times. Returns the number of pages.
pub fn write_long<'w>(
    start: impl Fn() -> Result<Doc<'w>>,
    lay_out: impl Fn(&mut Doc<'w>),
    per_volume: usize,
    w: &'w mut dyn std::io::Write,
) -> Result<usize> {
    let mut count = start()?;
    count.out = Out::Count;
    lay_out(&mut count);
    let total = count.page_count();
    drop(count);
    let mut d = start()?;
    d.out = Out::Volumes {
        total,
        per_volume: per_volume.max(1),
        to: volumes::Volumes::new(w)?,
        failed: None,
    };
    lay_out(&mut d);
    let pages = std::mem::take(&mut d.pages);
    let first = d.before;
    let volume = d.volume(first, total, pages);
    let Out::Volumes { mut to, failed, .. } = d.out else {
        return Err(Error::Internal("pdf: not written in volumes".into()));
    };
    if let Some(e) = failed {
        return Err(e.into());
    }
    to.volume(volume)?;
    if to.pages() != total {
        return Err(Error::Internal(format!(
            "pdf: laid out {} pages, counted {total}",
            to.pages()
        )));
    }
    to.finish()?;
    Ok(total)
}

impl Doc<'_> {
    /// Starts a new page; the full ones are counted or written out as the document
    /// goes.
    pub(super) fn next_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
        let full = self.pages.len() - 1;
        let total = match self.out {
            Out::Whole => return,
            Out::Count => {
                self.pages.drain(..full);
                self.before += full;
                return;
            }
            Out::Volumes {
                total,
                per_volume,
                failed: None,
                ..
            } if full >= per_volume => total,
            Out::Volumes { .. } => return,
        };
        let pages: Vec<Vec<Op>> = self.pages.drain(..full).collect();
        let first = self.before;
        self.before += full;
        let volume = self.volume(first, total, pages);
        if let Out::Volumes { to, failed, .. } = &mut self.out {
            if let Err(e) = to.volume(volume) {
                *failed = Some(e);
            }
        }
    }

    /// How many pages the document has so far.
    pub fn page_count(&self) -> usize {
        self.before + self.pages.len()
    }

    /// Pages `first + 1 ..` of `total`, with their footers, as printpdf makes them
    /// into a document (streams not yet compressed: [`volumes::Volumes`] does that).
    /// printpdf, built without its `text_layout` feature, embeds each font whole: the
    /// same program in every volume, which the file holds once.
    fn volume(&mut self, first: usize, total: usize, pages: Vec<Vec<Op>>) -> lopdf::Document {
        let regular = self.regular.id.clone();
        let pages: Vec<PdfPage> = pages
            .into_iter()
            .enumerate()
            .map(|(i, mut ops)| {
                let footer = format!(
                    "Sida {} av {}    Dokument-id {}    {}",
                    first + i + 1,
                    total,
                    self.doc_id,
                    self.date
                );
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(regular.clone()),
                    size: Pt(SMALL_PT),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Mm(MARGIN).into(),
                        y: Mm(MARGIN / 2.0).into(),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(footer)],
                });
                ops.push(Op::EndTextSection);
                PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)
            })
            .collect();
        let mut warnings = Vec::new();
        self.pdf.with_pages(pages);
        let doc = self
            .pdf
            .to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        self.pdf.pages.clear();
        doc
    }
}
