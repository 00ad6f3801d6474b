-- PostgreSQL twin of migrations/0017: watchlist versions (each version's whole list, the
-- active one named by watchlist_state.version) and staged imports waiting for confirmation.
ALTER TABLE watchlist_version_entries ADD COLUMN list TEXT NOT NULL DEFAULT '';

ALTER TABLE watchlist_versions ADD COLUMN created_by_name TEXT;
ALTER TABLE watchlist_versions ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE watchlist_versions ADD COLUMN format TEXT;
ALTER TABLE watchlist_versions ADD COLUMN files TEXT NOT NULL DEFAULT '[]';
ALTER TABLE watchlist_versions ADD COLUMN lists TEXT NOT NULL DEFAULT '[]';
ALTER TABLE watchlist_versions ADD COLUMN entries_kept INTEGER NOT NULL DEFAULT 1;

INSERT INTO watchlist_version_entries (installed_app_id, version, entry_id, entry, list)
  SELECT e.installed_app_id, s.version, e.entry_id, e.entry, e.list
  FROM watchlist_entries e JOIN watchlist_state s ON s.installed_app_id = e.installed_app_id;
INSERT INTO watchlist_versions (installed_app_id, version, mode, rolled_back_to, entry_count, added, removed, changed,
  created_by, created_at, lists)
  SELECT s.installed_app_id, s.version, 'replace', NULL,
    (SELECT COUNT(*) FROM watchlist_entries e WHERE e.installed_app_id = s.installed_app_id),
    (SELECT COUNT(*) FROM watchlist_entries e WHERE e.installed_app_id = s.installed_app_id), 0, 0,
    'system', s.updated_at,
    (SELECT COALESCE(json_agg(json_build_object('list', c.list, 'count', c.n) ORDER BY c.list), '[]'::json)::text FROM
      (SELECT list, COUNT(*) AS n FROM watchlist_entries e WHERE e.installed_app_id = s.installed_app_id
        GROUP BY list) c)
  FROM watchlist_state s WHERE s.version > 0;
DROP TABLE watchlist_entries;

CREATE TABLE watchlist_imports (
  installed_app_id TEXT NOT NULL,
  import_id        TEXT NOT NULL,
  mode             TEXT NOT NULL CHECK (mode IN ('append', 'replace')),
  base_version     INTEGER NOT NULL,
  preview          TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (installed_app_id, import_id)
);
