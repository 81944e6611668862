-- The written familjehemsutredning (issue 18): a report drafted from an investigation,
-- written section by section, signed, made into a PDF for the municipality.

-- The agency's own template of a method: its ordered sections, when the agency changed
-- the built-in default (no rows for a method: the default, defined in the core, applies).
-- Agency configuration: no personal data.
CREATE TABLE report_template_sections (
    id          INTEGER PRIMARY KEY,
    method      TEXT NOT NULL
                CHECK (method IN ('kalvesten', 'pride', 'ett_hem_att_vaxa_i', 'annan')),
    position    INTEGER NOT NULL CHECK (position >= 1),
    -- A stable name within the template (e.g. 'background'), lower-case ASCII.
    key         TEXT NOT NULL CHECK (length(key) > 0 AND key NOT GLOB '*[^a-z0-9_]*'),
    heading     TEXT NOT NULL CHECK (length(heading) > 0),
    guidance    TEXT NOT NULL DEFAULT '',
    -- The facts the store fills in under the heading (NULL: free text only).
    facts       TEXT CHECK (facts IN ('assignment', 'members', 'visits', 'references',
                                      'register_checks', 'bra_fam', 'checklist')),
    -- One section per adult member of the home (background, health …).
    per_adult   INTEGER NOT NULL DEFAULT 0 CHECK (per_adult IN (0, 1)),
    updated_at  TEXT NOT NULL,
    UNIQUE (method, position),
    UNIQUE (method, key)
);

-- A version of the written report of an investigation. Drafting copies the template's
-- sections into the report (a later template change never alters a report). A signed
-- version is locked; a change after signing is a new version (version + 1) whose draft
-- starts from the signed text, and the earlier version stays as it was.
CREATE TABLE investigation_reports (
    id                INTEGER PRIMARY KEY,
    investigation_id  INTEGER NOT NULL REFERENCES investigations (id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    method            TEXT NOT NULL
                      CHECK (method IN ('kalvesten', 'pride', 'ett_hem_att_vaxa_i', 'annan')),
    -- The second investigator, if any (the author is the profile that drafted it).
    co_investigator   TEXT,
    recommendation    TEXT CHECK (recommendation IN ('recommended', 'not_recommended')),
    -- The cover, frozen at signing: the home's name, and its address unless a member has
    -- a protected identity (then NULL, and the PDF never prints one).
    home_name         TEXT,
    home_address      TEXT,
    -- Why it was signed while the checklist would refuse the decision.
    justification     TEXT,
    author_id         INTEGER NOT NULL REFERENCES users (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    signed_at         TEXT,
    signed_by         INTEGER REFERENCES users (id),
    -- The SHA-256 of the PDF last made (once sent: of the PDF sent).
    pdf_sha256        TEXT,
    sent_on           TEXT,
    sent_to           INTEGER REFERENCES organisations (id),
    UNIQUE (investigation_id, version),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
    CHECK ((sent_on IS NULL) = (sent_to IS NULL)),
    CHECK (sent_on IS NULL OR signed_at IS NOT NULL)
);

CREATE INDEX investigation_reports_by_investigation ON investigation_reports (investigation_id);

-- At most one unsigned draft per investigation.
CREATE UNIQUE INDEX investigation_reports_one_draft
    ON investigation_reports (investigation_id) WHERE signed_at IS NULL;

CREATE TRIGGER investigation_reports_signed_are_immutable
BEFORE UPDATE ON investigation_reports
WHEN OLD.signed_at IS NOT NULL AND (
    NEW.investigation_id IS NOT OLD.investigation_id OR NEW.version IS NOT OLD.version
    OR NEW.method IS NOT OLD.method OR NEW.co_investigator IS NOT OLD.co_investigator
    OR NEW.recommendation IS NOT OLD.recommendation OR NEW.home_name IS NOT OLD.home_name
    OR NEW.home_address IS NOT OLD.home_address OR NEW.justification IS NOT OLD.justification
    OR NEW.author_id IS NOT OLD.author_id OR NEW.created_at IS NOT OLD.created_at
    OR NEW.signed_at IS NOT OLD.signed_at OR NEW.signed_by IS NOT OLD.signed_by
)
BEGIN
    SELECT RAISE(ABORT, 'a signed investigation report cannot be changed');
END;

-- The sections of a report version, in order: the heading and guidance copied from the
-- template, the facts the store filled in (kept in sync until signing, then frozen), and
-- the caseworker's text. A per-adult section names the adult it is about.
CREATE TABLE investigation_report_sections (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES investigation_reports (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    key         TEXT NOT NULL,
    heading     TEXT NOT NULL,
    guidance    TEXT NOT NULL DEFAULT '',
    facts       TEXT CHECK (facts IN ('assignment', 'members', 'visits', 'references',
                                      'register_checks', 'bra_fam', 'checklist')),
    person_id   INTEGER REFERENCES persons (id),
    facts_text  TEXT,
    body        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    UNIQUE (report_id, position)
);

CREATE INDEX investigation_report_sections_by_report ON investigation_report_sections (report_id);
CREATE INDEX investigation_report_sections_by_person ON investigation_report_sections (person_id)
    WHERE person_id IS NOT NULL;

CREATE TRIGGER investigation_report_sections_signed_are_immutable
BEFORE UPDATE ON investigation_report_sections
WHEN (SELECT signed_at FROM investigation_reports WHERE id = OLD.report_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed investigation report cannot be changed');
END;
