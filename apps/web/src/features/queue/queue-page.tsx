import type { CaseSummaryDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { DownloadButton } from '../../components/download-button';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { MutationFeedback } from '../../components/mutation-feedback';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { STATUS_LABELS } from '../../components/status-badge';
import { QUEUE_COLUMNS } from './queue-columns';
import {
  applyQueueChanges,
  hasNarrowingFilters,
  queueExportHref,
  QUEUE_PAGE_SIZE,
  readQueueFilters,
  writeQueueFilters,
  type QueueFilterChanges,
} from './queue-filters';
import styles from './queue-page.module.css';
import { queueQueryOptions, useRefreshQueue } from './queue-queries';
import { sortFromSorting, sortingFromSort } from './queue-sort';
import { QueueStatusTabs } from './queue-status-tabs';
import { QueueToolbar } from './queue-toolbar';
import { QueueViews, useDefaultView } from './queue-views';
import { selectionColumn, SelectionBar, useQueueSelection } from './queue-selection';
import { SyncNotice } from './sync-notice';
import { rememberQueueView } from './last-queue-view';

const caseLabel = (row: CaseSummaryDto) =>
  `${row.display_name || row.identity_id}, ${STATUS_LABELS[row.status]}, ${row.risk_level} risk. Press Enter to open the case.`;

/** The review queue: status tabs, search and filters (all in the URL), and one page of cases. */
export function QueuePage() {
  const api = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readQueueFilters(useDefaultView(params));
  const query = useQuery(queueQueryOptions(api, filters));
  const refresh = useRefreshQueue();
  const selection = useQueueSelection();
  const items = query.data?.items ?? [];
  // "Next case" on a case walks the view the reviewer opened it from.
  const viewKey = writeQueueFilters(filters).toString();
  useEffect(() => rememberQueueView(readQueueFilters(new URLSearchParams(viewKey))), [viewKey]);

  const change = (changes: QueueFilterChanges) => {
    setParams(writeQueueFilters(applyQueueChanges(filters, changes)));
  };
  const openCase = (row: CaseSummaryDto) => {
    void navigate(`/cases/${encodeURIComponent(row.identity_id)}`);
  };

  const narrowed = hasNarrowingFilters(filters);
  const syncing = query.data?.syncing === true;
  const empty = syncing ? (
    <EmptyState title="Identities are arriving from Blnk Cloud">The queue fills in as they are checked.</EmptyState>
  ) : narrowed ? (
    <EmptyState
      title="No cases match these filters"
      action={
        <Button
          onClick={() =>
            change({
              q: undefined,
              risk_level: undefined,
              country: undefined,
              identity_type: undefined,
              assignee: undefined,
              overdue: undefined,
              open: undefined,
              second_approval: undefined,
            })
          }
        >
          Clear filters
        </Button>
      }
    >
      Try a shorter search or fewer filters.
    </EmptyState>
  ) : (
    <EmptyState
      title={
        filters.status === undefined
          ? 'No identities yet'
          : `No cases are ${STATUS_LABELS[filters.status].toLowerCase()}`
      }
    >
      {filters.status === undefined
        ? 'Identities appear here once the ledger has some. Refresh re-reads them from Blnk Cloud.'
        : 'Pick another status above to see other cases.'}
    </EmptyState>
  );

  return (
    <div className={styles.page}>
      <PageHeader
        title="Review queue"
        subtitle="Identities of this Blnk Cloud instance and where their review stands."
        actions={
          <>
            <MutationFeedback
              mutation={refresh}
              pending="Refreshing from Blnk Cloud…"
              success="Refresh started; the queue updates as identities sync."
            />
            <DownloadButton href={queueExportHref(filters)} fallbackName="queue.csv">
              Export CSV
            </DownloadButton>
            <Button onClick={() => refresh.mutate()} disabled={refresh.isPending}>
              Refresh
            </Button>
          </>
        }
      />
      {syncing && (
        <p role="status" className={styles.syncing}>
          Syncing identities from Blnk Cloud…
        </p>
      )}
      {query.data !== undefined && <SyncNotice queue={query.data} />}
      <QueueViews filters={filters} />
      <SelectionBar selection={selection} />
      <QueueToolbar key={`${filters.q ?? ''}|${filters.country ?? ''}`} filters={filters} onChange={change} />
      <QueueStatusTabs
        status={filters.status}
        counts={query.data?.counts}
        atLeast={query.data?.counted === 'at_least'}
        onStatusChange={(status) => change({ status })}
      >
        {query.isError && query.data === undefined ? (
          <QueryErrorState title="The queue could not be loaded" query={query} />
        ) : (
          <div className={styles.results}>
            <DataTable
              label="Cases"
              columns={[selectionColumn(selection, items), ...QUEUE_COLUMNS]}
              data={items}
              getRowId={(row) => row.identity_id}
              loading={query.isPending}
              refreshing={query.isPlaceholderData}
              sorting={sortingFromSort(filters.sort)}
              onSortingChange={(sorting) => change({ sort: sortFromSorting(sorting) })}
              manualSorting
              onRowOpen={openCase}
              rowLabel={caseLabel}
              empty={empty}
            />
            {query.data !== undefined && query.data.total > 0 && (
              <Pagination
                label="Queue pages"
                page={query.data.page}
                pageSize={QUEUE_PAGE_SIZE}
                total={query.data.total}
                atLeast={query.data.counted === 'at_least' ? { hasNext: query.data.next_cursor !== null } : undefined}
                onPageChange={(page) => {
                  // Next and Previous seek from the page's own cursors, so a deep page costs what the first does.
                  const cursor = page > query.data.page ? query.data.next_cursor : query.data.prev_cursor;
                  change({ page, cursor: cursor ?? undefined });
                }}
              />
            )}
          </div>
        )}
      </QueueStatusTabs>
    </div>
  );
}
