import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { EmptyState } from '../../components/empty-state';
import { QueryErrorState } from '../../components/error-state';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import styles from './settings.module.css';
import { watchlistQueryOptions } from './watchlist-queries';

/** The screening watchlist's active version: what it holds. */
export function WatchlistPanel() {
  const query = useQuery(watchlistQueryOptions(useApi()));
  return (
    <Panel title="Watchlist">
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading the watchlist">
          <Skeleton width="60%" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="The watchlist could not be loaded" query={query} />
      ) : query.data.version === 0 ? (
        <EmptyState title="No watchlist yet">Nobody is screened until a lead imports a list.</EmptyState>
      ) : (
        <dl className={styles.summary}>
          <dt>Entries</dt>
          <dd>{query.data.total.toLocaleString()}</dd>
          {query.data.lists.map((list) => (
            <div key={list.list} className={styles.listRow}>
              <dt>{list.list}</dt>
              <dd>{list.count.toLocaleString()}</dd>
            </div>
          ))}
          <dt>Version</dt>
          <dd>{query.data.version}</dd>
          <dt>Updated</dt>
          <dd>{query.data.updated_at === null ? 'Never' : <TimeText iso={query.data.updated_at} />}</dd>
        </dl>
      )}
    </Panel>
  );
}
