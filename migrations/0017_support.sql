-- Support and supervision of active homes (issue 16): contacts with a home as journal
-- entries with structure, the agreed contact plans, training per home member, the
-- placement's agreement with the municipality, the monthly report to the placing
-- municipality, and the yearly egenkontroll of how a home perceives the support.

-- A contact is a journal entry of the home's file (kind 'note', its text the note) with
-- this row beside it: signing, amending, objecting, search, purge and erasure are the
-- journal's. Date: the entry's event_date; time: local wall-clock `HH:MM`, so that a
-- contact counts for the calendar month it happened in, whatever the time zone.
CREATE TABLE contacts (
    entry_id   INTEGER PRIMARY KEY REFERENCES journal_entries (id),
    kind       TEXT NOT NULL CHECK (kind IN ('hembesok', 'oanmalt_hembesok', 'telefon', 'video',
                   'handledning_enskild', 'handledning_grupp', 'mote_socialtjansten', 'ovrigt')),
    -- The placed child the contact concerns (NULL: the home as a whole).
    child_id   INTEGER REFERENCES persons (id),
    starts_at  TEXT NOT NULL CHECK (length(starts_at) = 5 AND starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    minutes    INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440)
);

CREATE INDEX contacts_by_child ON contacts (child_id) WHERE child_id IS NOT NULL;

-- Who took part: a person of the registry (a member of the home, the placed child) or
-- someone named only by role (never by another person's personnummer).
CREATE TABLE contact_participants (
    entry_id   INTEGER NOT NULL REFERENCES journal_entries (id),
    person_id  INTEGER REFERENCES persons (id),
    role       TEXT CHECK (role IS NULL OR role IN ('socialsekreterare', 'ursprungsfamilj',
                   'skola', 'halso_och_sjukvard', 'tolk', 'kollega', 'annan')),
    CHECK ((person_id IS NULL) <> (role IS NULL))
);

CREATE UNIQUE INDEX contact_participants_person ON contact_participants (entry_id, person_id)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX contact_participants_role ON contact_participants (entry_id, role)
    WHERE role IS NOT NULL;
CREATE INDEX contact_participants_by_person ON contact_participants (person_id)
    WHERE person_id IS NOT NULL;

-- The editable list of themes a contact can touch.
CREATE TABLE contact_themes (
    code      TEXT PRIMARY KEY,
    label     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

INSERT INTO contact_themes (code, label, position) VALUES
    ('barnets_behov', 'Barnets behov', 1),
    ('skola', 'Skola och förskola', 2),
    ('halsa', 'Hälsa', 3),
    ('umgange', 'Umgänge med ursprungsfamiljen', 4),
    ('fritid', 'Fritid och kamrater', 5),
    ('hemmets_situation', 'Familjehemmets egen situation', 6),
    ('konflikter', 'Konflikter', 7),
    ('ekonomi', 'Arvode och ersättningar', 8),
    ('stod', 'Stöd från familjehemsenheten', 9);

CREATE TABLE contact_entry_themes (
    entry_id  INTEGER NOT NULL REFERENCES journal_entries (id),
    -- A code of contact_themes, checked by the core (like documents.doc_type).
    theme     TEXT NOT NULL,
    PRIMARY KEY (entry_id, theme)
);

-- A signed contact is never changed, like its entry: its structure is locked with it
-- (the core refuses new participants and themes of a signed entry; no insert trigger,
-- so that a transfer can write signed contacts).
CREATE TRIGGER contacts_signed_are_immutable
BEFORE UPDATE ON contacts
WHEN (SELECT signed_at FROM journal_entries WHERE id = OLD.entry_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed contact cannot be changed');
END;

-- The agreed contact plan: per home (placement_id NULL) or per placement, lines such as
-- "one hembesök a month" (kind NULL: a contact of any kind counts).
CREATE TABLE contact_plans (
    id            INTEGER PRIMARY KEY,
    home_id       INTEGER NOT NULL REFERENCES foster_homes (id),
    placement_id  INTEGER REFERENCES placements (id),
    kind          TEXT CHECK (kind IS NULL OR kind IN ('hembesok', 'oanmalt_hembesok', 'telefon',
                      'video', 'handledning_enskild', 'handledning_grupp', 'mote_socialtjansten', 'ovrigt')),
    times         INTEGER NOT NULL CHECK (times BETWEEN 1 AND 31),
    per           TEXT NOT NULL CHECK (per IN ('week', 'month', 'quarter', 'year')),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE INDEX contact_plans_by_home ON contact_plans (home_id);
CREATE INDEX contact_plans_by_placement ON contact_plans (placement_id) WHERE placement_id IS NOT NULL;

-- Further training: one row per home member and occasion.
CREATE TABLE trainings (
    id          INTEGER PRIMARY KEY,
    home_id     INTEGER NOT NULL REFERENCES foster_homes (id),
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    course      TEXT NOT NULL CHECK (length(course) > 0),
    provider    TEXT,
    held_on     TEXT NOT NULL,
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 10080),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX trainings_by_home ON trainings (home_id, held_on);
CREATE INDEX trainings_by_person ON trainings (person_id);

-- The placement's agreement (uppdragsavtal) with the placing municipality. Its contact
-- person is an organisation contact (name, telephone, e-mail), not a registry person.
-- The agreed contact frequency is the placement's contact plan; the signed copy is a
-- document of the child's file (document_id).
CREATE TABLE placement_agreements (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placements (id),
    reference      TEXT,
    signed_on      TEXT,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    contact_name   TEXT,
    contact_phone  TEXT,
    contact_email  TEXT,
    document_id    INTEGER REFERENCES documents (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE INDEX placement_agreements_by_placement ON placement_agreements (placement_id);

-- The monthly report to the placing municipality, one per placement and month. The
-- facts (contacts, plan against what was done, training) are drawn from the store as
-- text when drafted and refreshed until signed; the three sections are the caseworker's.
-- Signed reports are locked; making the PDF records its SHA-256, sending records date
-- and recipient (the bytes never leave the store as a copy).
CREATE TABLE monthly_reports (
    id               INTEGER PRIMARY KEY,
    placement_id     INTEGER NOT NULL REFERENCES placements (id),
    month            TEXT NOT NULL CHECK (length(month) = 7 AND month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    contacts_text    TEXT NOT NULL,
    plan_text        TEXT NOT NULL,
    training_text    TEXT NOT NULL,
    child_situation  TEXT NOT NULL DEFAULT '',
    home_support     TEXT NOT NULL DEFAULT '',
    next_steps       TEXT NOT NULL DEFAULT '',
    author_id        INTEGER NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    signed_at        TEXT,
    signed_by        INTEGER REFERENCES users (id),
    pdf_sha256       TEXT,
    sent_on          TEXT,
    sent_to          TEXT,
    UNIQUE (placement_id, month),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
    CHECK (pdf_sha256 IS NULL OR signed_at IS NOT NULL),
    CHECK ((sent_on IS NULL) = (sent_to IS NULL)),
    CHECK (sent_on IS NULL OR pdf_sha256 IS NOT NULL)
);

-- A signed report's content never changes; only the PDF's hash and, once, the sending.
CREATE TRIGGER monthly_reports_signed_are_immutable
BEFORE UPDATE ON monthly_reports
WHEN OLD.signed_at IS NOT NULL AND (
    NEW.placement_id IS NOT OLD.placement_id OR NEW.month IS NOT OLD.month
    OR NEW.contacts_text IS NOT OLD.contacts_text OR NEW.plan_text IS NOT OLD.plan_text
    OR NEW.training_text IS NOT OLD.training_text OR NEW.child_situation IS NOT OLD.child_situation
    OR NEW.home_support IS NOT OLD.home_support OR NEW.next_steps IS NOT OLD.next_steps
    OR NEW.author_id IS NOT OLD.author_id OR NEW.signed_at IS NOT OLD.signed_at
    OR NEW.signed_by IS NOT OLD.signed_by OR NEW.created_at IS NOT OLD.created_at
    OR (OLD.sent_on IS NOT NULL AND (NEW.sent_on IS NOT OLD.sent_on OR NEW.sent_to IS NOT OLD.sent_to
        OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256)))
BEGIN
    SELECT RAISE(ABORT, 'a signed monthly report cannot be changed');
END;

-- Egenkontroll: once a year, how a home perceives the support (fixed questions, 1–5).
CREATE TABLE home_surveys (
    id             INTEGER PRIMARY KEY,
    home_id        INTEGER NOT NULL REFERENCES foster_homes (id),
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    answered_on    TEXT NOT NULL,
    reachability   INTEGER NOT NULL CHECK (reachability BETWEEN 1 AND 5),
    supervision    INTEGER NOT NULL CHECK (supervision BETWEEN 1 AND 5),
    information    INTEGER NOT NULL CHECK (information BETWEEN 1 AND 5),
    training       INTEGER NOT NULL CHECK (training BETWEEN 1 AND 5),
    overall        INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
    comment        TEXT,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (home_id, year)
);
