//! Templates: a method's ordered sections. The built-in default of each method is
//! defined here, once; an agency that changes a template stores its own sections
//! (`report_template_sections`), and resetting deletes them. A report copies the
//! template's sections when it is drafted, so that changing a template never changes a
//! report already drafted or signed.

use chrono::Utc;
use sqlx::SqliteConnection;

use super::{FactsKind, Template, TemplateSection};
use super::{MAX_GUIDANCE_CHARS, MAX_HEADING_CHARS, MAX_SECTIONS};
use crate::access::Permission;
use crate::audit::{self, AuditAction, EntityKind};
use crate::error::{Reason, Result};
use crate::investigation::Method;
use crate::store::Store;
use crate::user::Actor;
use crate::validate::{self, Problems};

/// The key of the section that holds the recommendation: every template has it, and a
/// report is signed only with it written.
pub const RECOMMENDATION_KEY: &str = "recommendation";
/// The key of the caseworker's assessment: written before signing, where a template
/// has it.
pub const ASSESSMENT_KEY: &str = "assessment";

type Def = (
    &'static str,
    &'static str,
    &'static str,
    Option<FactsKind>,
    bool,
);

const START: &[Def] = &[
    ("assignment", "Uppdrag och metod", "Vem som ansökt, om vilken sorts uppdrag (familjehem, jourhem, nätverkshem), vilken metod som använts och vilka som utrett.", Some(FactsKind::Assignment), false),
    ("conduct", "Utredningens genomförande", "Hembesök, intervjuer och samtal: när, var och med vem. Komplettera om något gjorts på annat sätt än vanligt.", Some(FactsKind::Visits), false),
    ("home", "Familjehemmet och dess medlemmar", "Vilka som bor i hemmet, och vilka som ofta finns där (vuxna barn, andra vuxna).", Some(FactsKind::Members), false),
];

const KALVESTEN_PERSONAL: &[Def] = &[
    ("childhood", "Uppväxt och barndom", "Utifrån Kälvestenintervjun: familjen under uppväxten, relationen till föräldrar och syskon, hur svårigheter och känslor hanterades, skolan och kamrater.", None, true),
    ("adult_life", "Vuxenliv och nuvarande livssituation", "Utbildning, arbete, tidigare relationer, viktiga händelser i vuxenlivet och hur de har bearbetats.", None, true),
];

const GENERAL_PERSONAL: &[Def] = &[
    ("background", "Bakgrund och uppväxt", "Uppväxten, relationen till föräldrar och syskon, skolgång, viktiga händelser och hur de har bearbetats.", None, true),
];

const HOUSEHOLD: &[Def] = &[
    ("relationship", "Parrelationen", "Hur länge paret levt tillsammans, hur de kommunicerar, löser konflikter och stöttar varandra. Skriv om den som söker ensam hur livet som ensamstående ser ut.", None, false),
    ("own_children", "Hemmets egna barn", "Barnens ålder och situation, hur de ser på att ett placerat barn flyttar in, och vad barnen själva har sagt.", None, false),
    ("health", "Hälsa", "Fysisk och psykisk hälsa, missbruk, sjukdomar som kan påverka uppdraget. Utgå från hälsodeklarationen och samtalen.", None, true),
    ("work_finances", "Arbete och ekonomi", "Arbete och arbetstider, möjlighet att vara hemma, ekonomin och skulder.", None, false),
    ("housing", "Bostad och närmiljö", "Bostaden, barnets eget rum, säkerheten i hemmet, skola, förskola och fritid i närheten.", None, false),
    ("network", "Nätverk och referenser", "Familjehemmets nätverk och vad referenserna har sagt. Referenspersonerna nämns med sin relation till familjen.", Some(FactsKind::References), false),
    ("motivation", "Motivation och förväntningar", "Varför familjen vill bli familjehem, vilka förväntningar de har på barnet, på uppdraget och på stödet.", None, false),
];

const GENERAL_CAPACITY: &[Def] = &[
    ("parenting", "Föräldraförmåga och samarbete", "Förmågan att ge omsorg, trygghet och gränser, att förstå ett barn med svåra erfarenheter, och att samarbeta med familjehemsenheten, socialtjänsten och barnets föräldrar och nätverk.", None, false),
];

const PRIDE_CAPACITY: &[Def] = &[
    (
        "protect",
        "Skydda och ge omvårdnad",
        "Förmågan att ge barnet trygghet, skydd och omsorg i vardagen.",
        None,
        false,
    ),
    (
        "development",
        "Tillgodose barnets utvecklingsbehov",
        "Förmågan att se och möta barnets behov, också när barnet ligger efter i sin utveckling.",
        None,
        false,
    ),
    (
        "birth_family",
        "Stödja barnets relationer till sin familj",
        "Inställningen till barnets föräldrar och syskon och förmågan att stödja umgänget.",
        None,
        false,
    ),
    (
        "lasting",
        "Ge barnet trygga och varaktiga relationer",
        "Förmågan att ge barnet relationer som håller, också efter placeringen.",
        None,
        false,
    ),
    (
        "team",
        "Arbeta i team",
        "Förmågan att samarbeta med familjehemsenheten, socialtjänsten och andra runt barnet.",
        None,
        false,
    ),
];

const END: &[Def] = &[
    ("register_checks", "Registerkontroller", "Vilka register som kontrollerats och när framgår ovan. Skriv utfallet med egna ord – aldrig utdragets innehåll.", Some(FactsKind::RegisterChecks), false),
    ("bra_fam", "BRA-Fam och hälsodeklaration", "Vad BRA-Fam-intervjun visade och hur det har följts upp.", Some(FactsKind::BraFam), false),
    (ASSESSMENT_KEY, "Sammanfattande bedömning", "Familjehemsenhetens bedömning av hemmets förmågor och begränsningar, med stöd i det som redovisats ovan.", Some(FactsKind::Checklist), false),
    (RECOMMENDATION_KEY, "Rekommendation", "Vilka barn hemmet passar för: antal, ålder, behov; eller varför hemmet inte rekommenderas. Socialnämnden i den placerande kommunen utreder och beslutar själv.", None, false),
    ("conditions", "Villkor och förutsättningar", "Förutsättningar för uppdraget: utbildning, stöd, handledning, avlastning, förändringar i bostaden.", None, false),
];

fn section(d: &Def) -> TemplateSection {
    TemplateSection {
        key: d.0.into(),
        heading: d.1.into(),
        guidance: d.2.into(),
        facts: d.3,
        per_adult: d.4,
    }
}

/// The built-in template of `method`.
pub fn default_template(method: Method) -> Template {
    let parts: [&[Def]; 5] = match method {
        Method::Kalvesten => [START, KALVESTEN_PERSONAL, HOUSEHOLD, GENERAL_CAPACITY, END],
        Method::Pride | Method::EttHemAttVaxaI => {
            [START, GENERAL_PERSONAL, HOUSEHOLD, PRIDE_CAPACITY, END]
        }
        Method::Annan => [START, GENERAL_PERSONAL, HOUSEHOLD, GENERAL_CAPACITY, END],
    };
    Template {
        method,
        sections: parts.iter().flat_map(|p| p.iter()).map(section).collect(),
        customised: false,
    }
}

struct Row {
    key: String,
    heading: String,
    guidance: String,
    facts: Option<FactsKind>,
    per_adult: bool,
}

/// The template of `method` as it applies now (the agency's own, or the default).
pub(crate) async fn current(conn: &mut SqliteConnection, method: Method) -> Result<Template> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT key, heading, guidance, facts AS "facts: FactsKind", per_adult AS "per_adult: bool"
           FROM report_template_sections WHERE method = ? ORDER BY position"#,
        method
    )
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(default_template(method));
    }
    Ok(Template {
        method,
        sections: rows
            .into_iter()
            .map(|r| TemplateSection {
                key: r.key,
                heading: r.heading,
                guidance: r.guidance,
                facts: r.facts,
                per_adult: r.per_adult,
            })
            .collect(),
        customised: true,
    })
}

/// The template of `method` (any profile may read it).
pub async fn template(store: &Store, method: Method) -> Result<Template> {
    let mut conn = store.pool().acquire().await?;
    current(&mut conn, method).await
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks a template's sections: 1 to [`MAX_SECTIONS`]; each key well-formed
/// (`key`: format) and unique (`key`: duplicate); each heading written (`heading`:
/// required, at most [`MAX_HEADING_CHARS`], one line); the guidance at most
/// [`MAX_GUIDANCE_CHARS`]; and a section keyed [`RECOMMENDATION_KEY`] (`sections`:
/// required), since the report ends in a recommendation.
pub fn check(sections: &[TemplateSection]) -> Result<Vec<TemplateSection>> {
    let mut p = Problems::new();
    if sections.is_empty() || sections.len() > MAX_SECTIONS {
        p.push(
            "sections",
            if sections.is_empty() {
                Reason::Required
            } else {
                Reason::TooLong
            },
        );
    }
    let mut out = Vec::with_capacity(sections.len());
    let mut keys: Vec<&str> = Vec::new();
    for s in sections {
        let key = s.key.trim();
        if !is_key(key) {
            p.push("key", Reason::Format);
        } else if keys.contains(&key) {
            p.push("key", Reason::Duplicate);
        }
        keys.push(key);
        let heading = p.check(validate::required_text(
            "heading",
            &s.heading,
            MAX_HEADING_CHARS,
        ));
        let guidance = p
            .check(validate::optional_multiline(
                "guidance",
                Some(&s.guidance),
                MAX_GUIDANCE_CHARS,
            ))
            .flatten();
        out.push(TemplateSection {
            key: key.into(),
            heading: heading.unwrap_or_default(),
            guidance: guidance.unwrap_or_default(),
            facts: s.facts,
            per_adult: s.per_adult,
        });
    }
    if !keys.contains(&RECOMMENDATION_KEY) {
        p.push("sections", Reason::Required);
    }
    p.finish()?;
    Ok(out)
}

/// Replaces the template of `method` with the agency's own sections (the profile must
/// manage settings). Reports already drafted keep the sections they were drafted with.
pub async fn set_template(
    store: &Store,
    actor: &Actor,
    method: Method,
    sections: &[TemplateSection],
) -> Result<Template> {
    actor.require(Permission::ManageSettings)?;
    let sections = check(sections)?;
    let mut tx = store.begin().await?;
    replace(&mut tx, actor, method, &sections).await?;
    let t = current(&mut tx, method).await?;
    tx.commit().await?;
    Ok(t)
}

/// Goes back to the built-in template of `method` (the profile must manage settings).
pub async fn reset_template(store: &Store, actor: &Actor, method: Method) -> Result<Template> {
    actor.require(Permission::ManageSettings)?;
    let mut tx = store.begin().await?;
    replace(&mut tx, actor, method, &[]).await?;
    tx.commit().await?;
    Ok(default_template(method))
}

/// Stores `sections` (checked) as the agency's own template of `method`, none: the
/// built-in one applies again; audited.
async fn replace(
    conn: &mut SqliteConnection,
    actor: &Actor,
    method: Method,
    sections: &[TemplateSection],
) -> Result<()> {
    sqlx::query!(
        "DELETE FROM report_template_sections WHERE method = ?",
        method
    )
    .execute(&mut *conn)
    .await?;
    let now = Utc::now();
    for (i, s) in sections.iter().enumerate() {
        let position = i as i64 + 1;
        sqlx::query!(
            "INSERT INTO report_template_sections (method, position, key, heading, guidance, facts, per_adult, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            method,
            position,
            s.key,
            s.heading,
            s.guidance,
            s.facts,
            s.per_adult,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    audit::record(
        conn,
        actor,
        AuditAction::Update,
        EntityKind::ReportTemplate,
        None,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_template_passes_its_own_check_and_ends_in_a_recommendation() {
        for m in [
            Method::Kalvesten,
            Method::Pride,
            Method::EttHemAttVaxaI,
            Method::Annan,
        ] {
            let t = default_template(m);
            assert_eq!(check(&t.sections).unwrap(), t.sections, "{m:?}");
            assert!(t.sections.iter().any(|s| s.key == ASSESSMENT_KEY));
            assert!(!t.customised);
        }
    }

    #[test]
    fn a_template_without_a_recommendation_or_with_a_bad_key_is_refused() {
        let mut t = default_template(Method::Annan).sections;
        t.retain(|s| s.key != RECOMMENDATION_KEY);
        assert!(check(&t).is_err());
        let mut t = default_template(Method::Annan).sections;
        t[0].key = "Uppdrag".into();
        assert!(check(&t).is_err());
        let mut t = default_template(Method::Annan).sections;
        t[1].key = t[0].key.clone();
        assert!(check(&t).is_err());
        let mut t = default_template(Method::Annan).sections;
        t[2].heading = "  ".into();
        assert!(check(&t).is_err());
    }
}
