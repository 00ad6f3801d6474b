-- The Cloud lifecycle: installs, the callback events received, launch tokens, sessions.
-- Times that are compared are epoch milliseconds (INTEGER); others are ISO-8601 text.

CREATE TABLE installs (
  installed_app_id    TEXT PRIMARY KEY,
  app_id              TEXT NOT NULL,
  instance_id         TEXT NOT NULL,
  organization_id     TEXT,
  status              TEXT NOT NULL CHECK (status IN ('active', 'uninstalled')),
  -- AES-256-GCM envelope (key id inside), NULL once uninstalled: the key is destroyed.
  api_key_ciphertext  TEXT,
  -- HMAC of the key: compares a repeated install event without decrypting.
  api_key_fingerprint TEXT,
  api_key_prefix      TEXT NOT NULL,
  granted_permissions TEXT NOT NULL, -- JSON array of scopes
  installed_at        TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  uninstalled_at      TEXT,
  CHECK (status = 'uninstalled' OR api_key_ciphertext IS NOT NULL)
);

-- Every valid callback event, for traceability and replay detection (decision 002).
CREATE TABLE callback_events (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key     TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('install', 'uninstall')),
  installed_app_id    TEXT NOT NULL,
  -- HMAC over the event's meaningful content; never the content itself.
  content_fingerprint TEXT NOT NULL,
  outcome             TEXT NOT NULL,
  received_at         TEXT NOT NULL
);
CREATE INDEX callback_events_key ON callback_events (idempotency_key, content_fingerprint);

CREATE TABLE launch_tokens (
  token_hash       TEXT PRIMARY KEY,
  installed_app_id TEXT NOT NULL REFERENCES installs (installed_app_id) ON DELETE CASCADE,
  instance_id      TEXT NOT NULL,
  organization_id  TEXT,
  user_id          TEXT,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL
);
CREATE INDEX launch_tokens_install ON launch_tokens (installed_app_id);
CREATE INDEX launch_tokens_expiry ON launch_tokens (expires_at);

CREATE TABLE sessions (
  id_hash             TEXT PRIMARY KEY,
  installed_app_id    TEXT NOT NULL REFERENCES installs (installed_app_id) ON DELETE CASCADE,
  instance_id         TEXT NOT NULL,
  organization_id     TEXT,
  user_id             TEXT,
  csrf_token          TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  idle_expires_at     INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_install ON sessions (installed_app_id);
CREATE INDEX sessions_idle_expiry ON sessions (idle_expires_at);
CREATE INDEX sessions_absolute_expiry ON sessions (absolute_expires_at);
