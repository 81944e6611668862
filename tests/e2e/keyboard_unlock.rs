//! A store made elsewhere (by the CLI) opens at the unlock screen, and the first steps
//! work by keyboard alone; an interest notice is registered and deleted on request.

use crate::pages::nav::Nav;
use crate::pages::notices::Notices;
use crate::pages::persons::{PersonForm, Persons};
use crate::pages::session::{Profile, Unlock};
use crate::pages::{ENTER, TAB};
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn an_existing_store_opens_at_the_unlock_screen_and_is_usable_by_keyboard() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // A store made by the CLI tool is the app's store too.
    cli::empty_store(&store);

    let (app, _) = App::start(4446, &store);
    let profile = Profile::on(&app);
    let nav = Nav::on(&app);
    let notices = Notices::on(&app);

    app.wait_text("Lås upp Akta");
    assert_eq!(app.focused(), Unlock::HEADING);
    // Keyboard only: Tab from the heading to the passphrase field, type, Enter.
    app.keys(TAB);
    assert_eq!(app.focused(), Unlock::PASSPHRASE);
    app.keys(&format!("{PASS}{ENTER}"));
    // No profile yet: create one by keyboard (Tab order: name, title, role, create).
    app.wait_text("Vem arbetar?");
    assert_eq!(app.focused(), Profile::HEADING);
    app.keys(TAB);
    assert_eq!(app.focused(), Profile::NAME);
    // Enter with no name: refused in Swedish, focus stays on the name.
    app.keys(ENTER);
    assert!(profile.name_error().contains("måste fyllas i"));
    assert_eq!(app.focused(), Profile::NAME);
    app.keys(&format!("Dan Dataskydd{ENTER}"));
    Nav::on(&app).wait_signed_in("Dan Dataskydd");
    app.wait_text("Inget att bevaka just nu.");
    nav.persons();
    app.wait_text("Inga personer ännu.");
    // Tab reaches "Ny person" and Enter opens the form, focus on its heading.
    assert_eq!(app.focused(), Persons::HEADING);
    app.keys(TAB);
    assert_eq!(app.focused(), Persons::ADD);
    app.keys(ENTER);
    app.wait_text("Ny person");
    assert_eq!(app.focused(), PersonForm::HEADING);
    app.keys(TAB);
    assert_eq!(app.focused(), PersonForm::field_id("personal_number"));

    // An interest notice, registered and then deleted completely on request.
    nav.notices();
    notices.fill("given", "Jonna");
    notices.fill("family", "Intressesson");
    notices.fill("email", "fel-adress");
    notices.save();
    assert!(notices.error("email").contains("fel format"));
    notices.fill("email", "jonna@example.se");
    notices.save();
    app.wait_text("Intresseanmälan är sparad.");
    notices.delete_first();
    app.wait_text("Intresseanmälan är raderad helt.");
    assert_eq!(notices.count(), 0);
    app.close();
}
