//! The register extract's first page: a letter from the agency to the person. It names
//! the agency (from the settings the data-protection role fills in; where a setting is
//! empty the letter says so plainly instead of leaving a blank), whom it is for, the
//! date, what the extract is, how to read it, and where to turn with questions.

use super::document::{RegisterExtract, WITHHELD_PARTY, WITHHELD_PASSAGE};
use crate::pdf::Doc;
use crate::settings::Agency;

/// What the letter says where the agency has not filled in a setting.
pub const NOT_FILLED_IN: &str = "(har inte fyllts i av verksamheten)";

/// What a journal entry that is not signed reads as in the extract.
pub const DRAFT: &str = "Utkast (ej signerat)";

/// What the letter tells about the extract's content, so that it explains only what
/// is there.
pub(super) struct Content {
    pub withheld: bool,
    pub drafts: bool,
    pub access_log: bool,
    pub documents: bool,
}

/// The controller as the JSON extract names it: the agency, when its name is filled in.
pub(super) fn controller(agency: &Agency, fallback: &str) -> String {
    match &agency.name {
        Some(name) => format!("{name} (personuppgiftsansvarig)"),
        None => fallback.to_owned(),
    }
}

/// Writes the letter and starts a new page after it.
pub(super) fn cover(d: &mut Doc, x: &RegisterExtract, agency: &Agency, content: &Content) {
    // Letterhead.
    match &agency.name {
        Some(name) => d.title(name),
        None => d.title("Verksamhetens namn har inte fyllts i"),
    }
    let filled = |v: Option<String>| v.unwrap_or_else(|| NOT_FILLED_IN.to_owned());
    d.field("Organisationsnummer", &filled(agency.org_number_display()));
    d.field("Postadress", &filled(agency.address.clone()));
    d.field("Kontakt vid frågor", &filled(agency.contact.clone()));
    d.space(6.0);

    d.field("Till", &x.subject_name);
    if let Some(n) = &x.subject_number {
        d.field("Personnummer", n);
    }
    d.field("Datum", &x.generated_on.to_string());
    d.field("Dokument-id", &x.document_id);
    d.space(4.0);

    d.heading("Registerutdrag: dina personuppgifter hos oss");
    let we = match &agency.name {
        Some(name) => format!("{name} är personuppgiftsansvarig för dem."),
        None => "Vi är personuppgiftsansvariga för dem.".to_owned(),
    };
    d.paragraph(&format!(
        "Du har begärt att få veta vilka personuppgifter om dig som vi behandlar. Här är \
         vårt svar, ett registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR). \
         Det innehåller alla uppgifter om dig som finns i vårt ärendesystem, varför vi \
         behandlar dem, hur länge vi sparar dem och vilka rättigheter du har. {we}"
    ));

    d.heading("Så läser du utdraget");
    let mut how = vec![
        "Dina personuppgifter: en tabell för varje slags uppgift. Uppgifterna står som de \
         är sparade hos oss; kolumnen Nr räknar posterna i tabellen."
            .to_owned(),
    ];
    if content.withheld {
        how.push(format!(
            "{WITHHELD_PARTY} eller {WITHHELD_PASSAGE} står där vi har tagit bort uppgifter \
             om någon annan än dig, till exempel ett namn i en anteckning. Andra personers \
             uppgifter får vi inte lämna ut (artikel 15.4)."
        ));
    }
    if content.drafts {
        how.push(format!(
            "{DRAFT}: en journalanteckning som inte är färdig. Den kan fortfarande ändras \
             av den som skrev den; en signerad anteckning ändras aldrig, den kan bara \
             kompletteras."
        ));
    }
    if content.documents {
        how.push(
            "Kopior av dokument: de dokument om dig som vi har, med kopior i mappen som \
             följer med utdraget, eller skälet till att ett dokument inte lämnas ut."
                .to_owned(),
        );
    }
    if content.access_log {
        how.push(
            "Vem som har hanterat dina uppgifter: en rad per dag och person, med vad som \
             gjordes. Siffran inom parentes är hur många gånger."
                .to_owned(),
        );
    }
    how.push(
        "Sist står varför vi behandlar uppgifterna, vem som får dem, hur länge vi sparar \
         dem och vilka rättigheter du har, bland annat att få fel rättade och att klaga \
         till Integritetsskyddsmyndigheten."
            .to_owned(),
    );
    for h in how {
        d.hanging(&format!("•  {h}"), 4.0);
    }

    d.heading("Frågor");
    match &agency.contact {
        Some(contact) => d.paragraph(&format!(
            "Har du frågor om utdraget, eller är något fel? Kontakta oss: {contact}"
        )),
        None => d.paragraph(
            "Har du frågor om utdraget, eller är något fel? Verksamheten har inte fyllt i \
             någon kontaktuppgift för frågor; vänd dig till den som skickade utdraget till dig.",
        ),
    }
    if let Some(address) = &agency.address {
        d.paragraph("Du kan också skriva till oss:");
        d.lines(address, false);
    }
    d.page_break();
}
