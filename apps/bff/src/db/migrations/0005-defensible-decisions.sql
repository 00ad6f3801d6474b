-- Decisions a compliance officer can defend (issue 11, docs/decisions/020-monitoring-and-rereview.md):
-- a `needs_rereview` status, what each decision was made on, the changes monitoring found
-- since, verdict reasons on hits, and watchlist versions.

-- SQLite cannot change a CHECK constraint in place: kyc_cases is rebuilt with the new
-- status and the decision's time and level (periodic review). Its one child table is set
-- aside first so dropping the old table orphans nothing.
CREATE TABLE kyc_case_assessments_keep AS SELECT case_id, assessment FROM kyc_case_assessments;
DROP TABLE kyc_case_assessments;

CREATE TABLE kyc_cases_rebuilt (
  case_id          TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('new', 'in_review', 'approved', 'rejected', 'info_requested', 'escalated', 'needs_rereview')),
  version          INTEGER NOT NULL DEFAULT 1,
  display_name     TEXT NOT NULL,
  search_text      TEXT NOT NULL,
  identity_type    TEXT NOT NULL,
  country          TEXT NOT NULL,
  identity_created_at TEXT NOT NULL,
  listed           INTEGER NOT NULL DEFAULT 1,
  never_reviewed   INTEGER NOT NULL,
  risk_score       REAL NOT NULL,
  risk_level       TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  top_reasons      TEXT NOT NULL,
  open_hits        INTEGER NOT NULL,
  assessed_fingerprint       TEXT NOT NULL,
  assessed_watchlist_version INTEGER NOT NULL,
  assessed_settings_version  INTEGER NOT NULL,
  assessed_at      TEXT NOT NULL,
  pending_approval TEXT,
  last_decision    TEXT,
  last_action_id   TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  -- the last final decision (or the ledger's kyc_reviewed_at for a case decided before
  -- the app saw it) and the risk level it was made at: when a periodic review falls due
  decided_at       TEXT,
  decided_level    TEXT CHECK (decided_level IN ('low', 'medium', 'high')),
  UNIQUE (installed_app_id, identity_id)
);
INSERT INTO kyc_cases_rebuilt (case_id, installed_app_id, identity_id, status, version, display_name, search_text,
  identity_type, country, identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons, open_hits,
  assessed_fingerprint, assessed_watchlist_version, assessed_settings_version, assessed_at, pending_approval,
  last_decision, last_action_id, created_at, updated_at, decided_at, decided_level)
SELECT case_id, installed_app_id, identity_id, status, version, display_name, search_text, identity_type, country,
  identity_created_at, listed, never_reviewed, risk_score, risk_level, top_reasons, open_hits, assessed_fingerprint,
  assessed_watchlist_version, assessed_settings_version, assessed_at, pending_approval, last_decision, last_action_id,
  created_at, updated_at,
  CASE WHEN status IN ('approved', 'rejected', 'info_requested', 'escalated') THEN json_extract(last_decision, '$.decided_at') END,
  CASE WHEN status IN ('approved', 'rejected', 'info_requested', 'escalated') THEN risk_level END
FROM kyc_cases;
DROP TABLE kyc_cases;
ALTER TABLE kyc_cases_rebuilt RENAME TO kyc_cases;

CREATE TABLE kyc_case_assessments (
  case_id    TEXT PRIMARY KEY REFERENCES kyc_cases (case_id),
  assessment TEXT NOT NULL
);
INSERT INTO kyc_case_assessments (case_id, assessment) SELECT case_id, assessment FROM kyc_case_assessments_keep;
DROP TABLE kyc_case_assessments_keep;

-- The indexes of 0003 and 0004, as they were.
CREATE INDEX kyc_cases_type ON kyc_cases (installed_app_id, listed, identity_type, risk_score);
CREATE INDEX kyc_cases_country ON kyc_cases (installed_app_id, listed, country COLLATE NOCASE, risk_score);
CREATE INDEX kyc_cases_search ON kyc_cases (installed_app_id, listed, search_text);
CREATE INDEX kyc_cases_queue_risk ON kyc_cases (installed_app_id, listed, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_status ON kyc_cases (installed_app_id, listed, status, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_never ON kyc_cases (installed_app_id, listed, never_reviewed, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_level ON kyc_cases (installed_app_id, listed, risk_level, risk_score DESC, identity_created_at DESC, identity_id);
CREATE INDEX kyc_cases_queue_created ON kyc_cases (installed_app_id, listed, identity_created_at, identity_id);
CREATE INDEX kyc_cases_queue_updated ON kyc_cases (installed_app_id, listed, updated_at, identity_id);
-- Periodic review: approved cases of an install by the time they were decided.
CREATE INDEX kyc_cases_review_due ON kyc_cases (installed_app_id, status, decided_at) WHERE decided_at IS NOT NULL;

-- What the last decision was made on (JSON AssessmentBaseline of packages/kyc): monitoring
-- compares every new assessment with it. A case decided before the app saw it has none
-- until it is decided here (the ledger's kyc_risk_level stands in for its band).
CREATE TABLE kyc_case_baselines (
  case_id     TEXT PRIMARY KEY REFERENCES kyc_cases (case_id),
  decision_id TEXT NOT NULL,
  baseline    TEXT NOT NULL,
  at          TEXT NOT NULL
);

-- "What changed since the decision": one row per change monitoring found, raised once.
-- `change_key` identifies the change within one decision's baseline, so re-assessing the
-- same state again (or after a crash) finds the row and raises nothing new.
CREATE TABLE kyc_case_changes (
  change_id        INTEGER PRIMARY KEY AUTOINCREMENT,
  installed_app_id TEXT NOT NULL,
  case_id          TEXT NOT NULL REFERENCES kyc_cases (case_id),
  baseline_id      TEXT NOT NULL, -- the decision the change is measured against
  change_key       TEXT NOT NULL,
  change           TEXT NOT NULL, -- JSON AssessmentChange
  cause            TEXT NOT NULL, -- watchlist_import, settings_change, identity_change, rescreening, periodic_review, duplicate_change
  action_id        TEXT NOT NULL, -- the outbox action that raises its alert
  detected_at      TEXT NOT NULL,
  UNIQUE (case_id, baseline_id, change_key)
);
CREATE INDEX kyc_case_changes_case ON kyc_case_changes (installed_app_id, case_id, change_id);

-- A verdict is a disposition, a reason code and a note.
ALTER TABLE hit_dispositions ADD COLUMN reason_code TEXT;
ALTER TABLE hit_dispositions ADD COLUMN note TEXT;

-- Every import is a version a lead can roll back to: the whole list as it stood then.
CREATE TABLE watchlist_versions (
  installed_app_id TEXT NOT NULL,
  version          INTEGER NOT NULL,
  mode             TEXT NOT NULL CHECK (mode IN ('append', 'replace', 'rollback')),
  rolled_back_to   INTEGER,
  entry_count      INTEGER NOT NULL,
  added            INTEGER NOT NULL,
  removed          INTEGER NOT NULL,
  changed          INTEGER NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (installed_app_id, version)
);
CREATE TABLE watchlist_version_entries (
  installed_app_id TEXT NOT NULL,
  version          INTEGER NOT NULL,
  entry_id         TEXT NOT NULL,
  entry            TEXT NOT NULL, -- JSON WatchlistEntry
  PRIMARY KEY (installed_app_id, version, entry_id)
);
