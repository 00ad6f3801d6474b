import type { Clock } from '../clock';
import type { TxRepositories } from '../db/repositories';
import type { Logger } from '../logging/logger';

export type RetentionDeps = {
  readonly repos: Pick<TxRepositories, 'retention' | 'transaction'>;
  /** After deleting: SQLite's WAL keeps no copy of the zeroed pages (Repositories.checkpoint). */
  readonly checkpoint: () => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** RETENTION_YEARS: how long an uninstalled install's cases, decisions, notes and audit are kept. */
  readonly years: number;
};

export type RetentionService = ReturnType<typeof createRetentionService>;

/** `years` calendar years before `now` (29 February falls back to 1 March). */
export function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * Deletes the app's own records of installs uninstalled more than RETENTION_YEARS ago
 * (docs/cloud-contract.md §8, decision 016): cases, assessments, decisions, hit dispositions, notes, the
 * audit trail, the outbox, reviewers, settings and watchlists. The clock starts when the
 * uninstall is received; a reinstall stops it (and a later uninstall starts it again).
 * Run daily by the entry (index.ts), on either engine (decision 022).
 */
export function createRetentionService({ repos, checkpoint, clock, logger, years }: RetentionDeps) {
  return {
    years,
    /** Deletes every install that is due, one transaction each; the number of rows removed. */
    async run(): Promise<number> {
      const cutoff = yearsBefore(clock.now(), years).toISOString();
      let total = 0;
      for (const installedAppId of await repos.retention.dueBefore(cutoff)) {
        const removed = await repos.transaction((tx) => tx.retention.remove(installedAppId));
        const rows = Object.values(removed).reduce((sum, n) => sum + n, 0);
        if (rows === 0) continue;
        total += rows;
        logger.info('deleted the records of an install past its retention period', {
          install_id: installedAppId,
          retention_years: years,
          rows,
          cases: removed['kyc_cases'] ?? 0,
          audit_entries: removed['kyc_audit'] ?? 0,
        });
      }
      // Deleted rows are zeroed (secure_delete); the checkpoint takes their old pages out of the WAL.
      if (total > 0) checkpoint();
      return total;
    },
  };
}
