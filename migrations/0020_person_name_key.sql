-- Persons search (issue 20): each person's names folded for matching — full case
-- folding, canonical decomposition, combining marks left out ("Åsa Öberg" → "asa oberg").
-- The core computes it from given_name and family_name on every write of a name (and
-- fills it for older rows when a store opens): it is derived data, never typed in or
-- imported. A search scans it with instr(), which no b-tree index can serve, so it has
-- no index of its own: 10,000 short keys are scanned in a few milliseconds.
ALTER TABLE persons ADD COLUMN name_key TEXT;
