-- The queue's indexes and per-status counts are now derived from db/queue-schema.ts and
-- created at start-up (migrate calls ensureQueueSchema in the same transaction), so a new
-- filter or sort order is one line there (docs/decisions/019). These are the hand-written
-- indexes they replace: the risk order's tie-breaker is now identity_id DESC like the rest
-- of its keys, so one index serves a keyset seek in either direction.
DROP INDEX kyc_cases_queue_risk;
DROP INDEX kyc_cases_queue_status;
DROP INDEX kyc_cases_queue_never;
DROP INDEX kyc_cases_queue_level;
DROP INDEX kyc_cases_queue_created;
DROP INDEX kyc_cases_queue_updated;
DROP INDEX kyc_cases_type;
DROP INDEX kyc_cases_country;
