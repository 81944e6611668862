//! What a file is, told from its bytes (never from its name): the kinds a personakt
//! takes, the ones the app shows itself, and the reasons others are refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// The largest document accepted, in bytes (100 MiB).
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;

/// How many bytes from the start, and from the end, the sniffing reads.
pub(super) const HEAD: usize = 8192;
pub(super) const TAIL: usize = 65_536;

/// The kinds of document Akta stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum MediaType {
    Pdf,
    Jpeg,
    Png,
    Webp,
    /// HEIC/HEIF photos (phones): stored and saved, not shown (the web view cannot).
    Heic,
    /// Word (Office Open XML): stored and saved, never opened by Akta.
    Docx,
    /// OpenDocument text: stored and saved, never opened by Akta.
    Odt,
    /// Plain text in UTF-8.
    Text,
}

impl MediaType {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
            MediaType::Heic => "image/heic",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
            MediaType::Text => "text/plain",
        }
    }

    /// The file name extension a saved copy gets.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Webp => "webp",
            MediaType::Heic => "heic",
            MediaType::Docx => "docx",
            MediaType::Odt => "odt",
            MediaType::Text => "txt",
        }
    }

    /// Whether the app shows it itself (PDF pages, images, text); the others are only
    /// saved as a copy on request.
    pub fn viewable(self) -> bool {
        matches!(
            self,
            MediaType::Pdf | MediaType::Jpeg | MediaType::Png | MediaType::Webp | MediaType::Text
        )
    }

    /// The stored name (as in the `media_type` column).
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpeg",
            MediaType::Png => "png",
            MediaType::Webp => "webp",
            MediaType::Heic => "heic",
            MediaType::Docx => "docx",
            MediaType::Odt => "odt",
            MediaType::Text => "text",
        }
    }
}

/// The field every refusal of a file's content names.
pub const FIELD: &str = "file";

/// Tells what `head` (the first bytes) and `tail` (the last bytes; the same as `head`
/// for a short file) are, for a file of `len` bytes. Refusals are `file` errors:
/// `required` (empty), `too_long` (over [`MAX_BYTES`]), `executable` (a program or
/// script), `file_type` (anything else Akta does not take).
pub fn sniff(head: &[u8], tail: &[u8], len: u64) -> Result<MediaType> {
    if len == 0 {
        return Err(Error::invalid(FIELD, Reason::Required));
    }
    if len > MAX_BYTES {
        return Err(Error::invalid(FIELD, Reason::TooLong));
    }
    if is_executable(head) {
        return Err(Error::invalid(FIELD, Reason::Executable));
    }
    let found = if head.starts_with(b"%PDF-") {
        Some(MediaType::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaType::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(MediaType::Png)
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(MediaType::Webp)
    } else if is_heic(head) {
        Some(MediaType::Heic)
    } else if head.starts_with(b"PK\x03\x04") {
        zip_kind(head, tail)
    } else if is_text(head) {
        Some(MediaType::Text)
    } else {
        None
    };
    found.ok_or_else(|| Error::invalid(FIELD, Reason::FileType))
}

/// Programs and scripts: Windows (MZ), Linux (ELF), macOS (Mach-O, universal), and
/// scripts with an interpreter line.
fn is_executable(head: &[u8]) -> bool {
    const MAGICS: &[&[u8]] = &[
        b"MZ",
        b"\x7fELF",
        &[0xFE, 0xED, 0xFA, 0xCE],
        &[0xFE, 0xED, 0xFA, 0xCF],
        &[0xCE, 0xFA, 0xED, 0xFE],
        &[0xCF, 0xFA, 0xED, 0xFE],
        &[0xCA, 0xFE, 0xBA, 0xBE],
        b"#!",
    ];
    MAGICS.iter().any(|m| head.starts_with(m))
}

fn is_heic(head: &[u8]) -> bool {
    if head.len() < 12 || &head[4..8] != b"ftyp" {
        return false;
    }
    matches!(
        &head[8..12],
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"mif1" | b"msf1" | b"heim" | b"heis"
    )
}

/// A ZIP is a DOCX when it holds `word/document.xml`, an ODT when its first entry is
/// the OpenDocument text `mimetype`; other ZIPs (spreadsheets, archives that may hold
/// anything) are refused. The central directory with the names is at the end.
fn zip_kind(head: &[u8], tail: &[u8]) -> Option<MediaType> {
    const ODT: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";
    if head.len() >= 30 + ODT.len() && &head[30..30 + ODT.len()] == ODT {
        return Some(MediaType::Odt);
    }
    let holds = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    let docx = b"word/document.xml";
    if holds(tail, docx) || holds(head, docx) {
        return Some(MediaType::Docx);
    }
    None
}

/// UTF-8 (with or without a byte-order mark) without control characters other than
/// tab, line feed, carriage return and form feed. A multi-byte character cut at the end
/// of the sample is allowed.
fn is_text(head: &[u8]) -> bool {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let valid = match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() && body.len() - e.valid_up_to() < 4 => {
            match std::str::from_utf8(&body[..e.valid_up_to()]) {
                Ok(s) => s,
                Err(_) => return false,
            }
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && !valid
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kind(bytes: &[u8]) -> Result<MediaType> {
        sniff(bytes, bytes, bytes.len() as u64)
    }

    fn reason(r: Result<MediaType>) -> Option<Reason> {
        r.err().and_then(|e| e.fields().first().map(|f| f.reason))
    }

    #[test]
    fn known_kinds_by_their_bytes() {
        assert_eq!(kind(b"%PDF-1.7\n...").ok(), Some(MediaType::Pdf));
        assert_eq!(
            kind(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).ok(),
            Some(MediaType::Jpeg)
        );
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n....").ok(), Some(MediaType::Png));
        assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 ").ok(), Some(MediaType::Webp));
        assert_eq!(kind(b"\0\0\0\x18ftypheic\0\0").ok(), Some(MediaType::Heic));
        assert_eq!(
            kind("Hej!\nDet här är ett brev.".as_bytes()).ok(),
            Some(MediaType::Text)
        );
        let mut docx = b"PK\x03\x04".to_vec();
        docx.extend_from_slice(&[0; 26]);
        docx.extend_from_slice(b"[Content_Types].xml ... word/document.xml");
        assert_eq!(kind(&docx).ok(), Some(MediaType::Docx));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(kind(&odt).ok(), Some(MediaType::Odt));
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(reason(kind(b"")), Some(Reason::Required));
        assert_eq!(
            reason(kind(b"MZ\x90\0rest of a program")),
            Some(Reason::Executable)
        );
        assert_eq!(reason(kind(b"\x7fELF\x02\x01")), Some(Reason::Executable));
        assert_eq!(
            reason(kind(b"#!/bin/sh\nrm -rf ~")),
            Some(Reason::Executable)
        );
        assert_eq!(
            reason(kind(b"PK\x03\x04 some other zip")),
            Some(Reason::FileType)
        );
        assert_eq!(
            reason(kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])),
            Some(Reason::FileType)
        );
        assert_eq!(
            reason(sniff(b"%PDF-", b"%PDF-", MAX_BYTES + 1)),
            Some(Reason::TooLong)
        );
        assert!(sniff(b"%PDF-", b"%PDF-", MAX_BYTES).is_ok());
    }

    proptest! {
        /// No input makes the sniffing panic, and whatever it accepts is a kind whose
        /// signature the bytes carry (or text).
        #[test]
        fn any_bytes_are_told_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            match kind(&bytes) {
                // UTF-8 after an optional byte-order mark, but for a character cut
                // at the end of the sample (the whole of a short file).
                Ok(MediaType::Text) => {
                    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                    prop_assert!(std::str::from_utf8(body).is_ok_and(|s| !s.is_empty())
                        || std::str::from_utf8(body).is_err_and(|e| e.error_len().is_none()));
                }
                Ok(_) => prop_assert!(!bytes.is_empty()),
                Err(e) => prop_assert_eq!(e.code(), crate::ErrorCode::InvalidInput),
            }
        }

        /// Any Swedish text a caseworker might save as .txt is taken as text.
        #[test]
        fn swedish_text_is_text(s in "[a-zåäöA-ZÅÄÖ0-9 ,.!?\n\t-]{1,400}") {
            prop_assume!(!s.starts_with("#!") && !s.starts_with("MZ"));
            prop_assert_eq!(kind(s.as_bytes()).ok(), Some(MediaType::Text));
        }
    }
}
