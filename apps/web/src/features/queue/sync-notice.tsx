import type { CaseQueueDto } from '@kyc-review/contracts';
import styles from './queue-page.module.css';

/** What a sync error code means to a reviewer, and what to do about it. */
const SYNC_ERRORS: Readonly<Record<string, string>> = {
  incomplete_listing:
    'Blnk Cloud stopped listing identities before the end, so the queue may be missing some. Refresh to try again.',
  cloud_unavailable:
    'Blnk Cloud did not answer the last sync. The queue shows what was read before; Refresh to try again.',
  cloud_timeout: 'Blnk Cloud took too long to answer the last sync. Refresh to try again.',
  cloud_rate_limited: 'Blnk Cloud asked us to slow down during the last sync. Refresh again in a few minutes.',
  cloud_bad_response: 'Blnk Cloud answered the last sync in a way the app could not read. Refresh to try again.',
  cloud_unauthorized: 'Blnk Cloud no longer accepts this install’s key: reinstall the app from Blnk Cloud.',
};
const GENERIC = 'The last sync with Blnk Cloud did not finish. Refresh to try again.';

const identities = (n: number) => (n === 1 ? '1 identity' : `${n.toLocaleString()} identities`);

/**
 * What the last sync could not do: identities it skipped because their record could not be
 * read, and why it stopped early. Nothing while it went well.
 */
export function SyncNotice({ queue }: { queue: Pick<CaseQueueDto, 'unreadable_identities' | 'sync_error'> }) {
  const { unreadable_identities: unreadable, sync_error: error } = queue;
  if (unreadable === 0 && error === null) return null;
  return (
    <div role="status" className={styles.syncProblem}>
      {unreadable > 0 && (
        <p>
          <strong>{identities(unreadable)} could not be read</strong> from Blnk Cloud and{' '}
          {unreadable === 1 ? 'is' : 'are'} not in the queue (for example, metadata written by another app that nests
          too deep). The other identities synced normally.
        </p>
      )}
      {error !== null && <p>{SYNC_ERRORS[error] ?? GENERIC}</p>}
    </div>
  );
}
