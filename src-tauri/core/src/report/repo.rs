//! Reading monthly reports and their placements from the store.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::facts::Subject;
use super::{MonthlyReport, ReportStatus, YearMonth};
use crate::error::{Error, Result};
use crate::person::{NumberKind, PersonSummary};

/// A placement as a report needs it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub id: i64,
    pub child_id: i64,
    pub home_id: i64,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

impl Placed {
    /// The days of `month` the placement ran, if any.
    pub fn period(self, month: YearMonth) -> Option<(NaiveDate, NaiveDate)> {
        let from = month.first_day().max(self.start_date);
        let to = self
            .end_date
            .map_or(month.last_day(), |e| e.min(month.last_day()));
        (from <= to).then_some((from, to))
    }

    /// What the facts of its report for `month` are drawn about.
    pub fn subject(self, month: YearMonth) -> Option<Subject> {
        self.period(month).map(|(from, to)| Subject {
            placement_id: self.id,
            child_id: self.child_id,
            home_id: self.home_id,
            from,
            to,
        })
    }
}

pub(super) async fn placement(conn: &mut SqliteConnection, id: i64) -> Result<Option<Placed>> {
    Ok(sqlx::query_as!(
        Placed,
        r#"SELECT id AS "id!", child_id, home_id, start_date AS "start_date: NaiveDate",
                  end_date AS "end_date: NaiveDate"
           FROM placements WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every placement that ran on some day of `month`, oldest first.
pub(super) async fn placements_in(
    conn: &mut SqliteConnection,
    month: YearMonth,
) -> Result<Vec<Placed>> {
    let (first, last) = (month.first_day(), month.last_day());
    Ok(sqlx::query_as!(
        Placed,
        r#"SELECT id AS "id!", child_id, home_id, start_date AS "start_date: NaiveDate",
                  end_date AS "end_date: NaiveDate"
           FROM placements
           WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1)
           ORDER BY start_date, id"#,
        first,
        last
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// The persons whose data a report of the placement is about: the child and the
/// home's members (a restriction of any of them stops the report).
pub(super) async fn persons_of(conn: &mut SqliteConnection, p: Placed) -> Result<Vec<i64>> {
    let mut ids = crate::person::home_member_ids(conn, p.home_id).await?;
    ids.push(p.child_id);
    Ok(ids)
}

struct Row {
    id: i64,
    placement_id: i64,
    month: String,
    contacts_text: String,
    plan_text: String,
    training_text: String,
    child_situation: String,
    home_support: String,
    next_steps: String,
    author_id: i64,
    author_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    signed_at: Option<DateTime<Utc>>,
    signed_by_name: Option<String>,
    pdf_sha256: Option<String>,
    sent_on: Option<NaiveDate>,
    sent_to: Option<String>,
    home_id: i64,
    home_name: String,
    municipality_id: i64,
    municipality_name: String,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    child_id: i64,
    personal_number: Option<String>,
    number_kind: Option<NumberKind>,
    given_name: String,
    family_name: String,
    city: Option<String>,
    protected_identity: bool,
}

impl Row {
    fn into_report(self) -> Result<MonthlyReport> {
        let month = YearMonth::parse("month", &self.month)?;
        let placed = Placed {
            id: self.placement_id,
            child_id: self.child_id,
            home_id: self.home_id,
            start_date: self.start_date,
            end_date: self.end_date,
        };
        let (period_from, period_to) = placed
            .period(month)
            .unwrap_or((month.first_day(), month.last_day()));
        let status = match (&self.signed_at, &self.sent_on) {
            (_, Some(_)) => ReportStatus::Sent,
            (Some(_), None) => ReportStatus::Signed,
            (None, None) => ReportStatus::Draft,
        };
        Ok(MonthlyReport {
            id: self.id,
            placement_id: self.placement_id,
            month: self.month,
            period_from,
            period_to,
            child: PersonSummary::new(
                self.child_id,
                self.personal_number,
                self.number_kind,
                self.given_name,
                self.family_name,
                self.city,
                self.protected_identity,
            ),
            home_id: self.home_id,
            home_name: self.home_name,
            municipality_id: self.municipality_id,
            municipality_name: self.municipality_name,
            contacts_text: self.contacts_text,
            plan_text: self.plan_text,
            training_text: self.training_text,
            child_situation: self.child_situation,
            home_support: self.home_support,
            next_steps: self.next_steps,
            author_id: self.author_id,
            author_name: self.author_name,
            created_at: self.created_at,
            updated_at: self.updated_at,
            signed_at: self.signed_at,
            signed_by_name: self.signed_by_name,
            pdf_sha256: self.pdf_sha256,
            sent_on: self.sent_on,
            sent_to: self.sent_to,
            status,
        })
    }
}

/// Reports: one (`id`), or those of a placement and/or a month; newest month first,
/// then by home and child.
pub(super) async fn select(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    placement: Option<i64>,
    month: Option<&str>,
) -> Result<Vec<MonthlyReport>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT r.id AS "id!", r.placement_id, r.month, r.contacts_text, r.plan_text, r.training_text,
                  r.child_situation, r.home_support, r.next_steps, r.author_id, a.name AS author_name,
                  r.created_at AS "created_at: DateTime<Utc>", r.updated_at AS "updated_at: DateTime<Utc>",
                  r.signed_at AS "signed_at: DateTime<Utc>", s.name AS "signed_by_name?",
                  r.pdf_sha256, r.sent_on AS "sent_on: NaiveDate", r.sent_to,
                  pl.home_id, h.name AS home_name, pl.municipality_id, o.name AS municipality_name,
                  pl.start_date AS "start_date: NaiveDate", pl.end_date AS "end_date: NaiveDate",
                  p.id AS "child_id!", p.personal_number, p.number_kind AS "number_kind: NumberKind",
                  p.given_name, p.family_name, p.city, p.protected_identity AS "protected_identity: bool"
           FROM monthly_reports r
           JOIN placements pl ON pl.id = r.placement_id
           JOIN persons p ON p.id = pl.child_id
           JOIN foster_homes h ON h.id = pl.home_id
           JOIN organisations o ON o.id = pl.municipality_id
           JOIN users a ON a.id = r.author_id
           LEFT JOIN users s ON s.id = r.signed_by
           WHERE (?1 IS NULL OR r.id = ?1) AND (?2 IS NULL OR r.placement_id = ?2)
             AND (?3 IS NULL OR r.month = ?3)
           ORDER BY r.month DESC, h.name COLLATE NOCASE, p.family_name COLLATE NOCASE,
                    p.given_name COLLATE NOCASE, r.id"#,
        id,
        placement,
        month
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Row::into_report).collect()
}

/// One report.
pub(super) async fn one(conn: &mut SqliteConnection, id: i64) -> Result<MonthlyReport> {
    select(conn, Some(id), None, None)
        .await?
        .pop()
        .ok_or(Error::NotFound("monthly report"))
}
