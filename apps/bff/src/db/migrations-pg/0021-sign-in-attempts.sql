-- PostgreSQL twin of migrations/0021: an install's recent sign-in steps, for its shared rate.
CREATE TABLE sign_in_attempts (
  installed_app_id TEXT NOT NULL,
  at               BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_recent ON sign_in_attempts (installed_app_id, at);
