-- PostgreSQL twin of migrations/0002: when Cloud refused the active install's key (decision 009).
ALTER TABLE installs ADD COLUMN key_rejected_at TEXT;
