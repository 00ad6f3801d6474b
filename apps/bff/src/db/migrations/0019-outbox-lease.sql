-- The outbox claim's lease (issue 15, docs/decisions/012-decision-outbox.md and 022): who holds
-- a claimed step and until when. A claim sets both; recording the attempt's outcome clears them,
-- and only the holder named in claimed_by may record it, so a worker whose lease ran out (a
-- replica that stalled or was killed) cannot overwrite what the next holder did. A claim that
-- finds a step still held by an expired lease knows an earlier attempt may have reached Cloud.
ALTER TABLE kyc_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE kyc_outbox ADD COLUMN lease_until INTEGER; -- epoch ms; NULL when nobody holds the step
