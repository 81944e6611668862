//! The sections a new version starts with: version 1's from the template, a later
//! version's from the version before it.

use super::facts::Context;
use super::FactsKind;

/// A section to write into a new version.
pub(super) struct NewSection {
    pub key: String,
    pub heading: String,
    pub guidance: String,
    pub facts: Option<FactsKind>,
    pub person_id: Option<i64>,
    pub body: String,
}

/// Version 1's sections: the template's, a per-adult section once for each current
/// adult of the home (a home without adults keeps it once, about no one).
pub(super) fn from_template(t: &super::Template, c: &Context) -> Vec<NewSection> {
    let mut out = Vec::new();
    for s in &t.sections {
        let adults: Vec<_> = if s.per_adult {
            c.adults().collect()
        } else {
            Vec::new()
        };
        if adults.is_empty() {
            out.push(NewSection {
                key: s.key.clone(),
                heading: s.heading.clone(),
                guidance: s.guidance.clone(),
                facts: s.facts,
                person_id: None,
                body: String::new(),
            });
        }
        for a in adults {
            out.push(NewSection {
                key: s.key.clone(),
                heading: format!("{} – {}", s.heading, a.name),
                guidance: s.guidance.clone(),
                facts: None,
                person_id: Some(a.id),
                body: String::new(),
            });
        }
    }
    out
}

/// A later version's sections: the previous version's, and for an adult who joined the
/// home since, a section of their own after the others of each per-adult kind (its
/// heading the kind's, followed by their name).
pub(super) fn with_new_adults(previous: Vec<NewSection>, c: &Context) -> Vec<NewSection> {
    let mut out: Vec<NewSection> = Vec::with_capacity(previous.len());
    let mut iter = previous.into_iter().peekable();
    while let Some(s) = iter.next() {
        let per_adult = s.person_id.is_some();
        let key = s.key.clone();
        let (base, guidance) = (
            s.heading
                .rsplit_once(" – ")
                .map_or(s.heading.clone(), |(b, _)| b.to_string()),
            s.guidance.clone(),
        );
        out.push(s);
        let group_ends = iter
            .peek()
            .is_none_or(|n| n.key != key || n.person_id.is_none());
        if per_adult && group_ends {
            for a in c.adults() {
                let has = out
                    .iter()
                    .any(|o| o.key == key && o.person_id == Some(a.id));
                if !has {
                    out.push(NewSection {
                        key: key.clone(),
                        heading: format!("{base} – {}", a.name),
                        guidance: guidance.clone(),
                        facts: None,
                        person_id: Some(a.id),
                        body: String::new(),
                    });
                }
            }
        }
    }
    out
}
