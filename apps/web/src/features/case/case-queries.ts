import { AlertListDto, BalanceListDto, CaseDetailDto, HistoryDto, TransactionListDto } from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';

// Query keys: ['case', id] is the case itself; ['case', id, …] is everything shown beside it,
// so one invalidation after a decision refreshes the whole screen.
export const caseKey = (identityId: string) => ['case', identityId] as const;
export const ALERTS_KEY = ['alerts'] as const;

/** How many recent applied transactions the case shows. */
export const RECENT_TRANSACTIONS = 10;

export const caseQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: caseKey(identityId),
    queryFn: () => readJson(api.rpc.api.cases[':identityId'].$get({ param: { identityId } }), CaseDetailDto),
  });

export const caseHistoryQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'history'],
    queryFn: () => readJson(api.rpc.api.cases[':identityId'].history.$get({ param: { identityId } }), HistoryDto),
  });

export const balancesQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'balances'],
    queryFn: () => readJson(api.rpc.api.identities[':identityId'].balances.$get({ param: { identityId } }), BalanceListDto),
  });

export const transactionsQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'transactions'],
    queryFn: () =>
      readJson(
        api.rpc.api.identities[':identityId'].transactions.$get({ param: { identityId }, query: { page: '1', pageSize: String(RECENT_TRANSACTIONS) } }),
        TransactionListDto,
      ),
  });

/** The Cloud alerts on one identity (needs alerts:read; the panel checks before asking). */
export const identityAlertsQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...ALERTS_KEY, { identity_id: identityId }],
    queryFn: () => readJson(api.rpc.api.alerts.$get({ query: { identity_id: identityId } }), AlertListDto),
  });
