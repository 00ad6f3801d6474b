-- PostgreSQL twin of migrations/0012-retention.sql (decision 016): the audit trail and notes
-- stay append-only, except that a row may go while the daily retention job has named its
-- install in retention_deletions (inside its own transaction), and only for an uninstalled one.
CREATE TABLE retention_deletions (
  installed_app_id TEXT PRIMARY KEY REFERENCES installs (installed_app_id)
);

CREATE FUNCTION retention_deletions_uninstalled_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM installs WHERE installed_app_id = NEW.installed_app_id AND status = 'uninstalled') THEN
    RAISE EXCEPTION 'retention deletion is only for an uninstalled install' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER retention_deletions_uninstalled_only BEFORE INSERT ON retention_deletions
  FOR EACH ROW EXECUTE FUNCTION retention_deletions_uninstalled_only();

CREATE FUNCTION kyc_refuse_delete_unless_retained() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM retention_deletions r WHERE r.installed_app_id = OLD.installed_app_id) THEN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END;
$$;

DROP TRIGGER kyc_audit_no_delete ON kyc_audit;
CREATE TRIGGER kyc_audit_no_delete BEFORE DELETE ON kyc_audit
  FOR EACH ROW EXECUTE FUNCTION kyc_refuse_delete_unless_retained();

DROP TRIGGER kyc_case_notes_no_delete ON kyc_case_notes;
CREATE TRIGGER kyc_case_notes_no_delete BEFORE DELETE ON kyc_case_notes
  FOR EACH ROW EXECUTE FUNCTION kyc_refuse_delete_unless_retained();
