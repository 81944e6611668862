//! The demo data's written familjehemsutredningar. Familjen Öberg, under investigation
//! with Kälvesten's method, has a draft: the man's interview written up, the household
//! described, his wife's sections still empty (her interview is ahead). Familjen Åberg,
//! an approved jourhem, gets the PRIDE investigation of 2024 behind its approval (every
//! part done, decided), its written report signed as version 1 and recorded as sent to
//! the municipality, and a signed version 2 that corrects the wife's working hours.
//! The people are the demo's own, all fictional. Running it again adds nothing to an
//! investigation that has a report.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::investigation::{
    self, Decision, DecisionInput, DetailsInput, ItemInput, ItemKind, Method, Register,
};
use crate::investigation_report::{
    self as written, InvestigationReport, Recommendation, ReportSave, SectionText,
};
use crate::store::Store;
use crate::user::Actor;

/// A section to write: its key, whose (by given name; `None` for the household's) and
/// the text.
type Text = (&'static str, Option<&'static str>, &'static str);

const OBERG: &[Text] = &[
    ("assignment", None, "Mikael och Sara har ansökt om att bli familjehem för ett barn i skolåldern, i första hand för en längre placering."),
    ("home", None, "Mikael och Sara bor ensamma i hemmet. Inga andra vuxna bor där eller är där regelbundet."),
    ("conduct", None, "Familjen hörde själv av sig efter en informationskväll om familjehem. Första hembesöket gjordes samma dag som utredningen startade, och då gick vi igenom hur utredningen går till och vad den kräver av dem. Mikael har intervjuats enligt Kälvestens intervjuguide. Intervjun med Sara väntar tills hon har gått över från nattarbete till dagtid."),
    ("childhood", Some("Mikael"), "Mikael växte upp i Ulricehamn med mamma, pappa och en yngre bror. Pappan hade en bilverkstad och arbetade långa dagar; mamman var undersköterska på ett äldreboende. Mikael beskriver hemmet som tryggt men sparsamt med ord: man klarade sig själv i stället för att be om hjälp. Föräldrarna skilde sig när han var tolv, och efter det bodde bröderna varannan vecka hos dem. Han säger att skilsmässan var det svåraste under uppväxten och att han i efterhand saknar att någon vuxen frågade hur han mådde. I skolan hade han lätt för praktiska ämnen, och han spelade ishockey fram till gymnasiet."),
    ("adult_life", Some("Mikael"), "Mikael gick elprogrammet och har arbetat på samma elfirma sedan dess, de senaste åren som arbetsledare. Han träffade Sara genom gemensamma vänner. Paret försökte i flera år få barn och gick igenom tre IVF-behandlingar som inte ledde till graviditet. Mikael berättar att de åren var tunga och att de fick hjälp av en kurator för att orka prata med varandra om det. I dag kan han prata om sorgen utan att den tar över, säger han, och tanken på att bli familjehem kom först när de hade lagt försöken bakom sig."),
    ("relationship", None, "Mikael och Sara är gifta och har levt tillsammans i många år. De delar på sysslorna hemma och bestämmer stora saker tillsammans. Vid hembesöket berättade de om när de skulle köpa huset: Sara ville bo kvar i stan och Mikael ville ha en trädgård, och det tog ett halvår innan de var överens. Sara säger att Mikael behöver tänka innan han svarar och att hon själv vill reda ut saker direkt. De har lärt sig att vänta till kvällen med det som är svårt."),
    ("own_children", None, "Paret har inga egna barn. Mikaels brorsöner, som går i lågstadiet, sover över hos dem ungefär en helg i månaden och har ett eget hörn med leksaker i vardagsrummet."),
    ("work_finances", None, "Mikael arbetar heltid, vardagar mellan sju och fyra. Sara är sjuksköterska och har under hösten arbetat natt; från januari går hon ner till 80 procent på dagtid för att kunna vara hemma på eftermiddagarna. Familjen har inga skulder utöver bolånet."),
    ("housing", None, "Familjen bor i ett radhus med en liten trädgård. Grundskolan ligger tio minuters promenad bort och fotbollsplanen ännu närmare. Ett placerat barn får rummet på övervåningen, som i dag är kontor och ska göras om till sovrum före en placering. Det finns brandvarnare på båda våningarna. Vid hembesöket låg läkemedel i ett olåst badrumsskåp; familjen har sedan köpt ett låsbart skåp."),
    ("motivation", None, "Mikael och Sara vill ta emot ett barn i skolåldern för en längre placering. Mikael säger att han vill vara den vuxne som frågar hur barnet mår, det han själv saknade efter skilsmässan. Sara har träffat placerade barn i sitt arbete och vet att det kan dröja innan ett barn litar på nya vuxna. Båda säger att barnet ska ha kontakt med sina föräldrar. Att barnet kanske flyttar hem igen har de inte tänkt så mycket på; det tar vi upp i nästa samtal."),
];

const ABERG: &[Text] = &[
    ("assignment", None, "Maria och Per-Olof har ansökt om att bli jourhem. Utredningen gäller jouruppdrag för barn som behöver placeras akut, ett barn i taget."),
    ("home", None, "I hemmet bor Maria, Per-Olof och deras dotter Saga. Per-Olofs vuxna son från ett tidigare äktenskap bor i Göteborg och hälsar på ungefär en helg i månaden."),
    ("conduct", None, "Familjen ansökte om att bli jourhem och utreddes enligt PRIDE. Maria och Per-Olof gick utbildningens grupptillfällen under vintern. Vi gjorde två hembesök, det andra med hela familjen hemma, intervjuade Maria och Per-Olof var för sig och hade ett eget samtal med Saga. Två referenser har lämnat uppgifter per telefon. BRA-Fam gjordes vid det andra hembesöket."),
    ("background", Some("Maria"), "Maria växte upp i Stenungsund och är äldst av tre syskon. Hennes mamma var deprimerad i perioder, och Maria tog tidigt hand om sina yngre bröder. Hon säger att det har gjort henne bra på att märka när ett barn inte mår bra, men att hon har fått lära sig att inte ta på sig allt själv. Hon utbildade sig till förskollärare och har arbetat i förskolan sedan dess. Kontakten med bröderna är nära."),
    ("background", Some("Per-Olof"), "Per-Olof växte upp på Orust, där föräldrarna hade ett litet jordbruk, och har två äldre systrar. Han beskriver en uppväxt med mycket frihet och mycket arbete, där man inte pratade om känslor men visste att föräldrarna fanns där. Han har varit gift tidigare och har en vuxen son från det äktenskapet; de ses ofta. Per-Olof är lokförare och har kört tåg i över tjugo år."),
    ("relationship", None, "Maria och Per-Olof har levt tillsammans i många år. Sysslorna hemma är tydligt fördelade: Per-Olof lagar maten och Maria håller i kontakterna med skolan. När de är oense tar de en promenad och pratar färdigt ute. Det svåraste de har gått igenom tillsammans var när Marias mamma dog; då lärde de sig att be vänner om hjälp, säger de."),
    ("own_children", None, "Saga var med när familjen bestämde sig för att bli jourhem. I samtalet med henne sa hon att det viktigaste är att hon får ha kvar sitt rum och att hon inte vill vara barnvakt. Föräldrarna har lovat att hon inte ska ta ansvar för de barn som bor hos dem. Saga spelar handboll flera kvällar i veckan och har sina närmaste kompisar i området."),
    ("health", Some("Maria"), "Maria har inga sjukdomar som påverkar uppdraget. Hon har haft besvär med ryggen och tränar regelbundet hos en fysioterapeut."),
    ("health", Some("Per-Olof"), "Per-Olof har högt blodtryck som behandlas med medicin och följs upp på vårdcentralen en gång om året. Han röker inte och dricker lite alkohol, vilket stämmer med det som kom fram i BRA-Fam."),
    ("work_finances", None, ABERG_WORK_V1),
    ("housing", None, "Familjen bor i en villa i ett lugnt område nära havet, med förskola och skola i närheten. Jourrummet ligger på bottenvåningen intill föräldrarnas sovrum och har en säng och en spjälsäng som kan ställas in. Trädgården är inhägnad. Det finns inga vapen i hemmet; Per-Olofs jaktgevär såldes innan utredningen började."),
    ("network", None, "Marias bröder bor i närheten, och grannarna hjälper till med hämtning när det behövs. Referenserna, Marias tidigare chef och en granne som har känt familjen i tolv år, beskriver dem som lugna och pålitliga och vana vid barn. Ingen av referenserna har varit med om något som väckt oro."),
    ("motivation", None, "Familjen vill vara jourhem för att barn som måste lämna sitt hem akut ska komma till en lugn vardag. Maria ser uppdraget som en fortsättning på arbetet i förskolan. Per-Olof säger att han tycker om att varje placering har ett slut, och att han vill lämna över barnet väl förberett till nästa hem, eller hem igen."),
    ("protect", None, "Familjen har fasta tider för mat, sömn och läxor. De beskriver hur de skulle ta emot ett barn som kommer sent på kvällen: lugnt, med något att äta och en vuxen som sover nära. Vi har gått igenom hur de gör om ett barn rymmer eller skadar sig."),
    ("development", None, "Maria har lång erfarenhet av barn som ligger efter i språk och motorik och av att samarbeta med förskolans specialpedagog. Per-Olof säger att han behöver stöd för att förstå barn som reagerar med ilska, och vill gå fördjupningsutbildningen om barn med trauma."),
    ("birth_family", None, "Båda säger att barnets föräldrar ska känna sig välkomna att ringa, och att umgänge kan ske hemma hos dem om socialtjänsten bedömer det lämpligt. Maria har i sitt arbete mött föräldrar i kris och beskriver hur hon pratar med dem utan att ta ställning."),
    ("lasting", None, "Som jourhem har familjen korta placeringar. De förbereder ett barn på en flytt genom att prata om den i god tid och göra en bok med bilder från tiden hos dem. De vill gärna hålla kontakt med barn som flyttat, om barnet och det nya hemmet vill det."),
    ("team", None, "Familjen vet att socialtjänsten fattar besluten om barnet och att familjehemsenheten ska hållas informerad. De tar emot synpunkter: när vi påpekade att läkemedlen låg olåsta ordnade de ett låst skåp samma vecka."),
    ("register_checks", None, "Registerkontrollerna visade inget som påverkar bedömningen."),
    ("bra_fam", None, "BRA-Fam gjordes med båda vuxna och gav inte anledning till någon fördjupning."),
    ("assessment", None, "Familjehemsenheten bedömer att familjen har goda förutsättningar att vara jourhem. De har lång erfarenhet av barn, ett stabilt hem med tydliga rutiner och lätt för att samarbeta. Det som behöver följas upp är Per-Olofs behov av stöd kring barn som reagerar med ilska, och att Sagas behov av ett eget utrymme respekteras."),
    ("recommendation", None, "Familjen rekommenderas som jourhem för ett barn i taget i åldern 0–12 år, för placeringar upp till sex månader. Hemmet passar barn som behöver en lugn vardag med fasta rutiner och vuxna som är hemma mycket."),
    ("conditions", None, "Familjen går fördjupningsutbildningen om barn med trauma under det första året. Handledning en gång i månaden och avlastning vid behov. Jourberedskapen gäller vardagar."),
];

const ABERG_WORK_V1: &str = "Maria arbetar heltid som förskollärare i Kungälv. Per-Olof kör tåg enligt ett schema där han är ledig fem dagar av fjorton, så en av dem kan nästan alltid vara hemma de första dagarna efter en placering. Familjen har inga skulder utöver bolånet och har en ekonomi med god marginal.";

const ABERG_WORK_V2: &str = "Maria arbetar 80 procent som förskollärare i Kungälv och är ledig på fredagar. Per-Olof kör tåg enligt ett schema där han är ledig fem dagar av fjorton, så en av dem kan nästan alltid vara hemma de första dagarna efter en placering. Familjen har inga skulder utöver bolånet och har en ekonomi med god marginal.\n\nRättat i version 2: i version 1 stod att Maria arbetar heltid.";

const CO_INVESTIGATOR: &str = "Jonas Lindgren";

/// Adds what is missing; returns how many report versions were added. A home with a
/// restricted member gets none.
pub(crate) async fn add(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let mut added = 0;
    for result in [
        oberg(store, author, today).await,
        aberg(store, author, today).await,
    ] {
        match result {
            Ok(n) => added += n,
            Err(Error::PersonRestricted) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(added)
}

async fn home_id(store: &Store, name: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM foster_homes WHERE name = ?")
            .bind(name)
            .fetch_optional(store.pool())
            .await?,
    )
}

/// The current member of `home` with given name `given`.
async fn member(store: &Store, home: i64, given: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT m.person_id FROM foster_home_members m JOIN persons p ON p.id = m.person_id
         WHERE m.home_id = ? AND p.given_name = ? AND m.left_on IS NULL",
    )
    .bind(home)
    .bind(given)
    .fetch_optional(store.pool())
    .await?)
}

/// The sections of `texts` that `r` has, with their text.
async fn sections(
    store: &Store,
    home: i64,
    r: &InvestigationReport,
    texts: &[Text],
) -> Result<Vec<SectionText>> {
    let mut out = Vec::new();
    for (key, whose, body) in texts {
        let person = match whose {
            Some(given) => match member(store, home, given).await? {
                Some(id) => Some(id),
                None => continue,
            },
            None => None,
        };
        if let Some(s) = r
            .sections
            .iter()
            .find(|s| s.key == *key && s.person_id == person)
        {
            out.push(SectionText {
                id: s.id,
                body: (*body).into(),
            });
        }
    }
    Ok(out)
}

/// Familjen Öberg's draft.
async fn oberg(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let Some(home) = home_id(store, "Familjen Öberg").await? else {
        return Ok(0);
    };
    let Some(inv) = investigation::for_home(store, home, today, 3).await?.pop() else {
        return Ok(0);
    };
    if !written::for_investigation(store, author, inv.id)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let r = written::draft(store, author, inv.id, today).await?;
    let input = ReportSave {
        sections: sections(store, home, &r, OBERG).await?,
        co_investigator: Some(CO_INVESTIGATOR.into()),
        recommendation: None,
    };
    written::save(store, author, r.id, &input, today).await?;
    Ok(1)
}

fn day(s: &str, today: NaiveDate) -> NaiveDate {
    s.parse::<NaiveDate>().unwrap_or(today).min(today)
}

/// Familjen Åberg's investigation of 2024, every part done and approved; its id.
async fn aberg_investigation(
    store: &Store,
    author: &Actor,
    home: i64,
    today: NaiveDate,
) -> Result<Option<i64>> {
    if let Some(inv) = investigation::for_home(store, home, today, 3).await?.pop() {
        return Ok(Some(inv.id));
    }
    let (Some(maria), Some(pelle), Some(saga)) = (
        member(store, home, "Maria").await?,
        member(store, home, "Per-Olof").await?,
        member(store, home, "Saga").await?,
    ) else {
        return Ok(None);
    };
    let started = day("2024-01-15", today);
    let inv = investigation::start(store, author, home, Method::Pride, started, today).await?;
    let item = |kind, person_id, register, on: &str, note: Option<&str>| ItemInput {
        kind,
        person_id,
        register,
        done_on: day(on, today),
        note: note.map(Into::into),
    };
    let mut items = vec![
        item(ItemKind::HomeVisit, None, None, "2024-01-25", None),
        item(
            ItemKind::InterviewAdult,
            Some(maria),
            None,
            "2024-02-01",
            None,
        ),
        item(
            ItemKind::InterviewAdult,
            Some(pelle),
            None,
            "2024-02-08",
            None,
        ),
        item(ItemKind::HomeVisit, None, None, "2024-02-22", None),
        item(
            ItemKind::InterviewChild,
            Some(saga),
            None,
            "2024-02-22",
            None,
        ),
        item(
            ItemKind::Reference,
            None,
            None,
            "2024-03-04",
            Some("Förskolechef, Marias chef i åtta år"),
        ),
        item(
            ItemKind::Reference,
            None,
            None,
            "2024-03-06",
            Some("Granne, har känt familjen i tolv år"),
        ),
    ];
    for adult in [maria, pelle] {
        for register in Register::ALL {
            items.push(item(
                ItemKind::RegisterExtract,
                Some(adult),
                Some(register),
                "2024-01-22",
                None,
            ));
        }
    }
    for i in &items {
        investigation::add_item(store, author, inv.id, i, today, 3).await?;
    }
    let details = DetailsInput {
        bra_fam_on: Some(day("2024-02-22", today)),
        health_declaration_on: Some(day("2024-02-15", today)),
        summary_assessment: Some(
            "Familjen bedöms lämplig som jourhem för ett barn i taget, 0–12 år.".into(),
        ),
    };
    investigation::update_details(store, author, inv.id, &details, today, 3).await?;
    let decision = DecisionInput {
        decision: Decision::Approved,
        decision_on: day("2024-04-02", today),
        missing_items_reason: None,
    };
    investigation::decide(store, author, inv.id, &decision, today, 3).await?;
    Ok(Some(inv.id))
}

/// Familjen Åberg's report: version 1 signed and sent, version 2 signed.
async fn aberg(store: &Store, author: &Actor, today: NaiveDate) -> Result<u32> {
    let Some(home) = home_id(store, "Familjen Åberg").await? else {
        return Ok(0);
    };
    let Some(inv) = aberg_investigation(store, author, home, today).await? else {
        return Ok(0);
    };
    if !written::for_investigation(store, author, inv)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let r = written::draft(store, author, inv, today).await?;
    let input = ReportSave {
        sections: sections(store, home, &r, ABERG).await?,
        co_investigator: Some(CO_INVESTIGATOR.into()),
        recommendation: Some(Recommendation::Recommended),
    };
    written::save(store, author, r.id, &input, today).await?;
    written::sign(store, author, r.id, None, today).await?;
    // Sent to the municipality the home belongs to; without a font for the PDF, not.
    let kommun: Option<i64> =
        sqlx::query_scalar("SELECT municipality_id FROM foster_homes WHERE id = ?")
            .bind(home)
            .fetch_one(store.pool())
            .await?;
    if let Some(kommun) = kommun {
        if written::pdf(store, author, r.id, today).await.is_ok() {
            written::mark_sent(store, author, r.id, today, kommun, today).await?;
        }
    }
    let next = written::draft(store, author, inv, today).await?;
    let correction = ReportSave {
        sections: sections(
            store,
            home,
            &next,
            &[("work_finances", None, ABERG_WORK_V2)],
        )
        .await?,
        co_investigator: next.co_investigator.clone(),
        recommendation: next.recommendation,
    };
    written::save(store, author, next.id, &correction, today).await?;
    written::sign(store, author, next.id, None, today).await?;
    Ok(2)
}
