//! The written familjehemsutredning. On the demo store Familjen Öberg is being
//! investigated (Kälvesten; the checklist not complete), and Karin has begun the
//! written report: a draft with the man's interview and the household written up. She
//! opens it from the investigation, writes the two sections left before signing — the
//! assessment and the recommendation — each saved as she writes ("Sparat kl. …");
//! chooses the recommendation; signs — asked for a
//! justification, since the checklist is not complete, and refused without one — and
//! saves the PDF where the dialog says, a file whose name holds no personal data. The
//! report is recorded as sent to a municipality; "Ändra (ny version)" drafts version 2
//! from the signed text, and version 1 stays listed.

use crate::pages::file::File;
use crate::pages::homes::Homes;
use crate::pages::investigation_report::{InvestigationReport, Templates};
use crate::pages::nav::Nav;
use crate::pages::session::Unlock;
use crate::support::app::{choose_save_place, SAVE_DIR};
use crate::support::files::{paths_in, pdf_text};
use crate::support::{cli, App, PASS};

const ASSESSMENT: &str = "Familjen Öberg har ett stabilt vardagsliv och god förmåga att ta emot ett barn. Både Mikael och hans partner är måna om samarbetet med familjehemsenheten.";
const RECOMMENDATION: &str =
    "Familjehemmet rekommenderas för ett barn i åldern 6–12 år, gärna med syskon i närheten.";

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn the_written_report_is_drafted_autosaved_signed_and_saved_as_a_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    cli::store_with_demo(&store);
    let app = App::start_with(
        4476,
        &[
            ("AKTA_STORE", &store),
            (SAVE_DIR, &exports),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let report = InvestigationReport::on(&app);
    Unlock::on(&app).unlock_with(PASS);
    nav.wait_signed_in("Karin Konsulent");

    // 1. The investigation of Familjen Öberg: its report is begun.
    nav.homes();
    Homes::on(&app).open("Familjen Öberg");
    File::on(&app).tab("investigation");
    app.wait_for("the report button", || {
        (report.open_label() == "Öppna utredningen").then_some(())
    });

    // 2. The draft, from the Kälvesten template, with what was written kept: version 1.
    report.open();
    report.wait_shown();
    report.wait_status("Utkast");
    assert_eq!(report.version(), "1");
    assert!(report.written("conduct").contains("informationskväll"));
    assert_eq!(report.written("assessment"), "");
    let keys = report.section_keys();
    for key in ["assignment", "assessment", "recommendation"] {
        assert!(keys.iter().any(|k| k == key), "{key} in {keys:?}");
    }
    assert!(
        keys.iter().any(|k| k.starts_with("childhood-")),
        "a section per adult: {keys:?}"
    );

    // 3. Two sections written, each saved as she writes.
    report.write("assessment", ASSESSMENT);
    report.wait_saved();
    report.write("recommendation", RECOMMENDATION);
    report.wait_saved();
    assert!(
        report.autosave_line().starts_with("Sparat kl. "),
        "{}",
        report.autosave_line()
    );
    report.recommend("recommended");
    report.wait_saved();

    // 4. Signing: the checklist is not complete, so a justification is asked for, and
    //    signing without one is refused in Swedish; the text stays.
    let incomplete = !report.checklist_complete();
    report.sign();
    if incomplete {
        assert!(report.asks_justification());
        report.confirm_sign();
        assert!(
            report.justification_error().contains("Skriv varför"),
            "{}",
            report.justification_error()
        );
        report.justify("Kontrollen hos Kronofogden görs om före beslutet; utredningen behövs nu som underlag för kommunens matchning.");
    }
    report.confirm_sign();
    report.wait_status("Signerad");
    app.wait_text("Utredningen är signerad och låst.");

    // 5. The PDF, saved where the dialog says, under a name without personal data.
    report.save_pdf();
    choose_save_place(&app);
    app.wait_text("Sparad: familjehemsutredning-");
    let pdfs = paths_in(&exports);
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let name = pdfs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        name,
        format!("familjehemsutredning-{}.pdf", akta_core::today())
    );
    let bytes = std::fs::read(&pdfs[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let text = pdf_text(&pdfs[0]);
    assert!(
        text.contains("stabilt vardagsliv"),
        "the written text in the PDF"
    );

    // 6. Recorded as sent to a municipality.
    report.mark_sent_to_first_municipality();
    report.wait_status("Skickad");

    // 7. A change is a new version, from the signed text; version 1 stays listed.
    report.new_version();
    report.wait_status("Utkast");
    assert_eq!(report.version(), "2");
    assert_eq!(report.written("assessment"), ASSESSMENT);
    assert!(report.versions().contains("Version 1"));
    app.close();
}

/// The data-protection officer changes Kälvesten's template in the settings: a bad key
/// and an empty heading are refused, each under its row, and nothing is saved; fixed,
/// moved and with a section added it is saved as the agency's own; then reset.
#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_report_template_is_refused_by_row_then_saved_and_reset() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    cli::store_with_demo_and_dpo(&store);
    let app = App::start_with(
        4478,
        &[
            ("AKTA_STORE", &store),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let templates = Templates::on(&app);
    Unlock::on(&app).unlock_as("Dana Dataskydd");
    nav.wait_signed_in("Dana Dataskydd");
    nav.settings();
    templates.wait_shown();
    templates.wait_kind("Den inbyggda standardmallen.");
    let rows = templates.rows();
    let first = templates.value(0, "heading");

    templates.fill(0, "key", "Uppdrag");
    templates.fill(1, "heading", "");
    templates.save();
    assert!(
        templates.error(0, "key").contains("gemener a–z"),
        "{}",
        templates.error(0, "key")
    );
    assert_eq!(templates.error(1, "heading"), "Skriv en rubrik.");
    templates.wait_kind("Den inbyggda standardmallen.");

    templates.fill(0, "key", "uppdrag");
    templates.fill(1, "heading", "Så gick utredningen till");
    templates.move_up(1);
    templates.add();
    templates.fill(rows, "key", "skola");
    templates.fill(rows, "heading", "Skola och förskola i närheten");
    templates.save();
    app.wait_text("Mallen är sparad.");
    templates.wait_kind("Familjehemsenhetens egen mall.");
    assert_eq!(templates.rows(), rows + 1);
    assert_eq!(templates.value(0, "heading"), "Så gick utredningen till");
    assert_eq!(templates.value(1, "heading"), first);

    templates.reset();
    app.wait_text("Standardmallen gäller igen.");
    templates.wait_kind("Den inbyggda standardmallen.");
    assert_eq!(templates.rows(), rows);
    app.close();
}
