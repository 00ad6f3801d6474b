-- Retention (contract §8, decision 016): RETENTION_YEARS after an uninstall, the install's
-- cases, decisions, notes and audit trail are deleted by a daily job. The audit trail and
-- the notes stay append-only for everything else: their no-delete triggers now let a row go
-- only while the job has named its install in retention_deletions, which it does inside its
-- own transaction (and removes again before it commits), and only for an uninstalled install.
CREATE TABLE retention_deletions (
  installed_app_id TEXT PRIMARY KEY REFERENCES installs (installed_app_id)
);
CREATE TRIGGER retention_deletions_uninstalled_only BEFORE INSERT ON retention_deletions
WHEN NOT EXISTS (SELECT 1 FROM installs WHERE installed_app_id = new.installed_app_id AND status = 'uninstalled')
BEGIN
  SELECT RAISE(ABORT, 'retention deletion is only for an uninstalled install');
END;

DROP TRIGGER kyc_audit_no_delete;
CREATE TRIGGER kyc_audit_no_delete BEFORE DELETE ON kyc_audit
WHEN NOT EXISTS (SELECT 1 FROM retention_deletions r WHERE r.installed_app_id = old.installed_app_id)
BEGIN
  SELECT RAISE(ABORT, 'kyc_audit is append-only');
END;

DROP TRIGGER kyc_case_notes_no_delete;
CREATE TRIGGER kyc_case_notes_no_delete BEFORE DELETE ON kyc_case_notes
WHEN NOT EXISTS (SELECT 1 FROM retention_deletions r WHERE r.installed_app_id = old.installed_app_id)
BEGIN
  SELECT RAISE(ABORT, 'kyc_case_notes is append-only');
END;
