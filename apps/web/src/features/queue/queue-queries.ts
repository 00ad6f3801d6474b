import { CaseQueueDto, RefreshStartedDto } from '@kyc-review/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { toQueueQuery, type QueueFilters } from './queue-filters';

/** Everything under this key is queue data; a decision or refresh invalidates all of it. */
export const QUEUE_KEY = ['cases', 'queue'] as const;

/** While the BFF's mirror of Cloud's identities syncs (first read of an install), poll. */
const SYNC_POLL_MS = 1_500;

/** `GET /api/cases`: one page of the queue and the counts per status. */
export const queueQueryOptions = (api: ApiClient, filters: QueueFilters) =>
  queryOptions({
    queryKey: [...QUEUE_KEY, filters],
    queryFn: () => readJson(api.rpc.api.cases.$get({ query: toQueueQuery(filters) }), CaseQueueDto),
    // Keep the current rows on screen while the next page or filter loads (no flash of skeletons).
    placeholderData: keepPreviousData,
    // While identities are still arriving from Cloud, the queue fills itself in.
    refetchInterval: (query) => (query.state.data?.syncing === true ? SYNC_POLL_MS : false),
  });

/** `POST /api/cases/refresh`: re-sync the identity mirror from Cloud, then reload the queue. */
export function useRefreshQueue() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => readJson(api.rpc.api.cases.refresh.$post(), RefreshStartedDto),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
  });
}
