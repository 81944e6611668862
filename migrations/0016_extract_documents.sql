-- The documents of a register extract (Art. 15).
--
-- In the extract's review the data-protection officer decides, per document about the
-- person, to include a copy or to withhold it with a reason (another person's data,
-- Art. 15(4)). An extract is refused while a document has no decision; one made on the
-- automatic rules alone (the CLI's --accept-automatic) withholds every undecided
-- document ("Ej granskat"): a copy never goes out undecided. The decisions go with the
-- document (and with the file when retention purges it).
CREATE TABLE dsr_document_decisions (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES dsr_requests (id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    include      INTEGER NOT NULL CHECK (include IN (0, 1)),
    reason       TEXT,
    user_id      INTEGER REFERENCES users (id),
    decided_at   TEXT NOT NULL,
    CHECK (include = 1 OR reason IS NOT NULL),
    UNIQUE (request_id, document_id)
);

CREATE INDEX dsr_document_decisions_by_document ON dsr_document_decisions (document_id);

-- The copies an extract sent: which document, in which extract (its document id,
-- `RU-…`), and the SHA-256 of the plaintext written (never the bytes). Kept when the
-- document itself goes, with the link cleared: what was sent can still be shown.
CREATE TABLE dsr_disclosed_documents (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES dsr_requests (id) ON DELETE CASCADE,
    extract_id   TEXT NOT NULL,
    document_id  INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    user_id      INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);

CREATE INDEX dsr_disclosed_documents_by_request ON dsr_disclosed_documents (request_id);
CREATE INDEX dsr_disclosed_documents_by_document ON dsr_disclosed_documents (document_id);
