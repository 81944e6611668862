//! Retention enforced on the device: the rules (anchor event and period per category),
//! legal holds, a preview that changes nothing, and a run that purges each due file in
//! its own transaction and leaves a receipt without personal data.
//!
//! Files: a **home file** (the foster home, its members, history, investigations,
//! journal, interest notices taken up into it, placements in it, its documents) is due
//! `period` after the home was closed. A **child file** (the child's journal, placements, concern
//! reports about the child, documents in the child's file) is due `period` after it
//! closed: when no placement is open, from the latest of the last placement's end, the
//! last journal entry's event date, the last concern report's change and the last
//! document's date. A file is due on that day (two years minus a day stays; on the day
//! it goes). Held files stay: an active legal hold on the home or on a
//! person in the file, an open data-subject request of such a person, and (for a home)
//! a child placed in it whose own file is not purged yet. After a file goes, persons
//! nothing else refers to go too, with their consents and processing links. A file's
//! documents go with it: their rows (which hold the only copies of their keys) in the
//! file's transaction, then, once that has committed, their encrypted files.

mod files;
mod handover;
mod holds;
pub mod kinds;

use handover::handover_pending;
pub use handover::{
    copies_folder, decide_handover, offer_handover, save_copies, save_handover, HandoverCopy,
    HandoverOffer,
};
use holds::hold_reasons;
pub use holds::{add_hold, holds, lift_hold, HoldInput, LegalHold};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::{Actor, Permission};

/// Which kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    Home,
    Child,
}

/// A rule as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct RetentionRule {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub category: String,
    pub anchor: String,
    #[ts(type = "number")]
    pub period_months: i64,
    #[ts(type = "number")]
    pub period_days: i64,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

impl RetentionRule {
    /// The day a file anchored on `anchor` is due.
    pub fn due_on(&self, anchor: NaiveDate) -> NaiveDate {
        let months = u32::try_from(self.period_months).unwrap_or(0);
        let days = u64::try_from(self.period_days).unwrap_or(0);
        anchor
            .checked_add_months(Months::new(months))
            .and_then(|d| d.checked_add_days(Days::new(days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// A file the rules reach, with why it stays if it does.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct FileDue {
    pub rule: String,
    pub category: String,
    pub kind: FileKind,
    #[ts(type = "number")]
    pub id: i64,
    /// The home's name or the child's name: shown to the officer in the preview, never
    /// written to a receipt.
    pub label: String,
    pub anchor_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Rows of the file the purge would delete (the catalogue's `home_file` /
    /// `child_file`); the persons it leaves referenced by nothing go too, counted in
    /// the receipt apart.
    #[ts(type = "number")]
    pub rows: i64,
    /// Documents of the file among those rows (each with its encrypted file).
    #[ts(type = "number")]
    pub documents: i64,
    /// Why it stays (legal holds, open requests, child files); empty when it goes.
    pub holds: Vec<String>,
    /// For a placed child's file: the hand-over offer waiting for an answer, if any.
    #[ts(type = "number | null")]
    pub handover: Option<i64>,
    /// For a placed child's file: it must be offered to the municipality first.
    pub needs_handover: bool,
}

/// What a run would do on `as_of`, and what falls due in the year after.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Preview {
    pub as_of: NaiveDate,
    /// Due and not held: a run purges these.
    pub due: Vec<FileDue>,
    /// Due but held.
    pub held: Vec<FileDue>,
    /// Falling due within a year after `as_of` (for the dashboard and the chart).
    pub upcoming: Vec<FileDue>,
}

/// One line of a receipt: a rule and what it purged.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct ReceiptLine {
    pub rule: String,
    pub category: String,
    #[ts(type = "number")]
    pub files: i64,
    /// Rows of the purged files (what the preview counted for them).
    #[ts(type = "number")]
    pub rows: i64,
    /// Persons (with their consents and links) that the purged files left referenced
    /// by nothing, and so went too. Receipts from before this count have 0.
    #[serde(default)]
    #[ts(type = "number")]
    pub persons: i64,
    /// Documents among the rows, whose keys and files went with them. Receipts from
    /// before documents have 0.
    #[serde(default)]
    #[ts(type = "number")]
    pub documents: i64,
}

/// What a run did. No names, numbers or text: rule ids, categories, counts, and a
/// SHA-256 per purged file (over the store id, the kind, the file's id and its anchor
/// date) that proves a given file went without saying whose it was.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Receipt {
    #[ts(type = "number")]
    pub id: i64,
    pub run_at: DateTime<Utc>,
    pub as_of: NaiveDate,
    pub lines: Vec<ReceiptLine>,
    pub file_hashes: Vec<String>,
}

/// Every rule.
pub async fn rules(store: &Store) -> Result<Vec<RetentionRule>> {
    let mut conn = store.pool().acquire().await?;
    rules_in(&mut conn).await
}

async fn rules_in(conn: &mut SqliteConnection) -> Result<Vec<RetentionRule>> {
    Ok(sqlx::query_as!(
        RetentionRule,
        r#"SELECT id AS "id!", code, category, anchor, period_months, period_days, description,
                  updated_at AS "updated_at: DateTime<Utc>"
           FROM retention_rules ORDER BY id"#
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Changes a rule's period (the data-protection role). Takes effect on the next run;
/// the preview shows its effect first. Audited.
pub async fn set_period(
    store: &Store,
    actor: &Actor,
    code: &str,
    months: i64,
    days: i64,
) -> Result<RetentionRule> {
    actor.require(Permission::ManageRetention)?;
    let mut p = crate::validate::Problems::new();
    if !(0..=1200).contains(&months) {
        p.push("period_months", Reason::NotAllowed);
    }
    if !(0..=36500).contains(&days) {
        p.push("period_days", Reason::NotAllowed);
    }
    if months == 0 && days == 0 {
        p.push("period_months", Reason::Required);
    }
    p.finish()?;
    let mut tx = store.begin().await?;
    let now = Utc::now();
    let user = actor.user_id();
    let done = sqlx::query!(
        "UPDATE retention_rules SET period_months = ?, period_days = ?, updated_at = ?, updated_by = ?
         WHERE code = ? AND anchor <> 'on_request'",
        months,
        days,
        now,
        user,
        code
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("rule", Reason::Unknown));
    }
    let rule = rules_in(&mut tx)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or(Error::NotFound("rule"))?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::RetentionRule,
        Some(rule.id),
    )
    .await?;
    tx.commit().await?;
    Ok(rule)
}

fn rule<'a>(rules: &'a [RetentionRule], code: &str) -> Result<&'a RetentionRule> {
    rules
        .iter()
        .find(|r| r.code == code)
        .ok_or(Error::NotFound("retention rule"))
}

/// Child files: closed (no open placement), with their anchor date.
async fn child_files(conn: &mut SqliteConnection) -> Result<Vec<(i64, String, NaiveDate)>> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.given_name || ' ' || p.family_name,
                max(coalesce((SELECT max(end_date) FROM placements WHERE child_id = p.id), ''),
                    coalesce((SELECT max(event_date) FROM journal_entries WHERE child_id = p.id), ''),
                    coalesce((SELECT max(substr(updated_at, 1, 10)) FROM concern_reports WHERE child_id = p.id), ''),
                    coalesce((SELECT max(dated_on) FROM documents WHERE child_id = p.id), ''))
         FROM persons p
         WHERE (EXISTS (SELECT 1 FROM placements WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM journal_entries WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM concern_reports WHERE child_id = p.id)
                OR EXISTS (SELECT 1 FROM documents WHERE child_id = p.id))
           AND NOT EXISTS (SELECT 1 FROM placements WHERE child_id = p.id AND end_date IS NULL)
         ORDER BY p.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, anchor)| {
            let anchor = anchor?.parse::<NaiveDate>().ok()?;
            Some((id, name, anchor))
        })
        .collect())
}

/// Every file the rules reach on `as_of` or within the year after.
async fn survey(conn: &mut SqliteConnection, as_of: NaiveDate) -> Result<Preview> {
    let rules = rules_in(conn).await?;
    let horizon = as_of
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    let mut files = Vec::new();

    let child_rule = rule(&rules, "child_files")?;
    let children = child_files(conn).await?;
    let mut child_due: Vec<(i64, NaiveDate)> = Vec::new();
    for (id, name, anchor) in &children {
        let due_on = child_rule.due_on(*anchor);
        child_due.push((*id, due_on));
        if due_on > horizon {
            continue;
        }
        let mut holds = hold_reasons(conn, &[*id], None, as_of).await?;
        let waiting = handover_pending(conn, *id).await?;
        let handover: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM handovers WHERE child_id = ? AND decision IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let needs_handover = waiting.is_some() && handover.is_none();
        holds.extend(waiting);
        files.push(FileDue {
            rule: child_rule.code.clone(),
            category: child_rule.category.clone(),
            kind: FileKind::Child,
            id: *id,
            label: name.clone(),
            anchor_on: *anchor,
            due_on,
            rows: files::count(conn, FileKind::Child, *id).await?,
            documents: files::documents(conn, FileKind::Child, *id).await?,
            holds,
            handover,
            needs_handover,
        });
    }

    let home_rule = rule(&rules, "home_files")?;
    let homes: Vec<(i64, String, NaiveDate)> = sqlx::query_as(
        "SELECT id, name, closed_on FROM foster_homes WHERE status = 'avslutad' AND closed_on IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, closed_on) in homes {
        let due_on = home_rule.due_on(closed_on);
        if due_on > horizon {
            continue;
        }
        let members: Vec<i64> =
            sqlx::query_scalar("SELECT person_id FROM foster_home_members WHERE home_id = ?")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        let mut holds = hold_reasons(conn, &members, Some(id), as_of).await?;
        // A child placed here whose own file stays keeps the placement, so the home.
        let placed: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT child_id FROM placements WHERE home_id = ?")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for child in placed {
            let goes = child_due.iter().any(|(c, d)| *c == child && *d <= as_of)
                && hold_reasons(conn, &[child], None, as_of).await?.is_empty()
                && handover_pending(conn, child).await?.is_none();
            if !goes {
                holds.push("Ett placerat barns akt sparas ännu".to_owned());
                break;
            }
        }
        files.push(FileDue {
            rule: home_rule.code.clone(),
            category: home_rule.category.clone(),
            kind: FileKind::Home,
            id,
            label: name,
            anchor_on: closed_on,
            due_on,
            rows: files::count(conn, FileKind::Home, id).await?,
            documents: files::documents(conn, FileKind::Home, id).await?,
            holds,
            handover: None,
            needs_handover: false,
        });
    }

    let mut preview = Preview {
        as_of,
        due: Vec::new(),
        held: Vec::new(),
        upcoming: Vec::new(),
    };
    for f in files {
        if f.due_on > as_of {
            preview.upcoming.push(f);
        } else if f.holds.is_empty() {
            preview.due.push(f);
        } else {
            preview.held.push(f);
        }
    }
    for list in [&mut preview.due, &mut preview.held, &mut preview.upcoming] {
        list.sort_by_key(|f| (f.due_on, f.kind == FileKind::Home, f.id));
    }
    Ok(preview)
}

/// What a run on `as_of` would purge, what is held and why, and what falls due within
/// a year. Changes nothing.
pub async fn preview(store: &Store, actor: &Actor, as_of: NaiveDate) -> Result<Preview> {
    actor.require(Permission::ManageRetention)?;
    let mut conn = store.pool().acquire().await?;
    survey(&mut conn, as_of).await
}

/// Files due now (held or not) or within `days` after `today`: the dashboard's list.
pub async fn due_within(store: &Store, today: NaiveDate, days: u64) -> Result<Vec<FileDue>> {
    let mut conn = store.pool().acquire().await?;
    let p = survey(&mut conn, today).await?;
    let limit = today + Days::new(days);
    let mut out: Vec<FileDue> = p.due.into_iter().chain(p.held).collect();
    out.extend(p.upcoming.into_iter().filter(|f| f.due_on <= limit));
    out.sort_by_key(|f| (f.due_on, f.id));
    Ok(out)
}

fn file_hash(store_id: &str, f: &FileDue) -> String {
    let kind = match f.kind {
        FileKind::Home => "home",
        FileKind::Child => "child",
    };
    Sha256::digest(format!(
        "akta-purge-v1\x1f{store_id}\x1f{kind}\x1f{}\x1f{}",
        f.id, f.anchor_on
    ))
    .iter()
    .map(|b| format!("{b:02x}"))
    .collect()
}

/// Deletes the persons in `candidates` that nothing refers to any more (and that no
/// open request or hold keeps), with their consents and processing links.
async fn forget_unreferenced(
    conn: &mut SqliteConnection,
    actor: &Actor,
    candidates: &[i64],
    as_of: NaiveDate,
) -> Result<i64> {
    let mut n = 0;
    for &id in candidates {
        if crate::catalogue::person_referenced(conn, id).await?
            || !hold_reasons(conn, &[id], None, as_of).await?.is_empty()
        {
            continue;
        }
        for table in crate::catalogue::OWNED_BY_PERSON {
            let sql = format!("DELETE FROM {table} WHERE person_id = ?");
            n += sqlx::query(&sql)
                .bind(id)
                .execute(&mut *conn)
                .await?
                .rows_affected() as i64;
        }
        n += sqlx::query("DELETE FROM persons WHERE id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?
            .rows_affected() as i64;
        audit::record(
            conn,
            actor,
            AuditAction::Delete,
            EntityKind::Person,
            Some(id),
        )
        .await?;
    }
    Ok(n)
}

/// Purges one file in the caller's transaction: its rows (as the catalogue names them),
/// then the persons it named that nothing refers to any more. Returns what went: the
/// rows, the documents among them and their files (for the caller to remove after the
/// commit), and the count of persons forgotten.
async fn purge(
    conn: &mut SqliteConnection,
    actor: &Actor,
    f: &FileDue,
    as_of: NaiveDate,
) -> Result<(files::Deleted, i64)> {
    let deleted = files::delete(conn, actor, f.kind, f.id).await?;
    let forgotten = forget_unreferenced(conn, actor, &deleted.persons, as_of).await?;
    Ok((deleted, forgotten))
}

/// Runs retention as of `as_of`: every due file that is not held is purged in its own
/// transaction; then the free pages are rewritten (`VACUUM`; the store runs with
/// `secure_delete`), and a receipt is stored and returned. Children's files go before
/// homes (a home waits for the children placed in it). A file's documents go keys
/// first: their rows commit with the file's, then their files are removed (a crash in
/// between leaves files nobody can open, which the folder check at open removes).
pub async fn run(store: &Store, actor: &Actor, as_of: NaiveDate) -> Result<Receipt> {
    actor.require(Permission::ManageRetention)?;
    let store_id = store.meta().store_id.clone();
    let mut lines: Vec<ReceiptLine> = Vec::new();
    let mut hashes = Vec::new();
    // Homes are looked at again after the children went.
    for kind in [FileKind::Child, FileKind::Home] {
        let mut conn = store.pool().acquire().await?;
        let due: Vec<FileDue> = survey(&mut conn, as_of)
            .await?
            .due
            .into_iter()
            .filter(|f| f.kind == kind)
            .collect();
        drop(conn);
        for f in due {
            let mut tx = store.begin().await?;
            let (deleted, persons) = purge(&mut tx, actor, &f, as_of).await?;
            tx.commit().await?;
            if !deleted.blobs.is_empty() {
                crate::document::forget_keys(store).await;
                crate::document::blob::remove(store.dir(), &deleted.blobs);
            }
            hashes.push(file_hash(&store_id, &f));
            match lines.iter_mut().find(|l| l.rule == f.rule) {
                Some(l) => {
                    l.files += 1;
                    l.rows += deleted.rows;
                    l.persons += persons;
                    l.documents += deleted.documents;
                }
                None => lines.push(ReceiptLine {
                    rule: f.rule.clone(),
                    category: f.category.clone(),
                    files: 1,
                    rows: deleted.rows,
                    persons,
                    documents: deleted.documents,
                }),
            }
        }
    }
    if !hashes.is_empty() {
        store.scrub().await;
        // The rewrite went through the write-ahead log: move it in and truncate it.
        crate::document::forget_keys(store).await;
    }
    // Backups and technical logs older than their rules' periods.
    let rules = rules(store).await?;
    type Sweep = fn(&crate::store::StoreDir, NaiveDate) -> Result<u64>;
    let sweeps: [(&str, Sweep); 2] = [
        ("backups", crate::backup::delete_older_than),
        ("technical_logs", crate::logs::delete_older_than),
    ];
    for (code, sweep) in sweeps {
        let r = rule(&rules, code)?;
        let months = u32::try_from(r.period_months).unwrap_or(0);
        let days = u64::try_from(r.period_days).unwrap_or(0);
        let cutoff = as_of
            .checked_sub_months(Months::new(months))
            .and_then(|d| d.checked_sub_days(Days::new(days)))
            .unwrap_or(NaiveDate::MIN);
        let gone = sweep(store.dir(), cutoff)?;
        if gone > 0 {
            lines.push(ReceiptLine {
                rule: r.code.clone(),
                category: r.category.clone(),
                files: gone as i64,
                rows: 0,
                persons: 0,
                documents: 0,
            });
        }
    }
    let run_at = Utc::now();
    let summary = serde_json::to_string(&lines).map_err(|e| Error::Internal(e.to_string()))?;
    let file_hashes = serde_json::to_string(&hashes).map_err(|e| Error::Internal(e.to_string()))?;
    let mut tx = store.begin().await?;
    let id = sqlx::query!(
        "INSERT INTO retention_receipts (run_at, as_of, summary, file_hashes) VALUES (?, ?, ?, ?)",
        run_at,
        as_of,
        summary,
        file_hashes
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    audit::record(
        &mut tx,
        actor,
        AuditAction::Delete,
        EntityKind::RetentionRun,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    for l in &lines {
        tracing::info!(
            receipt = id,
            rule = %l.rule,
            files = l.files,
            rows = l.rows,
            documents = l.documents,
            "retention purged"
        );
    }
    Ok(Receipt {
        id,
        run_at,
        as_of,
        lines,
        file_hashes: hashes,
    })
}

/// Every receipt, newest first.
pub async fn receipts(store: &Store) -> Result<Vec<Receipt>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", run_at AS "run_at: DateTime<Utc>", as_of AS "as_of: NaiveDate", summary, file_hashes
           FROM retention_receipts ORDER BY id DESC"#
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Receipt {
                id: r.id,
                run_at: r.run_at,
                as_of: r.as_of,
                lines: serde_json::from_str(&r.summary)
                    .map_err(|e| Error::Internal(e.to_string()))?,
                file_hashes: serde_json::from_str(&r.file_hashes)
                    .map_err(|e| Error::Internal(e.to_string()))?,
            })
        })
        .collect()
}
