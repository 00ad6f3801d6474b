-- PostgreSQL twin of migrations/0019: the outbox claim's holder and lease.
ALTER TABLE kyc_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE kyc_outbox ADD COLUMN lease_until BIGINT;
