//! The demo data's documents: in every demo home's file and every placed child's file a
//! few of the papers a personakt holds — an agreement and a municipality's decision as
//! PDF (made with [`crate::pdf`]), a doctor's certificate as a scanned image (a PNG
//! drawn here), references and notes as text. One drawn-up agreement is recorded as
//! sent. Running it again adds only the titles a file does not have yet.

use chrono::NaiveDate;

use crate::document::{self, Direction, DocumentDescription, DocumentInput, DocumentOwner};
use crate::error::{Error, Result};
use crate::foster_home;
use crate::investigation;
use crate::pdf::Doc;
use crate::placement::{self, Placement};
use crate::store::Store;
use crate::user::Actor;
use homes::{Concerns, Content, Context, HomeDoc, AGENCY, HOME_DOCS};

/// Adds the demo documents that are missing; returns how many were added. A PDF needs
/// a font with å ä ö: without one, the PDF documents are left out.
pub(crate) async fn add(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let mut added = 0;
    let homes = foster_home::list(store).await?;
    for home in &homes {
        let docs: Vec<&HomeDoc> = HOME_DOCS.iter().filter(|d| d.home == home.name).collect();
        if docs.is_empty() {
            continue;
        }
        let owner = DocumentOwner::Home(home.id);
        let existing = document::list(store, author, owner).await?;
        let adults: Vec<i64> = sqlx::query_scalar(
            "SELECT person_id FROM foster_home_members
             WHERE home_id = ? AND role = 'vuxen' AND left_on IS NULL ORDER BY person_id",
        )
        .bind(home.id)
        .fetch_all(store.pool())
        .await?;
        let investigation = investigation::for_home(store, home.id, today, 3)
            .await?
            .into_iter()
            .find(|i| i.decision.is_none())
            .map(|i| i.id);
        for d in docs {
            if existing.iter().any(|e| e.title == d.title) {
                continue;
            }
            let owner = match (d.context, investigation) {
                (Context::Investigation, Some(i)) => DocumentOwner::Investigation(i),
                _ => owner,
            };
            let persons = match d.concerns {
                Concerns::Adults => adults.clone(),
                Concerns::FirstAdult => adults.iter().take(1).copied().collect(),
            };
            let item = Item {
                owner,
                title: d.title,
                direction: d.direction,
                doc_type: d.doc_type,
                date: day(d.date, today),
                counterpart: Some(d.counterpart),
                org: None,
                persons,
                sent: d.sent.map(|s| day(s, today)),
            };
            added += put(store, author, today, &item, (d.content)(&home.name)).await?;
        }
    }
    for home in &homes {
        for p in placement::for_home(store, home.id).await? {
            added += child_documents(store, author, today, &p).await?;
        }
    }
    Ok(added)
}

/// A placed child's documents: the municipality's decision, a certificate, and a note
/// (or, for an ended placement, the decision that ended it).
async fn child_documents(
    store: &Store,
    author: &Actor,
    today: NaiveDate,
    p: &Placement,
) -> Result<u32> {
    let child = p.child.id;
    let existing = document::list(store, author, DocumentOwner::Child(child)).await?;
    let has = |title: &str| existing.iter().any(|e| e.title == title);
    let name = format!("{} {}", p.child.given_name, p.child.family_name);
    let mut added = 0;
    let base = Item {
        owner: DocumentOwner::Placement(p.id),
        title: "Placeringsbeslut från kommunen",
        direction: Direction::Incoming,
        doc_type: "brev",
        date: p.start_date.min(today),
        counterpart: None,
        org: Some(p.municipality_id),
        persons: vec![child],
        sent: None,
    };
    if !has(base.title) {
        let content = Content::Letter {
            fields: vec![
                ("Barn", name.clone()),
                ("Familjehem", p.home_name.clone()),
                ("Från och med", p.start_date.to_string()),
                (
                    "Beslutande nämnd",
                    format!("Socialnämnden, {}", p.municipality_name),
                ),
            ],
            sections: vec![
                (
                    "Beslut",
                    format!(
                        "Socialnämnden har beslutat att {} ska beredas vård i familjehemmet \
                         {} från och med den {}.",
                        p.child.given_name, p.home_name, p.start_date
                    ),
                ),
                (
                    "Skäl för beslutet",
                    "Barnet och vårdnadshavarna har samtyckt till vården. Nämnden bedömer \
                     att barnets behov bäst tillgodoses i ett familjehem med närhet till \
                     barnets skola och nätverk."
                        .to_owned(),
                ),
                (
                    "Uppföljning",
                    "Vården följs upp minst var sjätte månad. Familjehemmet får handledning \
                     av familjehemsenheten."
                        .to_owned(),
                ),
            ],
        };
        added += put(store, author, today, &base, content).await?;
    }
    let certificate = Item {
        title: "Läkarintyg",
        doc_type: "intyg",
        counterpart: Some("Barnhälsovården"),
        org: None,
        ..base.clone()
    };
    if !has(certificate.title) {
        added += put(
            store,
            author,
            today,
            &certificate,
            Content::Scan(10 + p.id as u32),
        )
        .await?;
    }
    let note = match (p.end_date, &p.end_reason) {
        (Some(end), reason) => (
            Item {
                title: "Beslut om att vården upphör",
                date: end.min(today),
                ..base.clone()
            },
            format!(
                "Socialnämnden, {}\n\nBeslut: vården av {} i familjehemmet {} upphör den {}.\n\
                 Skäl: {}\n",
                p.municipality_name,
                p.child.given_name,
                p.home_name,
                end,
                reason.as_deref().unwrap_or("-")
            ),
        ),
        (None, _) => (
            Item {
                title: "Anteckningar från inskrivningsmötet",
                direction: Direction::DrawnUp,
                doc_type: "ovrigt",
                counterpart: None,
                org: None,
                ..base.clone()
            },
            format!(
                "Inskrivningsmöte i familjehemmet {}\n\n\
                 Närvarande: {}, familjehemsföräldrarna och familjehemssekreteraren.\n\
                 - Rutiner för skolskjuts och fritidsaktiviteter gicks igenom.\n\
                 - Umgänge med mamma varannan helg, första gången om två veckor.\n\
                 - Nästa uppföljning om sex veckor.\n",
                p.home_name, p.child.given_name
            ),
        ),
    };
    if !has(note.0.title) {
        added += put(store, author, today, &note.0, Content::Note(note.1)).await?;
    }
    Ok(added)
}

/// One document to add.
#[derive(Clone)]
struct Item {
    owner: DocumentOwner,
    title: &'static str,
    direction: Direction,
    doc_type: &'static str,
    date: NaiveDate,
    counterpart: Option<&'static str>,
    org: Option<i64>,
    persons: Vec<i64>,
    sent: Option<NaiveDate>,
}

/// Adds one document (and records it as sent); 1 if added, 0 if left out (no font for
/// a PDF, or a person whose data is restricted).
async fn put(
    store: &Store,
    author: &Actor,
    today: NaiveDate,
    item: &Item,
    content: Content,
) -> Result<u32> {
    let bytes = match content {
        Content::Letter { fields, sections } => {
            match letter(item.title, &fields, &sections, item.date) {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(code = ?e.code(), "demo document left out (PDF)");
                    return Ok(0);
                }
            }
        }
        Content::Scan(seed) => png::scan(seed),
        Content::Note(text) => text.into_bytes(),
    };
    let input = DocumentInput::new(
        item.owner,
        DocumentDescription {
            title: item.title.into(),
            direction: item.direction,
            doc_type: item.doc_type.into(),
            dated_on: item.date,
            counterpart: item.counterpart.map(Into::into),
            counterpart_org_id: item.org,
            persons: item.persons.clone(),
        },
    );
    let d = match document::add_bytes(store, author, &bytes, &input, today).await {
        Ok(d) => d,
        Err(Error::PersonRestricted) => return Ok(0),
        Err(e) => return Err(e),
    };
    if let Some(on) = item.sent {
        document::mark_sent(store, author, d.id, on.max(item.date).min(today), today).await?;
    }
    Ok(1)
}

fn day(s: &str, today: NaiveDate) -> NaiveDate {
    s.parse::<NaiveDate>().unwrap_or(today).min(today)
}

fn letter(
    title: &str,
    fields: &[(&str, String)],
    sections: &[(&str, String)],
    date: NaiveDate,
) -> Result<Vec<u8>> {
    let mut d = Doc::new(title, "demo", &date.to_string())?;
    d.lines(AGENCY, true);
    d.space(4.0);
    for (label, value) in fields {
        d.field(label, value);
    }
    for (heading, text) in sections {
        d.heading(heading);
        d.paragraph(text);
    }
    Ok(d.finish())
}

mod homes;
mod png;
