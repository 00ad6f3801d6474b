import type { Install } from './install-repository';
import { INSTALL_BY_ID, parseInstall } from './install-repository';
import type { Db } from './open-database';
import { parseReviewer, REVIEWER_BY_ID, REVIEWERS_OF_INSTALL } from './reviewer-repository';
import { LIVE_SYNC_LEASE, parseSyncLeaseHolder, type SyncLeaseHolder } from './sync-lease-repository';
import type { Reviewer } from '../services/reviewer';

/** The install reads code not yet converted to the async storage makes, synchronously. */
export type SyncInstallReads = { readonly find: (installedAppId: string) => Install | null };
/** The reviewer reads the (synchronous) case assignment makes inside its transactions. */
export type SyncReviewerReads = {
  readonly find: (installedAppId: string, reviewerId: string) => Reviewer | null;
  readonly list: (installedAppId: string) => Reviewer[];
};

/** The live holder of an install's sync lease, read by the (synchronous) queue and dashboard. */
export type SyncLeaseReads = { readonly holder: (installedAppId: string, nowMs: number) => SyncLeaseHolder | null };

/**
 * SQLite only, and only until the remaining aggregates are async (decision 022): the Cloud
 * key provider (called synchronously per try by the transport), the outbox's and
 * monitoring's install lookups, and case assignment read installs and reviewers inside
 * synchronous code; the queue and dashboard read who holds an install's sync lease. Same SQL
 * and row parsers as the async repositories.
 */
export function createSqliteSyncReads(db: Db): {
  installs: SyncInstallReads;
  reviewers: SyncReviewerReads;
  syncLeases: SyncLeaseReads;
} {
  const liveLease = db.prepare(LIVE_SYNC_LEASE);
  const install = db.prepare(INSTALL_BY_ID);
  const reviewer = db.prepare(REVIEWER_BY_ID);
  const reviewers = db.prepare(REVIEWERS_OF_INSTALL);
  return {
    installs: { find: (installedAppId) => parseInstall(install.get(installedAppId)) },
    syncLeases: { holder: (installedAppId, nowMs) => parseSyncLeaseHolder(liveLease.get(installedAppId, nowMs)) },
    reviewers: {
      find: (installedAppId, reviewerId) => parseReviewer(reviewer.get(installedAppId, reviewerId)),
      list: (installedAppId) =>
        reviewers.all(installedAppId).flatMap((row) => {
          const parsed = parseReviewer(row);
          return parsed === null ? [] : [parsed];
        }),
    },
  };
}
