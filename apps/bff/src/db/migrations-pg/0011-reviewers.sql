-- PostgreSQL twin of migrations/0011-reviewers.sql.
-- Reviewers (docs/decisions/017-reviewer-identity.md): Cloud names nobody in a launch
-- (docs/cloud-contract.md §3, §9), so the app keeps its own people per install. A launched session is
-- only half a sign-in until a reviewer signs in on it.
--
-- No foreign key to installs: reviewers, like cases and the audit trail, are the app's own
-- records and survive an uninstall and a reinstall of the same installed_app_id.

CREATE TABLE reviewers (
  reviewer_id      TEXT PRIMARY KEY,               -- rvw_<uuid>
  installed_app_id TEXT NOT NULL,
  display_name     TEXT NOT NULL,
  email            TEXT NOT NULL,                  -- normalised: trimmed, lower case
  role             TEXT NOT NULL CHECK (role IN ('reviewer', 'lead', 'admin')),
  status           TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  password_hash    TEXT NOT NULL,                  -- scrypt, parameters inside (crypto/password.ts)
  totp_secret      TEXT,                           -- AES-256-GCM envelope under the key ring, reviewer id as AAD
  -- the last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2)
  totp_last_step   INTEGER,
  cloud_user_id    TEXT,                           -- linked Cloud user: signs in without the password
  created_at       TEXT NOT NULL,
  last_sign_in_at  TEXT,
  UNIQUE (installed_app_id, email),
  UNIQUE (installed_app_id, cloud_user_id)
);
CREATE INDEX reviewers_install ON reviewers (installed_app_id, status, role);

-- One row per install that was bootstrapped: the primary key makes a second, concurrent
-- bootstrap fail inside the database, whatever process it runs in.
CREATE TABLE reviewer_bootstrap (
  installed_app_id TEXT PRIMARY KEY,
  reviewer_id      TEXT NOT NULL REFERENCES reviewers (reviewer_id),
  at               TEXT NOT NULL
);

-- Single-use recovery codes for a lost authenticator, stored hashed.
CREATE TABLE reviewer_recovery_codes (
  reviewer_id TEXT NOT NULL REFERENCES reviewers (reviewer_id),
  code_hash   TEXT NOT NULL,
  used_at     TEXT,
  PRIMARY KEY (reviewer_id, code_hash)
);

-- "Remember this browser" (30 days): the opaque device token in a second cookie, hashed.
CREATE TABLE remembered_devices (
  device_hash      TEXT PRIMARY KEY,
  reviewer_id      TEXT NOT NULL REFERENCES reviewers (reviewer_id),
  installed_app_id TEXT NOT NULL,
  label            TEXT NOT NULL,                  -- a short browser description for the reviewer's list
  created_at       TEXT NOT NULL,
  last_used_at     TEXT NOT NULL,
  expires_at       BIGINT NOT NULL                 -- epoch ms
);
CREATE INDEX remembered_devices_reviewer ON remembered_devices (reviewer_id);
CREATE INDEX remembered_devices_install ON remembered_devices (installed_app_id);

-- An admin's invitation: a single-use code, valid 72 h, shown once, stored hashed.
CREATE TABLE reviewer_invitations (
  invitation_id    TEXT PRIMARY KEY,               -- inv_<uuid>
  installed_app_id TEXT NOT NULL,
  code_hash        TEXT NOT NULL UNIQUE,
  display_name     TEXT NOT NULL,
  email            TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('reviewer', 'lead', 'admin')),
  created_by       TEXT NOT NULL REFERENCES reviewers (reviewer_id),
  created_at       TEXT NOT NULL,
  expires_at       BIGINT NOT NULL,                -- epoch ms
  redeemed_by      TEXT REFERENCES reviewers (reviewer_id),
  redeemed_at      TEXT,
  revoked_at       TEXT
);
CREATE INDEX reviewer_invitations_install ON reviewer_invitations (installed_app_id, created_at);

-- Sign-in failures per (install, email) and the lock they lead to. The email need not
-- belong to a reviewer: an unknown email is counted the same, so nothing tells them apart.
CREATE TABLE sign_in_throttle (
  installed_app_id TEXT NOT NULL,
  email            TEXT NOT NULL,
  failures         INTEGER NOT NULL,
  first_failed_at  BIGINT NOT NULL,                -- epoch ms
  locked_until     BIGINT,                         -- epoch ms
  PRIMARY KEY (installed_app_id, email)
);

-- The session: which reviewer signed in on it, and when they last proved their second
-- factor (step-up). A password accepted for an account with TOTP waits here for the code.
ALTER TABLE sessions ADD COLUMN reviewer_id TEXT;
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
ALTER TABLE sessions ADD COLUMN pending_reviewer_id TEXT;
ALTER TABLE sessions ADD COLUMN pending_until BIGINT;
-- A TOTP secret being enrolled on this session (sealed like reviewers.totp_secret).
ALTER TABLE sessions ADD COLUMN enrol_totp_secret TEXT;
CREATE INDEX sessions_reviewer ON sessions (reviewer_id) WHERE reviewer_id IS NOT NULL;

-- Four eyes by person (decision 017): why a case needs two approvers whatever its risk is
-- now (JSON FourEyesDto), set by a high-risk first approval or hits dismissed at high risk.
ALTER TABLE kyc_cases ADD COLUMN four_eyes TEXT;

-- Who did it, beside the actor id: the name at the time and the Cloud user when known.
ALTER TABLE kyc_audit ADD COLUMN actor_name TEXT;
ALTER TABLE hit_dispositions ADD COLUMN disposed_by_name TEXT;
ALTER TABLE kyc_audit ADD COLUMN actor_cloud_user_id TEXT;
CREATE INDEX kyc_audit_install ON kyc_audit (installed_app_id, audit_id);
