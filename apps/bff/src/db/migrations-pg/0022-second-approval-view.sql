-- Twin of the SQLite migration (decision 022): the same two columns, generated from
-- pending_approval. PostgreSQL generates STORED columns only (before 18).
ALTER TABLE kyc_cases ADD COLUMN awaiting_second INTEGER NOT NULL
  GENERATED ALWAYS AS (CASE WHEN pending_approval IS NULL THEN 0 ELSE 1 END) STORED;
ALTER TABLE kyc_cases ADD COLUMN first_approver_id TEXT NOT NULL
  GENERATED ALWAYS AS (COALESCE(pending_approval::jsonb ->> 'first_reviewer', '')) STORED;
