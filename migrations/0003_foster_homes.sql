-- Foster homes (familjehem, jourhem, kontaktfamilj), their members, and the history of
-- their lifecycle: intresse → utreds → godkand → aktiv ⇄ vilande → avslutad.
-- The closing date (closed_on) starts the retention clock.

CREATE TABLE foster_homes (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL CHECK (length(name) > 0),
    kind             TEXT NOT NULL CHECK (kind IN ('familjehem', 'jourhem', 'kontaktfamilj')),
    status           TEXT NOT NULL
                     CHECK (status IN ('intresse', 'utreds', 'godkand', 'aktiv', 'vilande', 'avslutad')),
    street_address   TEXT,
    postal_code      TEXT,
    city             TEXT,
    municipality_id  INTEGER REFERENCES organisations (id),
    closed_on        TEXT,
    closed_reason    TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((status = 'avslutad') = (closed_on IS NOT NULL))
);

CREATE INDEX foster_homes_by_status ON foster_homes (status);

CREATE TABLE foster_home_members (
    home_id    INTEGER NOT NULL REFERENCES foster_homes (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    role       TEXT NOT NULL CHECK (role IN ('vuxen', 'eget_barn')),
    PRIMARY KEY (home_id, person_id)
);

CREATE INDEX foster_home_members_by_person ON foster_home_members (person_id);

CREATE TABLE foster_home_status_changes (
    id           INTEGER PRIMARY KEY,
    home_id      INTEGER NOT NULL REFERENCES foster_homes (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    reason       TEXT,
    user_id      INTEGER REFERENCES users (id),
    at           TEXT NOT NULL
);

CREATE INDEX foster_home_status_changes_by_home ON foster_home_status_changes (home_id, id);
