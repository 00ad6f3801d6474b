import type { Clock } from '../clock';
import type { TxRepositories } from '../db/repositories';
import type { Logger } from '../logging/logger';

export type MirrorPurgeDeps = {
  readonly repos: Pick<TxRepositories, 'mirrorPurge' | 'transaction'>;
  /** After deleting: SQLite's WAL keeps no copy of the zeroed pages (Repositories.checkpoint). */
  readonly checkpoint: () => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** UNINSTALL_PURGE_DAYS: how long an uninstalled install's mirror is kept for a reinstall (0 = at once). */
  readonly graceDays: number;
};

export type MirrorPurgeService = ReturnType<typeof createMirrorPurgeService>;

/**
 * Purges the mirrored copy of Cloud's identities (names, emails, phones, streets, dates of
 * birth) of installs uninstalled longer ago than the grace period (docs/cloud-contract.md §8, decision 016).
 * A reinstall within the grace period finds the mirror still there. Cases, decisions and the
 * audit trail are the app's own records and are not touched here. Either engine (decision 022).
 */
export function createMirrorPurgeService({ repos, checkpoint, clock, logger, graceDays }: MirrorPurgeDeps) {
  async function run(): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - graceDays * 86_400_000).toISOString();
    let removed = 0;
    for (const installedAppId of await repos.mirrorPurge.dueBefore(cutoff)) {
      const rows = await repos.transaction((tx) => tx.mirrorPurge.purge(installedAppId));
      removed += rows;
      logger.info('purged the identity mirror of an uninstalled install', {
        install_id: installedAppId,
        identities: rows,
      });
    }
    // Deleted rows are zeroed (secure_delete); the checkpoint takes their old pages out of the WAL.
    if (removed > 0) checkpoint();
    return removed;
  }

  return {
    graceDays,
    /** Purges every mirror that is due; the number of mirrored identities removed. */
    run,
    /** After an uninstall: with no grace period, purge now, after the callback has been answered. */
    afterUninstall(): void {
      if (graceDays > 0) return;
      setImmediate(() => {
        run().catch((error: unknown) => {
          logger.error('identity mirror purge failed', { reason: error instanceof Error ? error.name : 'unknown' });
        });
      });
    },
  };
}
