-- The audit trail of an install in time order: the audit export walks it by date range and
-- the lead's dashboard counts decisions per day from it (issue 12).
CREATE INDEX kyc_audit_install_at ON kyc_audit (installed_app_id, at, audit_id);
