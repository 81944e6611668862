//! Names of persons in folded text, matched word by word.
//!
//! A name is a sequence of folded words (`Anna-Karin Öberg` → anna, karin, öberg). It
//! matches the same words in the text, one after the other, with nothing but spaces,
//! line breaks, dashes or one comma between them ("Öberg, Anna-Karin" is the same
//! name); its last word may carry the Swedish genitive `s` ("Annas mamma"). A name
//! marked `capital` (a given or family name alone, which may also be a common word such
//! as "Dag" or "Rut") only matches where the text writes it with a capital letter.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;

use super::fold::{Folded, Word};

/// One name to look for.
#[derive(Debug, Clone)]
struct Needle<T> {
    words: Vec<String>,
    capital: bool,
    tag: T,
}

/// A set of names, indexed by their first word.
#[derive(Debug, Clone)]
pub struct Names<T> {
    needles: Vec<Needle<T>>,
    by_first: HashMap<String, Vec<usize>>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names {
            needles: Vec::new(),
            by_first: HashMap::new(),
        }
    }
}

/// A match: the original text's char range and the name's tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit<T> {
    pub start: usize,
    pub end: usize,
    pub tag: T,
}

fn joins_words(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | ',' | '\'' | '’' | 'ʼ')
}

impl<T: Copy> Names<T> {
    /// Adds a name given as folded words; names of one letter are not names.
    pub fn add(&mut self, words: Vec<String>, capital: bool, tag: T) {
        let letters: usize = words
            .iter()
            .map(|w| w.chars().filter(|c| !is_combining_mark(*c)).count())
            .sum();
        if letters < 2 {
            return;
        }
        let i = self.needles.len();
        self.by_first.entry(words[0].clone()).or_default().push(i);
        if words.len() == 1 {
            self.by_first
                .entry(format!("{}s", words[0]))
                .or_default()
                .push(i);
        }
        self.needles.push(Needle {
            words,
            capital,
            tag,
        });
    }

    /// Every match in `folded` (whose words are `words`); `original` is the text's
    /// characters, for the capital-letter rule. Longer names win over the names they
    /// contain.
    pub fn find(&self, folded: &Folded, words: &[Word], original: &[char]) -> Vec<NameHit<T>> {
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let Some(candidates) = self.by_first.get(&w.text) else {
                continue;
            };
            let mut best: Option<(usize, T)> = None; // (last word index, tag)
            for &k in candidates {
                let n = &self.needles[k];
                if n.capital && !original[folded.origin[w.start]].is_uppercase() {
                    continue;
                }
                if let Some(last) = matches_at(n, folded, words, i) {
                    if best.is_none_or(|(b, _)| last > b) {
                        best = Some((last, n.tag));
                    }
                }
            }
            if let Some((last, tag)) = best {
                let (start, end) = folded.original(w.start, words[last].end);
                out.push(NameHit { start, end, tag });
            }
        }
        out
    }
}

/// Whether needle `n` matches from word `i`; the index of its last word if so.
fn matches_at<T>(n: &Needle<T>, folded: &Folded, words: &[Word], i: usize) -> Option<usize> {
    let last = i + n.words.len() - 1;
    if last >= words.len() {
        return None;
    }
    for (k, needle_word) in n.words.iter().enumerate() {
        let w = &words[i + k].text;
        let genitive = k == n.words.len() - 1
            && w.len() == needle_word.len() + 1
            && w.starts_with(needle_word.as_str())
            && w.ends_with('s');
        if w != needle_word && !genitive {
            return None;
        }
        if k > 0 {
            let gap = &folded.chars[words[i + k - 1].end..words[i + k].start];
            if gap.is_empty()
                || gap.len() > 3
                || !gap.iter().all(|c| joins_words(*c))
                || gap.iter().filter(|c| **c == ',').count() > 1
            {
                return None;
            }
        }
    }
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::super::fold::{fold, name_words};
    use super::*;

    fn hits(names: &Names<u8>, text: &str) -> Vec<(String, u8)> {
        let f = fold(text);
        let chars: Vec<char> = text.chars().collect();
        names
            .find(&f, &f.words(), &chars)
            .into_iter()
            .map(|h| (chars[h.start..h.end].iter().collect(), h.tag))
            .collect()
    }

    #[test]
    fn full_names_in_either_order_any_case_and_the_genitive() {
        let mut n = Names::default();
        n.add(name_words("Anna-Karin Öberg"), false, 1);
        n.add(name_words("Öberg Anna-Karin"), false, 1);
        assert_eq!(
            hits(
                &n,
                "Möte med ANNA-KARIN ÖBERG, sedan Öberg, Anna-Karin och Anna-Karin Öbergs son."
            ),
            vec![
                ("ANNA-KARIN ÖBERG".into(), 1),
                ("Öberg, Anna-Karin".into(), 1),
                ("Anna-Karin Öbergs".into(), 1)
            ]
        );
        assert!(hits(&n, "Anna-Karin. Öberg").is_empty());
    }

    #[test]
    fn a_name_that_is_a_word_needs_its_capital_letter() {
        let mut n = Names::default();
        n.add(name_words("Dag"), true, 2);
        assert_eq!(
            hits(&n, "varje dag kom Dag och Dags bror"),
            vec![("Dag".into(), 2), ("Dags".into(), 2)]
        );
    }

    #[test]
    fn decomposed_text_matches_a_composed_name_and_back() {
        let mut n = Names::default();
        n.add(name_words("Åsa Ström"), false, 3);
        let nfd = "Hos A\u{30A}sa Stro\u{308}m i dag";
        assert_eq!(hits(&n, nfd), vec![("A\u{30A}sa Stro\u{308}m".into(), 3)]);
        let mut m = Names::default();
        m.add(name_words("A\u{30A}sa Stro\u{308}m"), false, 3);
        assert_eq!(
            hits(&m, "Hos Åsa Ström i dag"),
            vec![("Åsa Ström".into(), 3)]
        );
    }

    #[test]
    fn a_longer_name_wins() {
        let mut n = Names::default();
        n.add(name_words("Anna"), true, 1);
        n.add(name_words("Anna Berg"), false, 2);
        assert_eq!(
            hits(&n, "Anna Berg och Anna"),
            vec![("Anna Berg".into(), 2), ("Anna".into(), 1)]
        );
    }
}
