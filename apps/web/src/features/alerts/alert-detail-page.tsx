import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { QueryErrorState } from '../../components/error-state';
import { MissingScopeNotice } from '../../components/missing-scope-notice';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { StatusPage } from '../../components/status-page';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import { AlertPeople } from './alert-person';
import { AlertStatusChip } from './alert-status-chip';
import { AlertStatusForm } from './alert-status-form';
import styles from './alerts.module.css';
import { alertQueryOptions } from './alerts-queries';

/** One Cloud alert: what it says, what it affects, and its status. */
export function AlertDetailPage() {
  const { can } = useSession();
  const alertId = useParams()['alertId'] ?? '';
  if (!can('alerts:read')) {
    return (
      <div className={styles.page}>
        <PageHeader title="Alert" />
        <MissingScopeNotice scope="alerts:read" title="This alert cannot be shown" />
      </div>
    );
  }
  return <AlertDetail alertId={alertId} />;
}

function AlertDetail({ alertId }: { alertId: string }) {
  const { can } = useSession();
  const query = useQuery(alertQueryOptions(useApi(), alertId));
  if (query.isPending) {
    return (
      <div className={styles.page} aria-busy="true" aria-label="Loading the alert">
        <Skeleton width="14rem" />
        <Skeleton width="50%" />
      </div>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.code === 'not_found') {
      return (
        <StatusPage title="Alert not found" actions={<Link to="/alerts">Back to alerts</Link>}>
          <p>
            There is no alert <code>{alertId}</code> for this install.
          </p>
        </StatusPage>
      );
    }
    return <QueryErrorState title="The alert could not be loaded" query={query} />;
  }
  const alert = query.data;
  return (
    <div className={styles.page}>
      <Link to="/alerts" className={styles.back}>
        ← Alerts
      </Link>
      <PageHeader
        title={alert.title || alert.anomaly_id}
        badges={<AlertStatusChip statusKey={alert.status} />}
        subtitle={<code>{alert.anomaly_id}</code>}
      />
      <div className={styles.layout}>
        <Panel title="Details">
          <p className={styles.description}>{alert.description}</p>
          <dl className={styles.facts}>
            <dt>Type</dt>
            <dd>{alert.type}</dd>
            <dt>Raised</dt>
            <dd>
              <TimeText iso={alert.created_at} format="absolute" />
            </dd>
            <dt>Updated</dt>
            <dd>
              <TimeText iso={alert.updated_at} format="absolute" />
            </dd>
            <dt>Assigned to</dt>
            <dd>
              <AlertPeople people={alert.assignee === null ? [] : [alert.assignee]} />
            </dd>
            <dt>Escalated to</dt>
            <dd>
              <AlertPeople people={alert.escalated} />
            </dd>
            <dt>Identities</dt>
            <dd>
              {alert.affected_identities.length === 0 ? (
                '—'
              ) : (
                <ul className={styles.ids}>
                  {alert.affected_identities.map((id) => (
                    <li key={id}>
                      {/* By name; an identity the app has no case for yet is named as such, still linked. */}
                      <Link to={`/cases/${encodeURIComponent(id)}`}>
                        {alert.identity_names[id] ?? 'An identity not yet in the queue'}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Balances</dt>
            <dd>{alert.affected_balances.length > 0 ? <code>{alert.affected_balances.join(', ')}</code> : '—'}</dd>
            <dt>Transactions</dt>
            <dd>
              {alert.affected_transactions.length > 0 ? <code>{alert.affected_transactions.join(', ')}</code> : '—'}
            </dd>
          </dl>
        </Panel>
        <Panel title="Status">
          {can('alerts:write') ? null : (
            <p className={styles.muted}>
              Changing the status needs <code>alerts:write</code>, which this install lacks.
            </p>
          )}
          <AlertStatusForm alert={alert} canWrite={can('alerts:write')} />
        </Panel>
      </div>
    </div>
  );
}
