//! A caseworker registers a foster home and takes it through its life: members, the
//! journal, the investigation and decision, closing; a child placed in another home and
//! the placement ended; a consent recorded and withdrawn.

use crate::pages::file::File;
use crate::pages::home::{Home, Investigation};
use crate::pages::homes::{HomeForm, Homes};
use crate::pages::journal::{Journal, JournalSearch};
use crate::pages::nav::{Link, Nav};
use crate::pages::person::Person;
use crate::pages::persons::Persons;
use crate::pages::session::Unlock;
use crate::pages::settings::Settings;
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_registers_a_foster_home_and_moves_it_through_its_lifecycle() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo(&store);
    let (app, _) = App::start(4448, &store);
    let nav = Nav::on(&app);
    let homes = Homes::on(&app);
    let form = HomeForm::on(&app);
    let home = Home::on(&app);
    let journal = Journal::on(&app);
    let investigation = Investigation::on(&app);
    let persons = Persons::on(&app);
    let person = Person::on(&app);
    let file = File::on(&app);

    Unlock::on(&app).unlock_with(PASS);
    Nav::on(&app).wait_signed_in("Karin Konsulent");

    // A caseworker sees the settings but only the data-protection role changes them.
    nav.settings();
    app.wait_text("Bara dataskyddsansvarig kan ändra inställningarna");
    assert!(!Settings::on(&app).can_save());
    assert!(
        !nav.offers(Link::Requests),
        "requests are the data-protection role's work"
    );

    // The bank: demo homes in their statuses.
    nav.homes();
    app.wait_text("Familjen Lindqvist");
    app.wait_text("Vilande");

    // A new home; a bad postal code is refused in Swedish and the name is kept.
    homes.add();
    form.fill("name", "Familjen Testsson");
    form.fill("postal_code", "123");
    form.save();
    assert!(form.error("postal_code").contains("fel format"));
    assert_eq!(app.focused(), HomeForm::POSTAL_CODE);
    form.fill("postal_code", "43137");
    form.choose_first_municipality();
    form.save();
    assert_eq!(home.name(), "Familjen Testsson");
    assert_eq!(home.status(), "Intresse");

    // A member from the registry.
    home.choose_first_registered_person();
    home.add_member();
    app.wait_text("Medlemmen är tillagd.");
    assert_eq!(home.member_count(), 1);

    // The home's journal: a draft (whose markup must stay text), signed, then corrected.
    let payload = "Första hembesöket hos familjen. <img src=x onerror=alert(1)><b>fet</b>";
    journal.open();
    journal.new_entry();
    journal.write("");
    journal.save();
    assert!(journal.text_error().contains("måste fyllas i"));
    journal.write(payload);
    journal.save();
    app.wait_text("Utkastet är sparat.");
    assert_eq!(journal.first_entry_text(), payload);
    assert_eq!(
        journal.markup_elements(),
        0,
        "journal text rendered as HTML"
    );
    journal.sign();
    app.wait_text("Anteckningen är signerad och låst.");
    app.wait_text("Signerad av Karin Konsulent");
    assert!(!journal.offers_edit(), "a signed entry offers no edit");
    journal.amend();
    assert!(Journal::is_correction_text(&app.focused()));
    journal.write("Rättelse: besöket var det andra, inte det första.");
    journal.save();
    app.wait_text("Rättelsen är sparad som utkast.");
    assert_eq!(journal.entry_count(), 2);
    assert_eq!(journal.entry_text(0), payload, "the original stays legible");

    // Full-text search finds it across files.
    nav.journal_search();
    let search = JournalSearch::on(&app);
    search.search_for("hembesöket");
    search.open_hit_in("Familjen Testsson");
    assert_eq!(home.name(), "Familjen Testsson");

    // The investigation: starting it moves the home to "Utreds"; the checklist names
    // what is missing; a decision despite missing parts needs a justification.
    file.tab("investigation");
    investigation.choose_method("pride");
    investigation.start();
    app.wait_text("Utredningen är startad.");
    home.wait_status("Utreds");
    let missing = investigation.missing();
    assert!(
        missing.contains("Hembesök")
            && missing.contains("Intervju med Daniel Berg")
            && missing.contains("Kronofogden för Daniel Berg"),
        "{missing}"
    );
    investigation.choose_part("home_visit");
    investigation.add_part();
    app.wait_text("Momentet är registrerat.");
    assert!(!investigation.missing().contains("Hembesök"));
    investigation.choose_part("register_extract");
    investigation.add_part();
    assert!(investigation.person_error().contains("Välj en person"));
    investigation.choose_decision("not_approved");
    investigation.decide();
    assert!(investigation
        .missing_reason_error()
        .contains("måste fyllas i"));
    investigation.give_missing_reason("Familjen drog tillbaka sin ansökan under utredningen.");
    investigation.decide();
    app.wait_text("Beslutet är registrerat.");
    assert!(investigation.decided().contains("Ej godkänd"));

    // Then close the home; closing without a reason is refused; closing asks first.
    file.tab("overview");
    home.choose_next_status("avslutad");
    home.change_status();
    assert!(home.status_reason_error().contains("måste fyllas i"));
    assert_eq!(home.status(), "Utreds");
    home.give_status_reason("Familjen drog tillbaka sin ansökan");
    home.change_status();
    home.confirm_close();
    app.wait_text("Familjehemmet är avslutat och kan inte få ny status.");
    assert_eq!(home.status(), "Avslutad");
    file.tab("history");
    let history = home.history();
    assert!(
        history.contains("Intresse")
            && history.contains("Utreds")
            && history.contains("drog tillbaka"),
        "{history}"
    );
    app.screenshot(&std::env::temp_dir().join("akta-e2e-home.png"));

    // A placement: a child placed in the approved jourhem, which becomes active; then
    // the placement is ended from the child's file.
    nav.homes();
    app.wait_text("Familjen Åberg");
    homes.open("Familjen Åberg");
    file.tab("placements");
    app.wait_text("Placera barn");
    home.place_child();
    app.wait_text("Välj ett barn.");
    home.child_picker().pick("maja", "Holm, Maja");
    home.choose_first_placing_municipality();
    home.place_child();
    app.wait_text("Barnet är placerat.");
    home.wait_status("Aktiv");
    nav.persons();
    persons.search("Maja");
    persons.wait_row_count(1);
    persons.open_first();
    app.wait_text("Placerad i Familjen Åberg");
    file.tab("placements");
    person.end_placement();
    person.confirm_end();
    assert!(person.end_reason_error().contains("måste fyllas i"));
    person.give_end_reason("Jourplaceringen övergick till släktingplacering.");
    person.confirm_end();
    app.wait_text("Placeringen är avslutad.");
    app.wait_text("övergick till släktingplacering");

    // Consent on the child's file: recorded with its evidence, then withdrawn, which
    // stops the processing that rested on it.
    file.tab("overview");
    person.record_consent();
    assert!(person.consent_evidence_error().contains("måste fyllas i"));
    person.choose_first_consent_activity();
    person.give_consent_evidence("Underskriven blankett i akten");
    person.record_consent();
    app.wait_text("Samtycket är registrerat.");
    person.withdraw_consent();
    app.wait_text("Behandlingen som vilade på det har upphört.");
    app.wait_text("behandlingen har upphört");
    app.close();
}
