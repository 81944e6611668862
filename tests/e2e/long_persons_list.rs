//! A long persons list shows a page and the rest on request; a person picker pages
//! too, and finds by search what is beyond its page.

use crate::pages::concerns::Concerns;
use crate::pages::nav::Nav;
use crate::pages::persons::Persons;
use crate::pages::session::Unlock;
use crate::support::{cli, App};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_long_persons_list_shows_a_page_and_more_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo_and_dpo(&store);
    // About a hundred synthetic foster homes, each with one member: more persons than
    // one page holds (bulk data needs the data-protection profile).
    cli::akta(&store, &["--user", "2", "demo", "--bulk-rows", "10000"]);
    // A tenth of those homes closed in 2020: the app's daily retention run would purge
    // them (and their members) while the lists are being counted. Not this story's
    // subject: the rule is set long enough that nothing is due.
    for code in ["home_files", "child_files"] {
        cli::akta(
            &store,
            &[
                "--user",
                "2",
                "retention",
                "set-rule",
                code,
                "--months",
                "1200",
            ],
        );
    }
    let (app, _) = App::start(4456, &store);
    let nav = Nav::on(&app);
    let persons = Persons::on(&app);

    Unlock::on(&app).unlock_as("Karin Konsulent");
    nav.persons();
    persons.wait_count_shows("Visar 100 av ");
    let count = persons.count_line();
    let total: usize = count
        .trim()
        .trim_start_matches("Visar 100 av ")
        .trim_end_matches(" personer")
        .parse()
        .unwrap_or_else(|_| panic!("count line {count:?}"));
    assert!((101..200).contains(&total), "{count}");
    assert_eq!(persons.row_count(), 100);

    // The rest on request, by keyboard; then every row and no offer of more.
    assert_eq!(persons.more_label(), format!("Visa {} till", total - 100));
    persons.show_more();
    // Exactly the full count: "Visar 100 av N personer" already holds "N personer".
    persons.wait_count_is(&format!("{total} personer"));
    assert_eq!(persons.row_count(), total);
    assert!(!persons.offers_more());

    // A search starts from the first page again and finds what is beyond it.
    persons.open_only("Anna");
    app.wait_text("Kontaktuppgifter");

    // A person picker offers a page of matches too, says there are more, and finds
    // by search what is beyond its page; the choice stays when the search changes.
    nav.concerns();
    let child = Concerns::on(&app).child_picker();
    child.wait_help_is(&format!("Visar 50 av {total}. Sök för att hitta fler."));
    assert_eq!(child.option_count(), 51);
    child.pick("Anna", "Lindqvist, Anna");
    child.wait_option_count(2);
    assert!(!child.shows_help());
    let anna = child.chosen();
    assert!(anna.as_str().unwrap_or("").contains("Anna"), "{anna}");
    child.search("zzzz-ingen");
    child.wait_help_is("Ingen person matchar sökningen.");
    assert_eq!(child.chosen(), anna, "a new search keeps the choice");
    app.close();
}
