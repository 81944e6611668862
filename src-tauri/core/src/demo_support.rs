//! The demo data's support of active homes: for every home with a child placed today, a
//! contact plan (a hembesök a month and a telephone call a week for the home, a meeting
//! with the social services each quarter for the placement), three months of contacts
//! (hembesök with the adults and the child, calls, handledning; the newest one a draft),
//! a training day for the adults, the placement's agreement with the municipality, the
//! egenkontroll of last year, and last month's report (the first home's signed); an
//! ended placement keeps its agreement and the report of its last month. A call
//! a week is more than the calls made (and none was made last week or this), so the
//! inbox shows the home behind plan on any day the demo is made.
//! Running it again adds only what a home or placement does not have yet.

use chrono::{Datelike, Duration, NaiveDate};

use crate::agreement::{self, AgreementInput};
use crate::contact::{self, ContactInput, ContactKind, Participant, ParticipantRole, PlanPer};
use crate::error::Result;
use crate::foster_home;
use crate::journal;
use crate::placement::{self, Placement};
use crate::report::{self, ReportSections, YearMonth};
use crate::store::Store;
use crate::survey::{self, Scores, SurveyInput};
use crate::training::{self, TrainingInput};
use crate::user::Actor;

/// What one contact of the demo is: kind, day of the month, time, minutes, whether the
/// child and the adults took part, the themes and the note.
struct DemoContact {
    kind: ContactKind,
    day: u32,
    at: &'static str,
    minutes: u32,
    with_child: bool,
    roles: &'static [ParticipantRole],
    themes: &'static [&'static str],
    text: &'static str,
}

const CONTACTS: &[DemoContact] = &[
    DemoContact {
        kind: ContactKind::Telefon,
        day: 3,
        at: "18:30",
        minutes: 20,
        with_child: false,
        roles: &[],
        themes: &["skola"],
        text: "Ringde familjehemsmamman. Skolstarten efter lovet har gått bra, men läxorna blir ofta en kamp på kvällarna. Vi pratar mer om det vid hembesöket.",
    },
    DemoContact {
        kind: ContactKind::Hembesok,
        day: 10,
        at: "15:00",
        minutes: 90,
        with_child: true,
        roles: &[],
        themes: &["barnets_behov", "skola", "umgange"],
        text: "Hembesök. Barnet visade sitt rum och berättade om fotbollsträningen. Familjehemmet beskriver att barnet är tröttare dagarna efter umgänget med mamma. Vi gick igenom hur de kan förbereda barnet inför umgänget och vad som hjälper efteråt.",
    },
    DemoContact {
        kind: ContactKind::HandledningEnskild,
        day: 17,
        at: "09:00",
        minutes: 60,
        with_child: false,
        roles: &[],
        themes: &["hemmets_situation", "stod"],
        text: "Handledningssamtal med båda familjehemsföräldrarna. De upplever att vardagen fungerar men att de behöver avlastning under sommaren. Vi undersöker möjligheten till kontaktfamilj.",
    },
    DemoContact {
        kind: ContactKind::MoteSocialtjansten,
        day: 24,
        at: "12:15",
        minutes: 45,
        with_child: false,
        roles: &[ParticipantRole::Socialsekreterare],
        themes: &["umgange"],
        text: "Trepartsmöte via video med barnets socialsekreterare om umgängesschemat fram till jul.",
    },
];

/// Adds what is missing; returns how many records were added.
pub(crate) async fn add(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let mut added = 0;
    let homes = foster_home::list(store).await?;
    let mut first = true;
    for home in &homes {
        let all = placement::for_home(store, home.id).await?;
        let placements: Vec<Placement> = all
            .iter()
            .filter(|p| p.start_date <= today && p.end_date.is_none_or(|e| e >= today))
            .cloned()
            .collect();
        let Some(main) = placements.first() else {
            continue;
        };
        let adults = adults_of(store, home.id).await?;
        added += plans(store, author, home.id, &placements, today).await?;
        added += contacts(store, author, home.id, main, &adults, today).await?;
        added += trainings(store, author, home.id, &adults, today).await?;
        added += surveys(store, author, home.id, first, today).await?;
        // Ended placements too: their agreement and last report stay in the child's file
        // until retention purges it.
        for p in &all {
            added += agreements(store, author, p, today).await?;
            added += reports(store, author, p, first, today).await?;
        }
        first = false;
    }
    Ok(added)
}

async fn adults_of(store: &Store, home: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT person_id FROM foster_home_members
         WHERE home_id = ? AND role = 'vuxen' AND left_on IS NULL ORDER BY person_id",
    )
    .bind(home)
    .fetch_all(store.pool())
    .await?)
}

async fn plans(
    store: &Store,
    author: &Actor,
    home: i64,
    placements: &[Placement],
    today: NaiveDate,
) -> Result<u32> {
    if !contact::lines(store, home).await?.is_empty() {
        return Ok(0);
    }
    let from = placements[0].start_date.min(today);
    let mut lines = vec![
        (None, Some(ContactKind::Hembesok), 1, PlanPer::Month),
        (None, Some(ContactKind::Telefon), 1, PlanPer::Week),
    ];
    for p in placements {
        lines.push((
            Some(p.id),
            Some(ContactKind::MoteSocialtjansten),
            1,
            PlanPer::Quarter,
        ));
    }
    let mut n = 0;
    for (placement_id, kind, times, per) in lines {
        let from = match placement_id.and_then(|id| placements.iter().find(|p| p.id == id)) {
            Some(p) => p.start_date.min(today),
            None => from,
        };
        let input = contact::PlanInput {
            home_id: home,
            placement_id,
            kind,
            times,
            per,
            valid_from: from,
            valid_to: None,
        };
        contact::add_line(store, author, &input).await?;
        n += 1;
    }
    Ok(n)
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: u32) -> NaiveDate {
    let mut m = YearMonth::of(today);
    for _ in 0..back {
        m = m.previous();
    }
    m.first_day()
}

async fn contacts(
    store: &Store,
    author: &Actor,
    home: i64,
    placement: &Placement,
    adults: &[i64],
    today: NaiveDate,
) -> Result<u32> {
    if !contact::list(store, author, home, today).await?.is_empty() {
        return Ok(0);
    }
    let last_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()) + 7);
    let mut made = Vec::new();
    for back in (0..3).rev() {
        let start = month_start(today, back);
        for c in CONTACTS {
            let date = start + Duration::days(i64::from(c.day) - 1);
            if date >= today || date < placement.start_date {
                continue;
            }
            // No call since the Monday of last week: the weekly call of the plan is owed,
            // whatever today's date, so the inbox always shows a home behind plan.
            if c.kind == ContactKind::Telefon && date >= last_monday {
                continue;
            }
            let mut participants: Vec<Participant> = adults
                .iter()
                .map(|&person_id| Participant::Person { person_id })
                .collect();
            if c.with_child {
                participants.push(Participant::Person {
                    person_id: placement.child.id,
                });
            }
            participants.extend(c.roles.iter().map(|&role| Participant::Role { role }));
            let input = ContactInput {
                home_id: home,
                child_id: c.with_child.then_some(placement.child.id),
                kind: c.kind,
                date,
                starts_at: c.at.into(),
                minutes: Some(c.minutes),
                participants,
                themes: c.themes.iter().map(|t| (*t).to_owned()).collect(),
                text: c.text.into(),
            };
            made.push(contact::add(store, author, &input, today).await?.id);
        }
    }
    // Every contact signed but the newest, which is still a draft.
    let n = made.len() as u32;
    made.pop();
    for id in made {
        journal::sign(store, author, id, today).await?;
    }
    Ok(n)
}

async fn trainings(
    store: &Store,
    author: &Actor,
    home: i64,
    adults: &[i64],
    today: NaiveDate,
) -> Result<u32> {
    if !training::for_home(store, home, None).await?.is_empty() {
        return Ok(0);
    }
    let held_on = today - Duration::days(45);
    let mut n = 0;
    for &person_id in adults {
        let input = TrainingInput {
            home_id: home,
            person_id,
            course: "Ett hem att växa i, träff 3: Anknytning".into(),
            provider: Some("Familjehemsenheten".into()),
            held_on,
            hours: Some(3.0),
        };
        training::add(store, author, &input, today).await?;
        n += 1;
    }
    Ok(n)
}

async fn surveys(
    store: &Store,
    author: &Actor,
    home: i64,
    first: bool,
    today: NaiveDate,
) -> Result<u32> {
    if !survey::for_home(store, home).await?.is_empty() {
        return Ok(0);
    }
    let year = today.year() - 1;
    let Some(answered_on) = NaiveDate::from_ymd_opt(year, 12, 5) else {
        return Ok(0);
    };
    let (scores, comment) = if first {
        (
            Scores {
                reachability: 5,
                supervision: 4,
                information: 3,
                training: 4,
                overall: 4,
            },
            "Vi hade önskat mer information om barnets skolsituation före placeringen.",
        )
    } else {
        (
            Scores {
                reachability: 3,
                supervision: 4,
                information: 4,
                training: 5,
                overall: 4,
            },
            "Svårt att nå konsulenten under semesterperioden.",
        )
    };
    let input = SurveyInput {
        home_id: home,
        year,
        answered_on,
        scores,
        comment: Some(comment.into()),
    };
    survey::record(store, author, &input, today).await?;
    Ok(1)
}

async fn agreements(store: &Store, author: &Actor, p: &Placement, today: NaiveDate) -> Result<u32> {
    if !agreement::for_placement(store, p.id).await?.is_empty() {
        return Ok(0);
    }
    let input = AgreementInput {
        reference: Some(format!("SN {}/{}", p.start_date.year(), 1000 + p.id)),
        signed_on: Some(p.start_date),
        valid_from: p.start_date,
        valid_to: None,
        contact_name: Some("Maria Sjöberg".into()),
        contact_phone: Some("031-100 200".into()),
        contact_email: Some("maria.sjoberg@demokommunen.example".into()),
        document_id: None,
    };
    agreement::add(store, author, p.id, &input, today).await?;
    Ok(1)
}

async fn reports(
    store: &Store,
    author: &Actor,
    p: &Placement,
    first: bool,
    today: NaiveDate,
) -> Result<u32> {
    let month = match p.end_date {
        Some(end) if end < today => YearMonth::of(end),
        _ => YearMonth::of(today).previous(),
    };
    if p.start_date > month.last_day()
        || !report::list(store, author, Some(p.id), Some(month))
            .await?
            .is_empty()
    {
        return Ok(0);
    }
    let r = report::draft(store, author, p.id, month, today).await?;
    if first {
        let sections = ReportSections {
            child_situation: "Barnet har kommit in i rutinerna i familjehemmet och i skolan. Familjehemmet beskriver att barnet är tröttare dagarna efter umgänget och att det hjälper med lugna kvällar då.".into(),
            home_support: "Familjehemmet önskar avlastning under sommaren. Vi undersöker möjligheten till kontaktfamilj.".into(),
            next_steps: "Hembesök i början av nästa månad. Trepartssamtal med socialsekreteraren inför jullovet.".into(),
        };
        report::update(store, author, r.id, &sections, today).await?;
        report::sign(store, author, r.id, today).await?;
    }
    Ok(1)
}
