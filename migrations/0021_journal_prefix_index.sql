-- Journal search (issue 20): every word a caseworker types is searched as a prefix
-- ("hembes" finds "hembesök"). Without a prefix index FTS5 answers a short prefix by
-- merging the lists of every term that starts with it: "för" is hundreds of terms and a
-- good part of a million entries. With prefix indexes of two and three characters
-- (FTS5 counts characters, so "för" is three) such a query reads one list. Longer
-- prefixes match few terms and stay fast without one. The index is made again from
-- journal_entries: the first open of a large store after this version takes longer
-- (measured in docs/PERFORMANCE.md). The delete path is unchanged: the triggers below
-- are the same as in 0004, and every token's prefixes go with it.
DROP TRIGGER journal_fts_after_insert;
DROP TRIGGER journal_fts_after_delete;
DROP TRIGGER journal_fts_after_update;
DROP TABLE journal_fts;

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    text,
    content = 'journal_entries',
    content_rowid = 'id',
    tokenize = 'unicode61',
    prefix = '2 3'
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

INSERT INTO journal_fts (journal_fts) VALUES ('rebuild');
