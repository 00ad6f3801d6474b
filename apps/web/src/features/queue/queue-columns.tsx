import type { CaseSummaryDto } from '@kyc-review/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { Badge } from '../../components/badge';
import { RiskBadge } from '../../components/risk-badge';
import { StatusBadge } from '../../components/status-badge';
import { countryLabel } from '../../components/country-label';
import { TimeText } from '../../components/time-text';
import styles from './queue-page.module.css';

/** The queue's columns; sorting is done by the BFF, so only sortable ids matter here. */
export const QUEUE_COLUMNS: ColumnDef<CaseSummaryDto>[] = [
  {
    id: 'name',
    header: 'Name',
    enableSorting: false,
    cell: ({ row }) => (
      <div className={styles.nameCell}>
        <Link to={`/cases/${encodeURIComponent(row.original.identity_id)}`} tabIndex={-1} className={styles.name}>
          {row.original.display_name || row.original.identity_id}
        </Link>
        <span className={styles.sub}>{row.original.identity_type}</span>
      </div>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    enableSorting: false,
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  // Due right after the status: it is what a reviewer's day is ordered by, and stays in view at 1024 px.
  {
    id: 'due',
    header: 'Due',
    accessorFn: (row) => row.due_at,
    sortDescFirst: false,
    cell: ({ row }) =>
      row.original.due_at === null ? (
        <span className={styles.sub}>—</span>
      ) : (
        <span className={styles.dueCell}>
          <span className={styles.nowrap}>
            <TimeText iso={row.original.due_at} format="date" />
          </span>
          {row.original.overdue && <Badge tone="danger">Overdue</Badge>}
        </span>
      ),
  },
  {
    id: 'risk',
    header: 'Risk',
    // An accessor makes the column sortable; the BFF does the sorting (manualSorting).
    accessorFn: (row) => row.risk_score,
    sortDescFirst: true,
    cell: ({ row }) => (
      <div className={styles.riskCell}>
        <RiskBadge level={row.original.risk_level} score={row.original.risk_score} />
        {row.original.top_reasons.length > 0 && (
          <ul className={styles.reasons}>
            {row.original.top_reasons.map((reason, index) => (
              <li key={index} title={reason}>
                {reason}
              </li>
            ))}
          </ul>
        )}
      </div>
    ),
  },
  {
    id: 'assignee',
    header: 'Assignee',
    enableSorting: false,
    cell: ({ row }) => row.original.assignee_name ?? <span className={styles.sub}>Unassigned</span>,
  },
  {
    id: 'open_hits',
    header: 'Open hits',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.open_hits > 0 ? (
        <Badge tone="danger">{row.original.open_hits}</Badge>
      ) : (
        <span className={styles.sub}>0</span>
      ),
  },
  {
    id: 'country',
    header: 'Country',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.country.trim() === '' ? (
        <span className={styles.sub}>—</span>
      ) : (
        countryLabel(row.original.country, row.original.country_code)
      ),
  },
  {
    id: 'created',
    header: 'Created',
    accessorFn: (row) => row.created_at,
    sortDescFirst: true,
    cell: ({ row }) => (
      <span className={styles.nowrap}>
        <TimeText iso={row.original.created_at} format="date" />
      </span>
    ),
  },
  {
    id: 'sync',
    header: 'Sync',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.sync_pending ? (
        <Badge tone="warning" title="The decision is kept and is being written to the ledger">
          Sync pending
        </Badge>
      ) : null,
  },
];
