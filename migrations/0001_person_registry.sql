-- The person registry: persons (with or without personnummer/samordningsnummer) and
-- organisations (municipalities, companies). Timestamps are RFC 3339 UTC text.

CREATE TABLE persons (
    id                 INTEGER PRIMARY KEY,
    -- 12 digits with century; NULL for persons without a number.
    personal_number    TEXT UNIQUE
                       CHECK (personal_number IS NULL
                              OR (length(personal_number) = 12
                                  AND personal_number NOT GLOB '*[^0-9]*')),
    number_kind        TEXT CHECK (number_kind IN ('personnummer', 'samordningsnummer')),
    given_name         TEXT NOT NULL CHECK (length(given_name) > 0),
    family_name        TEXT NOT NULL CHECK (length(family_name) > 0),
    email              TEXT,
    phone              TEXT,
    street_address     TEXT,
    postal_code        TEXT,
    city               TEXT,
    -- Skyddad identitet: address and contact data hidden in lists and exports.
    protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((personal_number IS NULL) = (number_kind IS NULL))
);

CREATE INDEX persons_by_name ON persons (family_name, given_name);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    -- 10 digits, no separator.
    org_number  TEXT NOT NULL UNIQUE
                CHECK (length(org_number) = 10 AND org_number NOT GLOB '*[^0-9]*'),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('kommun', 'region', 'foretag', 'myndighet')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX organisations_by_name ON organisations (name);
