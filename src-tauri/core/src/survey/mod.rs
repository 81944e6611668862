//! Egenkontroll (HSLF-FS 2018:2): once a year, how a home perceives the agency's
//! support, as answers 1–5 to a few fixed questions ([`QUESTIONS`]) and a comment. The
//! agency's summary of a year counts and averages the answers per question, with no
//! name or id of any home, and is for the data-protection profile only.

mod print;
mod questions;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};
use crate::validate::{self, Problems};

pub use print::{render_pdf, swedish_mean};
pub(crate) use questions::survey_question;
pub use questions::{Question, QUESTIONS};

/// Longest comment accepted, in characters.
pub const COMMENT_MAX: usize = 4000;
/// The years a survey may be recorded for (the table's range).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// One home's answers for a year: each question 1 (not at all) to 5 (fully).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Scores {
    pub reachability: u8,
    pub supervision: u8,
    pub information: u8,
    pub training: u8,
    pub overall: u8,
}

impl Scores {
    /// The answers in the order of [`QUESTIONS`].
    pub fn in_order(&self) -> [u8; 5] {
        [
            self.reachability,
            self.supervision,
            self.information,
            self.training,
            self.overall,
        ]
    }
}

/// What a form or the CLI gives for a home's yearly answers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SurveyInput {
    #[ts(type = "number")]
    pub home_id: i64,
    pub year: i32,
    pub answered_on: NaiveDate,
    pub scores: Scores,
    pub comment: Option<String>,
}

/// A home's answers for a year, as its file shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Survey {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    pub year: i32,
    pub answered_on: NaiveDate,
    pub scores: Scores,
    pub comment: Option<String>,
    /// Who recorded the answers (a profile's name), if a profile did.
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One question's answers over every home that answered in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuestionSummary {
    /// The question's column (`reachability`, …).
    pub code: String,
    /// The question's Swedish text.
    pub text: String,
    /// How many homes answered it.
    pub answers: u32,
    /// The mean answer (1–5); none without answers.
    pub average: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [u32; 5],
}

/// The agency's summary of a year's egenkontroll: counts and averages, no home named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SurveySummary {
    pub year: i32,
    /// How many homes answered.
    pub homes: u32,
    pub questions: Vec<QuestionSummary>,
}

fn score_field(p: &mut Problems, field: &str, value: u8) {
    match value {
        0 => p.push(field, Reason::Required),
        1..=5 => {}
        _ => p.push(field, Reason::Format),
    }
}

/// Records a home's answers for a year. Refused (field named, nothing written): an
/// unknown home (`home_id`); a year outside 2000–2200 or after this year (`year`); a
/// home that already answered that year (`year`: duplicate); a date in the future or
/// before the year began (`answered_on`); an answer left out (0: required) or outside
/// 1–5 (format), named by its question's column; a too long comment (`comment`). A
/// home with a member whose processing is restricted is refused, and so is an actor
/// without a profile (the answers name who recorded them).
pub async fn record(
    store: &Store,
    actor: &Actor,
    input: &SurveyInput,
    today: NaiveDate,
) -> Result<Survey> {
    let by = actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let members = crate::person::home_member_ids(&mut tx, input.home_id).await?;
    crate::person::ensure_unrestricted(&mut tx, &members).await?;
    let mut p = Problems::new();
    let home = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM foster_homes WHERE id = ?"#,
        input.home_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if home == 0 {
        p.push("home_id", Reason::Unknown);
    }
    if !YEARS.contains(&input.year) {
        p.push("year", Reason::Format);
    } else if input.year > today.year() {
        p.push("year", Reason::Future);
    } else {
        let taken = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!: i64" FROM home_surveys WHERE home_id = ? AND year = ?"#,
            input.home_id,
            input.year
        )
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            p.push("year", Reason::Duplicate);
        }
    }
    if input.answered_on > today {
        p.push("answered_on", Reason::Future);
    } else if input.answered_on.year() < input.year {
        p.push("answered_on", Reason::Date);
    }
    let s = input.scores;
    for (q, value) in QUESTIONS.iter().zip(s.in_order()) {
        score_field(&mut p, q.code, value);
    }
    let comment = p
        .check(validate::optional_multiline(
            "comment",
            input.comment.as_deref(),
            COMMENT_MAX,
        ))
        .flatten();
    p.finish()?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO home_surveys (home_id, year, answered_on, reachability, supervision, information,
                                   training, overall, comment, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        input.home_id,
        input.year,
        input.answered_on,
        s.reachability,
        s.supervision,
        s.information,
        s.training,
        s.overall,
        comment,
        by,
        now,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Create,
        EntityKind::Survey,
        Some(id),
    )
    .await?;
    let survey = select(&mut tx, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("survey"))?;
    tx.commit().await?;
    Ok(survey)
}

async fn select(
    conn: &mut SqliteConnection,
    home: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<Survey>> {
    let rows = sqlx::query!(
        r#"SELECT s.id AS "id!", s.home_id, s.year AS "year: i32", s.answered_on AS "answered_on: NaiveDate",
                  s.reachability AS "reachability: u8", s.supervision AS "supervision: u8",
                  s.information AS "information: u8", s.training AS "training: u8", s.overall AS "overall: u8",
                  s.comment, u.name AS "created_by_name?", s.created_at AS "created_at: DateTime<Utc>"
           FROM home_surveys s LEFT JOIN users u ON u.id = s.created_by
           WHERE (?1 IS NOT NULL AND s.id = ?1) OR (?1 IS NULL AND s.home_id = ?2)
           ORDER BY s.year DESC, s.id DESC"#,
        id,
        home
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Survey {
            id: r.id,
            home_id: r.home_id,
            year: r.year,
            answered_on: r.answered_on,
            scores: Scores {
                reachability: r.reachability,
                supervision: r.supervision,
                information: r.information,
                training: r.training,
                overall: r.overall,
            },
            comment: r.comment,
            created_by_name: r.created_by_name,
            created_at: r.created_at,
        })
        .collect())
}

/// A home's answers, newest year first. Shown in the home's file, whose read is audited.
pub async fn for_home(store: &Store, home_id: i64) -> Result<Vec<Survey>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(home_id), None).await
}

/// The agency's summary of `year`: for each question, how many answered, the mean and
/// how many answered each of 1–5; and how many homes answered. No home is named or
/// identified. Only a profile that may see agency summaries (the data-protection role)
/// gets it (`not_permitted` otherwise); audited as a read of surveys.
pub async fn summary(store: &Store, actor: &Actor, year: i32) -> Result<SurveySummary> {
    load_summary(store, actor, year, AuditAction::Read).await
}

/// The summary, audited as `action` (a read, or an export of its PDF).
async fn load_summary(
    store: &Store,
    actor: &Actor,
    year: i32,
    action: AuditAction,
) -> Result<SurveySummary> {
    actor.require(Permission::AgencySummaries)?;
    if !YEARS.contains(&year) {
        return Err(Error::invalid("year", Reason::Format));
    }
    let mut tx = store.begin().await?;
    let rows = sqlx::query!(
        r#"SELECT reachability AS "reachability: u8", supervision AS "supervision: u8",
                  information AS "information: u8", training AS "training: u8", overall AS "overall: u8"
           FROM home_surveys WHERE year = ?"#,
        year
    )
    .fetch_all(&mut *tx)
    .await?;
    audit::record(&mut tx, actor, action, EntityKind::Survey, None).await?;
    tx.commit().await?;
    let answers: Vec<[u8; 5]> = rows
        .into_iter()
        .map(|r| {
            [
                r.reachability,
                r.supervision,
                r.information,
                r.training,
                r.overall,
            ]
        })
        .collect();
    Ok(summarise(year, &answers))
}

/// Counts and means of answers given in the order of [`QUESTIONS`].
pub fn summarise(year: i32, answers: &[[u8; 5]]) -> SurveySummary {
    let questions = QUESTIONS
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut distribution = [0u32; 5];
            let mut sum = 0u32;
            let mut count = 0u32;
            for a in answers {
                let v = a[i];
                if (1..=5).contains(&v) {
                    distribution[usize::from(v - 1)] += 1;
                    sum += u32::from(v);
                    count += 1;
                }
            }
            QuestionSummary {
                code: q.code.into(),
                text: q.text.into(),
                answers: count,
                average: (count > 0).then(|| f64::from(sum) / f64::from(count)),
                distribution,
            }
        })
        .collect();
    SurveySummary {
        year,
        homes: u32::try_from(answers.len()).unwrap_or(u32::MAX),
        questions,
    }
}

/// The summary of `year` as a Swedish PDF; an export (audited), for the same profiles
/// as [`summary`]. `agency` is the agency's name for the heading, if filled in.
pub async fn summary_pdf(
    store: &Store,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
    agency: Option<&str>,
) -> Result<Vec<u8>> {
    let s = load_summary(store, actor, year, AuditAction::Export).await?;
    let agency = agency.map(str::to_owned);
    tokio::task::spawn_blocking(move || render_pdf(&s, today, agency.as_deref()))
        .await
        .map_err(|e| Error::Internal(format!("survey pdf: {e}")))?
}

/// Writes the summary's PDF at `path`, the place the user chose in the save dialog: a
/// new file only, owner-only (see [`crate::files::save_chosen`]). The place is checked
/// before the PDF is made, so a refused place makes and audits nothing.
pub async fn save_summary_pdf(
    store: &Store,
    actor: &Actor,
    year: i32,
    path: &std::path::Path,
    today: NaiveDate,
    agency: Option<&str>,
) -> Result<()> {
    actor.require(Permission::AgencySummaries)?;
    crate::pdf::save_chosen(path, summary_pdf(store, actor, year, today, agency)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_and_averages_each_question() {
        let s = summarise(2026, &[[5, 4, 3, 2, 1], [4, 4, 3, 2, 5], [3, 4, 3, 2, 5]]);
        assert_eq!(s.homes, 3);
        assert_eq!(s.questions[0].average, Some(4.0));
        assert_eq!(s.questions[0].distribution, [0, 0, 1, 1, 1]);
        assert_eq!(s.questions[4].answers, 3);
        assert_eq!(s.questions[4].distribution, [1, 0, 0, 0, 2]);
        assert!((s.questions[4].average.unwrap_or_default() - 11.0 / 3.0).abs() < 1e-9);
        let empty = summarise(2026, &[]);
        assert_eq!((empty.homes, empty.questions[0].average), (0, None));
    }
}
