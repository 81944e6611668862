//! A line of the inbox as one Swedish sentence (`akta due`): what falls due, from the
//! line's kind and its `Why` facts. The UI words the same facts from its translations
//! (ui/src/features/inbox/inbox.ts). The date the line falls due is printed beside the
//! sentence, and the group (home or child) too; a sentence names a date only where it
//! says something the column does not (a deadline's meaning, when the clock started).

use chrono::{Datelike, NaiveDate};

use super::{DueItem, DueKind, EvidenceKind};
use crate::contact::{ContactKind, PlanPer};
use crate::investigation::Register;
use crate::label::{capitalised, SwedishLabel};
use crate::report::YearMonth;
use crate::rights::RequestKind;

impl DueItem {
    /// What falls due, in Swedish ("Månadsrapport för Elsa Berg, oktober 2026"). The
    /// group (home or child) is printed beside it, not in it.
    pub fn describe(&self) -> String {
        let w = &self.why;
        let person = w.person.as_deref();
        let month = w.month.as_deref().map(month_sv);
        let detail = w.detail.as_deref().map(detail_sv);
        let since = w.since.map(day_sv);
        match self.kind {
            DueKind::PlanContact => self.plan_contact(),
            DueKind::MonthlyReport => {
                let mut s = "Månadsrapport".to_owned();
                push(&mut s, " för ", person);
                push(&mut s, ", ", month.as_deref());
                s
            }
            DueKind::RegisterCheck => {
                let mut s = "Registerkontroll".to_owned();
                push(&mut s, " av ", person);
                let last = match (detail.as_deref(), since.as_deref()) {
                    (Some(d), Some(on)) => Some(format!("förra: {d}, {on}")),
                    (None, Some(on)) => Some(format!("förra: {on}")),
                    _ => None,
                };
                push(&mut s, " (", last.map(|l| format!("{l})")).as_deref());
                s
            }
            DueKind::HealthDeclaration => {
                let mut s = "Ny hälsodeklaration".to_owned();
                push(&mut s, " för ", person);
                push(
                    &mut s,
                    " (förra: ",
                    since.map(|on| format!("{on})")).as_deref(),
                );
                s
            }
            DueKind::Training => {
                let mut s = "Utbildning under årets mål".to_owned();
                push(
                    &mut s,
                    ": ",
                    progress(w.done, w.expected)
                        .map(|p| format!("{p} tillfällen"))
                        .as_deref(),
                );
                s
            }
            DueKind::AgreementEnds => {
                let mut s = "Uppdragsavtalet".to_owned();
                push(&mut s, " för ", person);
                s.push_str(&format!(" upphör {}", day_sv(self.due_on)));
                s
            }
            DueKind::InvestigationOpen => {
                let mut s = "Utredningen har dragit ut".to_owned();
                push(&mut s, ", påbörjad ", since.as_deref());
                match w.done {
                    Some(1) => s.push_str("; 1 del saknas"),
                    Some(n) if n > 1 => s.push_str(&format!("; {n} delar saknas")),
                    _ => {}
                }
                s
            }
            DueKind::EvidenceAges => {
                let mut s = "Registerutdrag".to_owned();
                push(&mut s, " från ", detail.as_deref());
                push(&mut s, " för ", person);
                push(
                    &mut s,
                    " (taget ",
                    since.map(|on| format!("{on})")).as_deref(),
                );
                s.push_str(" blir för gammalt före beslutet");
                s
            }
            DueKind::Request => self.request(detail.as_deref(), since.as_deref()),
            DueKind::Concern => {
                let mut s = "Orosanmälan".to_owned();
                push(&mut s, " om ", person);
                match w.detail.as_deref() {
                    Some("receipt_overdue") => {
                        push(&mut s, ", skickad ", since.as_deref());
                        s.push_str(": mottagandet är inte bekräftat");
                    }
                    Some("feedback_overdue") => {
                        push(&mut s, ", mottagen ", since.as_deref());
                        s.push_str(": ingen återkoppling ännu");
                    }
                    _ => push(&mut s, ": ", detail.as_deref()),
                }
                s
            }
            DueKind::StaleDraft => match since {
                Some(on) => format!("Utkast från {on} är inte signerat"),
                None => "Osignerat utkast".to_owned(),
            },
            DueKind::Purge => {
                let mut s = format!("Akten ska gallras {}", day_sv(self.due_on));
                match w.detail.as_deref() {
                    Some("needs_handover") => s.push_str(", men erbjuds kommunen först"),
                    Some("held") => s.push_str(", men är spärrad mot gallring"),
                    _ => push(&mut s, " (", detail.map(|d| format!("{d})")).as_deref()),
                }
                s
            }
            DueKind::Handover => {
                let mut s = "Överlämningen".to_owned();
                push(&mut s, " av ", person);
                s.push_str(" väntar på kommunens svar");
                push(&mut s, ", erbjuden ", since.as_deref());
                s
            }
            DueKind::Manual => {
                let mut s = "Egen bevakning".to_owned();
                push(&mut s, ": ", w.text.as_deref());
                s
            }
        }
    }

    /// "Telefonsamtal enligt plan: 0 av 1 den här veckan, förra månaden nåddes inte
    /// planen". The contact kind names the line when it has one; the period is named
    /// when the facts say it (`why.month`, or `why.detail` when that is the period).
    fn plan_contact(&self) -> String {
        let w = &self.why;
        let detail = w.detail.as_deref();
        let kind = detail.and_then(ContactKind::sv_of);
        let mut s = match kind {
            Some(k) => format!("{} enligt plan", capitalised(k)),
            None => "Kontakt enligt plan".to_owned(),
        };
        push(&mut s, " för ", w.person.as_deref());
        let per = w.period.as_deref().or(detail);
        let period = match (w.month.as_deref(), per) {
            (Some(m), _) => Some(format!("i {}", month_sv(m))),
            (None, Some("week")) => Some("den här veckan".to_owned()),
            (None, Some("month")) => Some("den här månaden".to_owned()),
            (None, Some("quarter")) => Some("det här kvartalet".to_owned()),
            (None, Some("year")) => Some("i år".to_owned()),
            _ => None,
        };
        let counted = match (w.done, w.expected) {
            (Some(d), Some(e)) if d > e => Some(match &period {
                Some(p) => format!("{d} {} {p} (planen: {e})", made(d)),
                None => format!("{d} {} (planen: {e})", made(d)),
            }),
            (Some(d), Some(e)) => Some(match &period {
                Some(p) => format!("{d} av {e} {p}"),
                None => format!("{d} av {e}"),
            }),
            (Some(d), None) => Some(format!("{d} {}", made(d))),
            _ => period,
        };
        push(&mut s, ": ", counted.as_deref());
        let before = match per {
            Some("week") => "förra veckan",
            Some("quarter") => "förra kvartalet",
            Some("year") => "förra året",
            _ => "förra månaden",
        };
        if let Some(n) = w.owed.filter(|n| *n > 0) {
            s.push_str(if counted.is_some() { ", " } else { ": " });
            let what = if n == 1 {
                "1 kontakt".to_owned()
            } else {
                format!("{n} kontakter")
            };
            s.push_str(&format!("{what} från {before} saknas"));
        } else if w.flagged {
            s.push_str(if counted.is_some() { ", " } else { ": " });
            s.push_str("förra månaden nåddes inte planen");
        }
        s
    }

    /// "Begäran om registerutdrag, inkommen 12 november 2026: svar senast 12 december
    /// 2026 (förlängning måste meddelas senast dess)". One still waiting for the
    /// requester's identity is due the day it came in.
    fn request(&self, detail: Option<&str>, since: Option<&str>) -> String {
        let w = &self.why;
        let mut s = match detail {
            Some(d) => format!("Begäran om {d}"),
            None => "Begäran från registrerad".to_owned(),
        };
        if detail.is_some() {
            push(&mut s, " från ", w.person.as_deref());
        }
        push(&mut s, ", inkommen ", since);
        if w.since == Some(self.due_on) {
            s.push_str(": identiteten är inte kontrollerad");
        } else {
            s.push_str(&format!(": svar senast {}", day_sv(self.due_on)));
            if w.flagged {
                s.push_str(" (förlängning måste meddelas senast dess)");
            }
        }
        s
    }
}

/// Appends `prefix` and `value` when there is a value.
fn push(s: &mut String, prefix: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        s.push_str(prefix);
        s.push_str(v);
    }
}

/// "1 av 2"; more than asked for as "3 gjorda (målet: 2)", never a bare "3 av 2".
fn progress(done: Option<i64>, expected: Option<i64>) -> Option<String> {
    match (done, expected) {
        (Some(d), Some(e)) if d > e => Some(format!("{d} {} (målet: {e})", made(d))),
        (Some(d), Some(e)) => Some(format!("{d} av {e}")),
        (Some(d), None) => Some(d.to_string()),
        _ => None,
    }
}

/// "gjord" after 1, else "gjorda".
fn made(n: i64) -> &'static str {
    if n == 1 {
        "gjord"
    } else {
        "gjorda"
    }
}

/// 2026-12-12 as "12 december 2026".
fn day_sv(d: NaiveDate) -> String {
    format!("{} {}", d.day(), YearMonth::of(d).sv())
}

/// "2026-10" as "oktober 2026" (else as written).
fn month_sv(m: &str) -> String {
    YearMonth::parse("month", m).map_or_else(|_| m.to_owned(), YearMonth::sv)
}

/// A sub-kind by its closed set's Swedish label (else as written, underscores as spaces).
fn detail_sv(d: &str) -> String {
    let label = ContactKind::sv_of(d)
        .or_else(|| RequestKind::sv_of(d))
        .or_else(|| Register::sv_of(d))
        .or_else(|| EvidenceKind::sv_of(d))
        .or_else(|| PlanPer::sv_of(d))
        .or(match d {
            "receipt_overdue" => Some("mottagandet är inte bekräftat"),
            "feedback_overdue" => Some("ingen återkoppling"),
            "needs_handover" => Some("erbjuds kommunen först"),
            "held" => Some("spärrad mot gallring"),
            _ => None,
        });
    label.map_or_else(|| d.replace('_', " "), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::super::{Group, Place, Why};
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn item(kind: DueKind, why: Why) -> DueItem {
        DueItem::new(
            kind,
            format!("{}:1", kind.as_str()),
            day(2026, 12, 12),
            Group::Agency,
            Place::Retention,
        )
        .why(why)
    }

    fn plan(detail: &str, done: i64, expected: i64, flagged: bool) -> Why {
        Why {
            detail: Some(detail.into()),
            done: Some(done),
            expected: Some(expected),
            flagged,
            ..Why::default()
        }
    }

    #[test]
    fn a_monthly_report_names_the_child_and_the_month() {
        let why = Why {
            person: Some("Elsa Berg".into()),
            month: Some("2026-10".into()),
            ..Why::default()
        };
        assert_eq!(
            item(DueKind::MonthlyReport, why).describe(),
            "Månadsrapport för Elsa Berg, oktober 2026"
        );
    }

    #[test]
    fn a_plan_line_says_its_period_and_never_more_of_than_asked() {
        let d = |why| item(DueKind::PlanContact, why).describe();
        assert_eq!(
            d(plan("week", 0, 1, true)),
            "Kontakt enligt plan: 0 av 1 den här veckan, förra månaden nåddes inte planen"
        );
        let monthly = Why {
            month: Some("2026-11".into()),
            ..plan("hembesok", 1, 1, false)
        };
        assert_eq!(d(monthly), "Hembesök enligt plan: 1 av 1 i november 2026");
        let more = Why {
            person: Some("Liam Johansson".into()),
            ..plan("mote_socialtjansten", 2, 1, false)
        };
        let s = d(more);
        assert_eq!(
            s,
            "Möte med socialtjänsten enligt plan för Liam Johansson: 2 gjorda (planen: 1)"
        );
        assert_eq!(
            d(plan("telefon", 0, 1, true)),
            "Telefonsamtal enligt plan: 0 av 1, förra månaden nåddes inte planen"
        );
        assert_eq!(
            d(plan("quarter", 3, 2, false)),
            "Kontakt enligt plan: 3 gjorda det här kvartalet (planen: 2)"
        );
    }

    #[test]
    fn a_request_says_its_deadline_and_when_an_extension_must_be_told() {
        let why = Why {
            detail: Some("access".into()),
            since: Some(day(2026, 11, 12)),
            flagged: true,
            ..Why::default()
        };
        assert_eq!(
            item(DueKind::Request, why.clone()).describe(),
            "Begäran om registerutdrag, inkommen 12 november 2026: svar senast 12 december 2026 \
             (förlängning måste meddelas senast dess)"
        );
        let extended = Why {
            flagged: false,
            ..why.clone()
        };
        assert_eq!(
            item(DueKind::Request, extended).describe(),
            "Begäran om registerutdrag, inkommen 12 november 2026: svar senast 12 december 2026"
        );
        let unverified = Why {
            since: Some(day(2026, 12, 12)),
            ..why
        };
        assert!(item(DueKind::Request, unverified)
            .describe()
            .ends_with(": identiteten är inte kontrollerad"));
    }

    #[test]
    fn a_purge_says_what_keeps_the_file() {
        let d = |detail: Option<&str>| {
            item(
                DueKind::Purge,
                Why {
                    detail: detail.map(str::to_owned),
                    ..Why::default()
                },
            )
            .describe()
        };
        assert_eq!(d(None), "Akten ska gallras 12 december 2026");
        assert_eq!(
            d(Some("needs_handover")),
            "Akten ska gallras 12 december 2026, men erbjuds kommunen först"
        );
        assert_eq!(
            d(Some("held")),
            "Akten ska gallras 12 december 2026, men är spärrad mot gallring"
        );
    }

    #[test]
    fn the_other_kinds_read_as_sentences() {
        let since = Some(day(2025, 5, 10));
        let adult = Some("Anna Lindqvist".to_owned());
        let cases = [
            (
                DueKind::RegisterCheck,
                Why { person: adult.clone(), since, detail: Some("belastningsregistret".into()), ..Why::default() },
                "Registerkontroll av Anna Lindqvist (förra: belastningsregistret, 10 maj 2025)",
            ),
            (
                DueKind::HealthDeclaration,
                Why { person: adult.clone(), since, ..Why::default() },
                "Ny hälsodeklaration för Anna Lindqvist (förra: 10 maj 2025)",
            ),
            (
                DueKind::Training,
                Why { done: Some(1), expected: Some(2), ..Why::default() },
                "Utbildning under årets mål: 1 av 2 tillfällen",
            ),
            (
                DueKind::AgreementEnds,
                Why { person: Some("Liam Johansson".into()), since, ..Why::default() },
                "Uppdragsavtalet för Liam Johansson upphör 12 december 2026",
            ),
            (
                DueKind::InvestigationOpen,
                Why { since, done: Some(3), ..Why::default() },
                "Utredningen har dragit ut, påbörjad 10 maj 2025; 3 delar saknas",
            ),
            (
                DueKind::EvidenceAges,
                Why { person: adult, since, detail: Some("kronofogden".into()), ..Why::default() },
                "Registerutdrag från Kronofogden för Anna Lindqvist (taget 10 maj 2025) blir för gammalt före beslutet",
            ),
            (
                DueKind::Concern,
                Why { since, detail: Some("receipt_overdue".into()), ..Why::default() },
                "Orosanmälan, skickad 10 maj 2025: mottagandet är inte bekräftat",
            ),
            (
                DueKind::Concern,
                Why { since, detail: Some("feedback_overdue".into()), ..Why::default() },
                "Orosanmälan, mottagen 10 maj 2025: ingen återkoppling ännu",
            ),
            (
                DueKind::StaleDraft,
                Why { since, ..Why::default() },
                "Utkast från 10 maj 2025 är inte signerat",
            ),
            (
                DueKind::Handover,
                Why { since, ..Why::default() },
                "Överlämningen väntar på kommunens svar, erbjuden 10 maj 2025",
            ),
            (
                DueKind::Manual,
                Why { text: Some("Ring skolan".into()), ..Why::default() },
                "Egen bevakning: Ring skolan",
            ),
        ];
        for (kind, why, want) in cases {
            assert_eq!(item(kind, why).describe(), want, "{kind:?}");
        }
    }

    #[test]
    fn every_kind_says_something_even_without_facts() {
        for kind in DueKind::ALL {
            let s = item(kind, Why::default()).describe();
            assert!(!s.is_empty() && !s.contains("None"), "{kind:?}: {s}");
            let flagged = item(
                kind,
                Why {
                    flagged: true,
                    ..Why::default()
                },
            )
            .describe();
            assert!(!flagged.contains("None"), "{kind:?}: {flagged}");
        }
    }
}
