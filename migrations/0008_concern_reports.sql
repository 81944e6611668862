-- Concern reports (orosanmälningar): one report per child to the social services of a
-- municipality. What the reporter saw or heard themself, what others said, whether
-- the guardians were told (and if not, why), the reporter (a staff member: never
-- anonymous) and their contact details. draft → sent → receipt_confirmed →
-- feedback_received.

CREATE TABLE concern_reports (
    id                             INTEGER PRIMARY KEY,
    child_id                       INTEGER NOT NULL REFERENCES persons (id),
    municipality_id                INTEGER NOT NULL REFERENCES organisations (id),
    observed                       TEXT NOT NULL,
    hearsay                        TEXT,
    guardians_informed             INTEGER NOT NULL CHECK (guardians_informed IN (0, 1)),
    guardians_not_informed_reason  TEXT,
    reporter_id                    INTEGER NOT NULL REFERENCES users (id),
    reporter_phone                 TEXT NOT NULL,
    reporter_email                 TEXT,
    status                         TEXT NOT NULL
                                   CHECK (status IN ('draft', 'sent', 'receipt_confirmed', 'feedback_received')),
    sent_on                        TEXT,
    channel                        TEXT CHECK (channel IN ('e_tjanst', 'epost', 'telefon', 'post', 'personligen')),
    receipt_on                     TEXT,
    feedback_on                    TEXT,
    created_at                     TEXT NOT NULL,
    updated_at                     TEXT NOT NULL,
    CHECK (guardians_informed = 1 OR guardians_not_informed_reason IS NOT NULL)
);

CREATE INDEX concern_reports_by_child ON concern_reports (child_id);

CREATE TABLE concern_report_guardians (
    report_id  INTEGER NOT NULL REFERENCES concern_reports (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    PRIMARY KEY (report_id, person_id)
);
