-- Case notes (issue 12): append-only comments on a case. Like kyc_audit, the database
-- itself refuses to change or remove one.
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
CREATE TRIGGER kyc_case_notes_no_update BEFORE UPDATE ON kyc_case_notes
BEGIN
  SELECT RAISE(ABORT, 'kyc_case_notes is append-only');
END;
CREATE TRIGGER kyc_case_notes_no_delete BEFORE DELETE ON kyc_case_notes
BEGIN
  SELECT RAISE(ABORT, 'kyc_case_notes is append-only');
END;
