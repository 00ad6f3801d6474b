-- Identities a sync could not read (decision 015): counted per install so the queue can say
-- "N identities could not be read" until a later sync reads them.
ALTER TABLE mirror_sync_state ADD COLUMN unreadable_count INTEGER NOT NULL DEFAULT 0;
