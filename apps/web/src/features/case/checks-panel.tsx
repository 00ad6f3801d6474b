import type { CheckResult, CheckStatus, DuplicateMatch } from '@kyc-review/contracts';
import { Link } from 'react-router';
import { CheckStatusIcon } from '../../components/check-status-icon';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { EvidenceList } from './evidence-list';

// Failures first: the reviewer reads what needs attention before what passed.
const ORDER: Readonly<Record<CheckStatus, number>> = { fail: 0, warn: 1, skipped: 2, pass: 3 };

/** The other customers this one may duplicate: a link to each case, by name, with the keys that matched. */
function DuplicateLinks({ duplicates }: { duplicates: readonly DuplicateMatch[] }) {
  return (
    <ul className={styles.evidenceItems} aria-label="Possible duplicates">
      {duplicates.map((d) => (
        <li key={d.identity_id}>
          <Link to={`/cases/${encodeURIComponent(d.identity_id)}`}>{d.name}</Link>
          <span className={styles.muted}> · same {d.matched.join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Every automated check: outcome, the sentence explaining it, and its evidence. The duplicates
 * check lists its matches as links to their cases instead of as raw evidence.
 */
export function ChecksPanel({
  checks,
  assessedAt,
  duplicates,
}: {
  checks: CheckResult[];
  assessedAt: string;
  duplicates: readonly DuplicateMatch[];
}) {
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
                {check.check_id === 'duplicates' && duplicates.length > 0 ? (
                  <>
                    <p>
                      {duplicates.length === 1
                        ? 'Possible duplicate of:'
                        : `${String(duplicates.length)} possible duplicates:`}
                    </p>
                    <DuplicateLinks duplicates={duplicates} />
                  </>
                ) : (
                  <>
                    <p>{check.reason}</p>
                    <EvidenceList evidence={check.evidence} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
