import { AlertDto, AlertListDto, AlertStatusListDto, type UpdateAlertBody } from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { ALERTS_KEY } from '../case/case-queries';

export const ALERTS_PAGE_SIZE = 20;

/** `GET /api/alerts`: the instance's Cloud alerts raised on this install's identities. */
export const alertsQueryOptions = (api: ApiClient, page: number) =>
  queryOptions({
    queryKey: [...ALERTS_KEY, { page }],
    queryFn: () =>
      readJson(
        api.rpc.api.alerts.$get({ query: { page: String(page), pageSize: String(ALERTS_PAGE_SIZE) } }),
        AlertListDto,
      ),
  });

export const alertQueryOptions = (api: ApiClient, alertId: string) =>
  queryOptions({
    queryKey: [...ALERTS_KEY, 'detail', alertId],
    queryFn: () => readJson(api.rpc.api.alerts[':alertId'].$get({ param: { alertId } }), AlertDto),
  });

/** The statuses Cloud accepts (built-in plus the organisation's own, with name and colour); they rarely change. */
export const alertStatusesQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: [...ALERTS_KEY, 'statuses'],
    queryFn: () => readJson(api.rpc.api.alerts.statuses.$get(), AlertStatusListDto),
    staleTime: 10 * 60_000,
  });

/** `PATCH /api/alerts/:id`: the answer is the alert itself; lists showing it are re-read. */
export function useUpdateAlert(alertId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAlertBody) =>
      readJson(api.rpc.api.alerts[':alertId'].$patch({ param: { alertId }, json: body }), AlertDto),
    onSuccess: async (alert) => {
      queryClient.setQueryData(alertQueryOptions(api, alertId).queryKey, alert);
      await queryClient.invalidateQueries({
        queryKey: ALERTS_KEY,
        predicate: (q) => q.queryKey[1] !== 'detail' && q.queryKey[1] !== 'statuses',
      });
    },
  });
}
