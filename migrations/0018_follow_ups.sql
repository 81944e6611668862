-- Bevakningar (issue 17). What falls due is computed from the data it reads (plans,
-- reports, agreements, checks, deadlines) and never stored; only what the caseworker
-- sets by hand is a row here, and the renewal checks of an approved home's evidence.

-- A bevakning set by hand on exactly one of: a home, a person's file, a placement, an
-- investigation, a data-subject request. Its text is personal data. It is open until
-- done; a postponement moves `due_on` and keeps the earlier date with its reason in
-- follow_up_postponements; removing it deletes the row (the audit log keeps that it was).
CREATE TABLE follow_ups (
    id                INTEGER PRIMARY KEY,
    home_id           INTEGER REFERENCES foster_homes (id),
    person_id         INTEGER REFERENCES persons (id),
    placement_id      INTEGER REFERENCES placements (id),
    investigation_id  INTEGER REFERENCES investigations (id),
    request_id        INTEGER REFERENCES dsr_requests (id),
    due_on            TEXT NOT NULL,
    text              TEXT NOT NULL CHECK (length(text) > 0),
    -- The caseworker profile it is for (NULL: whoever opens the inbox).
    assignee_id       INTEGER REFERENCES users (id),
    created_by        INTEGER NOT NULL REFERENCES users (id),
    done_on           TEXT,
    done_by           INTEGER REFERENCES users (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((home_id IS NOT NULL) + (person_id IS NOT NULL) + (placement_id IS NOT NULL)
           + (investigation_id IS NOT NULL) + (request_id IS NOT NULL) = 1),
    CHECK ((done_on IS NULL) = (done_by IS NULL))
);

CREATE INDEX follow_ups_open ON follow_ups (due_on) WHERE done_on IS NULL;
CREATE INDEX follow_ups_by_home ON follow_ups (home_id) WHERE home_id IS NOT NULL;
CREATE INDEX follow_ups_by_person ON follow_ups (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE follow_up_postponements (
    id            INTEGER PRIMARY KEY,
    follow_up_id  INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    from_on       TEXT NOT NULL,
    to_on         TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(reason) > 0),
    postponed_by  INTEGER NOT NULL REFERENCES users (id),
    postponed_at  TEXT NOT NULL,
    CHECK (to_on > from_on)
);

CREATE INDEX follow_up_postponements_by_follow_up ON follow_up_postponements (follow_up_id);

-- A renewal of evidence of an adult of an approved home, recorded after the
-- investigation was decided (the investigation's own items count too): that a register
-- extract or a health declaration was taken, and when. Never the extract itself.
CREATE TABLE evidence_checks (
    id          INTEGER PRIMARY KEY,
    home_id     INTEGER NOT NULL REFERENCES foster_homes (id),
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    kind        TEXT NOT NULL CHECK (kind IN ('register_extract', 'health_declaration')),
    register    TEXT CHECK (register IN ('belastningsregistret', 'misstankeregistret',
                                         'socialtjansten', 'kronofogden', 'forsakringskassan')),
    checked_on  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    CHECK ((kind = 'register_extract') = (register IS NOT NULL))
);

CREATE INDEX evidence_checks_by_person ON evidence_checks (person_id, kind);
CREATE INDEX evidence_checks_by_home ON evidence_checks (home_id);

-- The inbox's unsigned drafts, without reading every journal row.
CREATE INDEX journal_entries_unsigned ON journal_entries (author_id, created_at) WHERE signed_at IS NULL;
