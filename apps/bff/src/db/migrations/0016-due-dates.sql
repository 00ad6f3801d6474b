-- Due dates (issue 12, docs/decisions/021-team-workflow.md). A case is due a number of days
-- after it entered the queue, by why it is there (queue_reason: new, needs_rereview,
-- periodic_review; info_requested while the customer is asked) and its risk level, from the
-- install's policy in settings (KycSettings.due_days) or the defaults below. Kept by
-- triggers, so every path that moves a case (a decision, monitoring, a re-assessment, a
-- settings change) keeps its due date without knowing about it.
--
-- due_at is NOT NULL so the queue's due-date order is a keyset walk like the others: a case
-- that is not waiting for anyone (approved, rejected) is due '9999-12-31T23:59:59.999Z',
-- after every real date.
ALTER TABLE kyc_cases ADD COLUMN queue_reason TEXT NOT NULL DEFAULT 'new'
  CHECK (queue_reason IN ('new', 'needs_rereview', 'periodic_review'));
ALTER TABLE kyc_cases ADD COLUMN queue_entered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE kyc_cases ADD COLUMN due_at TEXT NOT NULL DEFAULT '9999-12-31T23:59:59.999Z';

-- The one place the due date is computed: whenever what it depends on is written.
-- The SET reads the row as it is now (not NEW), so whichever trigger runs last computes
-- from the final values.
CREATE TRIGGER kyc_cases_due AFTER UPDATE OF status, risk_level, queue_reason, queue_entered_at ON kyc_cases
BEGIN
  UPDATE kyc_cases SET due_at = CASE
    WHEN status IN ('approved', 'rejected') OR queue_entered_at = '' THEN '9999-12-31T23:59:59.999Z'
    ELSE strftime('%Y-%m-%dT%H:%M:%fZ', queue_entered_at, '+' || COALESCE(
      (SELECT json_extract(s.settings, '$.due_days.' ||
          CASE WHEN kyc_cases.status = 'info_requested' THEN 'info_requested' ELSE kyc_cases.queue_reason END
          || '.' || kyc_cases.risk_level)
        FROM kyc_settings s WHERE s.installed_app_id = kyc_cases.installed_app_id),
      CASE WHEN status = 'info_requested'
        THEN CASE risk_level WHEN 'high' THEN 5 WHEN 'medium' THEN 10 ELSE 14 END
        ELSE CASE risk_level WHEN 'high' THEN 2 WHEN 'medium' THEN 5 ELSE 10 END
      END) || ' days')
  END
  WHERE rowid = NEW.rowid;
END;

-- A new case entered the queue when it was created.
CREATE TRIGGER kyc_cases_due_insert AFTER INSERT ON kyc_cases
BEGIN
  UPDATE kyc_cases SET queue_reason = 'new', queue_entered_at = NEW.created_at WHERE rowid = NEW.rowid;
END;

-- Moving status: a decided case that comes back needs re-review, or its periodic review
-- when that is the change monitoring just recorded; asking the customer, and hearing back,
-- restart the clock.
CREATE TRIGGER kyc_cases_due_status AFTER UPDATE OF status ON kyc_cases
WHEN OLD.status IS NOT NEW.status AND NEW.status NOT IN ('approved', 'rejected')
  AND (OLD.status IN ('approved', 'rejected', 'info_requested') OR NEW.status = 'info_requested')
BEGIN
  UPDATE kyc_cases SET
    queue_reason = CASE WHEN OLD.status IN ('approved', 'rejected') AND NEW.queue_reason = OLD.queue_reason
      THEN CASE WHEN (SELECT cause FROM kyc_case_changes WHERE installed_app_id = NEW.installed_app_id
          AND case_id = NEW.case_id AND detected_at >= OLD.updated_at ORDER BY change_id DESC LIMIT 1) IS 'periodic_review'
        THEN 'periodic_review' ELSE 'needs_rereview' END
      ELSE NEW.queue_reason END,
    queue_entered_at = NEW.updated_at
  WHERE rowid = NEW.rowid;
END;

-- A new due-date policy applies to every open case of the install at once.
CREATE TRIGGER kyc_settings_due_insert AFTER INSERT ON kyc_settings
BEGIN
  UPDATE kyc_cases SET queue_reason = queue_reason
  WHERE installed_app_id = NEW.installed_app_id AND status NOT IN ('approved', 'rejected');
END;
CREATE TRIGGER kyc_settings_due_update AFTER UPDATE OF settings ON kyc_settings
BEGIN
  UPDATE kyc_cases SET queue_reason = queue_reason
  WHERE installed_app_id = NEW.installed_app_id AND status NOT IN ('approved', 'rejected');
END;

-- Cases already waiting entered the queue when they were created (or last decided, for a
-- case that came back); this write computes their due dates through the trigger above.
UPDATE kyc_cases SET queue_reason = CASE WHEN decided_at IS NULL THEN 'new' ELSE 'needs_rereview' END,
  queue_entered_at = CASE WHEN decided_at IS NULL THEN created_at ELSE updated_at END;
