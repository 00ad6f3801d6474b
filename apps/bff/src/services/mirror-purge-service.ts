import type { Clock } from '../clock';
import type { MirrorPurgeRepository } from '../db/mirror-purge-repository';
import { checkpointWal, type Db } from '../db/open-database';
import type { Logger } from '../logging/logger';

export type MirrorPurgeDeps = {
  readonly db: Db;
  readonly purges: MirrorPurgeRepository;
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
 * audit trail are the app's own records and are not touched here.
 */
export function createMirrorPurgeService({ db, purges, clock, logger, graceDays }: MirrorPurgeDeps) {
  function run(): number {
    const cutoff = new Date(clock.now().getTime() - graceDays * 86_400_000).toISOString();
    let removed = 0;
    for (const installedAppId of purges.dueBefore(cutoff)) {
      const rows = purges.purge(installedAppId);
      removed += rows;
      logger.info('purged the identity mirror of an uninstalled install', {
        install_id: installedAppId,
        identities: rows,
      });
    }
    // Deleted rows are zeroed (secure_delete); the checkpoint takes their old pages out of the WAL.
    if (removed > 0) checkpointWal(db);
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
        try {
          run();
        } catch (error) {
          logger.error('identity mirror purge failed', { reason: error instanceof Error ? error.name : 'unknown' });
        }
      });
    },
  };
}
