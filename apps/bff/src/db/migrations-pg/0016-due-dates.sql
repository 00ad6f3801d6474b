-- PostgreSQL twin of migrations/0016-due-dates.sql (docs/decisions/021-team-workflow.md): a
-- case's due date, kept by triggers from why it waits (queue_reason), when it entered the
-- queue, its risk level and the install's policy (KycSettings.due_days) or the defaults.
-- SQLite's AFTER triggers re-UPDATE the row; here one BEFORE trigger sets the same columns
-- on the row being written, with the same rules.
ALTER TABLE kyc_cases ADD COLUMN queue_reason TEXT NOT NULL DEFAULT 'new'
  CHECK (queue_reason IN ('new', 'needs_rereview', 'periodic_review'));
ALTER TABLE kyc_cases ADD COLUMN queue_entered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE kyc_cases ADD COLUMN due_at TEXT NOT NULL DEFAULT '9999-12-31T23:59:59.999Z';

-- The one place the due date is computed, from the row as it will be stored.
CREATE FUNCTION kyc_case_due_at(c kyc_cases) RETURNS TEXT LANGUAGE plpgsql STABLE AS $$
DECLARE
  days DOUBLE PRECISION;
BEGIN
  IF c.status IN ('approved', 'rejected') OR c.queue_entered_at = '' THEN
    RETURN '9999-12-31T23:59:59.999Z';
  END IF;
  SELECT (s.settings::jsonb #>> ARRAY['due_days',
      CASE WHEN c.status = 'info_requested' THEN 'info_requested' ELSE c.queue_reason END, c.risk_level])::DOUBLE PRECISION
    INTO days FROM kyc_settings s WHERE s.installed_app_id = c.installed_app_id;
  IF days IS NULL THEN
    days := CASE WHEN c.status = 'info_requested'
      THEN CASE c.risk_level WHEN 'high' THEN 5 WHEN 'medium' THEN 10 ELSE 14 END
      ELSE CASE c.risk_level WHEN 'high' THEN 2 WHEN 'medium' THEN 5 ELSE 10 END
    END;
  END IF;
  RETURN to_char((c.queue_entered_at::timestamptz + days * INTERVAL '1 day') AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
END;
$$;

-- A new case entered the queue when it was created.
CREATE FUNCTION kyc_cases_due_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.queue_reason := 'new';
  NEW.queue_entered_at := NEW.created_at;
  NEW.due_at := kyc_case_due_at(NEW);
  RETURN NEW;
END;
$$;
CREATE TRIGGER kyc_cases_due_insert BEFORE INSERT ON kyc_cases FOR EACH ROW EXECUTE FUNCTION kyc_cases_due_insert();

-- Moving status: a decided case that comes back needs re-review, or its periodic review when
-- that is the change monitoring just recorded; asking the customer, and hearing back, restart
-- the clock. Then the due date, whenever what it depends on is written.
CREATE FUNCTION kyc_cases_due_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IS DISTINCT FROM NEW.status AND NEW.status NOT IN ('approved', 'rejected')
     AND (OLD.status IN ('approved', 'rejected', 'info_requested') OR NEW.status = 'info_requested') THEN
    IF OLD.status IN ('approved', 'rejected') AND NEW.queue_reason = OLD.queue_reason THEN
      NEW.queue_reason := CASE WHEN (SELECT cause FROM kyc_case_changes WHERE installed_app_id = NEW.installed_app_id
          AND case_id = NEW.case_id AND detected_at >= OLD.updated_at ORDER BY change_id DESC LIMIT 1)
          IS NOT DISTINCT FROM 'periodic_review'
        THEN 'periodic_review' ELSE 'needs_rereview' END;
    END IF;
    NEW.queue_entered_at := NEW.updated_at;
  END IF;
  NEW.due_at := kyc_case_due_at(NEW);
  RETURN NEW;
END;
$$;
CREATE TRIGGER kyc_cases_due BEFORE UPDATE OF status, risk_level, queue_reason, queue_entered_at ON kyc_cases
  FOR EACH ROW EXECUTE FUNCTION kyc_cases_due_update();

-- A new due-date policy applies to every open case of the install at once.
CREATE FUNCTION kyc_settings_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kyc_cases SET queue_reason = queue_reason
  WHERE installed_app_id = NEW.installed_app_id AND status NOT IN ('approved', 'rejected');
  RETURN NULL;
END;
$$;
CREATE TRIGGER kyc_settings_due_insert AFTER INSERT ON kyc_settings FOR EACH ROW EXECUTE FUNCTION kyc_settings_due();
CREATE TRIGGER kyc_settings_due_update AFTER UPDATE OF settings ON kyc_settings
  FOR EACH ROW EXECUTE FUNCTION kyc_settings_due();

-- Cases already waiting entered the queue when they were created (or last decided).
UPDATE kyc_cases SET queue_reason = CASE WHEN decided_at IS NULL THEN 'new' ELSE 'needs_rereview' END,
  queue_entered_at = CASE WHEN decided_at IS NULL THEN created_at ELSE updated_at END;
