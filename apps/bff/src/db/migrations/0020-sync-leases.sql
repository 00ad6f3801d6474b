-- One identity sync or re-assessment per install at a time, across replicas (issue 15,
-- docs/decisions/022-postgresql-and-replicas.md): the replica running an install's background
-- job holds this row's lease and renews it while it works; the others see it and report the
-- install as syncing. A lease whose holder stopped (a replica killed mid-sync) runs out, and
-- the next replica takes it over.
CREATE TABLE kyc_sync_leases (
  installed_app_id TEXT PRIMARY KEY,
  holder           TEXT NOT NULL,    -- the replica: host, process id and a random part
  lease_until      INTEGER NOT NULL, -- epoch ms
  acquired_at      TEXT NOT NULL
);
