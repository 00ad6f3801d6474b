-- PostgreSQL twin of migrations/0020: the per-install lease of the background sync.
CREATE TABLE kyc_sync_leases (
  installed_app_id TEXT PRIMARY KEY,
  holder           TEXT NOT NULL,
  lease_until      BIGINT NOT NULL,
  acquired_at      TEXT NOT NULL
);
