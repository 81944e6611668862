-- Data-subject requests (GDPR Art. 15–21) with their legal deadlines, what was redacted
-- from an extract and why, what was disclosed (a hash and where it went, never a copy),
-- restriction of a person's data, and the history of rectifications.

CREATE TABLE dsr_requests (
    id                    INTEGER PRIMARY KEY,
    -- NULL once the person is erased: the request stays as proof of how it was handled.
    person_id             INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    kind                  TEXT NOT NULL
                          CHECK (kind IN ('access', 'portability', 'rectification', 'erasure',
                                          'restriction', 'objection', 'consent_withdrawal')),
    received_on           TEXT NOT NULL,
    -- How and when the requester's identity was verified; the clock starts then.
    identity_method       TEXT,
    identity_verified_on  TEXT,
    -- Up to two further months (Art. 12(3)), with the reason and the day the person
    -- was told, which lies within the first month.
    extended_months       INTEGER NOT NULL DEFAULT 0 CHECK (extended_months BETWEEN 0 AND 2),
    extension_reason      TEXT,
    extension_told_on     TEXT,
    status                TEXT NOT NULL DEFAULT 'open'
                          CHECK (status IN ('open', 'completed', 'refused')),
    outcome               TEXT,
    completed_on          TEXT,
    created_by            INTEGER REFERENCES users (id),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((identity_method IS NULL) = (identity_verified_on IS NULL)),
    CHECK ((extended_months = 0) = (extension_reason IS NULL)),
    CHECK ((extension_reason IS NULL) = (extension_told_on IS NULL)),
    CHECK ((status = 'open') = (completed_on IS NULL))
);

CREATE INDEX dsr_requests_by_person ON dsr_requests (person_id);
CREATE INDEX dsr_requests_open ON dsr_requests (status, received_on);

-- A passage of free text withheld from an extract (Art. 15(4)): where it is (table, row,
-- column, character range) and why. Never the text itself.
CREATE TABLE dsr_redactions (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES dsr_requests (id) ON DELETE CASCADE,
    table_name   TEXT NOT NULL,
    row_id       INTEGER NOT NULL,
    column_name  TEXT NOT NULL,
    start_char   INTEGER NOT NULL CHECK (start_char >= 0),
    end_char     INTEGER NOT NULL CHECK (end_char > start_char),
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    automatic    INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
    user_id      INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);

CREATE INDEX dsr_redactions_by_request ON dsr_redactions (request_id);

-- Each extract handed out: its SHA-256 and where it was sent.
CREATE TABLE dsr_disclosures (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES dsr_requests (id) ON DELETE CASCADE,
    document_id  TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('pdf', 'json')),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    sent_to      TEXT,
    sent_on      TEXT,
    user_id      INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);

CREATE INDEX dsr_disclosures_by_request ON dsr_disclosures (request_id);

-- Restriction (Art. 18): the data stays and is shown, with no new processing.
ALTER TABLE persons ADD COLUMN restricted_on TEXT;

-- Rectification (Art. 16) of registry data keeps what the value was.
CREATE TABLE person_rectifications (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    request_id  INTEGER REFERENCES dsr_requests (id) ON DELETE SET NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    user_id     INTEGER REFERENCES users (id),
    at          TEXT NOT NULL
);

CREATE INDEX person_rectifications_by_person ON person_rectifications (person_id);
