//! The demo homes' documents, by home name, and what their bytes say.

use crate::document::Direction;

/// What a demo document's bytes are.
pub(super) enum Content {
    /// A PDF letter: headed fields, then sections (heading, paragraph).
    Letter {
        fields: Vec<(&'static str, String)>,
        sections: Vec<(&'static str, String)>,
    },
    /// A scanned paper, as a PNG; the number varies the "text" lines.
    Scan(u32),
    /// Plain text.
    Note(String),
}

/// Whom a document concerns.
#[derive(Clone, Copy)]
pub(super) enum Concerns {
    /// The home's current adult members.
    Adults,
    /// The home's first adult member.
    FirstAdult,
}

/// In which context of a home's file.
#[derive(Clone, Copy)]
pub(super) enum Context {
    File,
    Investigation,
}

pub(super) struct HomeDoc {
    pub(super) home: &'static str,
    pub(super) title: &'static str,
    pub(super) direction: Direction,
    pub(super) doc_type: &'static str,
    pub(super) date: &'static str,
    pub(super) counterpart: &'static str,
    pub(super) concerns: Concerns,
    pub(super) context: Context,
    pub(super) sent: Option<&'static str>,
    pub(super) content: fn(&str) -> Content,
}

pub(super) const AGENCY: &str = "Familjehemsenheten, Socialförvaltningen i Demokommunen (demo)";

fn agreement(home: &str) -> Content {
    Content::Letter {
        fields: vec![
            ("Familjehem", home.to_owned()),
            ("Uppdragsgivare", AGENCY.to_owned()),
            (
                "Avtalstid",
                "Tills vidare, med en månads ömsesidig uppsägningstid".to_owned(),
            ),
        ],
        sections: vec![
            (
                "Uppdraget",
                "Familjehemmet åtar sig att ta emot barn och unga som socialnämnden placerar \
                 och att ge dem omsorg, trygghet och stöd i skolgång och fritid. \
                 Familjehemmet tar emot handledning och deltar i den utbildning som \
                 familjehemsenheten erbjuder."
                    .to_owned(),
            ),
            (
                "Ersättning",
                "Arvode och omkostnadsersättning betalas månadsvis enligt Sveriges Kommuner \
                 och Regioners riktlinjer, för varje placering enligt dess beslut."
                    .to_owned(),
            ),
            (
                "Tystnadsplikt",
                "Familjehemmet har tystnadsplikt om det som gäller det placerade barnet och \
                 dess familj. Tystnadsplikten gäller även sedan uppdraget har upphört."
                    .to_owned(),
            ),
            (
                "Underskrifter",
                "Avtalet har upprättats i två likalydande exemplar, av vilka parterna har \
                 tagit var sitt."
                    .to_owned(),
            ),
        ],
    }
}

fn reference(home: &str) -> Content {
    Content::Note(format!(
        "Referensutlåtande om {home}\n\n\
         Jag har känt familjen i drygt tio år, först som granne och sedan som vän. \
         De är lugna och pålitliga vuxna som har tid för barn och som gärna tar in \
         andras barn i vardagen: läxor, middagar och fotbollsträningar.\n\n\
         Jag har aldrig sett något som skulle tala emot att de tar emot ett barn. \
         Jag kan kontaktas för fler frågor.\n"
    ))
}

pub(super) const HOME_DOCS: &[HomeDoc] = &[
    HomeDoc {
        home: "Familjen Lindqvist",
        title: "Uppdragsavtal",
        direction: Direction::DrawnUp,
        doc_type: "avtal",
        date: "2023-08-25",
        counterpart: "Familjen Lindqvist",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: Some("2023-08-28"),
        content: agreement,
    },
    HomeDoc {
        home: "Familjen Lindqvist",
        title: "Referensutlåtande",
        direction: Direction::Incoming,
        doc_type: "referens",
        date: "2023-03-14",
        counterpart: "Birgitta Holm, referensperson",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: None,
        content: reference,
    },
    HomeDoc {
        home: "Familjen Lindqvist",
        title: "Läkarintyg",
        direction: Direction::Incoming,
        doc_type: "intyg",
        date: "2023-03-02",
        counterpart: "Vårdcentralen Mölndal",
        concerns: Concerns::FirstAdult,
        context: Context::File,
        sent: None,
        content: |_| Content::Scan(1),
    },
    HomeDoc {
        home: "Familjen Åberg",
        title: "Uppdragsavtal",
        direction: Direction::DrawnUp,
        doc_type: "avtal",
        date: "2024-04-05",
        counterpart: "Familjen Åberg",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: None,
        content: agreement,
    },
    HomeDoc {
        home: "Familjen Åberg",
        title: "Referensutlåtande",
        direction: Direction::Incoming,
        doc_type: "referens",
        date: "2024-02-20",
        counterpart: "Lars Dahl, referensperson",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: None,
        content: reference,
    },
    HomeDoc {
        home: "Familjen Öberg",
        title: "Läkarintyg",
        direction: Direction::Incoming,
        doc_type: "intyg",
        date: "2026-10-02",
        counterpart: "Vårdcentralen Borås",
        concerns: Concerns::FirstAdult,
        context: Context::Investigation,
        sent: None,
        content: |_| Content::Scan(2),
    },
    HomeDoc {
        home: "Familjen Öberg",
        title: "Referensutlåtande",
        direction: Direction::Incoming,
        doc_type: "referens",
        date: "2026-10-09",
        counterpart: "Sofia Berg, referensperson",
        concerns: Concerns::Adults,
        context: Context::Investigation,
        sent: None,
        content: reference,
    },
    HomeDoc {
        home: "Familjen Karlsson",
        title: "Uppsägning av uppdraget",
        direction: Direction::Incoming,
        doc_type: "brev",
        date: "2025-04-28",
        counterpart: "Familjen Karlsson",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: None,
        content: |_| {
            Content::Note(
                "Hej!\n\nVi flyttar till Umeå i juni och säger därför upp vårt uppdrag som \
                 familjehem från och med den 31 maj. Tack för fyra fina år och för allt stöd \
                 från er på familjehemsenheten.\n\nVänliga hälsningar\nFamiljen Karlsson\n"
                    .into(),
            )
        },
    },
    HomeDoc {
        home: "Emma Nyström",
        title: "Intresseanmälan",
        direction: Direction::Incoming,
        doc_type: "blankett",
        date: "2026-10-01",
        counterpart: "Emma Nyström",
        concerns: Concerns::Adults,
        context: Context::File,
        sent: None,
        content: |_| {
            Content::Note(
                "Intresseanmälan: kontaktfamilj\n\nJag bor i en trea i Lerum och arbetar som \
                 förskollärare. Jag kan ta emot ett barn en helg i månaden och ibland en \
                 vardagskväll.\n"
                    .into(),
            )
        },
    },
    HomeDoc {
        home: "Familjen Hassan",
        title: "Meddelande om uppehåll",
        direction: Direction::Incoming,
        doc_type: "brev",
        date: "2026-01-19",
        counterpart: "Fatima Hassan",
        concerns: Concerns::FirstAdult,
        context: Context::File,
        sent: None,
        content: |_| {
            Content::Note(
                "Hej!\n\nJag är föräldraledig från februari och kan inte ta emot \
                 jourplaceringar under ledigheten. Jag hör av mig när jag kan börja igen.\n\n\
                 Hälsningar\nFatima\n"
                    .into(),
            )
        },
    },
    HomeDoc {
        home: "Familjen Hassan",
        title: "Läkarintyg",
        direction: Direction::Incoming,
        doc_type: "intyg",
        date: "2022-09-12",
        counterpart: "Vårdcentralen Lövgärdet",
        concerns: Concerns::FirstAdult,
        context: Context::File,
        sent: None,
        content: |_| Content::Scan(3),
    },
];
