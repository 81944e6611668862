-- A reviewer's decision on the candidates an extract's automatic rules left open
-- (capitalised words, telephone numbers, e-mail addresses that may be other people's):
-- how many there were and the SHA-256 of their places (table, row, column, range,
-- kind), never the text. `accepted_automatic`: the extract was made with the automatic
-- rules alone (the CLI's --accept-automatic), a decision of its own.
CREATE TABLE dsr_reviews (
    id                  INTEGER PRIMARY KEY,
    request_id          INTEGER NOT NULL REFERENCES dsr_requests (id) ON DELETE CASCADE,
    candidates          INTEGER NOT NULL CHECK (candidates >= 0),
    digest              TEXT NOT NULL CHECK (length(digest) = 64),
    accepted_automatic  INTEGER NOT NULL DEFAULT 0 CHECK (accepted_automatic IN (0, 1)),
    user_id             INTEGER REFERENCES users (id),
    created_at          TEXT NOT NULL
);

CREATE INDEX dsr_reviews_by_request ON dsr_reviews (request_id);
