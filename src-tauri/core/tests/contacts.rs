//! Contacts with homes on a real encrypted store: a contact is a journal entry with
//! structure, drafted, changed, signed, amended, objected to and searched as every entry
//! is; every bad input is refused naming its field with nothing written; a signed
//! contact's structure is locked. (Themes, the calendar and purge: contacts_calendar.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;
mod contact_world;

use akta_core::contact::{
    self, ContactInput, ContactKind, ContactParticipant, Participant, ParticipantRole,
};
use akta_core::error::{ErrorCode, Reason};
use akta_core::journal::{self, EntryInput, EntryKind, JournalFile};
use akta_core::user::Actor;
use common::*;
use contact_world::*;

/// A change of a good contact that makes it bad.
type Change<'a> = Box<dyn Fn(&mut ContactInput) + 'a>;

#[tokio::test]
async fn a_contact_is_drafted_changed_signed_amended_objected_to_and_found() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);

    let before = audit_count(s).await;
    let e = contact::add(s, karin, &visit(&w), today()).await.unwrap();
    assert_eq!(audit_count(s).await, before + 1, "one audit event");
    let ev = last_event(s).await;
    assert_eq!(
        (ev.action.as_str(), ev.entity_kind.as_str(), ev.entity_id),
        ("create", "journal_entry", Some(e.id))
    );
    assert_eq!(e.kind, EntryKind::Note);
    assert!(e.signed_at.is_none());
    let c = e.contact.clone().unwrap();
    assert_eq!(c.kind, ContactKind::Hembesok);
    assert_eq!((c.starts_at.as_str(), c.minutes), ("14:30", Some(90)));
    assert_eq!(c.child_name.as_deref(), Some("Liam Johansson"));
    assert_eq!(
        c.participants,
        vec![
            ContactParticipant::Person {
                person_id: w.adult,
                name: "Åsa Öberg".into()
            },
            ContactParticipant::Person {
                person_id: w.child,
                name: "Liam Johansson".into()
            },
            ContactParticipant::Role {
                role: ParticipantRole::Socialsekreterare
            },
        ]
    );
    let themes: Vec<&str> = c.themes.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(themes, ["skola", "halsa"], "in the list's order");

    // The home's journal shows it with its structure, beside a plain note.
    journal::create_draft(
        s,
        karin,
        JournalFile::Home(w.home),
        EntryKind::Note,
        &EntryInput {
            event_date: d("2026-11-21"),
            text: "Vanlig anteckning.".into(),
        },
        today(),
    )
    .await
    .unwrap();
    let all = journal::list(s, karin, JournalFile::Home(w.home), today())
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].contact.as_ref(), Some(&c));
    assert!(all[1].contact.is_none());
    let listed = contact::list(s, karin, w.home, today()).await.unwrap();
    assert_eq!(listed, vec![e.clone()], "only contacts, with their details");

    // The draft is changed: participants and themes are replaced.
    let mut changed = visit(&w);
    changed.kind = ContactKind::Telefon;
    changed.child_id = None;
    changed.participants = vec![Participant::Person { person_id: w.adult }];
    changed.themes = vec!["hemmets_situation".into()];
    changed.minutes = None;
    changed.text = "Telefonsamtal med Åsa om familjens semester.".into();
    let u = contact::update(s, karin, e.id, &changed, today())
        .await
        .unwrap();
    let c = u.contact.unwrap();
    assert_eq!(
        (
            c.kind,
            c.child_id,
            c.minutes,
            c.participants.len(),
            c.themes.len()
        ),
        (ContactKind::Telefon, None, None, 1, 1)
    );
    assert_eq!(counts(s).await[2..4], [1, 1]);

    // Signed like every entry; then locked for the app …
    let signed = journal::sign(s, karin, e.id, today()).await.unwrap();
    assert!(signed.signed_at.is_some());
    assert!(signed.contact.is_some());
    let err = contact::update(s, karin, e.id, &visit(&w), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&err), [("entry", Reason::NotAllowed)]);

    // … corrected by an amendment, objected to, and found by search.
    let a = journal::amend(
        s,
        karin,
        e.id,
        &EntryInput {
            event_date: d("2026-11-20"),
            text: "Rättelse: samtalet gällde höstlovet.".into(),
        },
        today(),
    )
    .await
    .unwrap();
    assert_eq!(a.amends_id, Some(e.id));
    journal::create_draft(
        s,
        karin,
        JournalFile::Home(w.home),
        EntryKind::Objection,
        &EntryInput {
            event_date: today(),
            text: "Åsa invänder mot beskrivningen.".into(),
        },
        today(),
    )
    .await
    .unwrap();
    let hits = journal::search(s, karin, "semester", 10, journal::SearchOrder::Newest)
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].entry_id, e.id);
    assert_eq!(hits[0].file, JournalFile::Home(w.home));
}

#[tokio::test]
async fn every_bad_input_is_refused_naming_its_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    sqlx::query("UPDATE contact_themes SET retired = 1 WHERE code = 'ekonomi'")
        .execute(s.pool())
        .await
        .unwrap();
    let adult = Participant::Person { person_id: w.adult };
    let cases: Vec<(&str, Change<'_>, (&str, Reason))> = vec![
        (
            "unknown home",
            Box::new(|c| c.home_id = 9999),
            ("home_id", Reason::Unknown),
        ),
        (
            "unknown child",
            Box::new(|c| c.child_id = Some(9999)),
            ("child_id", Reason::Unknown),
        ),
        (
            "another home's child",
            Box::new(|c| c.child_id = Some(w.other_child)),
            ("child_id", Reason::NotAllowed),
        ),
        (
            "before the placement",
            Box::new(|c| {
                c.date = d("2026-08-31");
                c.participants.remove(1);
            }),
            ("child_id", Reason::NotAllowed),
        ),
        (
            "a person of another home",
            Box::new(|c| {
                c.participants.push(Participant::Person {
                    person_id: w.other_child,
                })
            }),
            ("participants", Reason::NotAllowed),
        ),
        (
            "an unknown person",
            Box::new(|c| c.participants.push(Participant::Person { person_id: 9999 })),
            ("participants", Reason::Unknown),
        ),
        (
            "a person twice",
            Box::new(move |c| c.participants.push(adult)),
            ("participants", Reason::Duplicate),
        ),
        (
            "a role twice",
            Box::new(|c| {
                c.participants.push(Participant::Role {
                    role: ParticipantRole::Socialsekreterare,
                })
            }),
            ("participants", Reason::Duplicate),
        ),
        (
            "an unknown theme",
            Box::new(|c| c.themes.push("rymd".into())),
            ("themes", Reason::Unknown),
        ),
        (
            "a retired theme",
            Box::new(|c| c.themes.push("ekonomi".into())),
            ("themes", Reason::Unknown),
        ),
        (
            "a theme twice",
            Box::new(|c| c.themes.push("skola".into())),
            ("themes", Reason::Duplicate),
        ),
        (
            "tomorrow",
            Box::new(|c| {
                c.date = d("2026-11-24");
                c.child_id = None
            }),
            ("date", Reason::Future),
        ),
        (
            "24:00",
            Box::new(|c| c.starts_at = "24:00".into()),
            ("starts_at", Reason::Format),
        ),
        (
            "9.30",
            Box::new(|c| c.starts_at = "9.30".into()),
            ("starts_at", Reason::Format),
        ),
        (
            "no time",
            Box::new(|c| c.starts_at = String::new()),
            ("starts_at", Reason::Format),
        ),
        (
            "0 minutes",
            Box::new(|c| c.minutes = Some(0)),
            ("minutes", Reason::Format),
        ),
        (
            "over a day",
            Box::new(|c| c.minutes = Some(1441)),
            ("minutes", Reason::Format),
        ),
        (
            "no note",
            Box::new(|c| c.text = " \n ".into()),
            ("text", Reason::Required),
        ),
        (
            "too long a note",
            Box::new(|c| c.text = "x".repeat(journal::MAX_TEXT_CHARS + 1)),
            ("text", Reason::TooLong),
        ),
        (
            "a control character",
            Box::new(|c| c.text = "a\u{0}b".into()),
            ("text", Reason::Characters),
        ),
    ];
    let before = counts(s).await;
    for (what, change, expected) in &cases {
        let mut input = visit(&w);
        change(&mut input);
        let e = contact::add(s, karin, &input, today()).await.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{what}");
        assert_eq!(refusals(&e), [*expected], "{what}");
        assert_eq!(counts(s).await, before, "{what}: nothing written");
    }

    // Every problem of a form at once.
    let mut input = visit(&w);
    input.starts_at = "25:00".into();
    input.minutes = Some(5000);
    input.themes = vec!["rymd".into()];
    input.text = String::new();
    let e = contact::add(s, karin, &input, today()).await.unwrap_err();
    let fields: Vec<&str> = refusals(&e).iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["text", "starts_at", "minutes", "themes"]);

    // A change of a draft is refused the same way, leaving the draft as it was.
    let draft = contact::add(s, karin, &visit(&w), today()).await.unwrap();
    let before = counts(s).await;
    for (what, change, expected) in &cases {
        let mut input = visit(&w);
        change(&mut input);
        let e = contact::update(s, karin, draft.id, &input, today())
            .await
            .unwrap_err();
        // Moving to another home is refused before anything else.
        let expected = if input.home_id != w.home {
            ("home_id", Reason::NotAllowed)
        } else {
            *expected
        };
        assert_eq!(refusals(&e), [expected], "update: {what}");
        assert_eq!(counts(s).await, before, "update {what}: nothing written");
    }
    let listed = contact::list(s, karin, w.home, today()).await.unwrap();
    assert_eq!(listed, vec![draft.clone()]);

    // Not its author; no profile.
    let olle = profile(s, "Olle", akta_core::user::Role::Handlaggare).await;
    let before = counts(s).await;
    let e = contact::update(s, &olle, draft.id, &visit(&w), today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), [("entry", Reason::NotAllowed)]);
    let e = contact::add(s, &Actor::device(), &visit(&w), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ProfileRequired);
    // Not a contact.
    let e = contact::update(s, karin, 9999, &visit(&w), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(counts(s).await, before);

    // The journal's own edit of the draft cannot move it outside the placement.
    let e = journal::update_draft(
        s,
        karin,
        draft.id,
        &EntryInput {
            event_date: d("2026-08-01"),
            text: "Flyttad".into(),
        },
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(refusals(&e), [("event_date", Reason::NotAllowed)]);
    assert_eq!(counts(s).await, before);
}

#[tokio::test]
async fn a_restricted_person_gets_no_new_contact() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, w.child, Some(today()), today())
        .await
        .unwrap();
    let before = counts(s).await;
    let e = contact::add(s, karin, &visit(&w), today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(counts(s).await, before);
}

#[tokio::test]
async fn a_signed_contacts_structure_cannot_be_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, karin) = (&w.staff.store, &w.staff.karin);
    let e = contact::add(s, karin, &visit(&w), today()).await.unwrap();
    journal::sign(s, karin, e.id, today()).await.unwrap();
    let raw = sqlx::query("UPDATE contacts SET minutes = 5 WHERE entry_id = ?")
        .bind(e.id)
        .execute(s.pool())
        .await;
    assert!(
        raw.is_err(),
        "the trigger refuses changing a signed contact"
    );
    let before = counts(s).await;
    let mut changed = visit(&w);
    changed.themes.clear();
    let err = contact::update(s, karin, e.id, &changed, today())
        .await
        .unwrap_err();
    assert_eq!(refusals(&err), [("entry", Reason::NotAllowed)]);
    assert_eq!(counts(s).await, before);
    let listed = contact::list(s, karin, w.home, today()).await.unwrap();
    assert_eq!(listed[0].contact, e.contact);
}
