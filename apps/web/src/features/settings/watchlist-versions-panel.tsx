import type { WatchlistVersionDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { useRollback, versionsQueryOptions } from './watchlist-queries';
import styles from './watchlist.module.css';

const MODE_NAMES: Readonly<Record<WatchlistVersionDto['mode'], string>> = {
  append: 'Added and updated',
  replace: 'Replaced',
  rollback: 'Rolled back',
};

const what = (v: WatchlistVersionDto) =>
  v.mode === 'rollback' && v.rolled_back_to !== null
    ? `Rolled back to version ${String(v.rolled_back_to)}`
    : `${MODE_NAMES[v.mode]}${v.files.length > 0 ? `: ${v.files.join(', ')}` : ''}`;

/** Every version of the watchlist, newest first: who made it, when, what changed; a lead may restore one. */
export function WatchlistVersionsPanel({ readOnly }: { readOnly: boolean }) {
  const query = useQuery(versionsQueryOptions(useApi()));
  const rollback = useRollback();
  const [target, setTarget] = useState<WatchlistVersionDto | null>(null);

  const columns: ColumnDef<WatchlistVersionDto>[] = [
    {
      header: 'Version',
      accessorKey: 'version',
      cell: ({ row }) => (
        <span className={styles.versionCell}>
          {row.original.version}
          {row.original.active && <Badge tone="success">Active</Badge>}
        </span>
      ),
    },
    { header: 'When', accessorKey: 'created_at', cell: ({ row }) => <TimeText iso={row.original.created_at} /> },
    {
      header: 'By',
      accessorKey: 'created_by_name',
      cell: ({ row }) => row.original.created_by_name ?? (row.original.created_by === 'system' ? 'System' : '—'),
    },
    { header: 'What', id: 'what', enableSorting: false, cell: ({ row }) => what(row.original) },
    { header: 'Entries', accessorKey: 'entry_count', cell: ({ row }) => row.original.entry_count.toLocaleString() },
    {
      header: 'Added / changed / removed',
      id: 'changes',
      enableSorting: false,
      cell: ({ row }) =>
        `${row.original.added.toLocaleString()} / ${row.original.changed.toLocaleString()} / ${row.original.removed.toLocaleString()}`,
    },
    { header: 'Refused rows', accessorKey: 'refused', cell: ({ row }) => row.original.refused.toLocaleString() },
    ...(readOnly
      ? []
      : [
          {
            header: 'Action',
            id: 'action',
            enableSorting: false,
            cell: ({ row }: { row: { original: WatchlistVersionDto } }) =>
              row.original.restorable ? (
                <Button disabled={rollback.isPending} onClick={() => setTarget(row.original)}>
                  Roll back to {row.original.version}
                </Button>
              ) : null,
          } satisfies ColumnDef<WatchlistVersionDto>,
        ]),
  ];

  return (
    <Panel title="Watchlist versions">
      {query.isError ? (
        <QueryErrorState title="The watchlist versions could not be loaded" query={query} />
      ) : (
        <DataTable
          label="Watchlist versions"
          columns={columns}
          data={query.data?.items ?? []}
          getRowId={(v) => String(v.version)}
          loading={query.isPending}
          skeletonRows={3}
          empty={
            <EmptyState title="No watchlist yet">
              Import a list above: each confirmed import becomes a version here.
            </EmptyState>
          }
        />
      )}
      <MutationFeedback
        mutation={rollback}
        pending="Restoring the version and screening every case again…"
        success={
          rollback.data === undefined
            ? 'Rolled back.'
            : `Rolled back: version ${String(rollback.data.version.version)} holds the entries of version ${String(rollback.data.version.rolled_back_to ?? '')}.`
        }
      />
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => {
          if (!open) setTarget(null);
        }}
        title={`Roll back to version ${String(target?.version ?? '')}?`}
        confirmLabel="Roll back"
        tone="danger"
        onConfirm={() => {
          if (target !== null) rollback.mutate(target.version);
        }}
      >
        <p>
          A new version is made with the {target?.entry_count.toLocaleString()} entries of version {target?.version},
          and every case is screened again. The current version stays listed, so this can be undone the same way.
        </p>
      </ConfirmDialog>
    </Panel>
  );
}
