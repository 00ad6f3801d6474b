-- PostgreSQL twin of migrations/0006: append-only case notes, refused changes as for kyc_audit.
CREATE TABLE kyc_case_notes (
  note_id          TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  case_id          TEXT NOT NULL,
  author           TEXT NOT NULL,
  body             TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX kyc_case_notes_case ON kyc_case_notes (installed_app_id, identity_id, created_at);
CREATE TRIGGER kyc_case_notes_no_update BEFORE UPDATE ON kyc_case_notes FOR EACH ROW EXECUTE FUNCTION kyc_refuse_change();
CREATE TRIGGER kyc_case_notes_no_delete BEFORE DELETE ON kyc_case_notes FOR EACH ROW EXECUTE FUNCTION kyc_refuse_change();
CREATE TRIGGER kyc_case_notes_no_truncate BEFORE TRUNCATE ON kyc_case_notes FOR EACH STATEMENT EXECUTE FUNCTION kyc_refuse_change();
