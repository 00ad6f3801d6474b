import type { Clock } from '../clock';
import type { SyncLeaseRepository } from '../db/sync-lease-repository';
import type { Logger } from '../logging/logger';

/** A sync holds its install's lease this long past its last renewal; a killed replica's runs out after it. */
export const SYNC_LEASE_MS = 60_000;
/** The holder renews this often, well within the lease. */
const RENEW_EVERY_MS = SYNC_LEASE_MS / 4;
/** A job that must run (a re-assessment) asks again this often while another replica holds the lease. */
const RETRY_EVERY_MS = 1_000;

export type SyncLease = ReturnType<typeof createSyncLease>;

/**
 * One install's background job (identity sync, re-assessment) on one replica at a time
 * (decision 022): the job runs while this replica holds the install's lease row, renewed
 * while it works and released at the end.
 */
export function createSyncLease({
  leases,
  clock,
  logger,
  holder,
}: {
  leases: SyncLeaseRepository;
  clock: Clock;
  logger: Logger;
  /** This replica's name (services/replica-id.ts). */
  holder: string;
}) {
  const acquire = (installedAppId: string) => {
    const now = clock.now();
    return leases.acquire(installedAppId, holder, now.getTime(), now.getTime() + SYNC_LEASE_MS, now.toISOString());
  };

  async function holding<T>(installedAppId: string, work: () => Promise<T>): Promise<T> {
    let lost = false;
    const renewal = setInterval(() => {
      leases
        .renew(installedAppId, holder, clock.now().getTime() + SYNC_LEASE_MS)
        .then((held) => {
          if (!held && !lost) {
            lost = true;
            logger.error('sync lease lost while the job ran: another replica may run it too', {
              installed_app_id: installedAppId,
            });
          }
        })
        .catch((error: unknown) =>
          logger.warn('sync lease renewal failed', {
            installed_app_id: installedAppId,
            reason: error instanceof Error ? error.name : 'unknown',
          }),
        );
    }, RENEW_EVERY_MS);
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await leases.release(installedAppId, holder);
    }
  }

  return {
    /** Runs `work` holding the install's lease; `{ ran: false }` at once when another replica holds it. */
    async ifFree<T>(installedAppId: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
      if (!(await acquire(installedAppId))) return { ran: false };
      return { ran: true, value: await holding(installedAppId, work) };
    },
    /** Runs `work` holding the install's lease, waiting while another replica holds it. */
    async whenFree<T>(installedAppId: string, work: () => Promise<T>): Promise<T> {
      while (!(await acquire(installedAppId))) await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
      return holding(installedAppId, work);
    },
  };
}
