import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

/** Who runs an install's background sync now, and until when (epoch ms) unless renewed. */
export type SyncLeaseHolder = { readonly holder: string; readonly leaseUntil: number; readonly acquiredAt: string };

const Row = z.object({ holder: z.string(), lease_until: z.number().int(), acquired_at: z.string() });
export const parseSyncLeaseHolder = (raw: unknown): SyncLeaseHolder | null => {
  if (raw === undefined) return null;
  const r = Row.parse(raw);
  return { holder: r.holder, leaseUntil: r.lease_until, acquiredAt: r.acquired_at };
};

export const LIVE_SYNC_LEASE = 'SELECT * FROM kyc_sync_leases WHERE installed_app_id = ? AND lease_until > ?';

export type SyncLeaseRepository = ReturnType<typeof createSyncLeaseRepository>;

/**
 * The per-install sync lease on either engine (decision 022). Each step is one conditional
 * statement, atomic on both engines: two replicas asking at once cannot both get it.
 */
export function createSyncLeaseRepository(sql: SqlExecutor) {
  return {
    /** Takes the install's lease for `holder` until `untilMs`, unless someone else holds a live one. */
    async acquire(installedAppId: string, holder: string, nowMs: number, untilMs: number, at: string) {
      const changed = await sql.run(
        `INSERT INTO kyc_sync_leases (installed_app_id, holder, lease_until, acquired_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (installed_app_id) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until,
          acquired_at = excluded.acquired_at
        WHERE kyc_sync_leases.lease_until <= ? OR kyc_sync_leases.holder = excluded.holder`,
        [installedAppId, holder, untilMs, at, nowMs],
      );
      return changed === 1;
    },
    /** Extends the lease while `holder` still has it; false when it ran out and someone took it over. */
    async renew(installedAppId: string, holder: string, untilMs: number): Promise<boolean> {
      const changed = await sql.run(
        'UPDATE kyc_sync_leases SET lease_until = ? WHERE installed_app_id = ? AND holder = ?',
        [untilMs, installedAppId, holder],
      );
      return changed === 1;
    },
    /** Gives the lease up (only `holder`'s own). */
    async release(installedAppId: string, holder: string): Promise<void> {
      await sql.run('DELETE FROM kyc_sync_leases WHERE installed_app_id = ? AND holder = ?', [installedAppId, holder]);
    },
    /** The live holder of the install's lease, if any. */
    async holder(installedAppId: string, nowMs: number): Promise<SyncLeaseHolder | null> {
      return parseSyncLeaseHolder(await sql.one(LIVE_SYNC_LEASE, [installedAppId, nowMs]));
    },
  };
}
