-- PostgreSQL twin of migrations/0018: what was asked of a customer and what came back.
CREATE TABLE kyc_info_requests (
  request_id       TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL,
  identity_id      TEXT NOT NULL,
  case_id          TEXT NOT NULL,
  decision_id      TEXT NOT NULL,
  body             TEXT NOT NULL,
  items            TEXT NOT NULL DEFAULT '[]',
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
