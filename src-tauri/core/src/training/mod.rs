//! Further training of a home's members (fortbildning): one row per member and
//! occasion (a course on a date), and each year's occasions against the agency's target
//! (`Settings::training_target_per_year`). An occasion is a course on a date: two
//! members at the same course day are one occasion for the home.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// Longest course name or provider accepted, in characters.
pub const TEXT_MAX: usize = 200;
/// Longest occasion accepted, in hours (a week).
pub const HOURS_MAX: f64 = 168.0;

/// What a form or the CLI gives for one member's training occasion.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrainingInput {
    #[ts(type = "number")]
    pub home_id: i64,
    /// A member of the home on `held_on`.
    #[ts(type = "number")]
    pub person_id: i64,
    /// The course, e.g. "Ett hem att växa i" or the agency's own training day.
    pub course: String,
    pub provider: Option<String>,
    pub held_on: NaiveDate,
    /// The length in hours (decimals allowed, e.g. 2.5); stored as minutes.
    pub hours: Option<f64>,
}

/// One member's training occasion, as the home's file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Training {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    /// The member's name (given and family name).
    pub person_name: String,
    pub course: String,
    pub provider: Option<String>,
    pub held_on: NaiveDate,
    /// The length in minutes, when given.
    #[ts(type = "number | null")]
    pub minutes: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A home's training in a year against the agency's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrainingYear {
    #[ts(type = "number")]
    pub home_id: i64,
    pub year: i32,
    /// Distinct occasions (course and date) of any member in the year.
    pub occasions: u32,
    /// The agency's target of occasions a year.
    pub target: u32,
    /// Whether the occasions reach the target.
    pub met: bool,
    /// The members' rows in the year.
    pub rows: u32,
    /// The summed length of the rows whose length is given, in minutes.
    #[ts(type = "number")]
    pub minutes: i64,
}

/// Hours as minutes: more than 0 and at most [`HOURS_MAX`], at least a minute.
fn minutes_of(hours: Option<f64>) -> std::result::Result<Option<i64>, crate::error::FieldError> {
    let Some(h) = hours else {
        return Ok(None);
    };
    let minutes = (h * 60.0).round();
    if !h.is_finite() || h <= 0.0 || h > HOURS_MAX || minutes < 1.0 {
        return Err(validate::refuse("hours", Reason::Format));
    }
    // In range (1..=10080), so the conversion is exact.
    Ok(Some(minutes as i64))
}

/// Records a member's training occasion. Refused (field named, nothing written): an
/// unknown home (`home_id`); an unknown person (`person_id`) or one who was not a
/// member of the home on that date (`person_id`: not allowed — never one, or left
/// before); a date in the future (`held_on`); an empty, too long or control-character
/// course (`course`) or provider (`provider`); hours not above 0 and at most 168
/// (`hours`). A person whose processing is restricted is refused.
pub async fn add(
    store: &Store,
    actor: &Actor,
    input: &TrainingInput,
    today: NaiveDate,
) -> Result<Training> {
    let mut tx = store.begin().await?;
    crate::person::ensure_unrestricted(&mut tx, &[input.person_id]).await?;
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
    let person = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM persons WHERE id = ?"#,
        input.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if person == 0 {
        p.push("person_id", Reason::Unknown);
    } else if home > 0
        && crate::foster_home::role_on(&mut tx, input.home_id, input.person_id, input.held_on)
            .await?
            .is_none()
    {
        p.push("person_id", Reason::NotAllowed);
    }
    let course = p.check(validate::required_text("course", &input.course, TEXT_MAX));
    let provider = p
        .check(validate::optional_text(
            "provider",
            input.provider.as_deref(),
            TEXT_MAX,
        ))
        .flatten();
    if input.held_on > today {
        p.push("held_on", Reason::Future);
    }
    let minutes = p.check(minutes_of(input.hours)).flatten();
    p.finish()?;
    let course = course.ok_or_else(|| Error::Internal("validation state".into()))?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO trainings (home_id, person_id, course, provider, held_on, minutes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        input.home_id,
        input.person_id,
        course,
        provider,
        input.held_on,
        minutes,
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
        EntityKind::Training,
        Some(id),
    )
    .await?;
    let row = select(&mut tx, None, Some(id), None)
        .await?
        .pop()
        .ok_or(Error::NotFound("training"))?;
    tx.commit().await?;
    Ok(row)
}

/// Deletes a row recorded by mistake. Audited; refused for a person whose processing
/// is restricted.
pub async fn delete(store: &Store, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let person = sqlx::query_scalar!("SELECT person_id FROM trainings WHERE id = ?", id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("training"))?;
    crate::person::ensure_unrestricted(&mut tx, &[person]).await?;
    sqlx::query!("DELETE FROM trainings WHERE id = ?", id)
        .execute(&mut *tx)
        .await?;
    audit::record_and_commit(tx, actor, AuditAction::Delete, EntityKind::Training, id).await
}

/// The rows of a home (in `year`, or all), newest first.
async fn select(
    conn: &mut SqliteConnection,
    home: Option<i64>,
    id: Option<i64>,
    year: Option<i32>,
) -> Result<Vec<Training>> {
    let (from, to) = match year {
        Some(y) => (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ),
        None => (None, None),
    };
    if year.is_some() && (from.is_none() || to.is_none()) {
        return Err(Error::invalid("year", Reason::Format));
    }
    let rows = sqlx::query!(
        r#"SELECT t.id AS "id!", t.home_id, t.person_id, p.given_name, p.family_name, t.course, t.provider,
                  t.held_on AS "held_on: NaiveDate", t.minutes, t.created_at AS "created_at: DateTime<Utc>"
           FROM trainings t JOIN persons p ON p.id = t.person_id
           WHERE ((?1 IS NOT NULL AND t.id = ?1) OR (?1 IS NULL AND (?2 IS NULL OR t.home_id = ?2)))
             AND (?3 IS NULL OR t.held_on >= ?3) AND (?4 IS NULL OR t.held_on <= ?4)
           ORDER BY t.held_on DESC, t.id DESC"#,
        id,
        home,
        from,
        to
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Training {
            id: r.id,
            home_id: r.home_id,
            person_id: r.person_id,
            person_name: format!("{} {}", r.given_name, r.family_name),
            course: r.course,
            provider: r.provider,
            held_on: r.held_on,
            minutes: r.minutes,
            created_at: r.created_at,
        })
        .collect())
}

/// A home's training rows (in `year`, or all years), newest first. Shown in the
/// home's file, whose read is audited.
pub async fn for_home(store: &Store, home_id: i64, year: Option<i32>) -> Result<Vec<Training>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, Some(home_id), None, year).await
}

/// Every home's training rows of `year` (the inbox's rule reads them at once).
pub(crate) async fn all_in_year(store: &Store, year: i32) -> Result<Vec<Training>> {
    let mut conn = store.pool().acquire().await?;
    select(&mut conn, None, None, Some(year)).await
}

/// A home's occasions in `year` against `target` (the agency's setting).
pub async fn year_summary(
    store: &Store,
    home_id: i64,
    year: i32,
    target: u32,
) -> Result<TrainingYear> {
    let rows = for_home(store, home_id, Some(year)).await?;
    Ok(summarise(home_id, year, target, &rows))
}

/// The year's figures from its rows: an occasion is a course (letter case and spaces
/// aside) on a date.
pub fn summarise(home_id: i64, year: i32, target: u32, rows: &[Training]) -> TrainingYear {
    let in_year = rows.iter().filter(|r| r.held_on.year() == year);
    let occasions: BTreeSet<(String, NaiveDate)> = in_year
        .clone()
        .map(|r| (occasion_key(&r.course), r.held_on))
        .collect();
    let occasions = u32::try_from(occasions.len()).unwrap_or(u32::MAX);
    TrainingYear {
        home_id,
        year,
        occasions,
        target,
        met: occasions >= target,
        rows: u32::try_from(in_year.clone().count()).unwrap_or(u32::MAX),
        minutes: in_year.filter_map(|r| r.minutes).sum(),
    }
}

fn occasion_key(course: &str) -> String {
    course
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(course: &str, on: &str, minutes: Option<i64>) -> Training {
        Training {
            id: 1,
            home_id: 1,
            person_id: 1,
            person_name: String::new(),
            course: course.into(),
            provider: None,
            held_on: on.parse().unwrap_or_default(),
            minutes,
            created_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn two_members_at_one_course_day_are_one_occasion() {
        let rows = [
            row("Ett hem att växa i", "2026-03-10", Some(180)),
            row("ett hem  att växa i", "2026-03-10", Some(180)),
            row("Ett hem att växa i", "2026-04-14", None),
            row("Temadag", "2025-12-31", Some(60)),
        ];
        let y = summarise(1, 2026, 2, &rows);
        assert_eq!((y.occasions, y.rows, y.minutes, y.met), (2, 3, 360, true));
        let y = summarise(1, 2026, 3, &rows);
        assert!(!y.met);
    }

    #[test]
    fn hours_are_stored_as_minutes_within_a_week() {
        assert_eq!(minutes_of(Some(2.5)), Ok(Some(150)));
        assert_eq!(minutes_of(None), Ok(None));
        assert_eq!(minutes_of(Some(168.0)), Ok(Some(10080)));
        for bad in [0.0, -1.0, 168.5, 0.001, f64::NAN, f64::INFINITY] {
            assert_eq!(
                minutes_of(Some(bad)).map_err(|e| (e.field, e.reason)),
                Err(("hours".to_owned(), Reason::Format)),
                "{bad}"
            );
        }
    }
}
