import { InstalledAppId } from '@kyc-review/contracts';
import { z } from 'zod';
import { retentionSteps, type RetentionStep } from './retention-schema';
import type { SqlExecutor } from './sql/sql';

export {
  GLOBAL_TABLES,
  KEPT_BEYOND_RETENTION,
  RETAINED_THROUGH_PARENT,
  schemaTables,
  tablesKeyedByInstall,
} from './retention-schema';

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;

const Ids = z.array(z.object({ installed_app_id: InstalledAppId }));

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The retention period's SQL on either engine (docs/cloud-contract.md §8, decisions 016 and
 * 022): which uninstalled installs are past it, and deleting everything such an install holds
 * except what KEPT_BEYOND_RETENTION names. The audit trail's and the notes' no-delete triggers
 * let rows go only while the install is named in `retention_deletions`, which happens inside
 * the deleting transaction only.
 */
export function createRetentionRepository(sql: SqlExecutor) {
  // Read once per repository: the schema does not change while the server runs.
  let steps: Promise<RetentionStep[]> | null = null;
  return {
    /** Uninstalled installs whose uninstall was received at or before `cutoff` (updated_at is then the uninstall). */
    async dueBefore(cutoff: string): Promise<InstalledAppId[]> {
      const rows = await sql.all(
        "SELECT installed_app_id FROM installs WHERE status = 'uninstalled' AND updated_at <= ? ORDER BY updated_at",
        [cutoff],
      );
      return Ids.parse(rows).map((r) => r.installed_app_id);
    },
    /**
     * Deletes the install's records, unless it was reinstalled meanwhile; rows removed per
     * table (tables with none left out). Run it in a transaction (`tx.retention.remove`): the
     * guard row must never outlive it, and the deletion is all or nothing.
     */
    async remove(installedAppId: InstalledAppId): Promise<Record<string, number>> {
      const removed: Record<string, number> = {};
      const still = await sql.one("SELECT 1 AS y FROM installs WHERE installed_app_id = ? AND status = 'uninstalled'", [
        installedAppId,
      ]);
      if (still === undefined) return removed;
      steps ??= retentionSteps(sql);
      await sql.run('INSERT INTO retention_deletions (installed_app_id) VALUES (?)', [installedAppId]);
      for (const { table, where } of await steps) {
        const changes = await sql.run(`DELETE FROM ${quoted(table)} WHERE ${where}`, [installedAppId]);
        if (changes > 0) removed[table] = changes;
      }
      await sql.run('DELETE FROM retention_deletions WHERE installed_app_id = ?', [installedAppId]);
      return removed;
    },
  };
}
