//! The person registry: anyone whose data the agency holds.

mod contact;
mod number;
pub mod relations;
pub(crate) mod repo;
mod row;
mod search;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Error, Reason, Result};
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

pub use contact::{update_contact, ContactInput};
pub use number::{
    age_on, birth_date_of, format_personal_number, written_forms, NumberKind, PersonalNumber,
};
pub use row::{swedish_key, PersonRole, PersonRow, PersonSort, PersonSortKey};
pub(crate) use search::fill_name_keys;
pub use search::name_key;
use search::Search;

/// Longest accepted name part, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest accepted address line, in characters.
pub const MAX_ADDRESS_CHARS: usize = 200;

/// A person as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    /// 12 digits with century, or none.
    pub personal_number: Option<String>,
    pub number_kind: Option<NumberKind>,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// Skyddad identitet: address and contact data are hidden in lists and exports.
    pub protected_identity: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Restriction of processing (Art. 18) since this day: the data stays and is shown,
    /// but nothing new is written about the person until it is lifted.
    pub restricted_on: Option<chrono::NaiveDate>,
}

/// A row of the persons list. For a person with protected identity the address and
/// contact data are not included at all.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PersonSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub personal_number: Option<String>,
    pub number_kind: Option<NumberKind>,
    pub given_name: String,
    pub family_name: String,
    pub city: Option<String>,
    pub protected_identity: bool,
}

impl PersonSummary {
    /// A list row. The one place where skyddad identitet keeps the city (and with it
    /// every address and contact detail) out of lists and exports.
    pub fn new(
        id: i64,
        personal_number: Option<String>,
        number_kind: Option<NumberKind>,
        given_name: String,
        family_name: String,
        city: Option<String>,
        protected_identity: bool,
    ) -> Self {
        PersonSummary {
            id,
            personal_number,
            number_kind,
            given_name,
            family_name,
            city: if protected_identity { None } else { city },
            protected_identity,
        }
    }
}

impl From<Person> for PersonSummary {
    fn from(p: Person) -> Self {
        PersonSummary::new(
            p.id,
            p.personal_number,
            p.number_kind,
            p.given_name,
            p.family_name,
            p.city,
            p.protected_identity,
        )
    }
}

/// What a form or the CLI gives to add a person. Text is raw; validation happens here.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    /// Any accepted written form, or empty for a person without a number.
    pub personal_number: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    #[serde(default)]
    pub protected_identity: bool,
}

/// A validated person, ready to store.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub number: Option<PersonalNumber>,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub protected_identity: bool,
}

impl PersonInput {
    /// Checks every field and reports every refusal at once.
    pub fn validate(&self, today: NaiveDate) -> Result<NewPerson> {
        let mut p = Problems::new();
        let number = match self
            .personal_number
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match PersonalNumber::parse(s, today) {
                Ok(n) => Some(n),
                Err(reason) => {
                    p.push("personal_number", reason);
                    None
                }
            },
        };
        let given_name = p.check(validate::required_text(
            "given_name",
            &self.given_name,
            MAX_NAME_CHARS,
        ));
        let family_name = p.check(validate::required_text(
            "family_name",
            &self.family_name,
            MAX_NAME_CHARS,
        ));
        let contact = ContactInput {
            street_address: self.street_address.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
        }
        .check(&mut p);
        p.finish()?;
        // `finish` returned Ok, so every check above returned Some.
        let missing = || Error::Internal("validation state".into());
        Ok(NewPerson {
            number,
            given_name: given_name.ok_or_else(missing)?,
            family_name: family_name.ok_or_else(missing)?,
            email: contact.email,
            phone: contact.phone,
            street_address: contact.street_address,
            postal_code: contact.postal_code,
            city: contact.city,
            protected_identity: self.protected_identity,
        })
    }
}

/// Adds a person in one transaction (with its audit event). An invalid or duplicate
/// value writes nothing.
pub async fn add(
    store: &Store,
    actor: &Actor,
    input: &PersonInput,
    today: NaiveDate,
) -> Result<Person> {
    let new = input.validate(today)?;
    let mut tx = store.begin().await?;
    if let Some(n) = &new.number {
        if repo::id_by_number(&mut tx, n.digits()).await?.is_some() {
            return Err(Error::invalid("personal_number", Reason::Duplicate));
        }
    }
    let id = repo::insert(&mut tx, &new, Utc::now()).await?;
    let person = find(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Create, EntityKind::Person, id).await?;
    Ok(person)
}

/// The person, or `NotFound`.
async fn find(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<Person> {
    repo::get(conn, id).await?.ok_or(Error::NotFound("person"))
}

/// One person's file, by id: a read of a personakt, and so an audit event.
pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Person> {
    let mut tx = store.begin().await?;
    let person = find(&mut tx, id).await?;
    audit::record_and_commit(tx, actor, AuditAction::Read, EntityKind::Person, id).await?;
    Ok(person)
}

/// The id of the person with this personnummer/samordningsnummer (any accepted
/// written form), if registered. It shows no data, so it is not audited.
pub async fn id_by_number(store: &Store, number: &str, today: NaiveDate) -> Result<Option<i64>> {
    let n =
        PersonalNumber::parse(number, today).map_err(|r| Error::invalid("personal_number", r))?;
    let mut conn = store.pool().acquire().await?;
    repo::id_by_number(&mut conn, n.digits()).await
}

/// Persons ordered by family and given name; `query` matches names (any part, any case,
/// with or without diacritics) or the number (with or without separator).
pub async fn list(store: &Store, query: Option<&str>) -> Result<Vec<PersonSummary>> {
    let mut conn = store.pool().acquire().await?;
    let rows = match query.and_then(Search::new) {
        None => repo::list_all(&mut conn).await?,
        Some(search) => search::matching(&mut conn, &search, None).await?,
    };
    Ok(rows.into_iter().map(PersonSummary::from).collect())
}

/// The first `limit` persons of [`list`] (all when `None`) in the order `sort`, with
/// their age on `today` and roles, and how many matched in all: the persons screen
/// shows a page and offers more, so that a store of thousands of persons does not make
/// the screen build thousands of rows. In the register's name order the database
/// returns only the page's rows (and counts the others); another order sorts every
/// match.
pub async fn page(
    store: &Store,
    query: Option<&str>,
    limit: Option<u32>,
    sort: PersonSort,
    today: NaiveDate,
) -> Result<PersonPage> {
    let search = query.and_then(Search::new);
    let sql_limit = limit.filter(|_| sort == PersonSort::default());
    let mut conn = store.pool().acquire().await?;
    let persons = match (&search, sql_limit) {
        (None, Some(limit)) => repo::first(&mut conn, limit).await?,
        (None, None) => repo::list_all(&mut conn).await?,
        (Some(search), limit) => search::matching(&mut conn, search, limit).await?,
    };
    let shown = persons.len() as u64;
    let total = match (&search, sql_limit) {
        // A full page: there may be more.
        (None, Some(limit)) if shown >= u64::from(limit) => {
            u64::try_from(repo::count(&mut conn).await?).unwrap_or_default()
        }
        (Some(search), Some(limit)) if shown >= u64::from(limit) => {
            search::count_matching(&mut conn, search).await?
        }
        _ => shown,
    };
    let persons = persons.into_iter().map(PersonSummary::from).collect();
    let persons = row::rows(&mut conn, persons, sort, limit, today).await?;
    Ok(PersonPage { persons, total })
}

/// A page of the persons list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct PersonPage {
    pub persons: Vec<PersonRow>,
    /// How many persons matched, shown or not.
    #[ts(type = "number")]
    pub total: u64,
}

/// How many persons the store holds.
pub async fn count(store: &Store) -> Result<i64> {
    let mut conn = store.pool().acquire().await?;
    repo::count(&mut conn).await
}

/// `person_restricted` when any of these persons' data is restricted (Art. 18): the
/// services that write something new about a person call this in their transaction.
pub async fn ensure_unrestricted(conn: &mut sqlx::SqliteConnection, ids: &[i64]) -> Result<()> {
    let ids = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    let restricted = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM persons WHERE restricted_on IS NOT NULL
                          AND id IN (SELECT value FROM json_each(?))) AS "r!: bool""#,
        ids
    )
    .fetch_one(&mut *conn)
    .await?;
    if restricted {
        Err(Error::PersonRestricted)
    } else {
        Ok(())
    }
}

/// The members of a home (for the restriction check of the home's file).
pub async fn home_member_ids(conn: &mut sqlx::SqliteConnection, home_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT person_id AS "id!" FROM foster_home_members WHERE home_id = ?"#,
        home_id
    )
    .fetch_all(&mut *conn)
    .await?)
}
