//! The reviewer's part of an extract: the free-text passages it would show, with what
//! the rules withhold and what they leave to the reviewer (candidates); passages the
//! reviewer withholds by hand; and the reviewer's confirmation that every candidate was
//! decided. An extract whose candidates were not all decided is refused unless the
//! caller accepts the automatic rules alone (`Review::AcceptAutomatic`, the CLI's
//! `--accept-automatic`), which is recorded as a decision of its own.
//!
//! A confirmation holds for the candidates it saw: it records their places' SHA-256
//! (no text), and a new candidate (a new journal entry, an amended text) needs a new one.
//! The documents about the person are decided one by one (`extract_copies`); the review
//! is done only when each has a decision, and cannot be confirmed before.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Row, SqliteConnection};
use ts_rs::TS;

use super::{Candidate, CandidateKind, Finder};
use crate::catalogue::{Show, TABLES};
use crate::error::{Error, Reason, Result};
use crate::rights::document::WITHHELD_PASSAGE;
use crate::rights::extract::merged;
use crate::rights::extract::{request_for_extract, subject_rows};
use crate::rights::extract_copies::{for_review, undecided, ReviewDocument};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate;

/// Where a passage of free text is: the table, row and column, and the character range
/// (Unicode scalar values, end exclusive) in the stored text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PassagePlace {
    pub table: String,
    #[ts(type = "number")]
    pub row_id: i64,
    pub column: String,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
}

/// A passage the caseworker marks to withhold, found in an extract's review.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RedactionInput {
    #[serde(flatten)]
    #[ts(flatten)]
    pub place: PassagePlace,
    pub reason: String,
}

/// A free-text passage shown for review: where it is and its text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ReviewPassage {
    pub table: String,
    pub title: String,
    #[ts(type = "number")]
    pub row_id: i64,
    pub column: String,
    pub label: String,
    pub text: String,
    /// Ranges already withheld (manual and automatic), as `[start, end]` offsets.
    #[ts(type = "Array<[number, number]>")]
    pub withheld: Vec<(i64, i64)>,
    /// What may be another person's data and is not withheld: for the reviewer.
    pub candidates: Vec<Candidate>,
    /// The passage as the extract shows it, in pieces: withheld passages as "[…]",
    /// candidates marked.
    pub shown: Vec<Segment>,
}

/// A piece of a passage as the extract shows it: plain text, a withheld passage (its
/// text the marker), or a candidate; `[start, end)` in the stored text's characters.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Segment {
    pub text: String,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    pub withheld: bool,
    pub candidate: Option<CandidateKind>,
    /// Why a withheld piece is withheld: the reasons of the ranges it joins (distinct,
    /// in order, "; " between). None for other pieces.
    pub reason: Option<String>,
}

/// `text` in segments: merged withheld ranges, candidates (which never overlap them),
/// and the plain text between.
pub fn segments(text: &str, withheld: &[(i64, i64)], candidates: &[Candidate]) -> Vec<Segment> {
    let ranges: Vec<(i64, i64, String)> = withheld
        .iter()
        .map(|&(s, e)| (s, e, String::new()))
        .collect();
    reasoned_segments(text, &ranges, candidates)
}

/// [`segments`], each withheld piece with the reasons of the ranges it joins.
pub fn reasoned_segments(
    text: &str,
    withheld: &[(i64, i64, String)],
    candidates: &[Candidate],
) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let spans: Vec<(i64, i64)> = withheld.iter().map(|w| (w.0, w.1)).collect();
    let mut marks: Vec<(usize, usize, Option<CandidateKind>)> = merged(&spans, chars.len())
        .into_iter()
        .map(|(s, e)| (s, e, None))
        .collect();
    // The reasons of the ranges inside a merged piece.
    let reason_of = |s: usize, e: usize| -> Option<String> {
        let mut reasons: Vec<&str> = Vec::new();
        for (ws, we, why) in withheld {
            let inside = (*ws).max(0) as usize >= s && (*we).max(0) as usize <= e;
            if inside && !why.is_empty() && !reasons.contains(&why.as_str()) {
                reasons.push(why);
            }
        }
        (!reasons.is_empty()).then(|| reasons.join("; "))
    };
    for c in candidates {
        let (s, e) = (
            c.start.max(0) as usize,
            (c.end.max(0) as usize).min(chars.len()),
        );
        if s < e && !marks.iter().any(|m| m.0 < e && s < m.1) {
            marks.push((s, e, Some(c.kind)));
        }
    }
    marks.sort_unstable_by_key(|m| m.0);
    let piece = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let mut out = Vec::new();
    let mut i = 0;
    for (s, e, kind) in marks {
        if i < s {
            out.push(Segment {
                text: piece(i, s),
                start: i as i64,
                end: s as i64,
                withheld: false,
                candidate: None,
                reason: None,
            });
        }
        let text = if kind.is_some() {
            piece(s, e)
        } else {
            WITHHELD_PASSAGE.to_owned()
        };
        out.push(Segment {
            text,
            start: s as i64,
            end: e as i64,
            withheld: kind.is_none(),
            candidate: kind,
            reason: if kind.is_none() {
                reason_of(s, e)
            } else {
                None
            },
        });
        i = e;
    }
    if i < chars.len() {
        out.push(Segment {
            text: piece(i, chars.len()),
            start: i as i64,
            end: chars.len() as i64,
            withheld: false,
            candidate: None,
            reason: None,
        });
    }
    out
}

/// An extract's review: its passages, how many candidates they hold, the documents
/// about the person with the decisions on them, and whether the reviewer has decided
/// every candidate and every document.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ExtractReview {
    pub passages: Vec<ReviewPassage>,
    #[ts(type = "number")]
    pub candidates: u32,
    /// Every candidate is decided (a reviewer confirmed them, or there are none).
    pub candidates_reviewed: bool,
    pub documents: Vec<ReviewDocument>,
    /// Documents no one has decided on (include a copy or withhold it).
    #[ts(type = "number")]
    pub undecided: u32,
    pub reviewed: bool,
}

/// How an extract treats candidates no reviewer has decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Refuse the extract until a reviewer has confirmed the candidates.
    Required,
    /// Make it with the automatic rules alone (recorded as that decision).
    AcceptAutomatic,
}

/// One candidate's place: (table, row, column, candidate).
pub type Place = (String, i64, String, Candidate);

/// The SHA-256 of candidates' places (sorted; no text).
pub fn digest(places: &[Place]) -> String {
    let mut lines: Vec<String> = places
        .iter()
        .map(|(t, r, c, k)| format!("{t}\t{r}\t{c}\t{}\t{}\t{:?}", k.start, k.end, k.kind))
        .collect();
    lines.sort_unstable();
    Sha256::digest(lines.join("\n").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the request's latest review by a person confirmed exactly these candidates
/// (an extract made on the automatic rules alone confirms nothing).
pub(crate) async fn confirmed(
    conn: &mut SqliteConnection,
    request_id: i64,
    digest: &str,
) -> Result<bool> {
    let last: Option<String> = sqlx::query_scalar!(
        "SELECT digest FROM dsr_reviews WHERE request_id = ? AND accepted_automatic = 0
         ORDER BY id DESC LIMIT 1",
        request_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(last.as_deref() == Some(digest))
}

/// Records a decision on `places` (a reviewer's, or acceptance of the automatic rules).
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    actor: &Actor,
    request_id: i64,
    places: &[Place],
    accepted_automatic: bool,
) -> Result<()> {
    let (count, digest, user, now) = (
        places.len() as i64,
        digest(places),
        actor.user_id(),
        Utc::now(),
    );
    sqlx::query!(
        "INSERT INTO dsr_reviews (request_id, candidates, digest, accepted_automatic, user_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        request_id,
        count,
        digest,
        accepted_automatic,
        user,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The request's manual and recorded automatic ranges: (table, row, column, start, end).
pub(crate) async fn marked(
    conn: &mut SqliteConnection,
    request_id: i64,
) -> Result<Vec<(String, i64, String, i64, i64, String)>> {
    Ok(sqlx::query!(
        "SELECT table_name, row_id, column_name, start_char, end_char, reason
         FROM dsr_redactions WHERE request_id = ?",
        request_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.table_name,
            r.row_id,
            r.column_name,
            r.start_char,
            r.end_char,
            r.reason,
        )
    })
    .collect())
}

async fn passages(
    conn: &mut SqliteConnection,
    request_id: i64,
    today: NaiveDate,
) -> Result<(i64, Vec<ReviewPassage>)> {
    let r = request_for_extract(conn, request_id, today).await?;
    let person_id = r.person_id.ok_or(Error::NotFound("person"))?;
    let finder = Finder::load(conn, person_id, today).await?;
    let marked = marked(conn, request_id).await?;
    let mut out = Vec::new();
    for table in TABLES {
        let Some(condition) = table.subject else {
            continue;
        };
        let texts: Vec<(usize, &crate::catalogue::Column, &str)> = table
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.show {
                Show::Text(label) => Some((i, c, label)),
                _ => None,
            })
            .collect();
        if texts.is_empty() {
            continue;
        }
        for row in subject_rows(conn, table, condition, person_id).await? {
            let rowid: i64 = row.try_get(0)?;
            for (i, col, label) in &texts {
                let Some(text) = row.try_get::<Option<String>, _>(i + 1)? else {
                    continue;
                };
                let scan = finder.scan(&text);
                let mut why: Vec<(i64, i64, String)> = marked
                    .iter()
                    .filter(|m| m.0 == table.name && m.1 == rowid && m.2 == col.name)
                    .map(|m| (m.3, m.4, m.5.clone()))
                    .collect();
                why.extend(
                    scan.withheld
                        .iter()
                        .map(|w| (w.0, w.1, w.2.reason().to_owned())),
                );
                why.sort_unstable();
                let mut withheld: Vec<(i64, i64)> = why.iter().map(|w| (w.0, w.1)).collect();
                withheld.dedup();
                let candidates = open_candidates(scan.candidates, &withheld);
                let shown = reasoned_segments(&text, &why, &candidates);
                out.push(ReviewPassage {
                    table: table.name.to_owned(),
                    title: table.title.to_owned(),
                    row_id: rowid,
                    column: col.name.to_owned(),
                    label: (*label).to_owned(),
                    text,
                    withheld,
                    candidates,
                    shown,
                });
            }
        }
    }
    Ok((person_id, out))
}

/// Candidates that no withheld range touches.
pub(crate) fn open_candidates(
    candidates: Vec<Candidate>,
    withheld: &[(i64, i64)],
) -> Vec<Candidate> {
    candidates
        .into_iter()
        .filter(|c| !withheld.iter().any(|w| w.0 < c.end && c.start < w.1))
        .collect()
}

fn places(passages: &[ReviewPassage]) -> Vec<Place> {
    passages
        .iter()
        .flat_map(|p| {
            p.candidates
                .iter()
                .map(|c| (p.table.clone(), p.row_id, p.column.clone(), *c))
        })
        .collect()
}

/// The free-text passages an extract for this request would show, for the caseworker
/// to review: what is withheld, and the candidates left to decide.
pub async fn review(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
) -> Result<ExtractReview> {
    actor.require(Permission::ManageRequests)?;
    let mut conn = store.pool().acquire().await?;
    let (person_id, passages) = passages(&mut conn, request_id, today).await?;
    let documents = for_review(&mut conn, request_id, person_id).await?;
    let places = places(&passages);
    let confirmed = places.is_empty() || confirmed(&mut conn, request_id, &digest(&places)).await?;
    let undecided = undecided(&documents);
    Ok(ExtractReview {
        candidates: places.len() as u32,
        reviewed: confirmed && undecided == 0,
        candidates_reviewed: confirmed,
        undecided,
        documents,
        passages,
    })
}

/// The reviewer confirms that every candidate now shown was decided: withheld by hand,
/// or to be shown. Refused (`documents`: required) while a document about the person
/// has no decision. Audited.
pub async fn confirm(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
) -> Result<ExtractReview> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let (person_id, passages) = passages(&mut tx, request_id, today).await?;
    let documents = for_review(&mut tx, request_id, person_id).await?;
    if undecided(&documents) > 0 {
        return Err(Error::invalid("documents", Reason::Required));
    }
    let places = places(&passages);
    record(&mut tx, actor, request_id, &places, false).await?;
    crate::rights::audit_update(&mut tx, actor, request_id).await?;
    tx.commit().await?;
    Ok(ExtractReview {
        candidates: places.len() as u32,
        reviewed: true,
        candidates_reviewed: true,
        undecided: 0,
        documents,
        passages,
    })
}

/// Marks a passage to withhold from this request's extracts (Art. 15(4)). The place and
/// the reason are recorded in the request; the text is not.
pub async fn withhold(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    input: &RedactionInput,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let r = request_for_extract(&mut tx, request_id, today).await?;
    let person_id = r.person_id.ok_or(Error::NotFound("person"))?;
    let mut p = validate::Problems::new();
    let reason = p.check(validate::required_text("reason", &input.reason, 300));
    let place = &input.place;
    let table = TABLES.iter().find(|t| t.name == place.table);
    let column = table.and_then(|t| t.column(&place.column));
    let (Some(table), Some(column)) = (table, column) else {
        return Err(Error::invalid("column", Reason::Unknown));
    };
    if !matches!(column.show, Show::Text(_)) {
        return Err(Error::invalid("column", Reason::NotAllowed));
    }
    let Some(condition) = table.subject else {
        return Err(Error::invalid("table", Reason::NotAllowed));
    };
    // The passage must be in a row of this person's extract.
    let sql = format!(
        "SELECT {} FROM {} WHERE rowid = ?2 AND ({})",
        column.name, table.name, condition
    );
    let text: Option<Option<String>> = sqlx::query_scalar(&sql)
        .bind(person_id)
        .bind(place.row_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(Some(text)) = text else {
        return Err(Error::invalid("row_id", Reason::Unknown));
    };
    let len = text.chars().count() as i64;
    if place.start < 0 || place.end <= place.start || place.end > len {
        p.push("range", Reason::Format);
    }
    p.finish()?;
    sqlx::query(
        "INSERT INTO dsr_redactions (request_id, table_name, row_id, column_name, start_char, end_char,
                                     reason, automatic, user_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
    )
    .bind(request_id)
    .bind(table.name)
    .bind(place.row_id)
    .bind(column.name)
    .bind(place.start)
    .bind(place.end)
    .bind(reason)
    .bind(actor.user_id())
    .bind(Utc::now())
    .execute(&mut *tx)
    .await?;
    crate::rights::audit_update(&mut tx, actor, request_id).await?;
    tx.commit().await?;
    Ok(())
}
