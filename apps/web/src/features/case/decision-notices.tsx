import type { CaseDto } from '@kyc-review/contracts';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import styles from './case-page.module.css';

/** What the reviewer must know before deciding: the four-eyes state and what a decision will not do. */
export function DecisionNotices({ kase, reviewerId }: { kase: CaseDto; reviewerId: string | null }) {
  const { can } = useSession();
  const pending = kase.pending_approval;
  return (
    <div className={styles.notices}>
      {pending !== null && (
        <p className={styles.fourEyes} role="note">
          <strong>Waiting for a second approval.</strong>{' '}
          {pending.first_reviewer === reviewerId ? 'You' : (pending.first_reviewer_name ?? 'Another reviewer')} approved{' '}
          <TimeText iso={pending.approved_at} />
          {pending.note !== null && `: “${pending.note}”`}.{' '}
          {pending.first_reviewer === reviewerId
            ? 'A different reviewer with the lead or admin role must approve.'
            : 'A second approval by a lead or admin completes it.'}
        </p>
      )}
      {!can('data:write') && (
        <p className={styles.scopeNote}>
          Decisions are kept in the app and not written to the ledger: the install lacks <code>data:write</code>.
        </p>
      )}
      {!can('alerts:write') && (
        <p className={styles.scopeNote}>
          No Cloud alert will be raised on reject or escalate: the install lacks <code>alerts:write</code>.
        </p>
      )}
    </div>
  );
}
