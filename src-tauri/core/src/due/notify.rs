//! The desktop notification's text: how many bevakningar are overdue or due today, and
//! nothing else. Notifications show on locked screens and are kept by the desktop's
//! notification log, so the text holds no name, number or free text: only the count,
//! worded from the UI's own translation files (read in at compile time).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Counts;

/// The language of the notification (the UI's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// A notification's title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

const SV: &str = include_str!("../../../../ui/src/i18n/sv.json");
const EN: &str = include_str!("../../../../ui/src/i18n/en.json");

type Dict = HashMap<String, String>;

fn dict(lang: Lang) -> &'static Dict {
    static SV_DICT: OnceLock<Dict> = OnceLock::new();
    static EN_DICT: OnceLock<Dict> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Sv => (&SV_DICT, SV),
        Lang::En => (&EN_DICT, EN),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

/// The text of `key` in `lang` (else Swedish; else none).
fn text(lang: Lang, key: &str) -> Option<&'static str> {
    dict(lang)
        .get(key)
        .or_else(|| dict(Lang::Sv).get(key))
        .map(String::as_str)
}

/// `<base>.one` or `<base>.other` with `{n}` filled in (Swedish and English both have
/// "one" only for 1).
fn counted(lang: Lang, base: &str, n: i64) -> Option<String> {
    let form = if n == 1 { "one" } else { "other" };
    text(lang, &format!("{base}.{form}")).map(|t| t.replace("{n}", &n.to_string()))
}

/// The notification for `counts`: none when nothing is overdue or due today.
pub fn notice(counts: &Counts, lang: Lang) -> Option<Notice> {
    let n = counts.overdue + counts.today;
    if n <= 0 {
        return None;
    }
    let title = text(lang, "notify.title")?.to_owned();
    let body = counted(lang, "notify.due", n)?;
    Some(Notice { title, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(overdue: i64, today: i64) -> Counts {
        Counts {
            overdue,
            today,
            this_week: 7,
            later: 11,
        }
    }

    #[test]
    fn nothing_due_today_or_earlier_is_no_notification() {
        assert_eq!(notice(&counts(0, 0), Lang::Sv), None);
        assert_eq!(notice(&counts(0, 0), Lang::En), None);
    }

    #[test]
    fn the_body_counts_overdue_and_today_together_in_both_languages() {
        for lang in [Lang::Sv, Lang::En] {
            let one = notice(&counts(1, 0), lang).unwrap_or_else(|| panic!("{lang:?}"));
            assert!(one.body.contains('1') && !one.body.contains('{'), "{one:?}");
            let five = notice(&counts(2, 3), lang).unwrap_or_else(|| panic!("{lang:?}"));
            assert!(
                five.body.contains('5') && !five.body.contains('{'),
                "{five:?}"
            );
            assert_ne!(one.body.replace('1', ""), five.body.replace('5', ""));
            assert!(!five.title.is_empty());
        }
        assert_ne!(
            notice(&counts(2, 0), Lang::Sv),
            notice(&counts(2, 0), Lang::En)
        );
    }
}
