import type { CheckResult, CheckStatus } from '@kyc-review/contracts';
import { CheckStatusIcon } from '../../components/check-status-icon';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { EvidenceList } from './evidence-list';

// Failures first: the reviewer reads what needs attention before what passed.
const ORDER: Readonly<Record<CheckStatus, number>> = { fail: 0, warn: 1, skipped: 2, pass: 3 };

/** Every automated check: outcome, the sentence explaining it, and its evidence. */
export function ChecksPanel({ checks, assessedAt }: { checks: CheckResult[]; assessedAt: string }) {
  const sorted = [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <Panel
      title="Checks"
      aside={
        <span>
          Assessed <TimeText iso={assessedAt} />
        </span>
      }
    >
      {sorted.length === 0 ? (
        <p className={styles.muted}>No checks have run for this identity yet.</p>
      ) : (
        <ul className={styles.checks}>
          {sorted.map((check) => (
            <li key={check.check_id} className={styles.check}>
              <CheckStatusIcon status={check.status} />
              <div className={styles.checkBody}>
                <p className={styles.checkTitle}>{check.title}</p>
                <p>{check.reason}</p>
                <EvidenceList evidence={check.evidence} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
