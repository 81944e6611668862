-- Interest notices (intressenotiser): a private person's notice of interest in becoming
-- a foster home. It can be taken up as a home under investigation, and is deleted
-- completely, at once, on request.

CREATE TABLE interest_notices (
    id           INTEGER PRIMARY KEY,
    given_name   TEXT NOT NULL CHECK (length(given_name) > 0),
    family_name  TEXT NOT NULL CHECK (length(family_name) > 0),
    email        TEXT,
    phone        TEXT,
    city         TEXT,
    message      TEXT,
    received_on  TEXT NOT NULL,
    home_id      INTEGER REFERENCES foster_homes (id),
    created_at   TEXT NOT NULL
);
