import { CaseDetailDto, InfoRequestListDto, type InfoReceivedBody, type InfoRequestBody } from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { QUEUE_KEY } from '../queue/queue-queries';
import { caseKey } from './case-queries';

const requestsKey = (identityId: string) => [...caseKey(identityId), 'info-requests'] as const;

/** `GET /api/cases/:id/info-requests`: what was asked of the customer, newest first. */
export const infoRequestsQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: requestsKey(identityId),
    queryFn: () =>
      readJson(api.rpc.api.cases[':identityId']['info-requests'].$get({ param: { identityId } }), InfoRequestListDto),
  });

/** The answer is the new case: cached at once; its requests, history and the queue are re-read. */
function useRequestChanged(identityId: string) {
  const queryClient = useQueryClient();
  return async (detail: CaseDetailDto) => {
    queryClient.setQueryData(caseKey(identityId), detail);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: requestsKey(identityId) }),
      queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'history'] }),
      queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
    ]);
  };
}

/** `POST /api/cases/:id/info-requests`: the request_info decision, with the items asked for. */
export function useRequestInfo(identityId: string) {
  const api = useApi();
  const changed = useRequestChanged(identityId);
  return useMutation({
    mutationFn: (body: z.input<typeof InfoRequestBody>) =>
      readJson(
        api.rpc.api.cases[':identityId']['info-requests'].$post({ param: { identityId }, json: body }),
        CaseDetailDto,
      ),
    onSuccess: changed,
  });
}

/** `POST /api/cases/:id/info-requests/received`: the customer answered; back in review. */
export function useInfoReceived(identityId: string) {
  const api = useApi();
  const changed = useRequestChanged(identityId);
  return useMutation({
    mutationFn: (body: InfoReceivedBody) =>
      readJson(
        api.rpc.api.cases[':identityId']['info-requests'].received.$post({ param: { identityId }, json: body }),
        CaseDetailDto,
      ),
    onSuccess: changed,
  });
}
