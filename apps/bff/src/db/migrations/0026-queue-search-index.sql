-- The queue's search without a pass over the install's cases (issue 17, docs/decisions/019
-- "Search"): every case's search text (lowercase name parts, email and identity id) in an FTS5
-- index of trigrams, so a search of 3 or more characters finds the cases containing it from the
-- index. The index holds rowids only; each candidate is checked on its row (install, listed,
-- filters, and the same LIKE as before), so results are exactly those of the LIKE, and the index
-- never decides alone. External content (kyc_cases itself): nothing is stored twice, and
-- 'rebuild' can derive the index again from the table.
--
-- Kept by triggers in the case's own transaction. A future migration that rebuilds kyc_cases
-- (new rowids, its triggers dropped) must create these triggers again and run 'rebuild'.
CREATE VIRTUAL TABLE kyc_cases_fts USING fts5(search_text, content = 'kyc_cases', tokenize = 'trigram');

CREATE TRIGGER kyc_cases_fts_insert AFTER INSERT ON kyc_cases BEGIN
  INSERT INTO kyc_cases_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER kyc_cases_fts_delete AFTER DELETE ON kyc_cases BEGIN
  INSERT INTO kyc_cases_fts (kyc_cases_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;

-- The sync rewrites a summary only when it changed, and the search text rarely does.
CREATE TRIGGER kyc_cases_fts_update AFTER UPDATE OF search_text ON kyc_cases
  WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO kyc_cases_fts (kyc_cases_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO kyc_cases_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

INSERT INTO kyc_cases_fts (kyc_cases_fts) VALUES ('rebuild');
