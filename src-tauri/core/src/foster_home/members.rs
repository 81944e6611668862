//! A home's members over time: who lives there now, and who has left and when. A member
//! who leaves keeps her row with the date (`left_on`), so the home's file, the register
//! extract and the transfer still show that she was a member.

use chrono::{NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{ensure_open, select, Member, MemberRole};
use crate::audit::{self, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::person::{NumberKind, PersonSummary};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::Problems;

/// A home's current members (adults first, then by name) and its former members (the
/// latest to leave first).
pub(super) async fn of_home(
    conn: &mut SqliteConnection,
    home_id: i64,
) -> Result<(Vec<Member>, Vec<Member>)> {
    let rows = sqlx::query!(
        r#"SELECT m.role AS "role: MemberRole", m.joined_on AS "joined_on: NaiveDate",
                  m.left_on AS "left_on: NaiveDate", p.id AS "id!", p.personal_number,
                  p.number_kind AS "number_kind: NumberKind", p.given_name, p.family_name, p.city,
                  p.protected_identity AS "protected_identity: bool"
           FROM foster_home_members m JOIN persons p ON p.id = m.person_id
           WHERE m.home_id = ?
           ORDER BY m.left_on IS NOT NULL, m.left_on DESC, m.role = 'eget_barn',
                    p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE"#,
        home_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Member {
            role: r.role,
            person: PersonSummary::new(
                r.id,
                r.personal_number,
                r.number_kind,
                r.given_name,
                r.family_name,
                r.city,
                r.protected_identity,
            ),
            joined_on: r.joined_on,
            left_on: r.left_on,
        })
        .partition(|m| m.left_on.is_none()))
}

/// Records that a member left the home on `left_on`; she stays in the home's history.
/// Refused, with nothing changed: a closed home (`home`), a person who is not a current
/// member (`person_id`: unknown, or not allowed when she has already left), a date in
/// the future or before she joined (`left_on`), a person whose processing is restricted.
pub async fn remove_member(
    store: &Store,
    actor: &Actor,
    home_id: i64,
    person_id: i64,
    left_on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let home = select(&mut tx, home_id).await?;
    ensure_open(&home)?;
    let member = sqlx::query!(
        r#"SELECT joined_on AS "joined_on: NaiveDate", left_on AS "left_on: NaiveDate"
           FROM foster_home_members WHERE home_id = ? AND person_id = ?"#,
        home_id,
        person_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("person_id", Reason::Unknown))?;
    if member.left_on.is_some() {
        return Err(Error::invalid("person_id", Reason::NotAllowed));
    }
    crate::person::ensure_unrestricted(&mut tx, &[person_id]).await?;
    // A member added before Akta kept the day joined the home no earlier than the
    // home was registered.
    let joined = member
        .joined_on
        .unwrap_or_else(|| home.created_at.date_naive());
    let mut p = Problems::new();
    if left_on > today {
        p.push("left_on", Reason::Future);
    } else if left_on < joined {
        p.push("left_on", Reason::Date);
    }
    p.finish()?;
    sqlx::query!(
        "UPDATE foster_home_members SET left_on = ? WHERE home_id = ? AND person_id = ?",
        left_on,
        home_id,
        person_id
    )
    .execute(&mut *tx)
    .await?;
    audit::touch(&mut tx, actor, EntityKind::FosterHome, home_id, Utc::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The role `person` had in `home` on `on`: a member (current or former) who had not
/// left before that day; `None` when she was not one. (`joined_on` is the day the member
/// was registered in Akta, not the day she joined the home, so it does not bound the
/// date.) Training counts members, renewed checks adults.
pub(crate) async fn role_on(
    conn: &mut SqliteConnection,
    home: i64,
    person: i64,
    on: NaiveDate,
) -> Result<Option<MemberRole>> {
    let row = sqlx::query!(
        r#"SELECT role AS "role: MemberRole", left_on AS "left_on: NaiveDate" FROM foster_home_members
           WHERE home_id = ? AND person_id = ?"#,
        home,
        person
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(|r| r.left_on.is_none_or(|left| on <= left).then_some(r.role)))
}
