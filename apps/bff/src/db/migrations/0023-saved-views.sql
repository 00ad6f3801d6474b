-- Saved views (issue 12, decision 021): a reviewer's named combinations of queue filters,
-- kept per reviewer per install. `filters` is the JSON of SavedViewFilters (contracts).
CREATE TABLE kyc_saved_views (
  view_id          TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  reviewer_id      TEXT NOT NULL REFERENCES reviewers (reviewer_id),
  name             TEXT NOT NULL,
  filters          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (installed_app_id, reviewer_id, name)
);
