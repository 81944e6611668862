//! Who may hold the data-protection role: a caseworker at the profile screen cannot give
//! it to herself; it takes the agency's recovery identity (or an existing
//! data-protection profile), and a refused profile is not created.

use crate::pages::nav::Nav;
use crate::pages::session::{Profile, Unlock};
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_caseworker_cannot_create_a_data_protection_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo_and_dpo(&store);
    let (app, _) = App::start(4464, &store);
    let profile = Profile::on(&app);

    Unlock::on(&app).unlock_with(PASS);
    app.wait_text("Dana Dataskydd");
    assert_eq!(profile.names().len(), 2);

    // The role is offered, but only with the agency's recovery identity: without it
    // the profile is refused, the refusal says why, and nothing is created.
    assert!(profile.offers_role("dataskyddsansvarig"));
    profile.fill_new("Kim Konsulent", "dataskyddsansvarig");
    profile.create();
    assert!(
        profile.identity_error().contains("måste fyllas i"),
        "the identity is asked for"
    );
    assert_eq!(profile.names().len(), 2, "no profile was created");
    // A made-up identity is refused by the core, and nothing is created either.
    profile
        .give_identity("AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ");
    profile.create();
    app.wait_for("a refusal of the identity", || {
        (!profile.identity_error().contains("måste fyllas i")).then_some(())
    });
    assert_eq!(profile.names().len(), 2, "no profile was created");

    // A caseworker profile needs no such proof.
    profile.fill_new("Kim Konsulent", "handlaggare");
    profile.create();
    Nav::on(&app).wait_signed_in("Kim Konsulent");
    app.close();
}
