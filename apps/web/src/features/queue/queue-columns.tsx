import type { CaseSummaryDto } from '@kyc-review/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { Badge } from '../../components/badge';
import { cx } from '../../components/class-names';
import { NARROW_ONLY } from '../../components/data-table';
import { RiskBadge } from '../../components/risk-badge';
import { StatusBadge } from '../../components/status-badge';
import { countryLabel } from '../../components/country-label';
import { TimeText } from '../../components/time-text';
import styles from './queue-page.module.css';

const country = (row: CaseSummaryDto) =>
  row.country.trim() === '' ? null : countryLabel(row.country, row.country_code);

/**
 * What the secondary columns say, under the name when the table is narrow and they step aside
 * (decision 007): open hits, country, created, a pending write-back.
 */
function NarrowFacts({ row }: { row: CaseSummaryDto }) {
  const place = country(row);
  return (
    <span className={cx(NARROW_ONLY, styles.narrowFacts)}>
      {row.open_hits > 0 && (
        <Badge tone="danger">{`${String(row.open_hits)} open ${row.open_hits === 1 ? 'hit' : 'hits'}`}</Badge>
      )}
      {place !== null && <span>{place}</span>}
      <span className={styles.nowrap}>
        Created <TimeText iso={row.created_at} format="date" />
      </span>
      {row.sync_pending && <Badge tone="warning">Sync pending</Badge>}
    </span>
  );
}

/** Shown in their own columns when the table is wide enough, in the name cell when it is not. */
const secondary = { priority: 'secondary' } as const;

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
        <NarrowFacts row={row.original} />
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
    meta: secondary,
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
    meta: secondary,
    cell: ({ row }) => country(row.original) ?? <span className={styles.sub}>—</span>,
  },
  {
    id: 'created',
    header: 'Created',
    accessorFn: (row) => row.created_at,
    sortDescFirst: true,
    // Narrow, the toolbar's Sort still offers newest and oldest first.
    meta: secondary,
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
    meta: secondary,
    cell: ({ row }) =>
      row.original.sync_pending ? (
        <Badge tone="warning" title="The decision is kept and is being written to the ledger">
          Sync pending
        </Badge>
      ) : null,
  },
];
