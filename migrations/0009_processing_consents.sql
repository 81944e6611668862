-- The register of processing activities (GDPR Art. 30) as data, seeded with the
-- purposes of the agency's privacy policy; each person's data linked to the
-- processings it serves; consents with given and withdrawn dates.

CREATE TABLE processing_activities (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    purpose          TEXT NOT NULL,
    legal_basis      TEXT NOT NULL
                     CHECK (legal_basis IN ('avtal', 'rattslig_forpliktelse', 'berattigat_intresse', 'samtycke')),
    data_categories  TEXT NOT NULL,
    recipients       TEXT NOT NULL,
    retention        TEXT NOT NULL
);

INSERT INTO processing_activities (code, purpose, legal_basis, data_categories, recipients, retention) VALUES
    ('kundservice',
     'Kundservice: ta emot och hantera förfrågningar och fullgöra beställningar av tjänster, t.ex. fakturering och avtalsskrivning.',
     'avtal',
     'Namn, befattning, organisation, telefonnummer, e-postadress.',
     'Kommuner och företag som är kunder.',
     'Så länge kundrelationen består; bokföringsunderlag enligt bokföringslagen.'),
    ('administration',
     'Administration: upprätthålla kontakten, protokoll och minnesanteckningar, orosanmälningar när ett barn kan fara illa, verksamhetsuppföljning.',
     'berattigat_intresse',
     'Namn, kontaktuppgifter, uppgifter i anteckningar och orosanmälningar.',
     'Socialtjänsten i barnets kommun (orosanmälan).',
     'Ärenden som rör barn och familjehem gallras två år efter att de avslutats.'),
    ('vardverksamhet',
     'Vårdverksamhet: utreda och godkänna familjehem, föra familjehemsbanken, placeringar, journaler och stöd till familjehem.',
     'avtal',
     'Namn, person- och samordningsnummer, kontaktuppgifter, familjeförhållanden, registerutdrag, journalanteckningar.',
     'Placerande kommuner; IVO vid tillsyn.',
     'Ärenden som rör barn och familjehem gallras två år efter att de avslutats.'),
    ('vardverksamhet_samtycke',
     'Vårdverksamhet med samtycke: hälsodeklaration och uppgifter från referenspersoner i familjehemsutredningen.',
     'samtycke',
     'Hälsouppgifter, uppgifter från referenser.',
     'Placerande kommun.',
     'Behandlingen upphör när samtycket återkallas; ärendet gallras två år efter att det avslutats.'),
    ('bokforing',
     'Rättslig förpliktelse: bokföring och uppgifter till Skatteverket.',
     'rattslig_forpliktelse',
     'Fakturor, avtal, lönespecifikationer.',
     'Skatteverket, revisor.',
     'Till och med sjunde året efter räkenskapsårets slut (bokföringslagen).');

CREATE TABLE person_processings (
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    activity_id  INTEGER NOT NULL REFERENCES processing_activities (id),
    PRIMARY KEY (person_id, activity_id)
);

CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons (id),
    activity_id   INTEGER NOT NULL REFERENCES processing_activities (id),
    given_on      TEXT NOT NULL,
    evidence      TEXT NOT NULL CHECK (length(evidence) > 0),
    withdrawn_on  TEXT,
    created_at    TEXT NOT NULL,
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);

CREATE INDEX consents_by_person ON consents (person_id);
