-- "Awaiting my second approval" (issue 12, decision 021): which cases wait for a second
-- approval, and whose the first one was, as columns the queue can index and filter on.
-- Generated from pending_approval (the JSON of the first approval, NULL when none), so
-- every path that records or clears a first approval keeps them right with nothing to
-- remember. VIRTUAL: computed when read; the queue's index on awaiting_second
-- (db/queue-schema.ts) stores its values.
ALTER TABLE kyc_cases ADD COLUMN awaiting_second INTEGER NOT NULL
  GENERATED ALWAYS AS (pending_approval IS NOT NULL) VIRTUAL;
ALTER TABLE kyc_cases ADD COLUMN first_approver_id TEXT NOT NULL
  GENERATED ALWAYS AS (COALESCE(json_extract(pending_approval, '$.first_reviewer'), '')) VIRTUAL;
