-- PostgreSQL twin of migrations/0008: the audit trail of an install in time order.
CREATE INDEX kyc_audit_install_at ON kyc_audit (installed_app_id, at, audit_id);
