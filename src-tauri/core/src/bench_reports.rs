//! `akta bench-reports`: what drafting a month's reports costs. A store with N active
//! placements (each in its own home with an adult member, a contact plan, a training
//! occasion and six contacts in the month, with participants and themes) is filled
//! through the ordinary services; then the month's reports for all N are drafted at
//! once, against a baseline in the same run: reading the same placements' journals
//! (the home's and the child's). Then one report from draft to PDF: save its sections,
//! sign, make the PDF. Figures for docs/PERFORMANCE.md, not a test.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::bench::ms;
use crate::contact::plan::{self, PlanInput};
use crate::contact::{self, ContactInput, ContactKind, Participant, ParticipantRole, PlanPer};
use crate::crypto::{OsKeychain, Passphrase, PassphraseCost};
use crate::error::Result;
use crate::foster_home::{self, FosterHomeInput, HomeKind, HomeStatus, MemberRole};
use crate::journal::{self, JournalFile};
use crate::organisation::{self, OrganisationInput, OrganisationKind};
use crate::person::{self, PersonInput};
use crate::placement::{self, PlacementInput};
use crate::report::{self, ReportSections, YearMonth};
use crate::store::{CreateOptions, KeychainUse, Store, StoreDir};
use crate::training::{self, TrainingInput};
use crate::user::{self, Actor, Role, UserInput};

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFigures {
    pub placements: u32,
    pub month: String,
    /// Contacts in the month, over all homes.
    pub contacts: u32,
    pub fill_ms: f64,
    /// Drafting the month's reports for every placement at once.
    pub draft_all_ms: f64,
    pub draft_per_placement_ms: f64,
    /// The baseline: reading the same placements' journals (home and child).
    pub journals_ms: f64,
    /// The same call again: every report already there, nothing drafted.
    pub draft_all_again_ms: f64,
    /// One report from draft to PDF.
    pub update_ms: f64,
    pub sign_ms: f64,
    pub pdf_ms: f64,
    pub pdf_bytes: usize,
}

impl ReportFigures {
    pub fn to_markdown(&self) -> String {
        let r = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let mut s = String::new();
        s.push_str("| monthly reports | Akta | baseline | ratio |\n|---|---:|---:|---:|\n");
        s.push_str(&format!(
            "| draft {} for all {} placements at once ({} contacts) vs reading the same placements' journals | {:.0} ms | {:.0} ms | {:.2}× |\n",
            self.month, self.placements, self.contacts, self.draft_all_ms, self.journals_ms,
            r(self.draft_all_ms, self.journals_ms)
        ));
        s.push_str(&format!(
            "| the same again (all there, nothing drafted) | {:.0} ms | | |\n",
            self.draft_all_again_ms
        ));
        s.push_str(&format!(
            "| one report: save the sections (facts drawn again), sign, make the PDF ({} kB) | {:.0} + {:.0} + {:.0} ms | | |\n",
            self.pdf_bytes / 1000, self.update_ms, self.sign_ms, self.pdf_ms
        ));
        s.push_str(&format!(
            "\nDrafting took {:.1} ms per placement. Filling the store through the services took {:.1} s.\n",
            self.draft_per_placement_ms,
            self.fill_ms / 1000.0
        ));
        s
    }
}

/// Runs the figures for `placements` placements in a temporary folder.
pub async fn run(placements: u32) -> Result<ReportFigures> {
    let tmp = std::env::temp_dir().join(format!(
        "akta-bench-reports-{}",
        hex::encode(rand::random::<[u8; 6]>())
    ));
    std::fs::create_dir_all(&tmp)?;
    let result = run_in(&tmp, placements.max(1)).await;
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

struct Placed {
    home: i64,
    child: i64,
}

async fn fill(store: &Store, actor: &Actor, n: u32, month: YearMonth) -> Result<Vec<Placed>> {
    let today = crate::today();
    let start = month
        .first_day()
        .checked_sub_days(Days::new(45))
        .unwrap_or(month.first_day());
    let kommun = organisation::add(
        store,
        actor,
        &OrganisationInput {
            org_number: "212000-1355".into(),
            name: "Göteborgs Stad".into(),
            kind: OrganisationKind::Kommun,
        },
    )
    .await?
    .id;
    let mut out = Vec::new();
    for i in 0..n {
        let home_input = FosterHomeInput {
            name: format!("Familjen Bench {i}"),
            kind: HomeKind::Familjehem,
            street_address: None,
            postal_code: None,
            city: Some("Mölndal".into()),
            municipality_id: None,
        };
        let home = foster_home::add(store, actor, &home_input, today).await?.id;
        let adult = named(store, actor, "Åsa", &format!("Bench {i}")).await?;
        foster_home::add_member(store, actor, home, adult, MemberRole::Vuxen).await?;
        for to in [HomeStatus::Utreds, HomeStatus::Godkand] {
            let change = foster_home::StatusChangeInput {
                to,
                on_date: Some(start),
                reason: None,
            };
            foster_home::change_status(store, actor, home, &change, today).await?;
        }
        let child = named(store, actor, "Lina", &format!("Bench {i}")).await?;
        let input = PlacementInput {
            child_id: child,
            home_id: home,
            municipality_id: kommun,
            start_date: start,
        };
        let placement = placement::place(store, actor, &input, today).await?.id;
        for (placement_id, kind, times, per) in [
            (None, Some(ContactKind::Hembesok), 1, PlanPer::Month),
            (
                Some(placement),
                Some(ContactKind::Telefon),
                1,
                PlanPer::Week,
            ),
        ] {
            let line = PlanInput {
                home_id: home,
                placement_id,
                kind,
                times,
                per,
                valid_from: start,
                valid_to: None,
            };
            plan::add_line(store, actor, &line).await?;
        }
        let course = TrainingInput {
            home_id: home,
            person_id: adult,
            course: "Ett hem att växa i".into(),
            provider: Some("Familjehemsenheten".into()),
            held_on: day(month, 12),
            hours: Some(3.0),
        };
        training::add(store, actor, &course, today).await?;
        for (k, (kind, about_child)) in [
            (ContactKind::Hembesok, true),
            (ContactKind::Telefon, false),
            (ContactKind::Telefon, true),
            (ContactKind::HandledningEnskild, true),
            (ContactKind::Video, false),
            (ContactKind::Hembesok, false),
        ]
        .into_iter()
        .enumerate()
        {
            let mut participants = vec![Participant::Person { person_id: adult }];
            if about_child {
                participants.push(Participant::Person { person_id: child });
            }
            participants.push(Participant::Role {
                role: ParticipantRole::Socialsekreterare,
            });
            let contact = ContactInput {
                home_id: home,
                child_id: about_child.then_some(child),
                kind,
                date: day(month, 2 + 4 * k as u32),
                starts_at: "10:00".into(),
                minutes: Some(60),
                participants,
                themes: vec!["skola".into(), "stod".into()],
                text: "Samtal om veckan som gått, skolan och stödet från enheten.".into(),
            };
            contact::add(store, actor, &contact, today).await?;
        }
        out.push(Placed { home, child });
    }
    Ok(out)
}

fn day(month: YearMonth, d: u32) -> NaiveDate {
    month
        .first_day()
        .checked_add_days(Days::new(u64::from(d.saturating_sub(1))))
        .filter(|x| *x <= month.last_day())
        .unwrap_or(month.last_day())
}

async fn named(store: &Store, actor: &Actor, given: &str, family: &str) -> Result<i64> {
    let input = PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        ..PersonInput::default()
    };
    Ok(person::add(store, actor, &input, crate::today()).await?.id)
}

async fn run_in(tmp: &std::path::Path, n: u32) -> Result<ReportFigures> {
    let dir = StoreDir::new(tmp.join("store"));
    let store = Store::create(
        &dir,
        CreateOptions {
            passphrase: Some(Passphrase::new("bench-lösenfras-123".into())),
            recovery_recipient: None,
            keychain: KeychainUse::Off,
            passphrase_cost: PassphraseCost::TestOnly(10),
        },
        &OsKeychain::new(),
    )
    .await?;
    let profile = UserInput {
        name: "Karin Konsulent".into(),
        title: None,
        role: Role::Handlaggare,
    };
    let actor = Actor::user(user::add(&store, &Actor::device(), &profile).await?);
    let today = crate::today();
    let month = YearMonth::of(today).previous();

    let t = Instant::now();
    let placed = fill(&store, &actor, n, month).await?;
    let fill_ms = ms(t.elapsed());

    let t = Instant::now();
    for p in &placed {
        journal::list(&store, &actor, JournalFile::Home(p.home), today).await?;
        journal::list(&store, &actor, JournalFile::Child(p.child), today).await?;
    }
    let journals_ms = ms(t.elapsed());

    let t = Instant::now();
    let outcome = report::draft_all(&store, &actor, month, today).await?;
    let draft_all_ms = ms(t.elapsed());
    let t = Instant::now();
    report::draft_all(&store, &actor, month, today).await?;
    let draft_all_again_ms = ms(t.elapsed());

    let id = outcome.drafted.first().copied().unwrap_or_default();
    let sections = ReportSections {
        child_situation: "Lina har kommit till ro i familjen och trivs i skolan.".into(),
        home_support: "Familjen önskar mer handledning kring umgänget.".into(),
        next_steps: "Hembesök i början av nästa månad.".into(),
    };
    let t = Instant::now();
    report::update(&store, &actor, id, &sections, today).await?;
    let update_ms = ms(t.elapsed());
    let t = Instant::now();
    report::sign(&store, &actor, id, today).await?;
    let sign_ms = ms(t.elapsed());
    let t = Instant::now();
    let pdf = report::pdf(&store, &actor, id, today).await?;
    let pdf_ms = ms(t.elapsed());
    store.close().await;

    Ok(ReportFigures {
        placements: n,
        month: month.to_string(),
        contacts: n * 6,
        fill_ms,
        draft_all_ms,
        draft_per_placement_ms: draft_all_ms / f64::from(n),
        journals_ms,
        draft_all_again_ms,
        update_ms,
        sign_ms,
        pdf_ms,
        pdf_bytes: pdf.len(),
    })
}
