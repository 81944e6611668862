-- Journals: dated, attributed entries in a personakt (a foster home's file or a placed
-- child's file). Drafts may be edited by their author; signing locks an entry for good:
-- a correction is a new amendment linked to it. Full-text search through FTS5, kept in
-- step with the entries by triggers, so that every delete (purge, erasure) also leaves
-- the index; the deleting code then merges the index (`optimize`) so that no token of
-- deleted text stays in it.

CREATE TABLE journal_entries (
    id          INTEGER PRIMARY KEY,
    home_id     INTEGER REFERENCES foster_homes (id),
    child_id    INTEGER REFERENCES persons (id),
    kind        TEXT NOT NULL CHECK (kind IN ('note', 'amendment', 'objection')),
    event_date  TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    amends_id   INTEGER REFERENCES journal_entries (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    signed_at   TEXT,
    signed_by   INTEGER REFERENCES users (id),
    CHECK ((home_id IS NULL) <> (child_id IS NULL)),
    CHECK ((kind = 'amendment') = (amends_id IS NOT NULL)),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL))
);

CREATE INDEX journal_entries_by_home ON journal_entries (home_id, event_date);
CREATE INDEX journal_entries_by_child ON journal_entries (child_id, event_date);
CREATE INDEX journal_entries_by_amends ON journal_entries (amends_id);

-- A signed entry is never changed, whoever tries.
CREATE TRIGGER journal_signed_entries_are_immutable
BEFORE UPDATE ON journal_entries
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed journal entry cannot be changed');
END;

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    text,
    content = 'journal_entries',
    content_rowid = 'id',
    tokenize = 'unicode61'
);

CREATE TRIGGER journal_fts_after_insert AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER journal_fts_after_delete AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER journal_fts_after_update AFTER UPDATE OF text ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO journal_fts (rowid, text) VALUES (new.id, new.text);
END;
