//! Whom to look for: the subject, the people of the subject's files, and everyone else
//! the store knows.

use std::collections::HashSet;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::fold::name_words;
use super::numbers::phone_digits;
use super::{full_name_forms, Finder, Why};
use crate::error::{Error, Result};

// The persons of the subject's files (other than the subject), in `load`: everyone in
// the homes the subject is a member of or placed in, the children placed in those homes,
// the other parties of the subject's concern reports, and
// the persons named in the investigations of those homes.

/// What the rules need of one person.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    /// 12 digits, as stored.
    pub personal_number: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub street_address: Option<String>,
    pub city: Option<String>,
    /// A person of the subject's files.
    pub close: bool,
    /// Numbers the person had before (12 digits): still theirs in old text.
    pub former_numbers: Vec<String>,
}

impl Finder {
    /// The rules for `person_id`'s extract.
    pub async fn load(
        conn: &mut SqliteConnection,
        person_id: i64,
        today: NaiveDate,
    ) -> Result<Finder> {
        let rows = sqlx::query!(
            "SELECT id, given_name, family_name, personal_number, phone, email, street_address, city
             FROM persons"
        )
        .fetch_all(&mut *conn)
        .await?;
        let close: HashSet<i64> = sqlx::query_scalar!(
            r#"WITH homes(id) AS (
                   SELECT home_id FROM foster_home_members WHERE person_id = ?1
                   UNION SELECT home_id FROM placements WHERE child_id = ?1),
               reports(id) AS (
                   SELECT id FROM concern_reports WHERE child_id = ?1
                   UNION SELECT report_id FROM concern_report_guardians WHERE person_id = ?1)
               SELECT person_id AS "id!: i64" FROM foster_home_members
                   WHERE home_id IN (SELECT id FROM homes)
               UNION SELECT child_id FROM placements WHERE home_id IN (SELECT id FROM homes)
               UNION SELECT person_id FROM concern_report_guardians
                   WHERE report_id IN (SELECT id FROM reports)
               UNION SELECT child_id FROM concern_reports WHERE id IN (SELECT id FROM reports)
               UNION SELECT person_id FROM investigation_items WHERE person_id IS NOT NULL
                   AND investigation_id IN (SELECT id FROM investigations
                                            WHERE home_id IN (SELECT id FROM homes))"#,
            person_id
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let orgs: Vec<String> = sqlx::query_scalar!("SELECT name FROM organisations")
            .fetch_all(&mut *conn)
            .await?;
        let mut subject = None;
        let mut others = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r.id;
            let facts = Facts {
                id,
                given_name: r.given_name,
                family_name: r.family_name,
                personal_number: r.personal_number,
                phone: r.phone,
                email: r.email,
                street_address: r.street_address,
                city: r.city,
                close: close.contains(&id),
                former_numbers: Vec::new(),
            };
            if id == person_id {
                subject = Some(facts);
            } else {
                others.push(facts);
            }
        }
        let mut subject = subject.ok_or(Error::NotFound("person"))?;
        subject.former_numbers = sqlx::query_scalar!(
            r#"SELECT old_value AS "old!: String" FROM person_rectifications
               WHERE person_id = ? AND field = 'personal_number' AND old_value IS NOT NULL"#,
            person_id
        )
        .fetch_all(&mut *conn)
        .await?;
        Ok(Finder::build(&subject, &others, &orgs, today))
    }

    /// The rules for `subject`'s extract, with every other person the store knows and
    /// the names of its organisations.
    pub fn build(subject: &Facts, others: &[Facts], orgs: &[String], today: NaiveDate) -> Finder {
        let mut f = Finder {
            today,
            subject_tens: subject
                .personal_number
                .iter()
                .chain(subject.former_numbers.iter())
                .filter(|n| n.len() == 12 && n.is_ascii())
                .map(|n| n[2..].to_owned())
                .collect(),
            not_persons: super::NOT_PERSONS
                .iter()
                .map(|w| super::fold::fold_str(w))
                .collect(),
            subject_phone: subject.phone.as_deref().map(phone_digits),
            subject_email: subject.email.as_ref().map(|e| e.trim().to_lowercase()),
            ..Finder::default()
        };
        let own_forms = full_name_forms(&subject.given_name, &subject.family_name);
        for form in &own_forms {
            f.subject_names.add(form.clone(), false, ());
        }
        let own_words: HashSet<String> = [&subject.given_name, &subject.family_name]
            .iter()
            .flat_map(|p| name_words(p))
            .collect();
        f.subject_words.extend(own_words.iter().cloned());
        for part in subject.street_address.iter().chain(subject.city.iter()) {
            f.subject_words.extend(name_words(part));
        }
        for p in others {
            for form in full_name_forms(&p.given_name, &p.family_name) {
                if !own_forms.contains(&form) {
                    f.others.add(form, false, Why::FullName);
                }
            }
            if p.close {
                for part in p
                    .given_name
                    .split_whitespace()
                    .chain(p.family_name.split_whitespace())
                {
                    // A name the subject shares stays: the subject's data must be whole.
                    let words = name_words(part);
                    let fresh: Vec<&String> =
                        words.iter().filter(|w| !own_words.contains(*w)).collect();
                    if words.len() > 1 {
                        for w in &fresh {
                            f.others.add(vec![(*w).clone()], true, Why::Name);
                        }
                    }
                    if !fresh.is_empty() {
                        f.others.add(words, true, Why::Name);
                    }
                }
            }
            if let Some(d) = p
                .phone
                .as_deref()
                .map(phone_digits)
                .filter(|d| d.len() >= 7)
            {
                f.other_phones.insert(d);
            }
            if let Some(e) = &p.email {
                f.other_emails.insert(e.trim().to_lowercase());
            }
        }
        if let Some(p) = &f.subject_phone {
            f.other_phones.remove(p);
        }
        if let Some(e) = &f.subject_email {
            f.other_emails.remove(e);
        }
        for o in orgs {
            f.org_words.extend(name_words(o));
        }
        f
    }
}
