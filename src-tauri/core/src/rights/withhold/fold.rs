//! Text folded for matching names: Unicode's canonical caseless form
//! (`NFD(casefold(NFD(x)))`, full case folding, so `ß` matches `SS` and `İ` does not
//! change the length of anything else), with every folded character mapped back to the
//! character of the original text it came from. Text stored composed (NFC) and text
//! stored decomposed (NFD, as pasted from macOS) fold to the same characters.
//!
//! Invisible format characters a name may carry from a word processor (soft hyphen,
//! zero-width space and joiners, word joiner, BOM) are left out, so they cannot hide a
//! name. Words are runs of letters, digits and combining marks.

use caseless::Caseless;
use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, is_combining_mark,
};

/// Folded text: its characters and, for each, the index (in chars) of the original
/// character it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub chars: Vec<char>,
    pub origin: Vec<usize>,
}

/// A word of folded text: `[start, end)` in folded characters, and its folded string.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Characters that show nothing but may sit inside a name or a number: soft hyphen,
/// zero-width space and joiners, direction marks and embeddings (text pasted from a
/// right-to-left mail), word joiner, combining grapheme joiner, variation selectors, BOM.
pub(crate) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// Whether `c` (folded) belongs to a word.
pub fn word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Folds `text`.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded::default();
    let mut decomposed = Vec::with_capacity(4);
    for (i, c) in text.chars().enumerate() {
        if invisible(c) {
            continue;
        }
        decomposed.clear();
        decompose_canonical(c, |d| decomposed.push(d));
        for f in decomposed.iter().copied().default_case_fold() {
            decompose_canonical(f, |d| {
                // Turkish i: dotless `ı` and `I` are one letter to a reader, and `İ`
                // folds to `i` with a combining dot that a reader does not see.
                if d == '\u{307}' && out.chars.last() == Some(&'i') {
                    return;
                }
                out.chars.push(if d == 'ı' { 'i' } else { d });
                out.origin.push(i);
            });
        }
    }
    reorder_marks(&mut out);
    out
}

/// Folds a string on its own (a name, for comparing).
pub fn fold_str(s: &str) -> String {
    fold(s).chars.into_iter().collect()
}

/// Canonical ordering: within each run of combining marks, a stable sort by combining
/// class, so that marks typed in another order compare equal.
fn reorder_marks(f: &mut Folded) {
    let n = f.chars.len();
    let mut i = 0;
    while i < n {
        if canonical_combining_class(f.chars[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && canonical_combining_class(f.chars[i]) != 0 {
            i += 1;
        }
        if i - start > 1 {
            let mut run: Vec<(char, usize)> = f.chars[start..i]
                .iter()
                .copied()
                .zip(f.origin[start..i].iter().copied())
                .collect();
            run.sort_by_key(|(c, _)| canonical_combining_class(*c));
            for (k, (c, o)) in run.into_iter().enumerate() {
                f.chars[start + k] = c;
                f.origin[start + k] = o;
            }
        }
    }
}

impl Folded {
    /// The words of the folded text, in order.
    pub fn words(&self) -> Vec<Word> {
        let mut out = Vec::new();
        let mut i = 0;
        let n = self.chars.len();
        while i < n {
            if !word_char(self.chars[i]) || is_combining_mark(self.chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && word_char(self.chars[i]) {
                i += 1;
            }
            out.push(Word {
                start,
                end: i,
                text: self.chars[start..i].iter().collect(),
            });
        }
        out
    }

    /// The original text's char range `[start, end)` that folded `[start, end)` came from.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let slice = &self.origin[start..end];
        let lo = slice.iter().copied().min().unwrap_or(0);
        let hi = slice.iter().copied().max().map_or(lo, |h| h + 1);
        (lo, hi)
    }
}

/// The words of a name as folded strings (`Anna-Karin  Öberg` → anna, karin, öberg).
pub fn name_words(name: &str) -> Vec<String> {
    fold(name).words().into_iter().map(|w| w.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_fold_alike() {
        let nfc = "Åsa Öberg";
        let nfd = "A\u{30A}sa O\u{308}berg";
        assert_eq!(fold_str(nfc), fold_str(nfd));
        assert_eq!(name_words(nfd), vec!["a\u{30A}sa", "o\u{308}berg"]);
    }

    #[test]
    fn full_case_folding_keeps_a_map_to_the_original() {
        let t = "İlknur och STRAUß";
        let f = fold(t);
        let words = f.words();
        assert_eq!(words.len(), 3);
        assert_eq!(words[0].text, "ilknur");
        assert_eq!(fold_str("YILMAZ"), fold_str("Yılmaz"));
        assert_eq!(words[2].text, "strauss");
        assert_eq!(f.original(words[2].start, words[2].end), (11, 17));
        assert_eq!(f.original(words[0].start, words[0].end), (0, 6));
        assert_eq!(words[1].text, "och");
    }

    #[test]
    fn invisible_characters_do_not_split_a_name() {
        assert_eq!(
            name_words("An\u{AD}na Berg\u{200B}man"),
            vec!["anna", "bergman"]
        );
    }

    #[test]
    fn combining_marks_in_any_order_compare_equal() {
        // a + dot below (220) + acute (230) in both orders
        assert_eq!(fold_str("a\u{301}\u{323}"), fold_str("a\u{323}\u{301}"));
    }
}
