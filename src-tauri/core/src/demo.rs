//! Realistic, entirely fictional Swedish demo data for every entity kind that exists.
//! Numbers are valid (check digit, real dates) but made up; `akta demo` and the app's
//! first start use it. Running it again adds only what is missing.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::concern::{self, Channel, ConcernInput, ConcernStatus, ConcernStep};
use crate::consent::{self, ConsentInput};
use crate::error::Result;
use crate::foster_home::{
    self, FosterHomeInput, HomeKind, HomeStatus, MemberRole, StatusChangeInput,
};
use crate::interest::{self, InterestNoticeInput};
use crate::investigation::{self, ItemInput, ItemKind, Method, Register};
use crate::journal::{self, EntryInput, EntryKind, JournalFile};
use crate::organisation::{self, OrganisationInput, OrganisationKind};
use crate::person::{self, PersonInput};
use crate::placement::{self, EndPlacementInput, PlacementInput};
use crate::store::Store;
use crate::user::Actor;
use crate::user::{self, Role, UserInput};
use crate::validate::luhn_check_digit;

/// What a demo run added.
#[derive(Debug, Clone, Copy, Default, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct DemoReport {
    pub persons_added: u32,
    pub organisations_added: u32,
    pub foster_homes_added: u32,
    pub journal_entries_added: u32,
    pub placements_added: u32,
}

struct DemoPerson {
    born: &'static str,   // YYYYMMDD
    serial: &'static str, // three digits; the last is odd for men, even for women
    given: &'static str,
    family: &'static str,
    street: Option<&'static str>,
    postal: Option<&'static str>,
    city: Option<&'static str>,
    phone: Option<&'static str>,
    email: Option<&'static str>,
    protected: bool,
    samordning: bool,
}

const fn dp(
    born: &'static str,
    serial: &'static str,
    given: &'static str,
    family: &'static str,
) -> DemoPerson {
    DemoPerson {
        born,
        serial,
        given,
        family,
        street: None,
        postal: None,
        city: None,
        phone: None,
        email: None,
        protected: false,
        samordning: false,
    }
}

const fn at(
    p: DemoPerson,
    street: &'static str,
    postal: &'static str,
    city: &'static str,
    phone: &'static str,
    email: &'static str,
) -> DemoPerson {
    DemoPerson {
        street: Some(street),
        postal: Some(postal),
        city: Some(city),
        phone: Some(phone),
        email: Some(email),
        ..p
    }
}

const PEOPLE: &[DemoPerson] = &[
    // Foster parents (familjehem and jourhem).
    at(
        dp("19780412", "238", "Anna", "Lindqvist"),
        "Björkvägen 12",
        "43137",
        "Mölndal",
        "070-481 22 17",
        "anna.lindqvist@example.se",
    ),
    at(
        dp("19760930", "317", "Johan", "Lindqvist"),
        "Björkvägen 12",
        "43137",
        "Mölndal",
        "070-481 22 18",
        "johan.lindqvist@example.se",
    ),
    at(
        dp("19820118", "224", "Maria", "Eriksson Åberg"),
        "Sjöstigen 4",
        "44234",
        "Kungälv",
        "073-615 90 02",
        "maria.aberg@example.se",
    ),
    at(
        dp("19690605", "451", "Per-Olof", "Åberg"),
        "Sjöstigen 4",
        "44234",
        "Kungälv",
        "073-615 90 03",
        "pelle.aberg@example.se",
    ),
    at(
        dp("19880227", "062", "Fatima", "Hassan"),
        "Lövåsgatan 33",
        "41674",
        "Göteborg",
        "076-202 33 41",
        "fatima.hassan@example.se",
    ),
    at(
        dp("19850714", "173", "Mikael", "Öberg"),
        "Ängsvägen 7",
        "50464",
        "Borås",
        "070-990 14 56",
        "mikael.oberg@example.se",
    ),
    at(
        dp("19870301", "286", "Sara", "Öberg"),
        "Ängsvägen 7",
        "50464",
        "Borås",
        "070-990 14 57",
        "sara.oberg@example.se",
    ),
    at(
        dp("19710822", "349", "Lars", "Karlsson"),
        "Gärdesgatan 19",
        "46131",
        "Trollhättan",
        "072-318 77 90",
        "lars.karlsson@example.se",
    ),
    at(
        dp("19730109", "508", "Eva", "Karlsson"),
        "Gärdesgatan 19",
        "46131",
        "Trollhättan",
        "072-318 77 91",
        "eva.karlsson@example.se",
    ),
    at(
        dp("19900516", "125", "Emma", "Nyström"),
        "Kvarngatan 2B",
        "44330",
        "Lerum",
        "070-121 45 45",
        "emma.nystrom@example.se",
    ),
    // Their own children.
    dp("20110304", "402", "Elsa", "Lindqvist"),
    dp("20140721", "215", "Hugo", "Lindqvist"),
    dp("20090912", "330", "Saga", "Åberg"),
    dp("20160118", "097", "Omar", "Hassan"),
    // Placed children.
    dp("20120427", "383", "Liam", "Johansson"),
    DemoPerson {
        protected: true,
        ..at(
            dp("20150203", "146", "Alva", "Petersson"),
            "Skyddad adress 1",
            "10005",
            "Stockholm",
            "070-000 00 01",
            "skyddad@example.se",
        )
    },
    dp("20100811", "259", "Noah", "Berg"),
    dp("20180530", "026", "Maja", "Holm"),
    DemoPerson {
        samordning: true,
        ..dp("20091103", "277", "Yonas", "Tesfay")
    },
    // Guardians, references and municipal contacts.
    at(
        dp("19830620", "160", "Jenny", "Johansson"),
        "Fabriksgatan 10",
        "41250",
        "Göteborg",
        "070-555 13 13",
        "jenny.johansson@example.se",
    ),
    at(
        dp("19791005", "371", "Daniel", "Berg"),
        "Storgatan 45",
        "50330",
        "Borås",
        "070-555 24 24",
        "daniel.berg@example.se",
    ),
    at(
        dp("19651212", "484", "Birgitta", "Sjöberg"),
        "Kyrkvägen 3",
        "43130",
        "Mölndal",
        "031-87 12 34",
        "birgitta.sjoberg@example.se",
    ),
    at(
        dp("19740316", "219", "Kristina", "Wallin"),
        "Förvaltningshuset",
        "40482",
        "Göteborg",
        "031-365 00 00",
        "kristina.wallin@example.se",
    ),
];

/// The persons without any number (e.g. a reference known only by name).
const WITHOUT_NUMBER: &[(&str, &str, &str)] = &[("Gunnel", "Ek", "070-733 21 09")];

const ORGANISATIONS: &[(&str, &str, OrganisationKind)] = &[
    (
        "212000991",
        "Mölndals stad (demo)",
        OrganisationKind::Kommun,
    ),
    (
        "212000992",
        "Kungälvs kommun (demo)",
        OrganisationKind::Kommun,
    ),
    (
        "212000993",
        "Göteborgs Stad (demo)",
        OrganisationKind::Kommun,
    ),
    ("212000994", "Borås Stad (demo)", OrganisationKind::Kommun),
    (
        "212000995",
        "Trollhättans Stad (demo)",
        OrganisationKind::Kommun,
    ),
    (
        "556677881",
        "Demobolaget Familjehemsvård AB",
        OrganisationKind::Foretag,
    ),
];

fn number_of(p: &DemoPerson) -> String {
    let day: u32 = p.born[6..8].parse().unwrap_or(1);
    let day = if p.samordning { day + 60 } else { day };
    let nine = format!("{}{day:02}{}", &p.born[2..6], p.serial);
    format!("{}{nine}{}", &p.born[..2], luhn_check_digit(&nine))
}

/// A demo foster home: members by index into `PEOPLE`, municipality by index into
/// `ORGANISATIONS`, and the lifecycle steps it has gone through (status, date, reason).
struct DemoHome {
    name: &'static str,
    kind: HomeKind,
    street: &'static str,
    postal: &'static str,
    city: &'static str,
    municipality: usize,
    adults: &'static [usize],
    children: &'static [usize],
    steps: &'static [(HomeStatus, &'static str, Option<&'static str>)],
}

const HOMES: &[DemoHome] = &[
    DemoHome {
        name: "Familjen Lindqvist",
        kind: HomeKind::Familjehem,
        street: "Björkvägen 12",
        postal: "43137",
        city: "Mölndal",
        municipality: 0,
        adults: &[0, 1],
        children: &[10, 11],
        steps: &[
            (HomeStatus::Utreds, "2023-02-01", None),
            (HomeStatus::Godkand, "2023-05-10", None),
            (HomeStatus::Aktiv, "2023-09-01", None),
        ],
    },
    DemoHome {
        name: "Familjen Åberg",
        kind: HomeKind::Jourhem,
        street: "Sjöstigen 4",
        postal: "44234",
        city: "Kungälv",
        municipality: 1,
        adults: &[2, 3],
        children: &[12],
        steps: &[
            (HomeStatus::Utreds, "2024-01-15", None),
            (HomeStatus::Godkand, "2024-04-02", None),
        ],
    },
    DemoHome {
        name: "Familjen Öberg",
        kind: HomeKind::Familjehem,
        street: "Ängsvägen 7",
        postal: "50464",
        city: "Borås",
        municipality: 3,
        adults: &[5, 6],
        children: &[],
        steps: &[(HomeStatus::Utreds, "2026-09-20", None)],
    },
    DemoHome {
        name: "Familjen Karlsson",
        kind: HomeKind::Familjehem,
        street: "Gärdesgatan 19",
        postal: "46131",
        city: "Trollhättan",
        municipality: 4,
        adults: &[7, 8],
        children: &[],
        steps: &[
            (HomeStatus::Utreds, "2021-03-01", None),
            (HomeStatus::Godkand, "2021-06-01", None),
            (
                HomeStatus::Avslutad,
                "2025-05-31",
                Some("Familjen avslutade uppdraget (flytt)."),
            ),
        ],
    },
    DemoHome {
        name: "Emma Nyström",
        kind: HomeKind::Kontaktfamilj,
        street: "Kvarngatan 2B",
        postal: "44330",
        city: "Lerum",
        municipality: 2,
        adults: &[9],
        children: &[],
        steps: &[],
    },
    DemoHome {
        name: "Familjen Hassan",
        kind: HomeKind::Jourhem,
        street: "Lövåsgatan 33",
        postal: "41674",
        city: "Göteborg",
        municipality: 2,
        adults: &[4],
        children: &[13],
        steps: &[
            (HomeStatus::Utreds, "2022-08-15", None),
            (HomeStatus::Godkand, "2022-11-30", None),
            (HomeStatus::Vilande, "2026-02-01", Some("Föräldraledighet")),
        ],
    },
];

async fn add_homes(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
    report: &mut DemoReport,
) -> Result<()> {
    let existing = foster_home::list(store).await?;
    let orgs = organisation::list(store).await?;
    for h in HOMES {
        if existing.iter().any(|e| e.name == h.name) {
            continue;
        }
        let org_number = format!(
            "{}{}",
            ORGANISATIONS[h.municipality].0,
            luhn_check_digit(ORGANISATIONS[h.municipality].0)
        );
        let municipality_id = orgs
            .iter()
            .find(|o| o.org_number == org_number)
            .map(|o| o.id);
        let input = FosterHomeInput {
            name: h.name.into(),
            kind: h.kind,
            street_address: Some(h.street.into()),
            postal_code: Some(h.postal.into()),
            city: Some(h.city.into()),
            municipality_id,
        };
        let first = h
            .steps
            .first()
            .and_then(|(_, d, _)| d.parse::<NaiveDate>().ok())
            .unwrap_or(today);
        let home = foster_home::add(store, actor, &input, first.min(today)).await?;
        for (indexes, role) in [
            (h.adults, MemberRole::Vuxen),
            (h.children, MemberRole::EgetBarn),
        ] {
            for &i in indexes {
                if let Some(pid) =
                    person::id_by_number(store, &number_of(&PEOPLE[i]), today).await?
                {
                    foster_home::add_member(store, actor, home.id, pid, role).await?;
                }
            }
        }
        for (status, date, reason) in h.steps {
            let change = StatusChangeInput {
                to: *status,
                on_date: date.parse::<NaiveDate>().ok().map(|d| d.min(today)),
                reason: reason.map(Into::into),
            };
            foster_home::change_status(store, actor, home.id, &change, today).await?;
        }
        report.foster_homes_added += 1;
    }
    Ok(())
}

/// Journal entries: (home name, event date, text, signed, amendment text).
const JOURNAL: &[(&str, &str, &str, bool, Option<&str>)] = &[
    ("Familjen Lindqvist", "2026-09-03", "Hembesök. Liam har kommit till ro i familjen och har börjat i årskurs 9. Elsa och Hugo har tagit emot honom väl.", true, None),
    ("Familjen Lindqvist", "2026-10-08", "Telefonsamtal med Anna Lindqvist. Skolan har hört av sig om frånvaro på måndagar; familjen följer upp med mentorn.", true, Some("Rättelse: frånvaron gällde fredagar, inte måndagar.")),
    ("Familjen Lindqvist", "2026-11-12", "Handledning med familjen. Samtal om umgänget med biologisk mamma och hur Liam reagerar efteråt.", true, None),
    ("Familjen Lindqvist", "2026-11-05", "Möte på skolan om Liams läxor. Mentorn Zeynep Aydın (tfn 0703-12 34 56) föreslog läxhjälp två dagar i veckan. Tolken İlkay deltog för Liams mamma.", true, None),
    ("Familjen Lindqvist", "2026-11-20", "Utkast: planering inför nätverksmöte med socialtjänsten i Mölndal.", false, None),
    ("Familjen Åberg", "2026-10-15", "Uppföljning jourhem. Familjen har kapacitet för en placering till från januari.", true, None),
];

/// A demo placement: child by index into `PEOPLE`, municipality by index into
/// `ORGANISATIONS`, and its end (date, reason) if it has ended.
struct DemoPlacement {
    child: usize,
    home: &'static str,
    municipality: usize,
    start: &'static str,
    end: Option<(&'static str, &'static str)>,
}

const PLACEMENTS: &[DemoPlacement] = &[
    DemoPlacement {
        child: 14,
        home: "Familjen Lindqvist",
        municipality: 0,
        start: "2023-09-01",
        end: None,
    },
    DemoPlacement {
        child: 15,
        home: "Familjen Lindqvist",
        municipality: 2,
        start: "2025-02-01",
        end: Some(("2025-08-31", "Återförening med vårdnadshavare.")),
    },
];

async fn add_placements(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
    report: &mut DemoReport,
) -> Result<()> {
    let homes = foster_home::list(store).await?;
    let orgs = organisation::list(store).await?;
    for DemoPlacement {
        child,
        home: home_name,
        municipality,
        start,
        end,
    } in PLACEMENTS
    {
        let Some(child_id) =
            person::id_by_number(store, &number_of(&PEOPLE[*child]), today).await?
        else {
            continue;
        };
        let Some(home) = homes.iter().find(|h| h.name == *home_name) else {
            continue;
        };
        if !placement::for_child(store, child_id).await?.is_empty() {
            continue;
        }
        let (nine, _, _) = ORGANISATIONS[*municipality];
        let org_number = format!("{nine}{}", luhn_check_digit(nine));
        let Some(org) = orgs.iter().find(|o| o.org_number == org_number) else {
            continue;
        };
        let start_date = start.parse::<NaiveDate>().unwrap_or(today).min(today);
        let input = PlacementInput {
            child_id,
            home_id: home.id,
            municipality_id: org.id,
            start_date,
        };
        let p = placement::place(store, actor, &input, today).await?;
        if let Some((end_date, reason)) = end {
            let end_date = end_date.parse::<NaiveDate>().unwrap_or(today).min(today);
            placement::end(
                store,
                actor,
                p.id,
                &EndPlacementInput {
                    end_date,
                    reason: (*reason).into(),
                },
                today,
            )
            .await?;
        }
        report.placements_added += 1;
    }
    Ok(())
}

/// An investigation under way (Familjen Öberg) and a concern report waiting for its
/// receipt, so that the dashboard has something to show.
async fn add_investigation_and_concern(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
) -> Result<()> {
    let author = demo_author(store, actor).await?;
    let homes = foster_home::list(store).await?;
    if let Some(home) = homes.iter().find(|h| h.name == "Familjen Öberg") {
        if investigation::for_home(store, home.id, today, 3)
            .await?
            .is_empty()
        {
            let started = "2026-09-20"
                .parse::<NaiveDate>()
                .unwrap_or(today)
                .min(today);
            let inv =
                investigation::start(store, &author, home.id, Method::Kalvesten, started, today)
                    .await?;
            let mikael = person::id_by_number(store, &number_of(&PEOPLE[5]), today).await?;
            let items = [
                ItemInput {
                    kind: ItemKind::HomeVisit,
                    person_id: None,
                    register: None,
                    done_on: started,
                    note: None,
                },
                ItemInput {
                    kind: ItemKind::InterviewAdult,
                    person_id: mikael,
                    register: None,
                    done_on: started,
                    note: None,
                },
                ItemInput {
                    kind: ItemKind::RegisterExtract,
                    person_id: mikael,
                    register: Some(Register::Kronofogden),
                    done_on: "2026-06-01"
                        .parse::<NaiveDate>()
                        .unwrap_or(today)
                        .min(today),
                    note: Some("Utdrag från tidigare ansökan.".into()),
                },
            ];
            for item in &items {
                investigation::add_item(store, &author, inv.id, item, today, 3).await?;
            }
        }
    }
    let settings = crate::settings::Settings::default();
    if concern::list(store, &author, today, &settings)
        .await?
        .is_empty()
    {
        let child = person::id_by_number(store, &number_of(&PEOPLE[16]), today).await?;
        let guardian = person::id_by_number(store, &number_of(&PEOPLE[20]), today).await?;
        let orgs = organisation::list(store).await?;
        let (nine, _, _) = ORGANISATIONS[3];
        let org_number = format!("{nine}{}", luhn_check_digit(nine));
        if let (Some(child), Some(org)) = (child, orgs.iter().find(|o| o.org_number == org_number))
        {
            let input = ConcernInput {
                child_id: child,
                guardian_ids: guardian.into_iter().collect(),
                municipality_id: org.id,
                observed:
                    "Noah berättade vid besöket att han inte fått äta frukost på flera dagar."
                        .into(),
                hearsay: None,
                guardians_informed: Some(true),
                guardians_not_informed_reason: None,
                reporter_phone: "070-481 00 00".into(),
                reporter_email: None,
            };
            let r = concern::create(store, &author, &input, today, &settings).await?;
            let sent = "2026-11-02"
                .parse::<NaiveDate>()
                .unwrap_or(today)
                .min(today);
            let step = ConcernStep {
                to: ConcernStatus::Sent,
                on_date: sent,
                channel: Some(Channel::ETjanst),
            };
            concern::advance(store, &author, r.id, &step, today, &settings).await?;
        }
    }
    Ok(())
}

/// The demo's author: the acting profile, or (before any profile exists) a demo
/// profile created for the purpose.
async fn demo_author(store: &Store, actor: &Actor) -> Result<Actor> {
    if actor.profile().is_some() {
        return Ok(actor.clone());
    }
    let users = user::list(store).await?;
    if let Some(u) = users.into_iter().next() {
        return Ok(Actor::user(u));
    }
    let input = UserInput {
        name: "Karin Konsulent (demo)".into(),
        title: Some("Familjehemskonsulent".into()),
        role: Role::Handlaggare,
    };
    Ok(Actor::user(user::add(store, actor, &input).await?))
}

async fn add_journals(
    store: &Store,
    actor: &Actor,
    today: NaiveDate,
    report: &mut DemoReport,
) -> Result<()> {
    let homes = foster_home::list(store).await?;
    let author = demo_author(store, actor).await?;
    for (home_name, date, text, signed, amendment) in JOURNAL {
        let Some(home) = homes.iter().find(|h| h.name == *home_name) else {
            continue;
        };
        let file = JournalFile::Home(home.id);
        let existing = journal::list(store, &author, file, today).await?;
        if existing.iter().any(|e| e.text == *text) {
            continue;
        }
        let event_date = date.parse::<NaiveDate>().unwrap_or(today).min(today);
        let input = EntryInput {
            event_date,
            text: (*text).into(),
        };
        let e = journal::create_draft(store, &author, file, EntryKind::Note, &input, today).await?;
        report.journal_entries_added += 1;
        if *signed {
            journal::sign(store, &author, e.id, today).await?;
        }
        if let Some(a) = amendment {
            let input = EntryInput {
                event_date,
                text: (*a).into(),
            };
            let am = journal::amend(store, &author, e.id, &input, today).await?;
            journal::sign(store, &author, am.id, today).await?;
            report.journal_entries_added += 1;
        }
    }
    Ok(())
}

/// Fills the store with the demo data set; what is already there is left alone.
pub async fn populate(store: &Store, actor: &Actor, today: NaiveDate) -> Result<DemoReport> {
    let mut report = DemoReport::default();
    for p in PEOPLE {
        let number = number_of(p);
        if person::id_by_number(store, &number, today).await?.is_some() {
            continue;
        }
        let input = PersonInput {
            personal_number: Some(number),
            given_name: p.given.into(),
            family_name: p.family.into(),
            email: p.email.map(Into::into),
            phone: p.phone.map(Into::into),
            street_address: p.street.map(Into::into),
            postal_code: p.postal.map(Into::into),
            city: p.city.map(Into::into),
            protected_identity: p.protected,
        };
        person::add(store, actor, &input, today).await?;
        report.persons_added += 1;
    }
    let existing = person::list(store, None).await?;
    for (given, family, phone) in WITHOUT_NUMBER {
        if existing.iter().any(|p| {
            p.personal_number.is_none() && p.given_name == *given && p.family_name == *family
        }) {
            continue;
        }
        let input = PersonInput {
            given_name: (*given).into(),
            family_name: (*family).into(),
            phone: Some((*phone).into()),
            ..Default::default()
        };
        person::add(store, actor, &input, today).await?;
        report.persons_added += 1;
    }
    let orgs = organisation::list(store).await?;
    for (nine, name, kind) in ORGANISATIONS {
        let number = format!("{nine}{}", luhn_check_digit(nine));
        if orgs.iter().any(|o| o.org_number == number) {
            continue;
        }
        organisation::add(
            store,
            actor,
            &OrganisationInput {
                org_number: number,
                name: (*name).into(),
                kind: *kind,
            },
        )
        .await?;
        report.organisations_added += 1;
    }
    add_homes(store, actor, today, &mut report).await?;
    add_placements(store, actor, today, &mut report).await?;
    add_journals(store, actor, today, &mut report).await?;
    add_investigation_and_concern(store, actor, today).await?;
    crate::demo_documents::add(store, &demo_author(store, actor).await?, today).await?;
    crate::demo_support::add(store, &demo_author(store, actor).await?, today).await?;
    crate::demo_due::add(store, &demo_author(store, actor).await?, today).await?;
    crate::demo_written::add(store, &demo_author(store, actor).await?, today).await?;
    add_consents(store, actor, today).await?;
    add_notices(store, actor, today).await?;
    add_agency(store, actor)?;
    Ok(report)
}

/// A fictional agency for the letters (register extracts), unless one is filled in
/// already or the actor may not change settings.
fn add_agency(store: &Store, actor: &Actor) -> Result<()> {
    let mut settings = crate::settings::Settings::load(store.dir());
    let may = actor
        .require(crate::user::Permission::ManageSettings)
        .is_ok();
    if !settings.agency.is_empty() || !may {
        return Ok(());
    }
    let nine = "212000996";
    settings.agency = crate::settings::Agency {
        name: Some("Familjehemsenheten, Socialförvaltningen i Demokommunen (demo)".into()),
        org_number: Some(format!("{nine}{}", luhn_check_digit(nine))),
        address: Some("Box 123\n431 21 Demokommunen".into()),
        contact: Some(
            "Familjehemsenheten, telefon 031-00 00 00, familjehem@demokommunen.example".into(),
        ),
    };
    settings.save(store.dir())
}

/// Interest notices from the agency's web form, not yet taken up.
async fn add_notices(store: &Store, actor: &Actor, today: NaiveDate) -> Result<()> {
    if !interest::list(store).await?.is_empty() {
        return Ok(());
    }
    let notices = [
        (
            "Linnea",
            "Strömberg",
            "linnea.stromberg@example.se",
            "Alingsås",
            12,
            "Vi är ett par i 40-årsåldern med två egna barn och funderar på att bli familjehem.",
        ),
        (
            "Omar",
            "Khalil",
            "omar.khalil@example.se",
            "Partille",
            3,
            "Jag har arbetat som fritidsledare och vill gärna veta mer om att vara kontaktfamilj.",
        ),
    ];
    for (given, family, email, city, days_ago, message) in notices {
        let input = InterestNoticeInput {
            given_name: given.into(),
            family_name: family.into(),
            email: Some(email.into()),
            phone: None,
            city: Some(city.into()),
            message: Some(message.into()),
            received_on: today - chrono::Days::new(days_ago),
        };
        interest::add(store, actor, &input, today).await?;
    }
    Ok(())
}

/// Consents to the processing that rests on consent (health declaration and references
/// in an investigation): one in force, one given and then withdrawn.
async fn add_consents(store: &Store, actor: &Actor, today: NaiveDate) -> Result<()> {
    let author = demo_author(store, actor).await?;
    let Some(activity) = consent::activities(store)
        .await?
        .into_iter()
        .find(|a| a.code == "vardverksamhet_samtycke")
    else {
        return Ok(());
    };
    let given_on = today - chrono::Days::new(60);
    for (index, withdraw) in [(5, false), (6, true)] {
        let Some(person_id) =
            person::id_by_number(store, &number_of(&PEOPLE[index]), today).await?
        else {
            continue;
        };
        if !consent::for_person(store, person_id)
            .await?
            .consents
            .is_empty()
        {
            continue;
        }
        let input = ConsentInput {
            person_id,
            activity_id: activity.id,
            given_on,
            evidence: "Underskriven samtyckesblankett (hälsodeklaration och referenser), arkiverad i akten.".into(),
        };
        let c = consent::give(store, &author, &input, today).await?;
        if withdraw {
            consent::withdraw(store, &author, c.id, today - chrono::Days::new(10), today).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::PersonalNumber;

    #[test]
    fn every_demo_number_is_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        for p in PEOPLE {
            let n = number_of(p);
            let parsed = PersonalNumber::parse(&n, today).unwrap();
            assert_eq!(parsed.digits(), n);
            assert_eq!(&n[..6], &p.born[..6], "{}", p.given);
        }
        for (nine, _, _) in ORGANISATIONS {
            let n = format!("{nine}{}", luhn_check_digit(nine));
            assert!(crate::organisation::parse_org_number(&n).is_ok(), "{n}");
        }
    }
}
