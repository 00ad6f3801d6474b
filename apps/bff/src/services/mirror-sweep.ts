import type { KycRepositories } from '../db/kyc-repositories';
import type { TimeSlices } from './time-slices';

/** Mirror rows read at a time when a complete pass removes what Cloud no longer lists. */
const UNSEEN_BATCH = 2_000;

/**
 * After a complete pass: identities Cloud no longer lists leave the mirror and the queue (their
 * cases and history stay), in keyset batches of one transaction each, the event loop released
 * between them (one statement over a million rows held it for seconds; decision 019). Lost on a
 * power cut, a batch is swept again by the next complete pass, so it commits without an fsync.
 */
export async function sweepUnseen(
  kyc: Pick<KycRepositories, 'mirror' | 'rederivableTransaction'>,
  installedAppId: string,
  since: string,
  slices: TimeSlices,
): Promise<number> {
  let removed = 0;
  let after: string | null = '';
  while (after !== null) {
    const from: string = after;
    const batch = kyc.rederivableTransaction(() =>
      kyc.mirror.removeUnseenAfter(installedAppId, since, from, UNSEEN_BATCH),
    );
    removed += batch.removed;
    after = batch.last;
    await slices.maybePause();
  }
  return removed;
}
