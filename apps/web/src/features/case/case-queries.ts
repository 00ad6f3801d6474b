import {
  AlertListDto,
  BalanceListDto,
  CaseDetailDto,
  HistoryDto,
  NoteListDto,
  TransactionListDto,
  type WriteBackDto,
} from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';

// Query keys: ['case', id] is the case itself; ['case', id, …] is everything shown beside it,
// so one invalidation after a decision refreshes the whole screen.
export const caseKey = (identityId: string) => ['case', identityId] as const;
export const ALERTS_KEY = ['alerts'] as const;

/** How many recent applied transactions the case shows. */
export const RECENT_TRANSACTIONS = 10;

const PENDING_POLL_MS = 2_000;
/** Past this, a failing write-back is not watched: every poll extends the idle session. */
const MAX_FAILING_WAIT_MS = 5 * 60_000;

/**
 * How soon to look at the case again while its write-back is outstanding: soon while a
 * step is pending, just after the outbox's next attempt while one is failing, and not at
 * all once everything landed (or the next attempt is far off). Exported for its test.
 */
export function writeBackPollMs(writeBack: WriteBackDto | null | undefined, now: number): number | false {
  if (writeBack == null) return false;
  const steps = [writeBack.metadata, writeBack.alert];
  if (steps.some((s) => s.state === 'pending')) return PENDING_POLL_MS;
  const retries = steps
    .filter((s) => s.state === 'failing' && s.next_attempt_at !== null)
    .map((s) => Date.parse(s.next_attempt_at ?? ''));
  if (retries.length === 0) return false;
  const wait = Math.max(PENDING_POLL_MS, Math.min(...retries) - now + 500);
  return wait > MAX_FAILING_WAIT_MS ? false : wait;
}

export const caseQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: caseKey(identityId),
    queryFn: () => readJson(api.rpc.api.cases[':identityId'].$get({ param: { identityId } }), CaseDetailDto),
    refetchInterval: (query) => writeBackPollMs(query.state.data?.case.write_back, Date.now()),
  });

export const caseHistoryQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'history'],
    queryFn: () => readJson(api.rpc.api.cases[':identityId'].history.$get({ param: { identityId } }), HistoryDto),
  });

export const balancesQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'balances'],
    queryFn: () =>
      readJson(api.rpc.api.identities[':identityId'].balances.$get({ param: { identityId } }), BalanceListDto),
  });

export const transactionsQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'transactions'],
    queryFn: () =>
      readJson(
        api.rpc.api.identities[':identityId'].transactions.$get({
          param: { identityId },
          query: { page: '1', pageSize: String(RECENT_TRANSACTIONS) },
        }),
        TransactionListDto,
      ),
  });

/** The Cloud alerts on one identity (needs alerts:read; the panel checks before asking). */
export const identityAlertsQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...ALERTS_KEY, { identity_id: identityId }],
    queryFn: () => readJson(api.rpc.api.alerts.$get({ query: { identity_id: identityId } }), AlertListDto),
  });

export const caseNotesQueryOptions = (api: ApiClient, identityId: string) =>
  queryOptions({
    queryKey: [...caseKey(identityId), 'notes'],
    queryFn: () => readJson(api.rpc.api.cases[':identityId'].notes.$get({ param: { identityId } }), NoteListDto),
  });
