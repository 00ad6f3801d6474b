-- The review workflow (issue 5): the identity mirror behind the queue, cases, hit
-- dispositions, the decision outbox, the append-only audit trail, watchlists, settings.
-- Every table is keyed by installed_app_id first: every query names the install.

-- A per-install copy of the identities from Cloud's Data API: the record the checks
-- read and the keys the duplicates check looks up (docs/decisions/011-identity-mirror-and-cases.md).
CREATE TABLE identity_mirror (
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  email_key        TEXT,
  phone_key        TEXT,
  name_dob_key     TEXT,
  -- sha256 of the record without the app's own kyc_* metadata
  fingerprint      TEXT NOT NULL,
  record           TEXT NOT NULL, -- the identity as Cloud sent it (JSON)
  synced_at        TEXT NOT NULL,
  PRIMARY KEY (installed_app_id, identity_id)
);
CREATE INDEX identity_mirror_email ON identity_mirror (installed_app_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX identity_mirror_phone ON identity_mirror (installed_app_id, phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX identity_mirror_name_dob ON identity_mirror (installed_app_id, name_dob_key) WHERE name_dob_key IS NOT NULL;
CREATE INDEX identity_mirror_synced ON identity_mirror (installed_app_id, synced_at);

CREATE TABLE mirror_sync_state (
  installed_app_id TEXT PRIMARY KEY,
  last_started_at  TEXT,
  last_finished_at TEXT,
  last_error       TEXT
);

-- One case per (install, identity). The queue reads this table alone: the identity's
-- summary columns are copied in at every sync so a page, its filters and the counts are
-- index scans with no join, also at 100 000 identities.
CREATE TABLE kyc_cases (
  case_id          TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('new', 'in_review', 'approved', 'rejected', 'info_requested', 'escalated')),
  -- optimistic concurrency: every decision moves it on by one
  version          INTEGER NOT NULL DEFAULT 1,
  -- the identity, as the queue shows and filters it
  display_name     TEXT NOT NULL,
  search_text      TEXT NOT NULL, -- lowercase name parts, email and id
  identity_type    TEXT NOT NULL,
  country          TEXT NOT NULL,
  identity_created_at TEXT NOT NULL,
  -- 0 once Cloud no longer lists the identity: out of the queue, case and history kept
  listed           INTEGER NOT NULL DEFAULT 1,
  -- 1 while neither meta_data.kyc_status nor a decision in this app exists
  never_reviewed   INTEGER NOT NULL,
  risk_score       REAL NOT NULL,
  risk_level       TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  top_reasons      TEXT NOT NULL, -- JSON array of labels
  open_hits        INTEGER NOT NULL,
  assessed_fingerprint       TEXT NOT NULL,
  assessed_watchlist_version INTEGER NOT NULL,
  assessed_settings_version  INTEGER NOT NULL,
  assessed_at      TEXT NOT NULL,
  pending_approval TEXT,          -- JSON PendingApprovalDto or NULL
  last_decision    TEXT,          -- JSON DecisionDto or NULL
  last_action_id   TEXT,          -- the decision or hit confirmation whose write-back the case shows
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (installed_app_id, identity_id)
);
CREATE INDEX kyc_cases_risk ON kyc_cases (installed_app_id, listed, risk_score);
CREATE INDEX kyc_cases_status ON kyc_cases (installed_app_id, listed, status, risk_score);
CREATE INDEX kyc_cases_never ON kyc_cases (installed_app_id, listed, never_reviewed, risk_score);
CREATE INDEX kyc_cases_level ON kyc_cases (installed_app_id, listed, risk_level, risk_score);
CREATE INDEX kyc_cases_created ON kyc_cases (installed_app_id, listed, identity_created_at);
CREATE INDEX kyc_cases_updated ON kyc_cases (installed_app_id, listed, updated_at);
CREATE INDEX kyc_cases_type ON kyc_cases (installed_app_id, listed, identity_type, risk_score);
CREATE INDEX kyc_cases_country ON kyc_cases (installed_app_id, listed, country COLLATE NOCASE, risk_score);
-- Searching scans this narrow index instead of the table.
CREATE INDEX kyc_cases_search ON kyc_cases (installed_app_id, listed, search_text);

-- The cached checks, hits and risk of a case (JSON {checks, hits, risk}): kilobytes per
-- case, kept out of kyc_cases so queue scans stay narrow.
CREATE TABLE kyc_case_assessments (
  case_id    TEXT PRIMARY KEY REFERENCES kyc_cases (case_id),
  assessment TEXT NOT NULL
);

-- A reviewer's verdict on one watchlist entry for one identity; a false positive is
-- never raised again for that identity and entry.
CREATE TABLE hit_dispositions (
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  entry_id         TEXT NOT NULL,
  hit_id           TEXT NOT NULL,
  disposition      TEXT NOT NULL CHECK (disposition IN ('confirmed', 'false_positive')),
  hit              TEXT NOT NULL, -- JSON WatchlistHit as it was when disposed
  disposed_by      TEXT NOT NULL,
  disposed_at      TEXT NOT NULL,
  PRIMARY KEY (installed_app_id, identity_id, entry_id)
);

-- Write-backs to Cloud, written in the decision's transaction and drained by the
-- outbox worker (docs/decisions/012-decision-outbox.md).
CREATE TABLE kyc_outbox (
  outbox_id        INTEGER PRIMARY KEY AUTOINCREMENT,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  case_id          TEXT NOT NULL,
  action_id        TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('metadata', 'alert')),
  payload          TEXT NOT NULL, -- JSON: the metadata keys, or the alert's title and description
  state            TEXT NOT NULL CHECK (state IN ('not_needed', 'pending', 'done', 'skipped', 'failing')),
  reason           TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_error_code  TEXT,
  -- epoch ms; NULL when nothing more will be tried
  next_attempt_at  INTEGER,
  -- 1 once a flag call may have reached Cloud without an answer: look before flagging again
  outcome_unknown  INTEGER NOT NULL DEFAULT 0,
  anomaly_id       TEXT,
  done_at          TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (action_id, kind)
);
CREATE INDEX kyc_outbox_due ON kyc_outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX kyc_outbox_case ON kyc_outbox (installed_app_id, case_id);

-- Append-only: the database itself refuses to change or remove a row.
CREATE TABLE kyc_audit (
  audit_id         INTEGER PRIMARY KEY AUTOINCREMENT,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT,
  case_id          TEXT,
  actor            TEXT NOT NULL,
  action           TEXT NOT NULL,
  before_state     TEXT, -- JSON
  after_state      TEXT, -- JSON
  reason           TEXT,
  request_id       TEXT,
  at               TEXT NOT NULL
);
CREATE INDEX kyc_audit_identity ON kyc_audit (installed_app_id, identity_id, audit_id);
CREATE TRIGGER kyc_audit_no_update BEFORE UPDATE ON kyc_audit
BEGIN
  SELECT RAISE(ABORT, 'kyc_audit is append-only');
END;
CREATE TRIGGER kyc_audit_no_delete BEFORE DELETE ON kyc_audit
BEGIN
  SELECT RAISE(ABORT, 'kyc_audit is append-only');
END;

CREATE TABLE watchlist_entries (
  installed_app_id TEXT NOT NULL,
  entry_id         TEXT NOT NULL,
  list             TEXT NOT NULL,
  entry            TEXT NOT NULL, -- JSON WatchlistEntry
  PRIMARY KEY (installed_app_id, entry_id)
);
CREATE INDEX watchlist_entries_list ON watchlist_entries (installed_app_id, list);

CREATE TABLE watchlist_state (
  installed_app_id TEXT PRIMARY KEY,
  version          INTEGER NOT NULL,
  updated_at       TEXT NOT NULL
);

CREATE TABLE kyc_settings (
  installed_app_id TEXT PRIMARY KEY,
  settings         TEXT NOT NULL, -- JSON KycSettings
  version          INTEGER NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL
);
