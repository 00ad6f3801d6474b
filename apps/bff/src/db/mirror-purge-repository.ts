import { InstalledAppId } from '@kyc-review/contracts';
import { z } from 'zod';
import type { SqlExecutor } from './sql/sql';

export type MirrorPurgeRepository = ReturnType<typeof createMirrorPurgeRepository>;

const Ids = z.array(z.object({ installed_app_id: InstalledAppId }));

/** The uninstall grace period's SQL on either engine (decisions 016, 022): which mirrors are due, and removing one. */
export function createMirrorPurgeRepository(sql: SqlExecutor) {
  return {
    /** Uninstalled installs, uninstalled at or before `cutoff`, that still hold a mirror or staged import rows. */
    async dueBefore(cutoff: string): Promise<InstalledAppId[]> {
      // updated_at of an uninstalled install is when we received the uninstall.
      const rows = await sql.all(
        `SELECT installed_app_id FROM installs i WHERE status = 'uninstalled' AND updated_at <= ?
          AND (EXISTS (SELECT 1 FROM identity_mirror m WHERE m.installed_app_id = i.installed_app_id)
            OR EXISTS (SELECT 1 FROM mirror_sync_state s WHERE s.installed_app_id = i.installed_app_id)
            OR EXISTS (SELECT 1 FROM watchlist_import_rows w WHERE w.installed_app_id = i.installed_app_id))
          ORDER BY updated_at`,
        [cutoff],
      );
      return Ids.parse(rows).map((r) => r.installed_app_id);
    },
    /**
     * Deletes the install's mirrored identities, sync state and staged import rows, unless it
     * was reinstalled meanwhile; the mirrored identities removed. Run it in a transaction
     * (`tx.mirrorPurge.purge`), so a reinstall cannot land between the check and the deletes.
     */
    async purge(installedAppId: InstalledAppId): Promise<number> {
      const still = await sql.one("SELECT 1 AS y FROM installs WHERE installed_app_id = ? AND status = 'uninstalled'", [
        installedAppId,
      ]);
      if (still === undefined) return 0;
      await sql.run('DELETE FROM mirror_sync_state WHERE installed_app_id = ?', [installedAppId]);
      // An import's staged entries (names, dates of birth of listed people) left by an import
      // that never finished: nobody can apply them once the install is gone.
      await sql.run('DELETE FROM watchlist_import_rows WHERE installed_app_id = ?', [installedAppId]);
      await sql.run('DELETE FROM watchlist_imports WHERE installed_app_id = ?', [installedAppId]);
      return sql.run('DELETE FROM identity_mirror WHERE installed_app_id = ?', [installedAppId]);
    },
  };
}
