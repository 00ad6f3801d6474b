-- PostgreSQL twin of migrations/0015.
-- Assignment (issue 12, docs/decisions/021-team-workflow.md): who owns a case. '' is
-- "unassigned", not NULL, so the queue's assignee filter is an equality on an index
-- prefix like every other filter (db/queue-schema.ts derives its indexes), and a claim is
-- one conditional UPDATE (`WHERE assignee_id = ''`): of two claims at once one changes a
-- row, the other none.
ALTER TABLE kyc_cases ADD COLUMN assignee_id TEXT NOT NULL DEFAULT '';
ALTER TABLE kyc_cases ADD COLUMN assigned_at TEXT;
