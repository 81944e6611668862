-- Documents of a personakt: what the agency received (inkommen) or drew up (upprättad).
-- The bytes are not here: each document is encrypted with age to a key of its own,
-- written to `documents/<blob>` beside the database. The key (`secret`, an age X25519
-- identity) lives only in this row, so deleting the row makes the file unreadable
-- (crypto-shredding) before the file itself is removed.
--
-- A document belongs to one file: a foster home's (`home_id`) or a placed child's
-- (`child_id`). An investigation, a checklist item of it, or a placement may be named
-- as its context; retention purges it with the file it belongs to.
CREATE TABLE document_types (
    code       TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

INSERT INTO document_types (code, label, position) VALUES
    ('avtal', 'Avtal', 1),
    ('intyg', 'Intyg', 2),
    ('referens', 'Referens', 3),
    ('yttrande', 'Yttrande', 4),
    ('brev', 'Brev', 5),
    ('blankett', 'Blankett', 6),
    ('foto', 'Foto', 7),
    ('ovrigt', 'Övrigt', 8);

CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    home_id             INTEGER REFERENCES foster_homes (id),
    child_id            INTEGER REFERENCES persons (id),
    investigation_id    INTEGER REFERENCES investigations (id),
    item_id             INTEGER REFERENCES investigation_items (id),
    placement_id        INTEGER REFERENCES placements (id),
    title               TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('incoming', 'drawn_up')),
    -- A code of document_types, checked by the core (references between tables are
    -- by id; the list's codes are its natural key).
    doc_type            TEXT NOT NULL,
    dated_on            TEXT NOT NULL,
    counterpart         TEXT,
    counterpart_org_id  INTEGER REFERENCES organisations (id),
    media_type          TEXT NOT NULL,
    bytes               INTEGER NOT NULL CHECK (bytes > 0),
    sha256              TEXT NOT NULL,
    blob                TEXT NOT NULL UNIQUE,
    secret              TEXT NOT NULL,
    sent_on             TEXT,
    supersedes_id       INTEGER REFERENCES documents (id),
    criminal_reason     TEXT,
    created_by          INTEGER NOT NULL REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((home_id IS NULL) <> (child_id IS NULL)),
    CHECK (sent_on IS NULL OR direction = 'drawn_up')
);

CREATE INDEX documents_by_home ON documents (home_id, dated_on) WHERE home_id IS NOT NULL;
CREATE INDEX documents_by_child ON documents (child_id, dated_on) WHERE child_id IS NOT NULL;
CREATE INDEX documents_by_investigation ON documents (investigation_id) WHERE investigation_id IS NOT NULL;
CREATE INDEX documents_by_placement ON documents (placement_id) WHERE placement_id IS NOT NULL;

-- The persons a document concerns (picked from the file's persons).
CREATE TABLE document_persons (
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    PRIMARY KEY (document_id, person_id)
);

CREATE INDEX document_persons_by_person ON document_persons (person_id);
