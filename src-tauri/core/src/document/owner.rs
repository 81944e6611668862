//! Where a document belongs: the file it is part of and the context it was added in.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// The place a document is added to or listed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentOwner {
    /// A foster home's file.
    Home(#[ts(type = "number")] i64),
    /// A placed child's file.
    Child(#[ts(type = "number")] i64),
    /// An investigation (in its home's file).
    Investigation(#[ts(type = "number")] i64),
    /// A checklist item of an investigation (in its home's file).
    Item(#[ts(type = "number")] i64),
    /// A placement (in the child's file).
    Placement(#[ts(type = "number")] i64),
}

/// The columns an owner fills in, and whether it is a criminal-record checklist item.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Place {
    pub home_id: Option<i64>,
    pub child_id: Option<i64>,
    pub investigation_id: Option<i64>,
    pub item_id: Option<i64>,
    pub placement_id: Option<i64>,
    pub criminal_item: bool,
}

/// The registers whose extracts are criminal-offence data (GDPR Art. 10).
const CRIMINAL_REGISTERS: &[&str] = &["belastningsregistret", "misstankeregistret"];

impl DocumentOwner {
    /// The field a refusal of the owner names.
    pub fn field(self) -> &'static str {
        match self {
            DocumentOwner::Home(_) => "home_id",
            DocumentOwner::Child(_) => "child_id",
            DocumentOwner::Investigation(_) => "investigation_id",
            DocumentOwner::Item(_) => "item_id",
            DocumentOwner::Placement(_) => "placement_id",
        }
    }

    /// The file and context this owner means; an owner that does not exist is an
    /// invalid `…_id`.
    pub(super) async fn resolve(self, conn: &mut SqliteConnection) -> Result<Place> {
        let unknown = || Error::invalid(self.field(), Reason::Unknown);
        let place = match self {
            DocumentOwner::Home(id) => {
                let found: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM foster_homes WHERE id = ?")
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await?;
                Place {
                    home_id: Some(found.ok_or_else(unknown)?),
                    ..Place::default()
                }
            }
            DocumentOwner::Child(id) => {
                let found: Option<i64> = sqlx::query_scalar("SELECT id FROM persons WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
                Place {
                    child_id: Some(found.ok_or_else(unknown)?),
                    ..Place::default()
                }
            }
            DocumentOwner::Investigation(id) => {
                let home: Option<i64> =
                    sqlx::query_scalar("SELECT home_id FROM investigations WHERE id = ?")
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await?;
                Place {
                    home_id: Some(home.ok_or_else(unknown)?),
                    investigation_id: Some(id),
                    ..Place::default()
                }
            }
            DocumentOwner::Item(id) => {
                let row: Option<(i64, i64, Option<String>)> = sqlx::query_as(
                    "SELECT i.home_id, it.investigation_id, it.register
                     FROM investigation_items it JOIN investigations i ON i.id = it.investigation_id
                     WHERE it.id = ?",
                )
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
                let (home, inv, register) = row.ok_or_else(unknown)?;
                Place {
                    home_id: Some(home),
                    investigation_id: Some(inv),
                    item_id: Some(id),
                    criminal_item: register
                        .as_deref()
                        .is_some_and(|r| CRIMINAL_REGISTERS.contains(&r)),
                    ..Place::default()
                }
            }
            DocumentOwner::Placement(id) => {
                let child: Option<i64> =
                    sqlx::query_scalar("SELECT child_id FROM placements WHERE id = ?")
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await?;
                Place {
                    child_id: Some(child.ok_or_else(unknown)?),
                    placement_id: Some(id),
                    ..Place::default()
                }
            }
        };
        Ok(place)
    }

    /// The condition (on `documents`, `?1` the owner's id) that lists its documents.
    pub(super) fn condition(self) -> (&'static str, i64) {
        match self {
            DocumentOwner::Home(id) => ("d.home_id = ?1", id),
            DocumentOwner::Child(id) => ("d.child_id = ?1", id),
            DocumentOwner::Investigation(id) => ("d.investigation_id = ?1", id),
            DocumentOwner::Item(id) => ("d.item_id = ?1", id),
            DocumentOwner::Placement(id) => ("d.placement_id = ?1", id),
        }
    }
}

/// The persons of a file, from whom a document's persons are picked: for a home, its
/// members (former ones too) and the children placed in it; for a child, the child and
/// the members of the homes it is or was placed in.
pub(super) async fn file_persons(conn: &mut SqliteConnection, place: &Place) -> Result<Vec<i64>> {
    let ids: Vec<i64> = if let Some(home) = place.home_id {
        sqlx::query_scalar(
            "SELECT person_id FROM foster_home_members WHERE home_id = ?1
             UNION SELECT child_id FROM placements WHERE home_id = ?1",
        )
        .bind(home)
        .fetch_all(&mut *conn)
        .await?
    } else if let Some(child) = place.child_id {
        sqlx::query_scalar(
            "SELECT ?1 UNION SELECT m.person_id FROM foster_home_members m
             JOIN placements p ON p.home_id = m.home_id WHERE p.child_id = ?1",
        )
        .bind(child)
        .fetch_all(&mut *conn)
        .await?
    } else {
        Vec::new()
    };
    Ok(ids)
}

/// The persons whose restriction (Art. 18) stops new documents in this file: the
/// child, or the home's members, and the persons the document names.
pub(super) async fn ensure_unrestricted(
    conn: &mut SqliteConnection,
    place: &Place,
    persons: &[i64],
) -> Result<()> {
    let mut ids: Vec<i64> = persons.to_vec();
    if let Some(child) = place.child_id {
        ids.push(child);
    }
    if let Some(home) = place.home_id {
        ids.extend(crate::person::home_member_ids(conn, home).await?);
    }
    crate::person::ensure_unrestricted(conn, &ids).await
}
