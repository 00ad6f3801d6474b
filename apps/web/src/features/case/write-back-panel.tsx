import type { WriteBackDto, WriteBackStep } from '@kyc-review/contracts';
import { Badge, type Tone } from '../../components/badge';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';

const STATE: Readonly<Record<WriteBackStep['state'], { text: string; tone: Tone }>> = {
  not_needed: { text: 'Not needed', tone: 'neutral' },
  pending: { text: 'Sync pending', tone: 'warning' },
  done: { text: 'Done', tone: 'success' },
  skipped: { text: 'Skipped', tone: 'neutral' },
  failing: { text: 'Failing, retrying', tone: 'danger' },
};

function StepDetail({ step }: { step: WriteBackStep }) {
  switch (step.state) {
    case 'done':
      return step.done_at === null ? null : (
        <>
          Written <TimeText iso={step.done_at} />
        </>
      );
    case 'skipped':
      return <>{step.reason ?? 'No reason given.'}</>;
    case 'pending':
    case 'failing': {
      const tries =
        step.attempts === 0 ? 'Queued' : `${String(step.attempts)} attempt${step.attempts === 1 ? '' : 's'}`;
      const error = step.last_error_code === null ? '' : `, last error ${step.last_error_code}`;
      return (
        <>
          {tries}
          {error}
          {step.next_attempt_at !== null && (
            <>
              ; next attempt <TimeText iso={step.next_attempt_at} format="absolute" />
            </>
          )}
          .
        </>
      );
    }
    case 'not_needed':
      return <>{step.reason ?? 'This decision changes nothing in Cloud.'}</>;
  }
}

/** Whether the last decision reached the ledger (metadata) and Cloud's alerts, and if not, why. */
export function WriteBackPanel({ writeBack }: { writeBack: WriteBackDto | null }) {
  return (
    <Panel title="Write-back to Blnk Cloud">
      {writeBack === null ? (
        <p className={styles.muted}>No decision yet, so nothing to write back.</p>
      ) : (
        <dl className={styles.steps}>
          {(
            [
              ['Identity metadata', writeBack.metadata],
              ['Alert', writeBack.alert],
            ] as const
          ).map(([label, step]) => (
            <div key={label}>
              <dt>
                {label} <Badge tone={STATE[step.state].tone}>{STATE[step.state].text}</Badge>
              </dt>
              <dd className={styles.muted}>
                <StepDetail step={step} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}
