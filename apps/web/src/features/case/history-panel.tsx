import { useQuery } from '@tanstack/react-query';
import { DecisionAction } from '@kyc-review/contracts';
import { z } from 'zod';
import { useApi } from '../../api/api-context';
import { ErrorState } from '../../components/error-state';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import styles from './case-page.module.css';
import { caseHistoryQueryOptions } from './case-queries';
import { ACTION_LABELS } from './decision-options';
import { humanize } from './evidence-list';

// Audit entries carry free-form before/after snapshots; a status change is the part worth a line.
const WithStatus = z.object({ status: z.string() });

const HIT_ACTIONS: Readonly<Record<string, string>> = {
  confirmed: 'Hit confirmed as a match',
  false_positive: 'Hit marked false positive',
};

/** Audit actions are codes ("decision:reject", "hit:confirmed"); the timeline says them in words. */
export function actionText(action: string): string {
  const [kind, detail] = action.split(':', 2);
  if (kind === 'decision' && detail !== undefined) {
    const parsed = DecisionAction.safeParse(detail);
    return `Decision: ${parsed.success ? ACTION_LABELS[parsed.data] : humanize(detail)}`;
  }
  if (kind === 'hit' && detail !== undefined) return HIT_ACTIONS[detail] ?? `Hit: ${humanize(detail)}`;
  return humanize(action.replaceAll(':', ': '));
}

function statusChange(before: unknown, after: unknown): string | null {
  const from = WithStatus.safeParse(before);
  const to = WithStatus.safeParse(after);
  if (!to.success) return null;
  if (!from.success) return `Status: ${humanize(to.data.status)}`;
  return from.data.status === to.data.status
    ? null
    : `Status: ${humanize(from.data.status)} → ${humanize(to.data.status)}`;
}

/** The case's audit trail, newest first: who did what, when and why. */
export function HistoryPanel({ identityId }: { identityId: string }) {
  const query = useQuery(caseHistoryQueryOptions(useApi(), identityId));
  return (
    <Panel title="History">
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading the history">
          <Skeleton width="60%" />
        </div>
      ) : query.isError ? (
        <ErrorState
          title="The history could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : query.data.items.length === 0 ? (
        <p className={styles.muted}>Nothing has happened on this case yet.</p>
      ) : (
        <ol className={styles.timeline}>
          {query.data.items.map((entry) => {
            const change = statusChange(entry.before, entry.after);
            return (
              <li key={entry.audit_id}>
                <p>
                  <strong>{actionText(entry.action)}</strong>{' '}
                  <span className={styles.muted}>
                    by {entry.actor} · <TimeText iso={entry.at} />
                  </span>
                </p>
                {change !== null && <p className={styles.muted}>{change}</p>}
                {entry.reason !== null && <p>{entry.reason}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
