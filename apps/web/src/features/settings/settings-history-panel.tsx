import type { SettingsChangeDto } from '@kyc-review/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useApi } from '../../api/api-context';
import { actorName } from '../../components/actor-name';
import { Button } from '../../components/button';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { settingsFieldChange, settingsFieldLabel } from './settings-field-label';
import { settingsHistoryQueryOptions } from './settings-queries';
import styles from './settings.module.css';

const columns: ColumnDef<SettingsChangeDto>[] = [
  { header: 'Version', accessorKey: 'version', enableSorting: false },
  {
    header: 'When',
    accessorKey: 'changed_at',
    enableSorting: false,
    cell: ({ row }) => <TimeText iso={row.original.changed_at} format="absolute" />,
  },
  {
    header: 'By',
    id: 'changed_by',
    enableSorting: false,
    cell: ({ row }) => actorName(row.original.changed_by, row.original.changed_by_name),
  },
  {
    header: 'What changed (before → after)',
    id: 'fields',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.fields.length === 0 ? (
        <span className={styles.muted}>Saved without a change</span>
      ) : (
        <ul className={styles.historyFields}>
          {row.original.fields.map((f) => (
            <li key={f.path}>
              <span className={styles.impactName}>{settingsFieldLabel(f.path)}</span>:{' '}
              {settingsFieldChange(f.before, f.after)}
            </li>
          ))}
        </ul>
      ),
  },
];

/** Every saved settings change, newest first: who, when, and each setting before and after (leads). */
export function SettingsHistoryPanel() {
  const query = useInfiniteQuery(settingsHistoryQueryOptions(useApi()));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Panel title="Settings history">
      {query.isError ? (
        <QueryErrorState title="The settings history could not be loaded" query={query} />
      ) : (
        <>
          <DataTable
            label="Settings history"
            columns={columns}
            data={items}
            getRowId={(c) => String(c.change_id)}
            loading={query.isPending}
            skeletonRows={2}
            empty={
              <EmptyState title="No change yet">
                The defaults apply. Each save is listed here with who made it and what it changed.
              </EmptyState>
            }
          />
          {query.hasNextPage && (
            <Button disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? 'Loading older changes…' : 'Show older changes'}
            </Button>
          )}
        </>
      )}
    </Panel>
  );
}
