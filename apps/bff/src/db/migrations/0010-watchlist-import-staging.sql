-- Watchlist imports (issue 14): the entries of an upload are written here in batches while
-- the files stream in, then applied to watchlist_entries in one transaction and deleted.
-- An import that fails, or a process that stops mid-import, leaves nothing live; rows of
-- an unfinished import are removed when the server starts
-- (docs/decisions/018-real-watchlists.md).
CREATE TABLE watchlist_import_rows (
  installed_app_id TEXT NOT NULL,
  import_id        TEXT NOT NULL,
  entry_id         TEXT NOT NULL,
  list             TEXT NOT NULL,
  entry            TEXT NOT NULL, -- JSON WatchlistEntry
  PRIMARY KEY (installed_app_id, import_id, entry_id)
);
