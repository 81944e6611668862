-- Familjehemsutredning: one investigation per home and round, its method, the
-- components done (home visits, interviews, references, register extracts with their
-- issue dates), BRA-Fam screening, health declaration, the summary assessment, and the
-- decision with its date and decider.

CREATE TABLE investigations (
    id                     INTEGER PRIMARY KEY,
    home_id                INTEGER NOT NULL REFERENCES foster_homes (id),
    round                  INTEGER NOT NULL CHECK (round >= 1),
    method                 TEXT NOT NULL
                           CHECK (method IN ('kalvesten', 'pride', 'ett_hem_att_vaxa_i', 'annan')),
    started_on             TEXT NOT NULL,
    bra_fam_on             TEXT,
    health_declaration_on  TEXT,
    summary_assessment     TEXT,
    decision               TEXT CHECK (decision IN ('approved', 'not_approved')),
    decision_on            TEXT,
    decided_by             INTEGER REFERENCES users (id),
    missing_items_reason   TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    UNIQUE (home_id, round),
    CHECK ((decision IS NULL) = (decision_on IS NULL))
);

CREATE TABLE investigation_items (
    id                INTEGER PRIMARY KEY,
    investigation_id  INTEGER NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('home_visit', 'interview_adult', 'interview_child', 'reference',
                                      'register_extract')),
    person_id         INTEGER REFERENCES persons (id),
    register          TEXT CHECK (register IN ('belastningsregistret', 'misstankeregistret',
                                               'socialtjansten', 'kronofogden', 'forsakringskassan')),
    done_on           TEXT NOT NULL,
    note              TEXT,
    created_at        TEXT NOT NULL,
    CHECK ((kind = 'register_extract') = (register IS NOT NULL))
);

CREATE INDEX investigation_items_by_investigation ON investigation_items (investigation_id);
