-- PostgreSQL twin of migrations/0026: the queue's search text in a trigram index (pg_trgm, part of
-- Debian's postgresql package; a trusted extension, so the database's owner may create it). It
-- serves `search_text LIKE '%…%'` for a search of 3 or more characters as the FTS5 trigram index
-- does on SQLite, and the row check stays the same LIKE. A shorter search is a prefix of the search
-- text (decision 019): until the queue's SQL is ported, that range is SQLite's (its BINARY order);
-- on PostgreSQL it must compare in the "C" collation to be a prefix.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX kyc_cases_search_trgm ON kyc_cases USING gin (search_text gin_trgm_ops);
