-- PostgreSQL twin of migrations/0010: staged rows of a watchlist import.
CREATE TABLE watchlist_import_rows (
  installed_app_id TEXT NOT NULL,
  import_id        TEXT NOT NULL,
  entry_id         TEXT NOT NULL,
  list             TEXT NOT NULL,
  entry            TEXT NOT NULL,
  PRIMARY KEY (installed_app_id, import_id, entry_id)
);
