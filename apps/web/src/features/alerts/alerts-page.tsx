import type { AlertDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { MissingScopeNotice } from '../../components/missing-scope-notice';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import { AlertStatusChip } from './alert-status-chip';
import styles from './alerts.module.css';
import { ALERTS_PAGE_SIZE, alertsQueryOptions } from './alerts-queries';

const COLUMNS: ColumnDef<AlertDto>[] = [
  {
    id: 'title',
    header: 'Alert',
    cell: ({ row }) => (
      <Link to={`/alerts/${encodeURIComponent(row.original.anomaly_id)}`} tabIndex={-1} className={styles.title}>
        {row.original.title || row.original.anomaly_id}
      </Link>
    ),
  },
  { id: 'status', header: 'Status', cell: ({ row }) => <AlertStatusChip statusKey={row.original.status} /> },
  { id: 'type', header: 'Type', cell: ({ row }) => row.original.type },
  { id: 'identities', header: 'Identities', cell: ({ row }) => row.original.affected_identities.length },
  { id: 'created', header: 'Raised', cell: ({ row }) => <TimeText iso={row.original.created_at} /> },
  { id: 'updated', header: 'Updated', cell: ({ row }) => <TimeText iso={row.original.updated_at} /> },
];

const pageFrom = (params: URLSearchParams) => {
  const page = Number(params.get('page'));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
};

/** The Cloud alerts of this instance; without alerts:read, the page says why there is none. */
export function AlertsPage() {
  const { can } = useSession();
  return (
    <div className={styles.page}>
      <PageHeader title="Alerts" subtitle="Blnk Cloud alerts raised on identities of this instance." />
      {can('alerts:read') ? <AlertsList /> : <MissingScopeNotice scope="alerts:read" title="Alerts cannot be shown" />}
    </div>
  );
}

function AlertsList() {
  const api = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const query = useQuery(alertsQueryOptions(api, page));
  if (query.isError) return <QueryErrorState title="Alerts could not be loaded" query={query} />;
  return (
    <>
      <DataTable
        label="Alerts"
        columns={COLUMNS}
        data={query.data?.items ?? []}
        getRowId={(alert) => alert.anomaly_id}
        loading={query.isPending}
        onRowOpen={(alert) => void navigate(`/alerts/${encodeURIComponent(alert.anomaly_id)}`)}
        rowLabel={(alert) => `${alert.title || alert.anomaly_id}, ${alert.status}. Press Enter to open.`}
        empty={
          <EmptyState title="No alerts">
            Alerts raised on reject, escalate and confirmed watchlist hits appear here.
          </EmptyState>
        }
      />
      {query.data !== undefined && query.data.total > 0 && (
        <Pagination
          label="Alert pages"
          page={page}
          pageSize={ALERTS_PAGE_SIZE}
          total={query.data.total}
          onPageChange={(next) => setParams(next === 1 ? {} : { page: String(next) })}
        />
      )}
    </>
  );
}
