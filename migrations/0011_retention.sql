-- Retention on the device: the rules (per data category: an anchor event and a period),
-- legal holds that stop a purge, and receipts of every run (no personal data: rule ids,
-- categories, counts and a hash per purged file).

CREATE TABLE retention_rules (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    category       TEXT NOT NULL,
    anchor         TEXT NOT NULL
                   CHECK (anchor IN ('home_closed', 'child_file_closed', 'financial_year_end',
                                     'created', 'on_request')),
    period_months  INTEGER NOT NULL DEFAULT 0 CHECK (period_months BETWEEN 0 AND 1200),
    period_days    INTEGER NOT NULL DEFAULT 0 CHECK (period_days BETWEEN 0 AND 36500),
    description    TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     INTEGER REFERENCES users (id)
);

INSERT INTO retention_rules (code, category, anchor, period_months, period_days, description, updated_at) VALUES
    ('home_files', 'Familjehemmens akter', 'home_closed', 24, 0,
     'Familjehemmets akt gallras två år efter att familjehemmet avslutats.', '2026-11-23T00:00:00Z'),
    ('child_files', 'Placerade barns akter', 'child_file_closed', 24, 0,
     'Barnets akt gallras två år efter att den sista placeringen avslutats (eller den sista anteckningen, om den är senare).', '2026-11-23T00:00:00Z'),
    ('bookkeeping', 'Bokföringsunderlag (fakturor, avtal)', 'financial_year_end', 84, 0,
     'Till och med sjunde året efter räkenskapsårets slut (bokföringslagen).', '2026-11-23T00:00:00Z'),
    ('technical_logs', 'Tekniska loggar', 'created', 0, 30,
     'Tekniska loggar sparas högst 30 dagar.', '2026-11-23T00:00:00Z'),
    ('backups', 'Säkerhetskopior', 'created', 2, 0,
     'Säkerhetskopior sparas högst två månader.', '2026-11-23T00:00:00Z'),
    ('contact_metadata', 'Metadata om kontaktmeddelanden (IP-adress, webbläsarversion)', 'created', 0, 30,
     'Metadata om kontaktmeddelanden sparas en kort tid.', '2026-11-23T00:00:00Z'),
    ('interest_notices', 'Intresseanmälningar', 'on_request', 0, 0,
     'Intresseanmälningar raderas helt när personen begär det.', '2026-11-23T00:00:00Z');

-- A legal hold keeps what it covers (a person's or a home's files) from being purged.
CREATE TABLE legal_holds (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('complaint', 'ivo', 'manual')),
    person_id   INTEGER REFERENCES persons (id),
    home_id     INTEGER REFERENCES foster_homes (id),
    reason      TEXT NOT NULL CHECK (length(reason) > 0),
    until       TEXT,
    lifted_on   TEXT,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (home_id IS NULL))
);

CREATE INDEX legal_holds_by_person ON legal_holds (person_id);
CREATE INDEX legal_holds_by_home ON legal_holds (home_id);

-- One row per run: what went, by rule and category, and a hash per purged file.
CREATE TABLE retention_receipts (
    id          INTEGER PRIMARY KEY,
    run_at      TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    file_hashes TEXT NOT NULL
);
