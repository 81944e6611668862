//! The demo data's bevakningar set by hand and renewed checks: on Familjen Lindqvist a
//! call to make this week, and on the placed child's placement one that was moved once
//! (with its reason) and is now overdue; the adults of the approved homes have their
//! register extracts and health declarations renewed after the investigation (the next
//! register checks fall due within a month or two). The
//! computed bevakningar need no data of their own: the rest of the demo makes them (the
//! weekly call owed, last month's reports, the concern report waiting, …). Running it
//! again adds nothing when the store has bevakningar already.

use chrono::{Days, Months, NaiveDate};

use crate::due::checks::{self, CheckInput};
use crate::due::manual::{self, FollowUpInput, FollowUpSubject};
use crate::due::EvidenceKind;
use crate::error::Result;
use crate::investigation::Register;
use crate::store::Store;
use crate::user::Actor;

/// Adds what is missing; returns how many records were added.
pub(crate) async fn add(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM follow_ups")
        .fetch_one(store.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let mut added = 0;
    let home = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM foster_homes WHERE name = ?")
            .bind(name)
            .fetch_optional(store.pool())
            .await
    };
    if let Some(lindqvist) = home("Familjen Lindqvist").await? {
        let call = FollowUpInput {
            subject: FollowUpSubject::Home { home_id: lindqvist },
            due_on: today + Days::new(3),
            text: "Ring Anna och fråga hur läxhjälpen från skolan har kommit igång.".into(),
            assignee_id: None,
        };
        manual::add(store, author, &call).await?;
        added += 1;
        let placement: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM placements WHERE home_id = ? AND end_date IS NULL ORDER BY id LIMIT 1",
        )
        .bind(lindqvist)
        .fetch_optional(store.pool())
        .await?;
        if let Some(placement_id) = placement {
            let plan = FollowUpInput {
                subject: FollowUpSubject::Placement { placement_id },
                due_on: today - Days::new(9),
                text: "Begär in den reviderade vårdplanen från socialsekreteraren inför nätverksmötet.".into(),
                assignee_id: None,
            };
            let made = manual::add(store, author, &plan).await?;
            manual::postpone(
                store,
                author,
                made.id,
                today - Days::new(2),
                "Socialsekreteraren är på semester till i måndags.",
            )
            .await?;
            added += 1;
        }
    }
    // Every adult of the approved homes had its register extract and health declaration
    // renewed after the investigation (the demo's investigations are older than a year):
    // Lindqvist's register check is due in a fortnight, Åberg's next month.
    for (name, register_months_ago, register_days_more) in
        [("Familjen Lindqvist", 11, 16), ("Familjen Åberg", 11, 0)]
    {
        let Some(home_id) = home(name).await? else {
            continue;
        };
        let adults: Vec<i64> = sqlx::query_scalar(
            "SELECT person_id FROM foster_home_members
             WHERE home_id = ? AND role = 'vuxen' AND left_on IS NULL ORDER BY person_id",
        )
        .bind(home_id)
        .fetch_all(store.pool())
        .await?;
        let register_on = today
            .checked_sub_months(Months::new(register_months_ago))
            .map(|d| d - Days::new(register_days_more));
        let health_on = today.checked_sub_months(Months::new(20));
        for person_id in adults {
            for (kind, register, on) in [
                (
                    EvidenceKind::RegisterExtract,
                    Some(Register::Belastningsregistret),
                    register_on,
                ),
                (EvidenceKind::HealthDeclaration, None, health_on),
            ] {
                let Some(checked_on) = on else { continue };
                let check = CheckInput {
                    person_id,
                    kind,
                    register,
                    checked_on,
                };
                checks::add(store, author, home_id, &check, today).await?;
                added += 1;
            }
        }
    }
    Ok(added)
}
