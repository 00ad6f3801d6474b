import type { SessionDto } from '@kyc-review/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { readQueueFilters } from './queue-filters';
import { queueQueryOptions } from './queue-queries';
import { defaultView } from './queue-views';

/**
 * Asks for the first page a bare /queue shows this reviewer (their default view), under the
 * key the queue page reads, so opening the queue from another screen renders it from the
 * cache (fresh for the query client's stale time) instead of waiting for it. Errors are
 * the page's to show when it asks again.
 */
export const prefetchQueue = (api: ApiClient, queryClient: QueryClient, session: SessionDto): Promise<void> =>
  queryClient.query(queueQueryOptions(api, readQueueFilters(defaultView(new URLSearchParams(), session)))).then(
    () => undefined,
    () => undefined,
  );
