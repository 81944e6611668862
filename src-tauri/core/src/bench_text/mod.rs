//! Text that looks like a caseworker's notes, for `akta bench`: Swedish words drawn by
//! their real frequencies (Zipf-like: a few words are everywhere, most are rare), notes
//! of 20–200 words with names and places mixed in, and search queries drawn from the
//! same words. The word list (`words_sv.tsv`) is the 20,000 most frequent Swedish words
//! from wordfreq 3.1.1, CC BY-SA 4.0 (docs/PERFORMANCE.md). Never shipped.

use std::sync::OnceLock;

use crate::bench::Lcg;

/// Common Swedish given names and names of people who live in Sweden, å ä ö é included.
pub(crate) const GIVEN_NAMES: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Kerstin", "Sara", "Ingrid", "Emma",
    "Åsa", "Märta", "Linnéa", "Maja", "Elsa", "Astrid", "Saga", "Ebba", "Wilma", "Alice", "Agnes",
    "Frida", "Signe", "Märit", "Lars", "Erik", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael",
    "Olof", "Sven", "Göran", "Björn", "Åke", "Örjan", "Jöns", "Sölve", "Östen", "Hugo", "Liam",
    "Noah", "William", "Oscar", "Elias", "Ali", "Mohammed", "Théo",
];

/// Common family names in Sweden.
pub(crate) const FAMILY_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lundgren",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Isaksson",
    "Nyström",
    "Löfgren",
    "Söderberg",
    "Blomqvist",
    "Mårtensson",
    "Åberg",
    "Öberg",
    "Ström",
    "Hellström",
    "Sjögren",
    "Ekström",
    "Söderström",
    "Ödegård",
    "Lövgren",
];

/// Municipalities, as notes name where a child goes to school or a parent lives.
const PLACES: &[&str] = &[
    "Uppsala",
    "Gävle",
    "Örebro",
    "Västerås",
    "Luleå",
    "Umeå",
    "Malmö",
    "Göteborg",
    "Järfälla",
    "Södertälje",
    "Norrköping",
    "Jönköping",
    "Borås",
    "Östersund",
    "Kiruna",
];

/// A name or a place, as notes mention them now and then (about one word in fifteen).
fn name_or_place(r: &mut Lcg) -> &'static str {
    let list = match r.next() % 3 {
        0 => GIVEN_NAMES,
        1 => FAMILY_NAMES,
        _ => PLACES,
    };
    list[r.next() % list.len()]
}

/// The word list with a cumulative frequency for drawing by weight.
pub(crate) struct Vocabulary {
    words: Vec<&'static str>,
    cumulative: Vec<u64>,
}

/// The list, parsed once.
pub(crate) fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let mut words = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0u64;
        for line in include_str!("words_sv.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((w, f)) = line.split_once('\t') else {
                continue;
            };
            total += f.parse::<u64>().unwrap_or(1);
            words.push(w);
            cumulative.push(total);
        }
        Vocabulary { words, cumulative }
    })
}

/// A uniform number in [0, 1).
fn unit(r: &mut Lcg) -> f64 {
    r.next() as f64 / (1u64 << 31) as f64
}

impl Vocabulary {
    /// A word drawn by its frequency.
    pub(crate) fn word(&self, r: &mut Lcg) -> &'static str {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = (unit(r) * total as f64) as u64;
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.words[i.min(self.words.len() - 1)]
    }

    /// A word drawn by frequency from the words ranked `from..` (searches are for
    /// content words, not "och" or "att").
    fn word_from(&self, r: &mut Lcg, from: usize) -> &'static str {
        let base = self.cumulative[from - 1];
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = base + (unit(r) * (total - base) as f64) as u64;
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.words[i.min(self.words.len() - 1)]
    }

    /// A word any rank equally likely: the rare end of the list.
    fn rare_word(&self, r: &mut Lcg) -> &'static str {
        self.words[r.next() % self.words.len()]
    }

    /// The `n` most frequent words (the worst case a query can be).
    pub(crate) fn most_frequent(&self, n: usize) -> Vec<&'static str> {
        self.words.iter().take(n).copied().collect()
    }

    /// One note: 20–200 words (most short, a few long), sentences of 5–20 words, now
    /// and then a name or a place.
    pub(crate) fn note(&self, r: &mut Lcg) -> String {
        let u = unit(r);
        let len = 20 + (180.0 * u * u) as usize;
        let mut out = String::with_capacity(len * 8);
        let mut in_sentence = 0;
        let mut sentence_len = 5 + r.next() % 16;
        for _ in 0..len {
            let w = if r.next() % 15 == 0 {
                name_or_place(r)
            } else {
                self.word(r)
            };
            if in_sentence == 0 {
                if !out.is_empty() {
                    out.push(' ');
                }
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
            }
            in_sentence += 1;
            if in_sentence == sentence_len {
                out.push('.');
                in_sentence = 0;
                sentence_len = 5 + r.next() % 16;
            }
        }
        if in_sentence != 0 {
            out.push('.');
        }
        out
    }

    /// What a caseworker types into the search box: one to three words (40/40/20 %),
    /// common and rare content words or a name, half of them cut to a prefix of 3–6
    /// letters (the search matches prefixes).
    pub(crate) fn query(&self, r: &mut Lcg) -> String {
        let n = match r.next() % 10 {
            0..=3 => 1,
            4..=7 => 2,
            _ => 3,
        };
        (0..n)
            .map(|_| {
                let w = match r.next() % 10 {
                    0..=5 => self.word_from(r, 100),
                    6..=8 => self.rare_word(r),
                    _ => name_or_place(r),
                };
                let chars: Vec<char> = w.chars().collect();
                if r.next() % 2 == 0 && chars.len() > 3 {
                    let keep = 3 + r.next() % 4;
                    chars[..keep.min(chars.len())].iter().collect()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_and_drawn_by_frequency() {
        let v = vocabulary();
        assert_eq!(v.words.len(), 20_000);
        assert_eq!(v.most_frequent(2), vec!["är", "det"]);
        let mut r = Lcg(1);
        let draws: Vec<&str> = (0..20_000).map(|_| v.word(&mut r)).collect();
        let top = draws.iter().filter(|w| **w == "är").count();
        let rare = draws.iter().filter(|w| **w == "motgift").count();
        // "är" is about 3.3 % of running text; a word of rank 20,000 almost never comes.
        assert!((300..1_000).contains(&top), "{top}");
        assert!(rare < 5, "{rare}");
    }

    #[test]
    fn notes_and_queries_have_realistic_lengths() {
        let v = vocabulary();
        let mut r = Lcg(7);
        for _ in 0..500 {
            let n = v.note(&mut r).split(' ').count();
            assert!((20..=200).contains(&n), "{n}");
            let q = v.query(&mut r);
            let words = q.split(' ').count();
            assert!((1..=3).contains(&words), "{q}");
            assert!(q.chars().all(|c| c.is_alphabetic() || c == ' '), "{q}");
        }
    }
}
