import { z } from 'zod';
import type { Db } from './open-database';

export type RetentionRepository = ReturnType<typeof createRetentionRepository>;

/**
 * Tables whose rows outlive the retention period. `installs` keeps the install's ids and
 * status (no key, no personal data) and `callback_events` its events' fingerprints, so a
 * replayed old event is still recognised; `retention_deletions` is the job's own guard.
 * Every other table with an `installed_app_id` column is the install's data and is deleted.
 */
export const KEPT_BEYOND_RETENTION: readonly string[] = ['installs', 'callback_events', 'retention_deletions'];

/**
 * Tables without an `installed_app_id` column that hold an install's rows through a parent
 * (a case, a reviewer): deleted first, by their parent's install. A test fails on any table
 * that is neither keyed by install, listed here, nor in GLOBAL_TABLES.
 */
export const RETAINED_THROUGH_PARENT: Readonly<Record<string, string>> = {
  kyc_case_assessments: 'case_id IN (SELECT case_id FROM kyc_cases WHERE installed_app_id = ?)',
  kyc_case_baselines: 'case_id IN (SELECT case_id FROM kyc_cases WHERE installed_app_id = ?)',
  reviewer_recovery_codes: 'reviewer_id IN (SELECT reviewer_id FROM reviewers WHERE installed_app_id = ?)',
};

/** Tables that belong to no install. */
export const GLOBAL_TABLES: readonly string[] = ['schema_migrations', 'sqlite_sequence'];

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables, other than the kept ones, that carry an `installed_app_id` column. */
export function tablesKeyedByInstall(db: Db): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all()
    .map((name) => z.string().parse(name));
  return tables.filter(
    (table) =>
      !KEPT_BEYOND_RETENTION.includes(table) &&
      db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'installed_app_id'`).pluck().get(table) !== undefined,
  );
}

/**
 * The retention period's SQL (docs/cloud-contract.md §8, decision 016): which uninstalled installs are
 * past it, and deleting everything such an install holds except what KEPT_BEYOND_RETENTION
 * names. The audit trail's and the notes' no-delete triggers let rows go only while the
 * install is named in `retention_deletions`, which happens inside this transaction only.
 */
export function createRetentionRepository(db: Db) {
  // updated_at of an uninstalled install is when we received the uninstall.
  const due = db.prepare(
    "SELECT installed_app_id FROM installs WHERE status = 'uninstalled' AND updated_at <= ? ORDER BY updated_at",
  );
  const stillUninstalled = db.prepare("SELECT 1 FROM installs WHERE installed_app_id = ? AND status = 'uninstalled'");
  const guard = db.prepare('INSERT INTO retention_deletions (installed_app_id) VALUES (?)');
  const unguard = db.prepare('DELETE FROM retention_deletions WHERE installed_app_id = ?');
  // Read once: the schema does not change while the server runs.
  const statements = [
    ...Object.entries(RETAINED_THROUGH_PARENT).map(([table, where]) => ({
      table,
      statement: db.prepare(`DELETE FROM ${quoted(table)} WHERE ${where}`),
    })),
    ...tablesKeyedByInstall(db).map((table) => ({
      table,
      statement: db.prepare(`DELETE FROM ${quoted(table)} WHERE installed_app_id = ?`),
    })),
  ];

  return {
    /** Uninstalled installs whose uninstall was received at or before `cutoff`. */
    dueBefore(cutoff: string): string[] {
      return due
        .pluck()
        .all(cutoff)
        .map((id) => z.string().parse(id));
    },
    /**
     * Deletes the install's records in one transaction, unless it was reinstalled meanwhile.
     * Rows removed per table (tables with none left out).
     */
    remove(installedAppId: string): Record<string, number> {
      return db
        .transaction(() => {
          const removed: Record<string, number> = {};
          if (stillUninstalled.get(installedAppId) === undefined) return removed;
          // Children and parents go in one transaction; their references are checked at commit.
          db.pragma('defer_foreign_keys = ON');
          guard.run(installedAppId);
          for (const { table, statement } of statements) {
            const { changes } = statement.run(installedAppId);
            if (changes > 0) removed[table] = changes;
          }
          unguard.run(installedAppId);
          return removed;
        })
        .immediate();
    },
  };
}
