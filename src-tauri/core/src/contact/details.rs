//! The structure of contacts, read for a batch of journal entries at once (the journal
//! shows it with every contact it lists).

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::{ContactDetails, ContactKind, ContactParticipant, ContactTheme, ParticipantRole};
use crate::error::{Error, Result};

/// The contact structure of those of `entry_ids` that are contacts, by entry id.
pub(crate) async fn details_of(
    conn: &mut SqliteConnection,
    entry_ids: &[i64],
) -> Result<HashMap<i64, ContactDetails>> {
    if entry_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids = serde_json::to_string(entry_ids).map_err(|e| Error::Internal(e.to_string()))?;
    let contacts = sqlx::query!(
        r#"SELECT c.entry_id AS "entry_id!", c.kind AS "kind: ContactKind", c.child_id,
                  p.given_name || ' ' || p.family_name AS "child_name?: String",
                  c.starts_at, c.minutes
           FROM contacts c LEFT JOIN persons p ON p.id = c.child_id
           WHERE c.entry_id IN (SELECT value FROM json_each(?))"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    if contacts.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<i64, ContactDetails> = contacts
        .into_iter()
        .map(|c| {
            (
                c.entry_id,
                ContactDetails {
                    kind: c.kind,
                    child_id: c.child_id,
                    child_name: c.child_name,
                    starts_at: c.starts_at,
                    minutes: c.minutes.and_then(|m| u32::try_from(m).ok()),
                    participants: Vec::new(),
                    themes: Vec::new(),
                },
            )
        })
        .collect();
    let participants = sqlx::query!(
        r#"SELECT cp.entry_id, cp.person_id, cp.role AS "role: ParticipantRole",
                  p.given_name || ' ' || p.family_name AS "name?: String"
           FROM contact_participants cp LEFT JOIN persons p ON p.id = cp.person_id
           WHERE cp.entry_id IN (SELECT value FROM json_each(?))
           ORDER BY cp.person_id IS NULL, cp.rowid"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for r in participants {
        let shown = match (r.person_id, r.role) {
            (Some(person_id), _) => ContactParticipant::Person {
                person_id,
                name: r.name.unwrap_or_default(),
            },
            (None, Some(role)) => ContactParticipant::Role { role },
            (None, None) => continue,
        };
        if let Some(d) = out.get_mut(&r.entry_id) {
            d.participants.push(shown);
        }
    }
    let themes = sqlx::query!(
        r#"SELECT et.entry_id, et.theme, t.label AS "label?: String",
                  coalesce(t.retired, 1) AS "retired!: bool"
           FROM contact_entry_themes et LEFT JOIN contact_themes t ON t.code = et.theme
           WHERE et.entry_id IN (SELECT value FROM json_each(?))
           ORDER BY coalesce(t.position, 1000000), et.theme"#,
        ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for r in themes {
        if let Some(d) = out.get_mut(&r.entry_id) {
            d.themes.push(ContactTheme {
                label: r.label.unwrap_or_else(|| r.theme.clone()),
                code: r.theme,
                retired: r.retired,
            });
        }
    }
    Ok(out)
}
