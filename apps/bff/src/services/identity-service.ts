import type {
  Balance,
  BalanceListDto,
  IdentityDto,
  IdentityId,
  IdentityListDto,
  IdentityListQuery,
  PageQuery,
  TransactionListDto,
} from '@kyc-review/contracts';
import type { InstallCloudClient } from '../cloud/cloud-client';
import { CloudNotFoundError } from '../cloud/cloud-errors';
import { MAX_PAGE_SIZE } from '../cloud/page-query';
import { NotFoundError } from '../errors';
import { listIdentities } from './identity-list';
import { newestFirst, toBalanceDto, toIdentityDto, toTransactionDto } from './record-dto';
import type { Session } from './session';

export type IdentityServiceDeps = {
  /** The session's install's Cloud client: the tenant comes from the session only. */
  readonly cloudFor: (session: Session) => InstallCloudClient;
};

export type IdentityService = ReturnType<typeof createIdentityService>;

/**
 * One answer for "not in your instance" and "does not exist": Cloud scopes every Data
 * call to the session's instance, so another install's id is simply not found there,
 * and saying anything else would confirm that it exists elsewhere (decision 009).
 */
export async function orNotFound<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CloudNotFoundError) throw new NotFoundError(`No such ${what}.`);
    throw error;
  }
}

/** The identity's balances: the first MAX_PAGE_SIZE, which is also what `balance_id_in` can take. */
const balancesOf = (cloud: InstallCloudClient, id: IdentityId) =>
  cloud.listBalances({ page: 1, pageSize: MAX_PAGE_SIZE, filters: [{ field: 'identity_id', op: 'eq', value: id }] });

const balanceIds = (balances: readonly Balance[]) => balances.map((b) => b.balance_id);

/** Identity reads through Cloud's Data and Filters APIs (issue 4). No Hono, no SQL. */
export function createIdentityService({ cloudFor }: IdentityServiceDeps) {
  return {
    list(session: Session, query: IdentityListQuery): Promise<IdentityListDto> {
      return listIdentities(cloudFor(session), query);
    },

    async get(session: Session, id: IdentityId): Promise<IdentityDto> {
      return toIdentityDto(await orNotFound(cloudFor(session).getIdentity(id), 'identity'));
    },

    /**
     * The identity is read first (in parallel): a foreign id is a 404, not an empty list.
     * `precision` comes from the balances' latest transactions, the only place Blnk keeps it.
     */
    async balances(session: Session, id: IdentityId): Promise<BalanceListDto> {
      const cloud = cloudFor(session);
      const [, balances] = await Promise.all([orNotFound(cloud.getIdentity(id), 'identity'), balancesOf(cloud, id)]);
      const precisions = new Map<string, number>();
      if (balances.data.length > 0) {
        const ids = balanceIds(balances.data);
        const recent = await cloud.listTransactions({
          page: 1,
          pageSize: MAX_PAGE_SIZE,
          filters: [{ field: 'balance_id', op: 'in', values: ids }],
        });
        for (const txn of recent.data) {
          for (const end of [txn.source, txn.destination]) if (!precisions.has(end)) precisions.set(end, txn.precision);
        }
      }
      return {
        items: balances.data.map((b) => toBalanceDto(b, precisions.get(b.balance_id) ?? null)),
        page: 1,
        pageSize: MAX_PAGE_SIZE,
        total: balances.total,
      };
    },

    /**
     * APPLIED transactions touching the identity's balances, newest first. A transfer is a
     * QUEUED parent plus an APPLIED child (docs/cloud-contract.md §7): only the child is real activity.
     */
    async transactions(session: Session, id: IdentityId, paging: PageQuery): Promise<TransactionListDto> {
      const cloud = cloudFor(session);
      const [, balances] = await Promise.all([orNotFound(cloud.getIdentity(id), 'identity'), balancesOf(cloud, id)]);
      const empty = { items: [], page: paging.page, pageSize: paging.pageSize, total: 0 };
      if (balances.data.length === 0) return empty;
      const page = await cloud.listTransactions({
        page: paging.page,
        pageSize: paging.pageSize,
        filters: [
          { field: 'balance_id', op: 'in', values: balanceIds(balances.data) },
          { field: 'status', op: 'eq', value: 'APPLIED' },
        ],
      });
      return {
        items: [...page.data].sort(newestFirst).map(toTransactionDto),
        page: paging.page,
        pageSize: paging.pageSize,
        total: page.total,
      };
    },
  };
}
