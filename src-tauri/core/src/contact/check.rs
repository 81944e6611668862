//! What a contact must be before anything is written: every refusal names its field,
//! and all of the form's problems are found at once.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{ContactInput, Participant};
use crate::error::{Error, Reason, Result};
use crate::validate::Problems;

/// Shortest and longest accepted length, in minutes (a whole day).
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=1440;

/// A local wall-clock time `HH:MM` from 00:00 to 23:59, as typed (surrounding spaces
/// dropped); `None` when it is not one.
pub fn wall_clock(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (h, m) = (digits(0..2)?, digits(3..5)?);
    (h < 24 && m < 60).then(|| s.to_owned())
}

/// A contact's input, checked: the text and time as stored.
pub(super) struct Checked {
    pub text: String,
    pub starts_at: String,
}

/// Checks `input` against the store. `entry` is the contact being changed (its retired
/// themes may stay on it). Nothing is written.
pub(super) async fn check(
    conn: &mut SqliteConnection,
    input: &ContactInput,
    entry: Option<i64>,
    today: NaiveDate,
) -> Result<Checked> {
    let mut p = Problems::new();
    let text = p.check(crate::validate::required_multiline(
        "text",
        &input.text,
        crate::journal::MAX_TEXT_CHARS,
    ));
    if input.date > today {
        p.push("date", Reason::Future);
    }
    let starts_at = wall_clock(&input.starts_at);
    if starts_at.is_none() {
        p.push("starts_at", Reason::Format);
    }
    if input.minutes.is_some_and(|m| !MINUTES.contains(&m)) {
        p.push("minutes", Reason::Format);
    }
    let home_known = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM foster_homes WHERE id = ?) AS "x!: bool""#,
        input.home_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !home_known {
        p.push("home_id", Reason::Unknown);
    }
    if let Some(child) = input.child_id {
        if !person_exists(conn, child).await? {
            p.push("child_id", Reason::Unknown);
        } else if home_known && !placed(conn, input.home_id, child, input.date).await? {
            p.push("child_id", Reason::NotAllowed);
        }
    }
    check_participants(conn, &mut p, input, home_known).await?;
    check_themes(conn, &mut p, &input.themes, entry).await?;
    p.finish()?;
    match (text, starts_at) {
        (Some(text), Some(starts_at)) => Ok(Checked { text, starts_at }),
        _ => Err(Error::Internal("validation state".into())),
    }
}

async fn check_participants(
    conn: &mut SqliteConnection,
    p: &mut Problems,
    input: &ContactInput,
    home_known: bool,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let mut duplicate = false;
    let mut unknown = false;
    let mut outside = false;
    for part in &input.participants {
        duplicate |= !seen.insert(*part);
        if let Participant::Person { person_id } = *part {
            if !person_exists(conn, person_id).await? {
                unknown = true;
            } else if home_known && !of_home(conn, input.home_id, person_id, input.date).await? {
                outside = true;
            }
        }
    }
    for (bad, reason) in [
        (unknown, Reason::Unknown),
        (outside, Reason::NotAllowed),
        (duplicate, Reason::Duplicate),
    ] {
        if bad {
            p.push("participants", reason);
        }
    }
    Ok(())
}

async fn check_themes(
    conn: &mut SqliteConnection,
    p: &mut Problems,
    themes: &[String],
    entry: Option<i64>,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let mut duplicate = false;
    let mut unknown = false;
    for code in themes {
        duplicate |= !seen.insert(code.as_str());
        // A retired theme is not chosen anew, but may stay on a contact that has it.
        let ok = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM contact_themes t WHERE t.code = ?1 AND (t.retired = 0
                   OR EXISTS (SELECT 1 FROM contact_entry_themes e WHERE e.entry_id = ?2 AND e.theme = ?1)))
               AS "x!: bool""#,
            code,
            entry
        )
        .fetch_one(&mut *conn)
        .await?;
        unknown |= !ok;
    }
    if unknown {
        p.push("themes", Reason::Unknown);
    }
    if duplicate {
        p.push("themes", Reason::Duplicate);
    }
    Ok(())
}

async fn person_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?) AS "x!: bool""#,
        id
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Whether `child` was placed in `home` on `on` (any placement whose period covers it).
async fn placed(conn: &mut SqliteConnection, home: i64, child: i64, on: NaiveDate) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM placements WHERE home_id = ?1 AND child_id = ?2
               AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3)) AS "x!: bool""#,
        home,
        child,
        on
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Whether `person` belonged to `home` on `on`: a member who had not left by then (the
/// day a member was added is the day they were registered, not when they moved in, so
/// it does not count), or a child placed there.
async fn of_home(
    conn: &mut SqliteConnection,
    home: i64,
    person: i64,
    on: NaiveDate,
) -> Result<bool> {
    let member = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM foster_home_members WHERE home_id = ?1 AND person_id = ?2
               AND (left_on IS NULL OR left_on >= ?3)) AS "x!: bool""#,
        home,
        person,
        on
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(member || placed(conn, home, person, on).await?)
}

/// For the journal's own edit of a contact's draft: the contact's child and persons who
/// took part must still belong to the home on the entry's new date (`event_date`). Not
/// a contact: nothing to check.
pub(crate) async fn check_new_date(
    conn: &mut SqliteConnection,
    entry_id: i64,
    on: NaiveDate,
) -> Result<()> {
    let Some(c) = sqlx::query!(
        r#"SELECT e.home_id AS "home_id!", c.child_id
           FROM contacts c JOIN journal_entries e ON e.id = c.entry_id
           WHERE c.entry_id = ? AND e.home_id IS NOT NULL"#,
        entry_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(());
    };
    let persons = sqlx::query_scalar!(
        r#"SELECT person_id AS "id!" FROM contact_participants
           WHERE entry_id = ? AND person_id IS NOT NULL"#,
        entry_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut ok = match c.child_id {
        Some(child) => placed(conn, c.home_id, child, on).await?,
        None => true,
    };
    for person in persons {
        ok = ok && of_home(conn, c.home_id, person, on).await?;
    }
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("event_date", Reason::NotAllowed))
    }
}

#[cfg(test)]
mod tests {
    use super::wall_clock;

    #[test]
    fn wall_clock_times_are_hh_mm_within_a_day() {
        for ok in ["00:00", "09:05", "12:00", "23:30", "23:59", " 07:45 "] {
            assert_eq!(wall_clock(ok).as_deref(), Some(ok.trim()), "{ok}");
        }
        for bad in [
            "24:00",
            "23:60",
            "9:30",
            "09:5",
            "0930",
            "09.30",
            "+9:30",
            "-1:00",
            "",
            "12:00:00",
            "ab:cd",
            "１２:００",
        ] {
            assert_eq!(wall_clock(bad), None, "{bad}");
        }
    }
}
