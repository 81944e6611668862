-- Before a placed child's file is purged it is offered to the placing municipality's
-- social services (a hand-over package: the whole file as PDF and JSON). The purge waits
-- until the hand-over is confirmed or declined. The store keeps the package's hashes,
-- never a copy.

CREATE TABLE handovers (
    id               INTEGER PRIMARY KEY,
    child_id         INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    municipality_id  INTEGER NOT NULL REFERENCES organisations (id),
    document_id      TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    json_sha256      TEXT NOT NULL CHECK (length(json_sha256) = 64),
    offered_on       TEXT NOT NULL,
    decision         TEXT CHECK (decision IN ('confirmed', 'declined')),
    decided_on       TEXT,
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL,
    CHECK ((decision IS NULL) = (decided_on IS NULL))
);

CREATE INDEX handovers_by_child ON handovers (child_id);
