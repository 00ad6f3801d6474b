-- Request information (issue 12, docs/decisions/021-team-workflow.md): what a reviewer asked
-- the customer for (the text and a list of items) with the decision that asked, and the
-- "received" step that puts the case back in review with the answer noted. The due date is
-- the case's own (kyc_cases.due_at, by the policy's "information requested" days while the
-- case waits); a received request keeps when and by whom, so the history of asks stays.
CREATE TABLE kyc_info_requests (
  request_id       TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  case_id          TEXT NOT NULL,
  decision_id      TEXT NOT NULL,
  body             TEXT NOT NULL,
  items            TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  asked_by         TEXT NOT NULL,
  asked_by_name    TEXT,
  asked_at         TEXT NOT NULL,
  received_at      TEXT,
  received_by      TEXT,
  received_by_name TEXT,
  answer           TEXT,
  CHECK ((received_at IS NULL) = (answer IS NULL))
);
CREATE INDEX kyc_info_requests_case ON kyc_info_requests (installed_app_id, identity_id, asked_at);
