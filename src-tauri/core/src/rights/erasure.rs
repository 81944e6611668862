//! Erasure (Art. 17), driven by the catalogue: what no law requires the agency to keep
//! is deleted at once, in one transaction, and the free pages are then wiped (the store
//! runs with `secure_delete`; a `VACUUM` rewrites the file). What must be kept is listed
//! in a statement with its legal basis and retention rule. The person's own row goes
//! when nothing kept refers to it; otherwise only its contact data is cleared.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{RequestKind, RequestStatus};
use crate::audit::{self, AuditAction, EntityKind};
use crate::catalogue::{Erasure, TABLES};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// One line of the statement: what, how many records, and (for what is kept) why.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct StatementLine {
    pub title: String,
    #[ts(type = "number")]
    pub records: i64,
    pub basis: Option<String>,
    pub retention: Option<String>,
}

/// What an erasure did. Titles and counts only: no personal data.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ErasureStatement {
    pub erased: Vec<StatementLine>,
    pub kept: Vec<StatementLine>,
    /// The person's row itself was deleted (nothing kept refers to it).
    pub person_removed: bool,
}

impl ErasureStatement {
    /// The statement in Swedish, for the request's outcome and the letter to the person.
    pub fn to_text(&self) -> String {
        let mut s = String::from("Raderat:\n");
        if self.erased.is_empty() {
            s.push_str("- inget utöver kontaktuppgifter\n");
        }
        for l in &self.erased {
            s.push_str(&format!("- {} ({} st)\n", l.title, l.records));
        }
        s.push_str("Sparat, eftersom lag kräver det:\n");
        if self.kept.is_empty() {
            s.push_str("- inget\n");
        }
        for l in &self.kept {
            s.push_str(&format!(
                "- {} ({} st). {}. {}\n",
                l.title,
                l.records,
                l.basis.as_deref().unwrap_or(""),
                l.retention.as_deref().unwrap_or("")
            ));
        }
        s
    }
}

/// What carrying out the erasure request would erase and keep, before anything is
/// erased: the officer confirms with this in front of her. The same steps as the
/// erasure run and are rolled back, so the preview cannot differ from what is done.
/// Refused like the erasure (a request that is not open, verified and an erasure).
pub async fn preview(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
) -> Result<ErasureStatement> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let (_, statement) = delete_in(&mut tx, request_id, today).await?;
    tx.rollback().await?;
    Ok(statement)
}

/// Carries out an open erasure request whose requester's identity is verified, and
/// closes it with the statement as its outcome.
pub async fn erase(
    store: &Store,
    actor: &Actor,
    request_id: i64,
    today: NaiveDate,
) -> Result<ErasureStatement> {
    actor.require(Permission::ManageRequests)?;
    let mut tx = store.begin().await?;
    let (person_id, statement) = delete_in(&mut tx, request_id, today).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Delete,
        EntityKind::Person,
        Some(person_id),
    )
    .await?;
    let outcome = statement.to_text();
    super::close_in(
        &mut tx,
        request_id,
        RequestStatus::Completed,
        Some(&outcome),
        today,
    )
    .await?;
    super::updated(tx, actor, request_id, today).await?;
    // Nothing of the deleted rows stays in free pages or the index.
    store.scrub().await;
    Ok(statement)
}

/// The erasure's deletions inside `tx`, and what they erased and kept; the person's id.
async fn delete_in(
    tx: &mut SqliteConnection,
    request_id: i64,
    today: NaiveDate,
) -> Result<(i64, ErasureStatement)> {
    let r = super::workable(&mut *tx, request_id, &[RequestKind::Erasure], today).await?;
    let person_id = r.person_id.ok_or(Error::NotFound("person"))?;
    // Amendments point at what they amend; foreign keys are checked at commit.
    sqlx::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *tx)
        .await?;

    let mut statement = ErasureStatement {
        erased: Vec::new(),
        kept: Vec::new(),
        person_removed: false,
    };
    // Children before parents, so that each table's condition still finds its rows.
    for table in TABLES.iter().rev() {
        let Some(condition) = table.subject else {
            continue;
        };
        let count_sql = format!("SELECT count(*) FROM {} WHERE {}", table.name, condition);
        let n: i64 = sqlx::query_scalar(&count_sql)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
        match table.erasure {
            Erasure::Delete if n > 0 => {
                let sql = format!("DELETE FROM {} WHERE {}", table.name, condition);
                sqlx::query(&sql).bind(person_id).execute(&mut *tx).await?;
                statement.erased.push(StatementLine {
                    title: table.title.to_owned(),
                    records: n,
                    basis: None,
                    retention: None,
                });
            }
            Erasure::Keep { basis } if n > 0 => statement.kept.push(StatementLine {
                title: table.title.to_owned(),
                records: n,
                basis: Some(basis.to_owned()),
                retention: Some(table.retention.describe().to_owned()),
            }),
            _ => {}
        }
    }

    // The person's own row: gone unless something kept still refers to it.
    let persons = crate::catalogue::table("persons").ok_or(Error::Internal("catalogue".into()))?;
    let held: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM legal_holds WHERE person_id = ?)")
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
    let referred = held || crate::catalogue::person_referenced(&mut *tx, person_id).await?;
    if let Erasure::Registry { clear } = persons.erasure {
        if referred {
            let sets: Vec<String> = clear.iter().map(|c| format!("{c} = NULL")).collect();
            let sql = format!("UPDATE persons SET {} WHERE id = ?", sets.join(", "));
            sqlx::query(&sql).bind(person_id).execute(&mut *tx).await?;
            statement.erased.push(StatementLine {
                title: "Kontaktuppgifter (adress, telefon, e-post)".to_owned(),
                records: 1,
                basis: None,
                retention: None,
            });
            statement.kept.push(StatementLine {
                title: "Namn och personnummer".to_owned(),
                records: 1,
                basis: Some(
                    "Behövs för att de sparade akterna ska kunna hänföras till rätt person"
                        .to_owned(),
                ),
                retention: Some(persons.retention.describe().to_owned()),
            });
        } else {
            sqlx::query("DELETE FROM persons WHERE id = ?")
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
            statement.person_removed = true;
            statement.erased.push(StatementLine {
                title: persons.title.to_owned(),
                records: 1,
                basis: None,
                retention: None,
            });
        }
    }
    Ok((person_id, statement))
}
