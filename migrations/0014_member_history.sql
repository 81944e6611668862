-- A member leaves a home on a date and stays in its history: the home's current
-- members are those without `left_on`; former members are listed with their dates.
-- `joined_on` is the day a member was added (unknown for members added before this
-- version). A person is a member of a home once (the key stays home and person).
ALTER TABLE foster_home_members ADD COLUMN joined_on TEXT;
ALTER TABLE foster_home_members ADD COLUMN left_on TEXT
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on);

CREATE INDEX foster_home_members_current ON foster_home_members (home_id) WHERE left_on IS NULL;
