//! Contact plans on a real encrypted store: lines added and ended (history kept), bad
//! lines refused naming the field with nothing written, progress counted on calendar
//! edges, a placement's line counting only its child's and the home's contacts, and the
//! list of active homes whose plan is behind.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod common;

use akta_core::contact::{self, ContactInput, ContactKind, PlanInput, PlanPer};
use akta_core::error::{ErrorCode, Reason};
use akta_core::foster_home;
use akta_core::person;
use akta_core::placement;
use akta_core::store::Store;
use akta_core::user::Actor;
use chrono::NaiveDate;
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A home (Familjen Lind) with an adult and two children placed since 2024-01-01, and
/// the municipality that placed them.
struct World {
    staff: Staff,
    home: i64,
    adult: i64,
    kommun: i64,
    child_a: i64,
    child_b: i64,
    placement_a: i64,
    placement_b: i64,
}

async fn world(dir: &std::path::Path) -> World {
    let staff = store_with_staff(dir).await;
    let (s, k) = (&staff.store, &staff.karin);
    let home = approved_home(s, k, "Familjen Lind").await;
    let adult = person::add(s, k, &anna(), today()).await.unwrap().id;
    foster_home::add_member(s, k, home, adult, akta_core::foster_home::MemberRole::Vuxen)
        .await
        .unwrap();
    let kommun = kommun(s, k).await;
    let child_a = person::add(s, k, &named("Liam", "Lind"), today())
        .await
        .unwrap()
        .id;
    let child_b = person::add(s, k, &named("Maja", "Lind"), today())
        .await
        .unwrap()
        .id;
    let placement_a = place(s, k, child_a, home, kommun, "2024-01-01").await;
    let placement_b = place(s, k, child_b, home, kommun, "2024-01-01").await;
    World {
        staff,
        home,
        adult,
        kommun,
        child_a,
        child_b,
        placement_a,
        placement_b,
    }
}

fn line(home: i64, kind: Option<ContactKind>, times: u32, per: PlanPer, from: &str) -> PlanInput {
    PlanInput {
        home_id: home,
        placement_id: None,
        kind,
        times,
        per,
        valid_from: d(from),
        valid_to: None,
    }
}

/// Records a contact (a draft entry of the home's journal) on `date` at `time`.
async fn contact(
    store: &Store,
    a: &Actor,
    home: i64,
    child: Option<i64>,
    kind: ContactKind,
    date: &str,
    time: &str,
) {
    let input = ContactInput {
        home_id: home,
        child_id: child,
        kind,
        date: d(date),
        starts_at: time.into(),
        minutes: Some(60),
        participants: Vec::new(),
        themes: Vec::new(),
        text: "Samtal om veckan som gått.".into(),
    };
    contact::add(store, a, &input, today()).await.unwrap();
}

async fn plan_rows(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM contact_plans")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_plan_changes_by_ending_a_line_and_adding_another_and_both_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let first = contact::add_line(
        s,
        k,
        &line(
            w.home,
            Some(ContactKind::Hembesok),
            1,
            PlanPer::Month,
            "2026-01-01",
        ),
    )
    .await
    .unwrap();
    assert_eq!(first.times, 1);
    assert_eq!(first.valid_to, None);
    let event = last_event(s).await;
    assert_eq!(
        (event.action.as_str(), event.entity_kind.as_str()),
        ("create", "contact_plan")
    );
    let ended = contact::end_line(s, k, first.id, d("2026-06-30"))
        .await
        .unwrap();
    assert_eq!(ended.valid_to, Some(d("2026-06-30")));
    let event = last_event(s).await;
    assert_eq!(
        (event.action.as_str(), event.entity_id),
        ("update", Some(first.id))
    );
    let mut second = line(
        w.home,
        Some(ContactKind::Hembesok),
        2,
        PlanPer::Month,
        "2026-07-01",
    );
    second.placement_id = Some(w.placement_a);
    let second = contact::add_line(s, k, &second).await.unwrap();
    let lines = contact::lines(s, w.home).await.unwrap();
    assert_eq!(lines, vec![ended, second.clone()]);
    // The year counts each line in its own months: 6 × 1, then 4 full months × 2
    // (July–October) and November so far (23 of 30 days of 2 = 1.53, rounded down).
    let glance = contact::glance(s, w.home, today()).await.unwrap();
    let year: Vec<u32> = glance.lines.iter().map(|l| l.year_expected).collect();
    assert_eq!(year, vec![6, 9]);
    assert!(!glance.lines[0].current, "an ended line is history");
    assert!(glance.lines[1].current);
    // An end can be brought forward, never pushed back, nor before the start.
    let e = contact::end_line(s, k, first.id, d("2026-07-31"))
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("valid_to", Reason::NotAllowed)]);
    let e = contact::end_line(s, k, second.id, d("2026-06-30"))
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("valid_to", Reason::Date)]);
    let e = contact::end_line(s, k, 9999, today()).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(contact::lines(s, w.home).await.unwrap()[1], second);
}

#[tokio::test]
async fn bad_lines_are_refused_naming_each_field_with_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let other = approved_home(s, k, "Familjen Berg").await;
    let child = person::add(s, k, &named("Elsa", "Berg"), today())
        .await
        .unwrap()
        .id;
    let elsewhere = place(s, k, child, other, w.kommun, "2026-02-01").await;
    let events = audit_count(s).await;
    let before = snapshot(tmp.path());

    let mut bad = line(w.home, None, 0, PlanPer::Week, "2026-05-01");
    bad.placement_id = Some(elsewhere);
    bad.valid_to = Some(d("2026-04-30"));
    let e = contact::add_line(s, k, &bad).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("placement_id", Reason::NotAllowed),
            ("times", Reason::Format),
            ("valid_to", Reason::Date),
        ]
    );
    let mut bad = line(9999, None, 32, PlanPer::Week, "2026-05-01");
    bad.placement_id = Some(8888);
    let e = contact::add_line(s, k, &bad).await.unwrap_err();
    assert_eq!(
        refusals(&e),
        vec![
            ("home_id", Reason::Unknown),
            ("placement_id", Reason::Unknown),
            ("times", Reason::Format),
        ]
    );
    // A message names fields, never a person.
    assert!(!e.to_string().contains("Lind"));

    assert_eq!(plan_rows(s).await, 0);
    assert_eq!(audit_count(s).await, events);
    assert_same(&before, &snapshot(tmp.path()), "refused plan lines");

    // A closed home takes no new lines.
    let closed = foster_home::add(s, k, &home_input("Familjen Ek"), today())
        .await
        .unwrap()
        .id;
    close_home(s, k, closed, today()).await;
    let e = contact::add_line(s, k, &line(closed, None, 1, PlanPer::Month, "2026-11-01"))
        .await
        .unwrap_err();
    assert_eq!(refusals(&e), vec![("home_id", Reason::NotAllowed)]);
    assert_eq!(plan_rows(s).await, 0);
}

#[tokio::test]
async fn a_restricted_member_or_child_stops_changes_to_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let home_line = contact::add_line(s, k, &line(w.home, None, 1, PlanPer::Month, "2026-01-01"))
        .await
        .unwrap();
    let restrict = |id| {
        akta_core::rights::rectify::set_restriction(s, &w.staff.dpo, id, Some(today()), today())
    };
    restrict(w.child_b).await.unwrap();
    // The child of another placement does not stop the home's plan or this placement's.
    let mut a_line = line(w.home, None, 1, PlanPer::Week, "2026-01-01");
    a_line.placement_id = Some(w.placement_a);
    contact::add_line(s, k, &a_line).await.unwrap();
    let mut b_line = a_line.clone();
    b_line.placement_id = Some(w.placement_b);
    let e = contact::add_line(s, k, &b_line).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    restrict(w.adult).await.unwrap();
    let e = contact::end_line(s, k, home_line.id, today())
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    let e = contact::add_line(s, k, &line(w.home, None, 1, PlanPer::Year, "2026-01-01"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PersonRestricted);
    assert_eq!(plan_rows(s).await, 2);
    assert_eq!(contact::lines(s, w.home).await.unwrap()[0].valid_to, None);
}

#[tokio::test]
async fn contacts_count_for_the_calendar_month_of_their_local_date() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    // One hembesök a month from 15 January 2024 (a leap year).
    contact::add_line(
        s,
        k,
        &line(
            w.home,
            Some(ContactKind::Hembesok),
            1,
            PlanPer::Month,
            "2024-01-15",
        ),
    )
    .await
    .unwrap();
    // Late in the evening of the last day of February, and of October.
    contact(
        s,
        k,
        w.home,
        None,
        ContactKind::Hembesok,
        "2024-02-29",
        "23:30",
    )
    .await;
    contact(
        s,
        k,
        w.home,
        None,
        ContactKind::Hembesok,
        "2026-10-31",
        "23:30",
    )
    .await;
    // Before the line began: does not count for it.
    contact(
        s,
        k,
        w.home,
        None,
        ContactKind::Hembesok,
        "2024-01-10",
        "09:00",
    )
    .await;
    let mut conn = s.pool().acquire().await.unwrap();
    let mut month = async |from: &str, to: &str| {
        let p = contact::progress_in(&mut conn, w.home, None, d(from), d(to))
            .await
            .unwrap();
        assert_eq!(p.len(), 1);
        (p[0].expected, p[0].done)
    };
    // January: 17 of its 31 days (0.55) rounds to one; the visit of the 10th was before.
    assert_eq!(month("2024-01-01", "2024-01-31").await, (1, 0));
    assert_eq!(month("2024-02-01", "2024-02-29").await, (1, 1));
    assert_eq!(month("2024-03-01", "2024-03-31").await, (1, 0));
    assert_eq!(month("2026-10-01", "2026-10-31").await, (1, 1));
    assert_eq!(month("2026-11-01", "2026-11-30").await, (1, 0));
    // The whole of 2024: 11.55 months of the line, rounded; two visits were in it (one before).
    assert_eq!(month("2024-01-01", "2024-12-31").await, (12, 1));
    // A range before the line holds shows no line at all.
    let p = contact::progress_in(&mut conn, w.home, None, d("2023-01-01"), d("2023-12-31"))
        .await
        .unwrap();
    assert!(p.is_empty());
}

#[tokio::test]
async fn a_placements_line_counts_only_its_childs_and_the_homes_contacts() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    let home_line = contact::add_line(s, k, &line(w.home, None, 2, PlanPer::Month, "2026-01-01"))
        .await
        .unwrap();
    let mut a = line(
        w.home,
        Some(ContactKind::Telefon),
        1,
        PlanPer::Week,
        "2026-01-01",
    );
    a.placement_id = Some(w.placement_a);
    let a_line = contact::add_line(s, k, &a).await.unwrap();
    contact(
        s,
        k,
        w.home,
        Some(w.child_a),
        ContactKind::Telefon,
        "2026-10-05",
        "10:00",
    )
    .await;
    contact(
        s,
        k,
        w.home,
        Some(w.child_b),
        ContactKind::Telefon,
        "2026-10-06",
        "10:00",
    )
    .await;
    contact(
        s,
        k,
        w.home,
        None,
        ContactKind::Telefon,
        "2026-10-07",
        "10:00",
    )
    .await;
    contact(
        s,
        k,
        w.home,
        Some(w.child_a),
        ContactKind::Hembesok,
        "2026-10-08",
        "10:00",
    )
    .await;
    let mut conn = s.pool().acquire().await.unwrap();
    let (from, to) = (d("2026-10-01"), d("2026-10-31"));
    let for_a = contact::progress_in(&mut conn, w.home, Some(w.placement_a), from, to)
        .await
        .unwrap();
    let counts: Vec<(i64, u32, u32)> = for_a
        .iter()
        .map(|p| (p.line.id, p.expected, p.done))
        .collect();
    // The home's line: every contact of any kind; A's: A's and the home's telephone calls
    // (31/7 = 4.43 weeks of October: four expected).
    assert_eq!(counts, vec![(home_line.id, 2, 4), (a_line.id, 4, 2)]);
    let for_b = contact::progress_in(&mut conn, w.home, Some(w.placement_b), from, to)
        .await
        .unwrap();
    assert_eq!(for_b.len(), 1, "A's line is not in B's report");
    let home_only = contact::progress_in(&mut conn, w.home, None, from, to)
        .await
        .unwrap();
    assert_eq!(home_only.len(), 1);
    assert_eq!(home_only[0].line.id, home_line.id);
    drop(conn);

    // Once A's placement ends, the line asks for nothing after its end.
    placement::end(
        s,
        k,
        w.placement_a,
        &placement::EndPlacementInput {
            end_date: d("2026-11-07"),
            reason: "Flyttat hem".into(),
        },
        today(),
    )
    .await
    .unwrap();
    let mut conn = s.pool().acquire().await.unwrap();
    let nov = contact::progress_in(
        &mut conn,
        w.home,
        Some(w.placement_a),
        d("2026-11-01"),
        d("2026-11-30"),
    )
    .await
    .unwrap();
    assert_eq!(nov[1].expected, 1, "7 days of November are one week");
    let dec = contact::progress_in(
        &mut conn,
        w.home,
        Some(w.placement_a),
        d("2026-12-01"),
        d("2026-12-31"),
    )
    .await
    .unwrap();
    assert_eq!(dec.len(), 1, "only the home's own line after the placement");
}

#[tokio::test]
async fn the_active_homes_behind_their_plan_are_listed_with_nothing_of_a_person() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world(tmp.path()).await;
    let (s, k) = (&w.staff.store, &w.staff.karin);
    // Familjen Lind: a hembesök a month, done in October and in November: on track.
    contact::add_line(
        s,
        k,
        &line(
            w.home,
            Some(ContactKind::Hembesok),
            1,
            PlanPer::Month,
            "2026-01-01",
        ),
    )
    .await
    .unwrap();
    contact(
        s,
        k,
        w.home,
        Some(w.child_a),
        ContactKind::Hembesok,
        "2026-10-12",
        "14:00",
    )
    .await;
    contact(
        s,
        k,
        w.home,
        None,
        ContactKind::Hembesok,
        "2026-11-03",
        "14:00",
    )
    .await;

    // Familjen Berg (active): no visit in October, so last month fell short.
    let berg = approved_home(s, k, "Familjen Berg").await;
    let elsa = person::add(s, k, &named("Elsa", "Berg"), today())
        .await
        .unwrap()
        .id;
    place(s, k, elsa, berg, w.kommun, "2026-02-01").await;
    contact::add_line(
        s,
        k,
        &line(
            berg,
            Some(ContactKind::Hembesok),
            1,
            PlanPer::Month,
            "2026-01-01",
        ),
    )
    .await
    .unwrap();
    contact(
        s,
        k,
        berg,
        None,
        ContactKind::Hembesok,
        "2026-11-02",
        "09:00",
    )
    .await;

    // Familjen Ahl (active): four calls a month; October in full, one so far in November
    // where 23 of 30 days ask for 3.07, rounded down to three.
    let ahl = approved_home(s, k, "Familjen Ahl").await;
    let olle = person::add(s, k, &named("Olle", "Ahl"), today())
        .await
        .unwrap()
        .id;
    place(s, k, olle, ahl, w.kommun, "2026-02-01").await;
    contact::add_line(
        s,
        k,
        &line(
            ahl,
            Some(ContactKind::Telefon),
            4,
            PlanPer::Month,
            "2026-01-01",
        ),
    )
    .await
    .unwrap();
    for day in ["01", "08", "15", "22"] {
        let date = format!("2026-10-{day}");
        contact(s, k, ahl, None, ContactKind::Telefon, &date, "08:00").await;
    }
    contact(s, k, ahl, None, ContactKind::Telefon, "2026-11-05", "08:00").await;

    // Familjen Sten: approved, nobody placed: not active, not listed though behind.
    let sten = approved_home(s, k, "Familjen Sten").await;
    contact::add_line(s, k, &line(sten, None, 1, PlanPer::Week, "2026-01-01"))
        .await
        .unwrap();

    let list = contact::behind(s, today()).await.unwrap();
    let names: Vec<&str> = list.iter().map(|h| h.home_name.as_str()).collect();
    assert_eq!(names, vec!["Familjen Ahl", "Familjen Berg"]);
    assert_eq!(list[0].home_id, ahl);
    assert_eq!(
        (list[0].lines[0].month_expected, list[0].lines[0].month_done),
        (4, 1)
    );
    let json = serde_json::to_string(&list).unwrap();
    for name in ["Olle", "Elsa", "Liam", "Öberg"] {
        assert!(!json.contains(name), "{name} in the behind list");
    }

    let glance = contact::glance(s, w.home, today()).await.unwrap();
    assert!(!glance.behind);
    let l = &glance.lines[0];
    assert_eq!((l.month_expected, l.month_done), (1, 1));
    // January–October, and 23/30 of November rounded down.
    assert_eq!((l.year_expected, l.year_done), (10, 2));
    let berg_glance = contact::glance(s, berg, today()).await.unwrap();
    assert!(berg_glance.behind && berg_glance.lines[0].behind);
}
