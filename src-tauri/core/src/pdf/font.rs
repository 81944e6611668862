//! The fonts a PDF is set in: a TrueType font with å ä ö found where the system keeps
//! it (or named by `AKTA_PDF_FONT`), and the width of a text in it.

use std::path::PathBuf;

use printpdf::{FontId, ParsedFont};

use super::PT_TO_MM;
use crate::error::{Error, Result};

/// The environment variable naming a TrueType font to use instead of the system's.
pub const FONT_ENV: &str = "AKTA_PDF_FONT";

/// The fonts tried, in order: DejaVu Sans where the distributions put it (Linux).
#[cfg(not(any(windows, target_os = "macos")))]
pub(super) const REGULAR_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];
#[cfg(not(any(windows, target_os = "macos")))]
pub(super) const BOLD_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
];
/// macOS: Arial, which every macOS has.
#[cfg(target_os = "macos")]
pub(super) const REGULAR_CANDIDATES: &[&str] = &[
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
];
#[cfg(target_os = "macos")]
pub(super) const BOLD_CANDIDATES: &[&str] = &[
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
];
/// Windows: Arial, else Segoe UI, else Calibri (each in every Windows 10 and 11), in the
/// Fonts folder of the Windows folder (`%SystemRoot%`, which need not be on C:).
#[cfg(windows)]
pub(super) const REGULAR_CANDIDATES: &[&str] = &["arial.ttf", "segoeui.ttf", "calibri.ttf"];
#[cfg(windows)]
pub(super) const BOLD_CANDIDATES: &[&str] = &["arialbd.ttf", "segoeuib.ttf", "calibrib.ttf"];

/// Where a candidate lies: on Windows in `%SystemRoot%\Fonts` (else `C:\Windows\Fonts`),
/// elsewhere the path as written.
fn candidate_path(name: &str) -> PathBuf {
    if cfg!(windows) {
        let windows = std::env::var_os("SystemRoot")
            .filter(|r| !r.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("C:\\Windows"));
        windows.join("Fonts").join(name)
    } else {
        PathBuf::from(name)
    }
}

pub(super) fn load_font(candidates: &[&str], env: Option<PathBuf>) -> Result<ParsedFont> {
    let paths: Vec<PathBuf> = env
        .into_iter()
        .chain(candidates.iter().copied().map(candidate_path))
        .collect();
    for p in paths {
        if let Ok(bytes) = std::fs::read(&p) {
            let mut warnings = Vec::new();
            if let Some(font) = ParsedFont::from_bytes(&bytes, 0, &mut warnings) {
                if font.lookup_glyph_index('å' as u32).is_some() {
                    return Ok(font);
                }
            }
        }
    }
    Err(Error::Internal(
        "no usable font for PDFs (a TrueType font with å ä ö: DejaVu Sans on Linux, Arial on Windows and macOS; or set AKTA_PDF_FONT to a .ttf)"
            .into(),
    ))
}

pub(super) struct Face {
    pub(super) id: FontId,
    pub(super) font: ParsedFont,
}

impl Face {
    /// Width of `text` at `size_pt`, in mm.
    pub(super) fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        let upem = f32::from(self.font.units_per_em.max(1));
        let units: f32 = text
            .chars()
            .map(|c| {
                self.font
                    .lookup_glyph_index(c as u32)
                    .and_then(|g| self.font.get_glyph_width(g))
                    .map(f32::from)
                    .unwrap_or(upem * 0.5)
            })
            .sum();
        units / upem * size_pt * PT_TO_MM
    }
}
