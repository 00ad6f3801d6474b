-- PostgreSQL twin of migrations/0009: the hand-written queue indexes go. On SQLite the derived
-- ones (db/queue-schema.ts) replace them at start-up; on PostgreSQL that derivation is not
-- ported yet (decision 022: the queue moves to PostgreSQL with the case aggregates).
DROP INDEX kyc_cases_queue_risk;
DROP INDEX kyc_cases_queue_status;
DROP INDEX kyc_cases_queue_never;
DROP INDEX kyc_cases_queue_level;
DROP INDEX kyc_cases_queue_created;
DROP INDEX kyc_cases_queue_updated;
DROP INDEX kyc_cases_type;
DROP INDEX kyc_cases_country;
