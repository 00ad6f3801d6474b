-- PostgreSQL twin of migrations/0004: the queue's sort orders as indexes.
DROP INDEX kyc_cases_risk;
DROP INDEX kyc_cases_status;
DROP INDEX kyc_cases_never;
DROP INDEX kyc_cases_level;
DROP INDEX kyc_cases_created;
DROP INDEX kyc_cases_updated;
CREATE INDEX kyc_cases_queue_risk ON kyc_cases (installed_app_id, listed, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_status ON kyc_cases (installed_app_id, listed, status, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_never ON kyc_cases (installed_app_id, listed, never_reviewed, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_level ON kyc_cases (installed_app_id, listed, risk_level, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_created ON kyc_cases (installed_app_id, listed, identity_created_at, identity_id);
CREATE INDEX kyc_cases_queue_updated ON kyc_cases (installed_app_id, listed, updated_at, identity_id);
