-- Placements: a child (person) placed by a municipality (organisation) in a foster
-- home, from a start date to an end date. The child's file and the home's file are
-- separate personakter; a placement links them.

CREATE TABLE placements (
    id               INTEGER PRIMARY KEY,
    child_id         INTEGER NOT NULL REFERENCES persons (id),
    home_id          INTEGER NOT NULL REFERENCES foster_homes (id),
    municipality_id  INTEGER NOT NULL REFERENCES organisations (id),
    start_date       TEXT NOT NULL,
    end_date         TEXT,
    end_reason       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK ((end_date IS NULL) = (end_reason IS NULL))
);

CREATE INDEX placements_by_child ON placements (child_id, start_date);
CREATE INDEX placements_by_home ON placements (home_id, start_date);
