-- Settings change history (issue 11, docs/decisions/011): every saved change of an install's
-- settings with who made it, when, and the settings before and after, for leads to read in
-- Settings. Append-only like the audit trail (each save also writes its settings_updated audit
-- row). Saves made before this migration are carried over from those audit rows, in order,
-- so version n of the history is version n of kyc_settings.
CREATE TABLE kyc_settings_history (
  change_id        INTEGER PRIMARY KEY AUTOINCREMENT,
  installed_app_id TEXT NOT NULL,
  version          INTEGER NOT NULL,
  before_settings  TEXT NOT NULL, -- JSON KycSettings
  after_settings   TEXT NOT NULL, -- JSON KycSettings
  changed_by       TEXT NOT NULL, -- "Name (reviewer id)", as kyc_settings.updated_by
  changed_at       TEXT NOT NULL,
  UNIQUE (installed_app_id, version)
);
CREATE INDEX kyc_settings_history_newest ON kyc_settings_history (installed_app_id, change_id);
CREATE TRIGGER kyc_settings_history_no_update BEFORE UPDATE ON kyc_settings_history
BEGIN
  SELECT RAISE(ABORT, 'kyc_settings_history is append-only');
END;
CREATE TRIGGER kyc_settings_history_no_delete BEFORE DELETE ON kyc_settings_history
BEGIN
  SELECT RAISE(ABORT, 'kyc_settings_history is append-only');
END;

INSERT INTO kyc_settings_history (installed_app_id, version, before_settings, after_settings, changed_by, changed_at)
SELECT installed_app_id,
  ROW_NUMBER() OVER (PARTITION BY installed_app_id ORDER BY audit_id),
  before_state, after_state,
  CASE WHEN actor_name IS NULL THEN actor ELSE actor_name || ' (' || actor || ')' END,
  at
FROM kyc_audit
WHERE action = 'settings_updated' AND before_state IS NOT NULL AND after_state IS NOT NULL
ORDER BY audit_id;
