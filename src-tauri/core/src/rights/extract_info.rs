//! What a register extract tells besides the data itself: the Art. 15(1) information
//! (purposes, categories, recipients, retention, sources, rights), the audit events
//! about the person's data, and the labels of rows the data refers to.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Local};
use sqlx::SqliteConnection;

use super::document::{ExtractAccess, ExtractInformation, ExtractPurpose, WITHHELD_PARTY};
use crate::audit::{AuditAction, EntityKind};
use crate::catalogue::{Show, Table, Value, TABLES};
use crate::error::{Error, Result};
use crate::label::SwedishLabel;

const RIGHTS: &[&str] = &[
    "Du har rätt att få felaktiga uppgifter rättade och ofullständiga uppgifter kompletterade (artikel 16).",
    "Du har rätt att få uppgifter raderade när de inte längre behövs eller behandlas utan rättslig grund, om inte lag kräver att vi sparar dem (artikel 17).",
    "Du har rätt att begära att behandlingen av dina uppgifter begränsas (artikel 18).",
    "Du har rätt att invända mot behandling som grundar sig på vårt berättigade intresse (artikel 21).",
    "Du har rätt att när som helst återkalla ett samtycke; det påverkar inte behandlingen innan återkallelsen (artikel 7.3).",
    "Du har rätt att få ut uppgifter som du själv lämnat i ett maskinläsbart format (artikel 20). Detta utdrag finns också som JSON.",
];
const COMPLAINT: &str = "Om du anser att vi behandlar dina personuppgifter i strid med dataskyddsförordningen har du rätt att lämna in ett klagomål till Integritetsskyddsmyndigheten (IMY), Box 8114, 104 20 Stockholm, imy.se.";
const AUTOMATED: &str = "Inga beslut fattas enbart genom automatiserad behandling, och ingen profilering görs (artikel 22).";
/// The controller, as the extract names it.
pub const CONTROLLER: &str = "Familjehemsverksamheten (personuppgiftsansvarig)";

/// Labels for rows other tables refer to (homes, organisations, profiles, processings),
/// and for codes of editable lists a text column holds (a document's type).
pub(super) struct Labels {
    by_table: HashMap<&'static str, HashMap<i64, String>>,
    by_code: HashMap<(&'static str, &'static str), HashMap<String, String>>,
}

/// Text columns that hold a code of an editable list: (table, column, the list's codes
/// and labels). The extract shows the label.
const CODE_LISTS: &[(&str, &str, &str)] = &[(
    "documents",
    "doc_type",
    "SELECT code, label FROM document_types",
)];

impl Labels {
    pub(super) async fn load(conn: &mut SqliteConnection) -> Result<Labels> {
        let mut by_table = HashMap::new();
        for (table, sql) in [
            ("foster_homes", "SELECT id, name FROM foster_homes"),
            ("organisations", "SELECT id, name FROM organisations"),
            (
                "users",
                "SELECT id, name || coalesce(' (' || title || ')', '') FROM users",
            ),
            (
                "processing_activities",
                "SELECT id, purpose FROM processing_activities",
            ),
        ] {
            let rows: Vec<(i64, String)> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
            by_table.insert(table, rows.into_iter().collect());
        }
        let mut by_code = HashMap::new();
        for (table, column, sql) in CODE_LISTS {
            let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
            by_code.insert((*table, *column), rows.into_iter().collect());
        }
        Ok(Labels { by_table, by_code })
    }

    /// The label of a code that `table.column` holds, if it is one of a list's.
    pub(super) fn code(&self, table: &str, column: &str, code: &str) -> Option<&str> {
        self.by_code
            .iter()
            .find(|((t, c), _)| *t == table && *c == column)
            .and_then(|(_, m)| m.get(code))
            .map(String::as_str)
    }

    pub(super) fn get(&self, table: &str, id: i64) -> String {
        self.by_table
            .get(table)
            .and_then(|m| m.get(&id))
            .cloned()
            .unwrap_or_else(|| format!("nr {id}"))
    }
}

pub(super) fn kind_name(kind: EntityKind) -> &'static str {
    kind.as_str()
}

pub(super) async fn access_log(
    conn: &mut SqliteConnection,
    entities: &HashMap<&str, Vec<i64>>,
    person_id: i64,
) -> Result<Vec<ExtractAccess>> {
    let users: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name || coalesce(' (' || title || ')', '') FROM users",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut out = Vec::new();
    let mut all: Vec<(&str, Vec<i64>)> = entities.iter().map(|(k, v)| (*k, v.clone())).collect();
    if !entities.contains_key("person") {
        all.push(("person", vec![person_id]));
    }
    all.sort();
    let mut events: Vec<(i64, String, Option<i64>, String, String)> = Vec::new();
    for (kind, ids) in all {
        let ids = serde_json::to_string(&ids).map_err(|e| Error::Internal(e.to_string()))?;
        let rows: Vec<(i64, String, Option<i64>, String, String)> = sqlx::query_as(
            "SELECT seq, at, user_id, action, entity_kind FROM audit_events
             WHERE entity_kind = ? AND entity_id IN (SELECT value FROM json_each(?))",
        )
        .bind(kind)
        .bind(ids)
        .fetch_all(&mut *conn)
        .await?;
        events.extend(rows);
    }
    events.sort_by_key(|e| e.0);
    // Who acted on a record is withheld where the record withholds its author (a
    // concern report's reporter): the log must not give away what the record does not.
    let authors_withheld = |kind: &str| {
        TABLES.iter().any(|t| {
            t.entity.is_some_and(|e| e.as_str() == kind)
                && t.columns
                    .iter()
                    .any(|c| c.value == Value::Ref("users") && matches!(c.show, Show::Party(_)))
        })
    };
    for (_, at, user, action, kind) in events {
        let at = DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or(at);
        out.push(ExtractAccess {
            at,
            who: if authors_withheld(&kind) {
                WITHHELD_PARTY.to_owned()
            } else {
                user.and_then(|u| users.get(&u).cloned())
                    .unwrap_or_else(|| "Systemet".to_owned())
            },
            action: AuditAction::sv_of(&action).unwrap_or(&action).to_owned(),
            what: EntityKind::sv_of(&kind).unwrap_or(&kind).to_owned(),
        });
    }
    Ok(out)
}

pub(super) async fn information(
    conn: &mut SqliteConnection,
    person_id: i64,
    used: &[&Table],
) -> Result<ExtractInformation> {
    let mut codes: BTreeSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT a.code FROM person_processings pp JOIN processing_activities a ON a.id = pp.activity_id
         WHERE pp.person_id = ?",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    for t in used {
        codes.extend(t.processings.iter().map(|c| (*c).to_owned()));
    }
    let activities = crate::consent::activities_in(conn).await?;
    let mut purposes = Vec::new();
    let mut recipients = BTreeSet::new();
    let mut retention: Vec<String> = Vec::new();
    for a in activities.iter().filter(|a| codes.contains(&a.code)) {
        purposes.push(ExtractPurpose {
            purpose: a.purpose.clone(),
            legal_basis: a.legal_basis.describe().to_owned(),
            data_categories: a.data_categories.clone(),
            recipients: a.recipients.clone(),
            retention: a.retention.clone(),
        });
        recipients.insert(a.recipients.clone());
    }
    for t in used {
        let r = t.retention.describe();
        if !r.is_empty() && !retention.iter().any(|x| x == r) {
            retention.push(r.to_owned());
        }
    }
    let categories: Vec<String> = used
        .iter()
        .map(|t| t.category.to_owned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut sources: Vec<String> =
        vec!["Uppgifterna har i första hand lämnats av dig själv.".to_owned()];
    for t in used {
        if let Some(s) = t.source {
            if !sources.iter().any(|x| x == s) {
                sources.push(s.to_owned());
            }
        }
    }
    Ok(ExtractInformation {
        purposes,
        categories,
        recipients: recipients.into_iter().collect(),
        retention,
        sources,
        rights: RIGHTS.iter().map(|s| (*s).to_owned()).collect(),
        complaint: COMPLAINT.to_owned(),
        automated_decisions: AUTOMATED.to_owned(),
    })
}
