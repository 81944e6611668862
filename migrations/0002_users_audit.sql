-- Local user profiles (who writes entries and whose actions are audited) and the
-- audit log: a hash chain of events that names no data subject, only entity ids.

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    title       TEXT,
    role        TEXT NOT NULL CHECK (role IN ('handlaggare', 'dataskyddsansvarig')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- seq runs 1, 2, 3 … without gaps; hash = SHA-256 over the event and prev_hash.
CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      INTEGER,
    action       TEXT NOT NULL,
    entity_kind  TEXT NOT NULL,
    entity_id    INTEGER,
    prev_hash    BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash         BLOB NOT NULL CHECK (length(hash) = 32)
);

-- The chain's head, written in the same transaction as each event, so that removing
-- the newest events is detected too.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  BLOB NOT NULL CHECK (length(hash) = 32)
);
