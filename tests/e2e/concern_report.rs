//! A concern report drafted (markup in a name and in the text stays text), sent by
//! e-service and saved as a PDF whose name carries no personal data.

use crate::pages::concerns::Concerns;
use crate::pages::nav::Nav;
use crate::pages::session::Unlock;
use crate::support::app::{choose_save_place, SAVE_DIR};
use crate::support::files::{paths_in, pdf_text};
use crate::support::{cli, App, PASS};

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by .ci/test"]
fn a_concern_report_is_drafted_sent_and_saved_as_a_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    cli::store_with_demo(&store);
    // A name that is markup: it must show as text, never run.
    let name_payload = "<img src=x onerror=\"window.__pwned='name'\">";
    cli::akta(
        &store,
        &[
            "person",
            "add",
            "--given-name",
            name_payload,
            "--family-name",
            "Testsson",
        ],
    );
    let app = App::start_with(
        4450,
        &[
            ("AKTA_STORE", &store),
            (SAVE_DIR, &exports),
            ("XDG_DATA_HOME", &tmp.path().join("xdg")),
        ],
        None,
    );
    let nav = Nav::on(&app);
    let concerns = Concerns::on(&app);

    Unlock::on(&app).unlock_with(PASS);
    Nav::on(&app).wait_signed_in("Karin Konsulent");
    nav.persons();
    app.wait_text(name_payload);
    nav.concerns();
    app.wait_text("Ny orosanmälan");
    // The demo's report is overdue for its receipt, and says so.
    app.wait_text("Mottagningsbekräftelse dröjer");

    // No risky default: whether the guardians were told starts unanswered and must be
    // answered. Nothing filled in: every missing part is named in Swedish, nothing saved.
    assert!(concerns.guardians_unanswered());
    concerns.save();
    assert!(concerns
        .error("informed")
        .contains("Svara om vårdnadshavarna"));
    concerns.answer_guardians_informed(false);
    concerns.save();
    assert!(concerns.error("observed").contains("måste fyllas i"));
    assert!(concerns.error("reason").contains("måste fyllas i"));
    assert!(concerns.error("phone").contains("måste fyllas i"));
    let before = concerns.report_count();
    assert_eq!(before, 1, "the demo's report only");

    concerns.child_picker().pick("Liam", "Johansson, Liam");
    concerns
        .guardian_picker()
        .pick("johansson", "Johansson, Jenny");
    concerns.choose_first_municipality();
    let text_payload =
        "<script>window.__pwned='text'</script><b onmouseover=\"window.__pwned='b'\">fet</b>";
    concerns.fill(
        "observed",
        &format!("Liam kom till hembesöket med ett blåmärke på kinden och ville inte säga varifrån det kom. {text_payload}"),
    );
    concerns.fill("reason", "Risk att Liam utsätts för påtryckningar.");
    concerns.fill("phone", "070-123 45 67");
    concerns.save();
    app.wait_text("Utkastet är sparat.");
    assert_eq!(concerns.report_count(), before + 1);
    // The markup shows as the text it is; none of it ran or became elements.
    app.wait_text(text_payload);
    assert_eq!(
        concerns.markup_effects(),
        serde_json::json!(["undefined", 0])
    );

    // Sent by e-service, then printed.
    concerns.choose_channel("e_tjanst");
    concerns.advance();
    app.wait_text("Steget är registrerat.");
    app.wait_text("Skickad");
    concerns.save_pdf();
    choose_save_place(&app);
    app.wait_text("Sparad: orosanmalan-");
    let pdfs = paths_in(&exports);
    assert_eq!(pdfs.len(), 1);
    let name = pdfs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name == format!("orosanmalan-{}.pdf", akta_core::today()) && !name.contains("Liam"),
        "{name}"
    );
    let text = pdf_text(&pdfs[0]);
    assert!(
        text.contains("blåmärke på kinden")
            && text.contains("Karin Konsulent")
            && text.contains("e-tjänst")
            && text.contains("<script>window.__pwned='text'</script>"),
        "{text}"
    );
    app.close();
}
