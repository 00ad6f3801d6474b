import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { QueryErrorState } from '../../components/error-state';
import { MissingScopeNotice } from '../../components/missing-scope-notice';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import styles from './case-page.module.css';
import { identityAlertsQueryOptions } from './case-queries';

/** The Cloud alerts on this identity; without alerts:read the panel says why they are missing. */
export function CaseAlertsPanel({ identityId }: { identityId: string }) {
  const { can } = useSession();
  return (
    <Panel title="Cloud alerts">
      {can('alerts:read') ? (
        <AlertList identityId={identityId} />
      ) : (
        <MissingScopeNotice scope="alerts:read" title="Alerts on this identity are not shown" />
      )}
    </Panel>
  );
}

function AlertList({ identityId }: { identityId: string }) {
  const query = useQuery(identityAlertsQueryOptions(useApi(), identityId));
  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading alerts">
        <Skeleton width="80%" />
      </div>
    );
  }
  if (query.isError) return <QueryErrorState title="Alerts could not be loaded" query={query} />;
  if (query.data.items.length === 0) return <p className={styles.muted}>No alert has been raised on this identity.</p>;
  return (
    <ul className={styles.alerts}>
      {query.data.items.map((alert) => (
        <li key={alert.anomaly_id}>
          <Link to={`/alerts/${encodeURIComponent(alert.anomaly_id)}`}>{alert.title || alert.anomaly_id}</Link>
          <Badge tone="neutral">{alert.status}</Badge>
          <span className={styles.muted}>
            <TimeText iso={alert.created_at} />
          </span>
        </li>
      ))}
    </ul>
  );
}
