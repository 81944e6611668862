//! The audit log: every create, change, sign, read of a personakt, export and delete is
//! an event of time, user, action, entity kind and id — never names, numbers or text.
//! Events form a SHA-256 hash chain with its head kept beside it; `verify` reports the
//! first broken link.
//!
//! The chain protects against changes made outside Akta (someone holding the key and
//! editing the database by hand): updating, inserting or deleting any single event —
//! the newest included — breaks it. Someone who recomputes the whole chain and its head
//! is not stopped; that needs an anchor outside the device (a later backup's head).

mod many;

pub use many::record_many;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::access::Actor;
use crate::error::{Error, Result};
use crate::store::Store;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum AuditAction {
    Create,
    Update,
    Sign,
    Read,
    Export,
    Delete,
}

impl crate::label::SwedishLabel for AuditAction {
    fn sv(self) -> &'static str {
        match self {
            AuditAction::Create => "registrerade",
            AuditAction::Update => "ändrade",
            AuditAction::Sign => "signerade",
            AuditAction::Read => "läste",
            AuditAction::Export => "lämnade ut",
            AuditAction::Delete => "raderade",
        }
    }
}

/// What kind of thing it was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum EntityKind {
    Person,
    Organisation,
    User,
    FosterHome,
    JournalEntry,
    Placement,
    Investigation,
    InterestNotice,
    ConcernReport,
    Consent,
    /// A data-subject request.
    Request,
    /// A retention rule.
    RetentionRule,
    /// A legal hold.
    LegalHold,
    /// A retention run (its receipt).
    RetentionRun,
    /// The whole store (export, import).
    Store,
    /// A document of a personakt.
    Document,
    /// A contact plan line of a home or placement.
    ContactPlan,
    /// A training occasion of a home member.
    Training,
    /// A placement's agreement with the municipality.
    Agreement,
    /// A monthly report to the placing municipality.
    MonthlyReport,
    /// A home's yearly egenkontroll answers.
    Survey,
    /// A bevakning set by hand.
    FollowUp,
    /// A renewal of an approved home's evidence (register check, health declaration).
    EvidenceCheck,
    /// A version of the written familjehemsutredning.
    InvestigationReport,
    /// A method's template of the written investigation (agency configuration).
    ReportTemplate,
}

impl crate::label::SwedishLabel for EntityKind {
    fn sv(self) -> &'static str {
        match self {
            EntityKind::Person => "personuppgifter",
            EntityKind::Organisation => "organisation",
            EntityKind::User => "användarprofil",
            EntityKind::FosterHome => "familjehemmets akt",
            EntityKind::JournalEntry => "journalanteckning",
            EntityKind::Placement => "placering",
            EntityKind::Investigation => "utredning",
            EntityKind::InterestNotice => "intresseanmälan",
            EntityKind::ConcernReport => "orosanmälan",
            EntityKind::Consent => "samtycke",
            EntityKind::Request => "begäran",
            EntityKind::RetentionRule => "gallringsregel",
            EntityKind::LegalHold => "spärr mot gallring",
            EntityKind::RetentionRun => "gallringskörning",
            EntityKind::Store => "hela arkivet",
            EntityKind::Document => "dokument",
            EntityKind::ContactPlan => "kontaktplan",
            EntityKind::Training => "utbildning",
            EntityKind::Agreement => "uppdragsavtal",
            EntityKind::MonthlyReport => "månadsrapport",
            EntityKind::Survey => "egenkontroll",
            EntityKind::FollowUp => "bevakning",
            EntityKind::EvidenceCheck => "förnyad kontroll",
            EntityKind::InvestigationReport => "skriftlig utredning",
            EntityKind::ReportTemplate => "mall för utredningar",
        }
    }
}

impl AuditAction {
    fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Sign => "sign",
            AuditAction::Read => "read",
            AuditAction::Export => "export",
            AuditAction::Delete => "delete",
        }
    }
}

impl EntityKind {
    /// The name stored in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::User => "user",
            EntityKind::FosterHome => "foster_home",
            EntityKind::JournalEntry => "journal_entry",
            EntityKind::Placement => "placement",
            EntityKind::Investigation => "investigation",
            EntityKind::InterestNotice => "interest_notice",
            EntityKind::ConcernReport => "concern_report",
            EntityKind::Consent => "consent",
            EntityKind::Request => "request",
            EntityKind::RetentionRule => "retention_rule",
            EntityKind::LegalHold => "legal_hold",
            EntityKind::RetentionRun => "retention_run",
            EntityKind::Store => "store",
            EntityKind::Document => "document",
            EntityKind::ContactPlan => "contact_plan",
            EntityKind::Training => "training",
            EntityKind::Agreement => "agreement",
            EntityKind::MonthlyReport => "monthly_report",
            EntityKind::Survey => "survey",
            EntityKind::FollowUp => "follow_up",
            EntityKind::EvidenceCheck => "evidence_check",
            EntityKind::InvestigationReport => "investigation_report",
            EntityKind::ReportTemplate => "report_template",
        }
    }
}

/// One event as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct AuditEvent {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    pub action: String,
    pub entity_kind: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
}

/// The hash before the first event.
const GENESIS: [u8; 32] = [0u8; 32];

#[allow(clippy::too_many_arguments)]
fn link_hash(
    seq: i64,
    at: &str,
    user_id: Option<i64>,
    action: &str,
    kind: &str,
    entity_id: Option<i64>,
    prev: &[u8],
) -> Vec<u8> {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(b"akta-audit-v1\x1f");
    for part in [
        seq.to_string(),
        at.to_owned(),
        opt(user_id),
        action.to_owned(),
        kind.to_owned(),
        opt(entity_id),
    ] {
        h.update(part.as_bytes());
        h.update(b"\x1f");
    }
    h.update(prev);
    h.finalize().to_vec()
}

/// Records an event inside the caller's transaction, so that it commits (or not)
/// together with what it describes.
pub async fn record(
    conn: &mut SqliteConnection,
    actor: &Actor,
    action: AuditAction,
    kind: EntityKind,
    entity_id: Option<i64>,
) -> Result<()> {
    let head =
        sqlx::query!(r#"SELECT seq AS "seq!", hash AS "hash!" FROM audit_head WHERE id = 1"#)
            .fetch_optional(&mut *conn)
            .await?;
    let (prev_seq, prev_hash) = head
        .map(|h| (h.seq, h.hash))
        .unwrap_or((0, GENESIS.to_vec()));
    let seq = prev_seq + 1;
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let user_id = actor.user_id();
    let (a, k) = (action.as_str(), kind.as_str());
    let hash = link_hash(seq, &at, user_id, a, k, entity_id, &prev_hash);
    sqlx::query!(
        "INSERT INTO audit_events (seq, at, user_id, action, entity_kind, entity_id, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        seq,
        at,
        user_id,
        a,
        k,
        entity_id,
        prev_hash,
        hash
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET seq = ?1, hash = ?2",
        seq,
        hash
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records an event and commits the caller's transaction with it: the last step of a
/// create, change or read done in one transaction.
pub async fn record_and_commit(
    mut tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &Actor,
    action: AuditAction,
    kind: EntityKind,
    entity_id: i64,
) -> Result<()> {
    record(&mut tx, actor, action, kind, Some(entity_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks a foster home or an investigation as changed at `at` (its `updated_at`) and
/// records the update, inside the caller's transaction: for a change made to what
/// belongs to it (a member, a component).
pub async fn touch(
    conn: &mut SqliteConnection,
    actor: &Actor,
    kind: EntityKind,
    id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let query = match kind {
        EntityKind::FosterHome => {
            sqlx::query!(
                "UPDATE foster_homes SET updated_at = ? WHERE id = ?",
                at,
                id
            )
        }
        EntityKind::Investigation => {
            sqlx::query!(
                "UPDATE investigations SET updated_at = ? WHERE id = ?",
                at,
                id
            )
        }
        _ => return Err(Error::Internal("touch: no updated_at".into())),
    };
    query.execute(&mut *conn).await?;
    record(conn, actor, AuditAction::Update, kind, Some(id)).await
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct AuditVerification {
    #[ts(type = "number")]
    pub events: i64,
    pub intact: bool,
    /// The first event whose link does not hold (or the head, as `events + 1`).
    #[ts(type = "number | null")]
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}

/// Walks the whole chain.
pub async fn verify(store: &Store) -> Result<AuditVerification> {
    let mut conn = store.pool().acquire().await?;
    let rows = sqlx::query!(
        r#"SELECT seq AS "seq!", at, user_id, action, entity_kind, entity_id, prev_hash, hash
           FROM audit_events ORDER BY seq"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let head =
        sqlx::query!(r#"SELECT seq AS "seq!", hash AS "hash!" FROM audit_head WHERE id = 1"#)
            .fetch_optional(&mut *conn)
            .await?;
    let events = rows.len() as i64;
    let broken = |seq: i64, problem: &str| AuditVerification {
        events,
        intact: false,
        first_broken: Some(seq),
        problem: Some(problem.to_owned()),
    };
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_vec();
    for r in &rows {
        if r.seq != expected_seq {
            return Ok(broken(
                expected_seq,
                "an event is missing or was inserted (sequence gap)",
            ));
        }
        if r.prev_hash != prev {
            return Ok(broken(
                r.seq,
                "the link to the previous event does not match",
            ));
        }
        let h = link_hash(
            r.seq,
            &r.at,
            r.user_id,
            &r.action,
            &r.entity_kind,
            r.entity_id,
            &r.prev_hash,
        );
        if h != r.hash {
            return Ok(broken(r.seq, "the event was changed after it was written"));
        }
        prev = r.hash.clone();
        expected_seq += 1;
    }
    let last_seq = expected_seq - 1;
    match head {
        None if events == 0 => {}
        Some(h) if h.seq == last_seq && h.hash == prev => {}
        _ => {
            return Ok(broken(
                last_seq + 1,
                "the newest events were removed (head does not match)",
            ))
        }
    }
    Ok(AuditVerification {
        events,
        intact: true,
        first_broken: None,
        problem: None,
    })
}

/// The newest events first.
pub async fn list(store: &Store, limit: i64) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query!(
        r#"SELECT seq AS "seq!", at AS "at: DateTime<Utc>", user_id, action, entity_kind, entity_id
           FROM audit_events ORDER BY seq DESC LIMIT ?"#,
        limit
    )
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEvent {
            seq: r.seq,
            at: r.at,
            user_id: r.user_id,
            action: r.action,
            entity_kind: r.entity_kind,
            entity_id: r.entity_id,
        })
        .collect())
}
