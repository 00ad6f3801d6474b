-- Every sign-in step of an install, whatever the email, for its rate of 30 a minute (issue 15,
-- docs/decisions/017-reviewer-identity.md and 022): in the database, so the rate holds across
-- replicas instead of per process. Rows older than the minute are deleted as attempts come in.
CREATE TABLE sign_in_attempts (
  installed_app_id TEXT NOT NULL,
  at               INTEGER NOT NULL -- epoch ms
);
CREATE INDEX sign_in_attempts_recent ON sign_in_attempts (installed_app_id, at);
