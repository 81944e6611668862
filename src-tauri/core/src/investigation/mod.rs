//! Familjehemsutredning: the investigation of a prospective home, one per home and
//! round. The checklist says what is missing and which register extracts are too old
//! at decision time; a decision cannot be recorded while items are missing unless the
//! caseworker records why.

mod checklist;
mod list;

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::foster_home::{self, HomeStatus, MemberRole, StatusChangeInput};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

pub use checklist::{Checklist, Missing, StaleExtract, DEFAULT_EXTRACT_MAX_AGE_MONTHS};
pub use list::{list, InvestigationSummary};

/// The investigation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Method {
    Kalvesten,
    Pride,
    EttHemAttVaxaI,
    Annan,
}

impl crate::label::SwedishLabel for Method {
    fn sv(self) -> &'static str {
        match self {
            Method::Kalvesten => "Kälvestens metod",
            Method::Pride => "PRIDE",
            Method::EttHemAttVaxaI => "Ett hem att växa i",
            Method::Annan => "annan metod",
        }
    }
}

/// A component of the investigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    HomeVisit,
    InterviewAdult,
    InterviewChild,
    Reference,
    RegisterExtract,
}

impl crate::label::SwedishLabel for ItemKind {
    fn sv(self) -> &'static str {
        match self {
            ItemKind::HomeVisit => "hembesök",
            ItemKind::InterviewAdult => "intervju med vuxen",
            ItemKind::InterviewChild => "samtal med barn",
            ItemKind::Reference => "referens",
            ItemKind::RegisterExtract => "registerutdrag",
        }
    }
}

/// The registers an extract comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum Register {
    Belastningsregistret,
    Misstankeregistret,
    Socialtjansten,
    Kronofogden,
    Forsakringskassan,
}

impl crate::label::SwedishLabel for Register {
    fn sv(self) -> &'static str {
        match self {
            Register::Belastningsregistret => "belastningsregistret",
            Register::Misstankeregistret => "misstankeregistret",
            Register::Socialtjansten => "socialtjänsten",
            Register::Kronofogden => "Kronofogden",
            Register::Forsakringskassan => "Försäkringskassan",
        }
    }
}

impl Register {
    pub const ALL: [Register; 5] = [
        Register::Belastningsregistret,
        Register::Misstankeregistret,
        Register::Socialtjansten,
        Register::Kronofogden,
        Register::Forsakringskassan,
    ];
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Decision {
    Approved,
    NotApproved,
}

impl crate::label::SwedishLabel for Decision {
    fn sv(self) -> &'static str {
        match self {
            Decision::Approved => "godkänt",
            Decision::NotApproved => "inte godkänt",
        }
    }
}

/// A component done.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Item {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: ItemKind,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub register: Option<Register>,
    /// The date of the visit, interview or reference, or the extract's issue date.
    pub done_on: NaiveDate,
    pub note: Option<String>,
}

/// An investigation with its components and checklist.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct Investigation {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub home_id: i64,
    #[ts(type = "number")]
    pub round: i64,
    pub method: Method,
    pub started_on: NaiveDate,
    pub bra_fam_on: Option<NaiveDate>,
    pub health_declaration_on: Option<NaiveDate>,
    pub summary_assessment: Option<String>,
    pub decision: Option<Decision>,
    pub decision_on: Option<NaiveDate>,
    pub decided_by_name: Option<String>,
    pub missing_items_reason: Option<String>,
    pub items: Vec<Item>,
    pub checklist: Checklist,
}

/// A component to record.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemInput {
    pub kind: ItemKind,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub register: Option<Register>,
    pub done_on: NaiveDate,
    pub note: Option<String>,
}

/// BRA-Fam, health declaration and the summary assessment.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DetailsInput {
    pub bra_fam_on: Option<NaiveDate>,
    pub health_declaration_on: Option<NaiveDate>,
    pub summary_assessment: Option<String>,
}

/// The decision.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionInput {
    pub decision: Decision,
    pub decision_on: NaiveDate,
    /// Required when the checklist is not complete.
    pub missing_items_reason: Option<String>,
}

struct Head {
    id: i64,
    home_id: i64,
    round: i64,
    method: Method,
    started_on: NaiveDate,
    bra_fam_on: Option<NaiveDate>,
    health_declaration_on: Option<NaiveDate>,
    summary_assessment: Option<String>,
    decision: Option<Decision>,
    decision_on: Option<NaiveDate>,
    decided_by_name: Option<String>,
    missing_items_reason: Option<String>,
}

async fn heads(
    conn: &mut SqliteConnection,
    home_id: Option<i64>,
    id: Option<i64>,
) -> Result<Vec<Head>> {
    Ok(sqlx::query_as!(
        Head,
        r#"SELECT i.id AS "id!", i.home_id, i.round, i.method AS "method: Method", i.started_on AS "started_on: NaiveDate",
                  i.bra_fam_on AS "bra_fam_on: NaiveDate", i.health_declaration_on AS "health_declaration_on: NaiveDate",
                  i.summary_assessment, i.decision AS "decision: Decision", i.decision_on AS "decision_on: NaiveDate",
                  u.name AS "decided_by_name?", i.missing_items_reason
           FROM investigations i LEFT JOIN users u ON u.id = i.decided_by
           WHERE (?1 IS NOT NULL AND i.id = ?1) OR (?1 IS NULL AND i.home_id = ?2)
           ORDER BY i.round DESC"#,
        id,
        home_id
    )
    .fetch_all(&mut *conn)
    .await?)
}

async fn items(conn: &mut SqliteConnection, investigation_id: i64) -> Result<Vec<Item>> {
    Ok(sqlx::query_as!(
        Item,
        r#"SELECT it.id AS "id!", it.kind AS "kind: ItemKind", it.person_id,
                  p.given_name || ' ' || p.family_name AS "person_name?: String",
                  it.register AS "register: Register", it.done_on AS "done_on: NaiveDate", it.note
           FROM investigation_items it LEFT JOIN persons p ON p.id = it.person_id
           WHERE it.investigation_id = ? ORDER BY it.done_on, it.id"#,
        investigation_id
    )
    .fetch_all(&mut *conn)
    .await?)
}

async fn members(
    conn: &mut SqliteConnection,
    home_id: i64,
) -> Result<Vec<(i64, String, MemberRole)>> {
    Ok(sqlx::query!(
        r#"SELECT p.id AS "id!", p.given_name || ' ' || p.family_name AS "name!: String", m.role AS "role: MemberRole"
           FROM foster_home_members m JOIN persons p ON p.id = m.person_id
           WHERE m.home_id = ? AND m.left_on IS NULL ORDER BY m.role = 'eget_barn', p.family_name, p.given_name"#,
        home_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name, r.role))
    .collect())
}

async fn load(
    conn: &mut SqliteConnection,
    head: Head,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Investigation> {
    let items = items(conn, head.id).await?;
    let members = members(conn, head.home_id).await?;
    let at = head.decision_on.unwrap_or(today);
    let checklist = checklist::evaluate(
        &items,
        &members,
        head.bra_fam_on,
        head.health_declaration_on,
        head.summary_assessment.as_deref(),
        at,
        max_age_months,
    );
    Ok(Investigation {
        id: head.id,
        home_id: head.home_id,
        round: head.round,
        method: head.method,
        started_on: head.started_on,
        bra_fam_on: head.bra_fam_on,
        health_declaration_on: head.health_declaration_on,
        summary_assessment: head.summary_assessment,
        decision: head.decision,
        decision_on: head.decision_on,
        decided_by_name: head.decided_by_name,
        missing_items_reason: head.missing_items_reason,
        items,
        checklist,
    })
}

/// Investigation `id` with its checklist at its decision date, or `today` while
/// undecided (also read by the written report).
pub(crate) async fn one(
    conn: &mut SqliteConnection,
    id: i64,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Investigation> {
    let head = heads(conn, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("investigation"))?;
    load(conn, head, today, max_age_months).await
}

/// A home's investigations, newest round first (shown in the home's file).
pub async fn for_home(
    store: &Store,
    home_id: i64,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Vec<Investigation>> {
    let mut conn = store.pool().acquire().await?;
    let mut out = Vec::new();
    for head in heads(&mut conn, Some(home_id), None).await? {
        out.push(load(&mut conn, head, today, max_age_months).await?);
    }
    Ok(out)
}

/// Starts a new round. A home at `intresse` moves to `utreds`. Refused for a closed
/// home and while an earlier round has no decision.
pub async fn start(
    store: &Store,
    actor: &Actor,
    home_id: i64,
    method: Method,
    started_on: NaiveDate,
    today: NaiveDate,
) -> Result<Investigation> {
    let mut tx = store.begin().await?;
    let status = sqlx::query_scalar!(
        r#"SELECT status AS "status: HomeStatus" FROM foster_homes WHERE id = ?"#,
        home_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound("foster home"))?;
    let mut p = Problems::new();
    if status == HomeStatus::Avslutad {
        p.push("home_id", Reason::NotAllowed);
    }
    let open = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM investigations WHERE home_id = ? AND decision IS NULL"#,
        home_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if open > 0 {
        p.push("home_id", Reason::Duplicate);
    }
    if started_on > today {
        p.push("started_on", Reason::Future);
    }
    p.finish()?;
    let round = sqlx::query_scalar!(
        r#"SELECT coalesce(max(round), 0) + 1 AS "n!: i64" FROM investigations WHERE home_id = ?"#,
        home_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let now = Utc::now();
    let id = sqlx::query!(
        "INSERT INTO investigations (home_id, round, method, started_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        home_id,
        round,
        method,
        started_on,
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
        EntityKind::Investigation,
        Some(id),
    )
    .await?;
    tx.commit().await?;
    if status == HomeStatus::Intresse {
        let change = StatusChangeInput {
            to: HomeStatus::Utreds,
            on_date: Some(started_on),
            reason: None,
        };
        foster_home::change_status(store, actor, home_id, &change, today).await?;
    }
    let mut conn = store.pool().acquire().await?;
    one(&mut conn, id, today, DEFAULT_EXTRACT_MAX_AGE_MONTHS).await
}

async fn open_head(conn: &mut SqliteConnection, id: i64) -> Result<Head> {
    let head = heads(conn, None, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound("investigation"))?;
    if head.decision.is_some() {
        return Err(Error::invalid("investigation", Reason::NotAllowed));
    }
    Ok(head)
}

/// Records a component. Interviews and extracts name a member of the home (an adult, or
/// for a child interview the home's own child); extracts name their register.
pub async fn add_item(
    store: &Store,
    actor: &Actor,
    investigation_id: i64,
    input: &ItemInput,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Investigation> {
    let mut tx = store.begin().await?;
    let head = open_head(&mut tx, investigation_id).await?;
    let members = members(&mut tx, head.home_id).await?;
    let role_of = |id: i64| members.iter().find(|m| m.0 == id).map(|m| m.2);
    let mut p = Problems::new();
    match input.kind {
        ItemKind::InterviewAdult | ItemKind::RegisterExtract => {
            if input.person_id.and_then(role_of) != Some(MemberRole::Vuxen) {
                p.push(
                    "person_id",
                    if input.person_id.is_none() {
                        Reason::Required
                    } else {
                        Reason::NotAllowed
                    },
                );
            }
        }
        ItemKind::InterviewChild => {
            if input.person_id.and_then(role_of) != Some(MemberRole::EgetBarn) {
                p.push(
                    "person_id",
                    if input.person_id.is_none() {
                        Reason::Required
                    } else {
                        Reason::NotAllowed
                    },
                );
            }
        }
        ItemKind::HomeVisit | ItemKind::Reference => {}
    }
    let register = match (input.kind, input.register) {
        (ItemKind::RegisterExtract, None) => {
            p.push("register", Reason::Required);
            None
        }
        (ItemKind::RegisterExtract, r) => r,
        (_, _) => None,
    };
    if input.done_on > today {
        p.push("done_on", Reason::Future);
    }
    let note = p
        .check(validate::optional_text("note", input.note.as_deref(), 2000))
        .flatten();
    p.finish()?;
    let person_id = match input.kind {
        ItemKind::HomeVisit | ItemKind::Reference => None,
        _ => input.person_id,
    };
    let now = Utc::now();
    sqlx::query!(
        "INSERT INTO investigation_items (investigation_id, kind, person_id, register, done_on, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        investigation_id,
        input.kind,
        person_id,
        register,
        input.done_on,
        note,
        now
    )
    .execute(&mut *tx)
    .await?;
    audit::touch(
        &mut tx,
        actor,
        EntityKind::Investigation,
        investigation_id,
        now,
    )
    .await?;
    let inv = one(&mut tx, investigation_id, today, max_age_months).await?;
    tx.commit().await?;
    Ok(inv)
}

/// Sets BRA-Fam, health declaration and the summary assessment.
pub async fn update_details(
    store: &Store,
    actor: &Actor,
    investigation_id: i64,
    input: &DetailsInput,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Investigation> {
    let mut tx = store.begin().await?;
    open_head(&mut tx, investigation_id).await?;
    let mut p = Problems::new();
    if input.bra_fam_on.is_some_and(|d| d > today) {
        p.push("bra_fam_on", Reason::Future);
    }
    if input.health_declaration_on.is_some_and(|d| d > today) {
        p.push("health_declaration_on", Reason::Future);
    }
    let summary = p
        .check(validate::optional_multiline(
            "summary_assessment",
            input.summary_assessment.as_deref(),
            50_000,
        ))
        .flatten();
    p.finish()?;
    let now = Utc::now();
    sqlx::query!(
        "UPDATE investigations SET bra_fam_on = ?, health_declaration_on = ?, summary_assessment = ?, updated_at = ?
         WHERE id = ?",
        input.bra_fam_on,
        input.health_declaration_on,
        summary,
        now,
        investigation_id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Investigation,
        Some(investigation_id),
    )
    .await?;
    let inv = one(&mut tx, investigation_id, today, max_age_months).await?;
    tx.commit().await?;
    Ok(inv)
}

/// Records the decision (by the acting profile). While the checklist at the decision
/// date is not complete, the caseworker must record why. An approval moves a home under
/// investigation to `godkand`.
pub async fn decide(
    store: &Store,
    actor: &Actor,
    investigation_id: i64,
    input: &DecisionInput,
    today: NaiveDate,
    max_age_months: u32,
) -> Result<Investigation> {
    let decider = actor.user_id().ok_or(Error::ProfileRequired)?;
    let mut tx = store.begin().await?;
    let head = open_head(&mut tx, investigation_id).await?;
    let home_id = head.home_id;
    let mut current = load(&mut tx, head, input.decision_on, max_age_months).await?;
    let mut p = Problems::new();
    if input.decision_on > today {
        p.push("decision_on", Reason::Future);
    } else if input.decision_on < current.started_on {
        p.push("decision_on", Reason::Date);
    }
    let reason = p
        .check(validate::optional_text(
            "missing_items_reason",
            input.missing_items_reason.as_deref(),
            2000,
        ))
        .flatten();
    if !current.checklist.complete && reason.is_none() {
        p.push("missing_items_reason", Reason::Required);
    }
    p.finish()?;
    let now = Utc::now();
    let reason = if current.checklist.complete {
        None
    } else {
        reason
    };
    sqlx::query!(
        "UPDATE investigations SET decision = ?, decision_on = ?, decided_by = ?, missing_items_reason = ?, updated_at = ?
         WHERE id = ?",
        input.decision,
        input.decision_on,
        decider,
        reason,
        now,
        investigation_id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::Update,
        EntityKind::Investigation,
        Some(investigation_id),
    )
    .await?;
    tx.commit().await?;
    let status = foster_home::get_status(store, home_id).await?;
    if input.decision == Decision::Approved && status == HomeStatus::Utreds {
        let change = StatusChangeInput {
            to: HomeStatus::Godkand,
            on_date: Some(input.decision_on),
            reason: None,
        };
        foster_home::change_status(store, actor, home_id, &change, today).await?;
    }
    let mut conn = store.pool().acquire().await?;
    current = one(&mut conn, investigation_id, today, max_age_months).await?;
    Ok(current)
}
