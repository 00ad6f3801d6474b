-- Duplicates both ways, bounded (issue 17, docs/decisions/019 "Sync"): a sync that brings an
-- identity sharing a key with mirrored ones marks those in one statement instead of re-assessing
-- each at once; after its pages (and every few dozen pages) each marked identity's case is
-- re-assessed once, however many new identities marked it. The mark lives on the mirror row, so
-- purging an install's mirror drops its marks too, and a crash keeps them for the next sync.
ALTER TABLE identity_mirror ADD COLUMN relink_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX identity_mirror_relink ON identity_mirror (installed_app_id, identity_id) WHERE relink_pending = 1;
