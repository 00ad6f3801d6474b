-- PostgreSQL twin of migrations/0013-dashboard-tallies.sql: the dashboard's tallies, kept by
-- triggers in the same transaction as every write.

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
SELECT installed_app_id, status, risk_level, substr(created_at, 1, 10), (open_hits > 0)::int, COUNT(*)
FROM kyc_cases WHERE listed = 1 GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION kyc_case_tally_leave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kyc_case_tally SET n = n - 1 WHERE installed_app_id = OLD.installed_app_id AND status = OLD.status
    AND risk_level = OLD.risk_level AND created_day = substr(OLD.created_at, 1, 10)
    AND has_open_hits = (OLD.open_hits > 0)::int;
  RETURN NULL;
END;
$$;
CREATE FUNCTION kyc_case_tally_enter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kyc_case_tally VALUES (NEW.installed_app_id, NEW.status, NEW.risk_level, substr(NEW.created_at, 1, 10),
    (NEW.open_hits > 0)::int, 1)
  ON CONFLICT (installed_app_id, status, risk_level, created_day, has_open_hits) DO UPDATE SET n = kyc_case_tally.n + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER kyc_case_tally_insert AFTER INSERT ON kyc_cases
  FOR EACH ROW WHEN (NEW.listed = 1) EXECUTE FUNCTION kyc_case_tally_enter();
CREATE TRIGGER kyc_case_tally_delete AFTER DELETE ON kyc_cases
  FOR EACH ROW WHEN (OLD.listed = 1) EXECUTE FUNCTION kyc_case_tally_leave();
-- PostgreSQL fires these two in name order (enter, then leave); they commute: one counts the
-- row under its new key, the other uncounts it under its old one.
CREATE TRIGGER kyc_case_tally_leave AFTER UPDATE OF status, risk_level, listed, created_at, open_hits ON kyc_cases
  FOR EACH ROW WHEN (OLD.listed = 1) EXECUTE FUNCTION kyc_case_tally_leave();
CREATE TRIGGER kyc_case_tally_enter AFTER UPDATE OF status, risk_level, listed, created_at, open_hits ON kyc_cases
  FOR EACH ROW WHEN (NEW.listed = 1) EXECUTE FUNCTION kyc_case_tally_enter();

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

CREATE FUNCTION kyc_decision_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kyc_decision_tally VALUES (NEW.installed_app_id, substr(NEW.at, 1, 10), substr(NEW.action, 10), NEW.actor, 1)
  ON CONFLICT (installed_app_id, day, outcome, actor) DO UPDATE SET n = kyc_decision_tally.n + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER kyc_decision_tally_insert AFTER INSERT ON kyc_audit
  FOR EACH ROW WHEN (NEW.action LIKE 'decision:%') EXECUTE FUNCTION kyc_decision_tally_insert();

CREATE INDEX kyc_outbox_state ON kyc_outbox (installed_app_id, state);
