-- PostgreSQL twin of migrations/0007: identities a sync could not read, counted per install.
ALTER TABLE mirror_sync_state ADD COLUMN unreadable_count INTEGER NOT NULL DEFAULT 0;
