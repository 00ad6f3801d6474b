-- PostgreSQL twin of migrations/0025: the mark of a mirrored identity whose duplicates check is
-- re-assessed once after the sync's pages.
ALTER TABLE identity_mirror ADD COLUMN relink_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX identity_mirror_relink ON identity_mirror (installed_app_id, identity_id) WHERE relink_pending = 1;
