-- PostgreSQL twin of migrations/0014.
-- Reviewer management (docs/decisions/017-reviewer-identity.md): an admin's install-wide
-- sign-in policy. Without a row, the defaults hold: a second factor for leads and admins only.
CREATE TABLE reviewer_policy (
  installed_app_id     TEXT PRIMARY KEY,
  require_totp_for_all INTEGER NOT NULL CHECK (require_totp_for_all IN (0, 1)),
  updated_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL REFERENCES reviewers (reviewer_id)
);

-- The admin page lists the open invitations of an install; redeeming looks one up by code hash
-- (already unique in 0011).
CREATE INDEX reviewer_invitations_open ON reviewer_invitations (installed_app_id, email)
  WHERE redeemed_at IS NULL AND revoked_at IS NULL;
