import type { CaseDto, ChangeCause } from '@kyc-review/contracts';
import { Panel } from '../../components/panel';
import { STATUS_LABELS } from '../../components/status-badge';
import { actorName } from '../../components/actor-name';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';

const CAUSES: Readonly<Record<ChangeCause, string>> = {
  first_screening: 'first screening in the app',
  watchlist_import: 'watchlist import',
  watchlist_rollback: 'watchlist rollback',
  settings_change: 'settings change',
  identity_change: 'identity changed in Cloud',
  duplicate_change: 'a duplicate changed',
  rescreening: 're-screening',
  field_revealed: 'a tokenized field revealed',
  periodic_review: 'periodic review',
};

/**
 * "What changed since the decision": the earlier decision stays visible, with each change
 * monitoring found since (new or changed hit, higher band, newly failing check, review due).
 */
export function ChangesPanel({ kase }: { kase: CaseDto }) {
  const changes = kase.changes_since_decision;
  if (changes.length === 0) return null;
  const decision = kase.last_decision;
  return (
    <Panel title="What changed since the decision">
      <p className={styles.muted}>
        {decision === null ? (
          'Decided before KYC Review saw this case (from the ledger).'
        ) : (
          <>
            {STATUS_LABELS[decision.status_after]} by {actorName(decision.decided_by, decision.decided_by_name)},{' '}
            <TimeText iso={decision.decided_at} />
            {decision.note !== null && `: “${decision.note}”`}
          </>
        )}
      </p>
      <ul className={styles.changes}>
        {changes.map((c) => (
          <li key={c.change.key}>
            {c.change.summary}{' '}
            <span className={styles.muted}>
              ({CAUSES[c.cause]}, <TimeText iso={c.detected_at} />)
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
