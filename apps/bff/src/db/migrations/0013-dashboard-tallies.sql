-- The lead's dashboard (issue 12) answers from small tallies kept by triggers in the same
-- transaction as every write, so its figures cost the same at 100 000 cases as at 100
-- (bench/dashboard.ts): scanning the cases or the audit trail took over a second there.
-- A migration that rebuilds kyc_cases or kyc_audit must recreate these triggers; the
-- dashboard test (test/kyc/dashboard.test.ts) fails if they are gone.

-- Listed cases by status, risk level, UTC day they entered the queue, and open hits.
CREATE TABLE kyc_case_tally (
  installed_app_id TEXT NOT NULL,
  status           TEXT NOT NULL,
  risk_level       TEXT NOT NULL,
  created_day      TEXT NOT NULL,
  has_open_hits    INTEGER NOT NULL,
  n                INTEGER NOT NULL,
  PRIMARY KEY (installed_app_id, status, risk_level, created_day, has_open_hits)
);
INSERT INTO kyc_case_tally
SELECT installed_app_id, status, risk_level, substr(created_at, 1, 10), open_hits > 0, COUNT(*)
FROM kyc_cases WHERE listed = 1 GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER kyc_case_tally_insert AFTER INSERT ON kyc_cases WHEN NEW.listed = 1
BEGIN
  INSERT INTO kyc_case_tally VALUES (NEW.installed_app_id, NEW.status, NEW.risk_level, substr(NEW.created_at, 1, 10), NEW.open_hits > 0, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER kyc_case_tally_delete AFTER DELETE ON kyc_cases WHEN OLD.listed = 1
BEGIN
  UPDATE kyc_case_tally SET n = n - 1 WHERE installed_app_id = OLD.installed_app_id AND status = OLD.status
    AND risk_level = OLD.risk_level AND created_day = substr(OLD.created_at, 1, 10) AND has_open_hits = (OLD.open_hits > 0);
END;
CREATE TRIGGER kyc_case_tally_leave AFTER UPDATE OF status, risk_level, listed, created_at, open_hits ON kyc_cases
WHEN OLD.listed = 1
BEGIN
  UPDATE kyc_case_tally SET n = n - 1 WHERE installed_app_id = OLD.installed_app_id AND status = OLD.status
    AND risk_level = OLD.risk_level AND created_day = substr(OLD.created_at, 1, 10) AND has_open_hits = (OLD.open_hits > 0);
END;
CREATE TRIGGER kyc_case_tally_enter AFTER UPDATE OF status, risk_level, listed, created_at, open_hits ON kyc_cases
WHEN NEW.listed = 1
BEGIN
  INSERT INTO kyc_case_tally VALUES (NEW.installed_app_id, NEW.status, NEW.risk_level, substr(NEW.created_at, 1, 10), NEW.open_hits > 0, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Decisions by UTC day, outcome and reviewer, from the append-only audit trail.
CREATE TABLE kyc_decision_tally (
  installed_app_id TEXT NOT NULL,
  day              TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  actor            TEXT NOT NULL,
  n                INTEGER NOT NULL,
  PRIMARY KEY (installed_app_id, day, outcome, actor)
);
INSERT INTO kyc_decision_tally
SELECT installed_app_id, substr(at, 1, 10), substr(action, 10), actor, COUNT(*)
FROM kyc_audit WHERE action LIKE 'decision:%' GROUP BY 1, 2, 3, 4;

CREATE TRIGGER kyc_decision_tally_insert AFTER INSERT ON kyc_audit WHEN NEW.action LIKE 'decision:%'
BEGIN
  INSERT INTO kyc_decision_tally VALUES (NEW.installed_app_id, substr(NEW.at, 1, 10), substr(NEW.action, 10), NEW.actor, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Write-backs pending or failing, by state.
CREATE INDEX kyc_outbox_state ON kyc_outbox (installed_app_id, state);
