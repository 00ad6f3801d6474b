import type { KycRepositories } from '../db/kyc-repositories';
import type { Logger } from '../logging/logger';
import type { AssessmentService } from './assessment-service';
import type { MirroredIdentity } from './mirrored-identity';
import type { TimeSlices } from './time-slices';

/** Marked identities read at a time by the duplicates pass. */
const RELINK_BATCH = 100;

/**
 * The bounded duplicates pass of a sync (decision 019): each identity the sync marked (a new or
 * changed identity shares a key with it) has its case re-assessed once, in the caller's time
 * slices of one transaction each, as rederivable as the sync's own slices (a lost slice leaves
 * its marks set). A case whose re-assessment throws is logged and unmarked, so the pass ends.
 */
export function createDuplicatesPass({
  kyc,
  assessment,
  logger,
}: {
  readonly kyc: KycRepositories;
  readonly assessment: Pick<AssessmentService, 'relinkMarked'>;
  readonly logger: Logger;
}): (installedAppId: string, slices: TimeSlices) => Promise<void> {
  function relinkOne(row: MirroredIdentity): void {
    try {
      kyc.transaction(() => assessment.relinkMarked(row));
    } catch (err) {
      kyc.mirror.clearRelink(row.installedAppId, row.identityId);
      logger.warn('identity sync could not re-assess the duplicates of an identity', {
        installed_app_id: row.installedAppId,
        identity_id: row.identityId,
        reason: err instanceof Error ? err.name : 'unknown',
      });
    }
  }

  return async (installedAppId, slices) => {
    for (;;) {
      const rows = kyc.mirror.markedForRelink(installedAppId, RELINK_BATCH);
      if (rows.length === 0) return;
      let next = 0;
      kyc.rederivableTransaction(() => {
        while (next < rows.length) {
          const row = rows[next++];
          if (row !== undefined) relinkOne(row);
          if (slices.due()) break;
        }
      });
      await slices.maybePause();
    }
  };
}
