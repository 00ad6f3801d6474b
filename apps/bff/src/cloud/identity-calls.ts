import type { Balance, Identity, IdentityId, MetaData, TokenizableField, Transaction } from '@kyc-review/contracts';
import type { ScopedCall } from './cloud-transport';
import { CloudBadResponseError, CloudNotFoundError, CloudUnavailableError } from './cloud-errors';
import { filterApiBody, type DataFilter, type QueryFilter } from './cloud-filters';
import {
  BalancePage,
  DetokenizedReply,
  IdentityDetail,
  IdentityPage,
  IdentityRowsPage,
  MetadataReply,
  TokenizedFieldsReply,
  TransactionPage,
  type CloudPage,
  type IdentityRows,
} from './cloud-responses';
import { OPERATIONS } from './operations';
import { dataListParams, pageParams, type ListQuery } from './page-query';

export interface IdentityCalls {
  /** `GET /data/identities` with `{field}_{op}` filters. */
  listIdentities(query?: ListQuery<DataFilter>): Promise<CloudPage<Identity>>;
  /** Like listIdentities, but rows that do not parse are reported in `unreadable` instead of failing the page. */
  listIdentityRows(query?: ListQuery<DataFilter>): Promise<IdentityRows>;
  /** The detail route, falling back to the list when the detail fails (docs/cloud-contract.md §6.2). */
  getIdentity(id: IdentityId): Promise<Identity>;
  /** `POST /identities/filter`: adds `exists`/`notexists` on metadata keys. */
  filterIdentities(query: ListQuery<QueryFilter>): Promise<CloudPage<Identity>>;
  listBalances(query?: ListQuery<DataFilter>): Promise<CloudPage<Balance>>;
  /** Filter with `balance_id_in` and `status_eq=APPLIED` to count real activity (docs/cloud-contract.md §7). */
  listTransactions(query?: ListQuery<DataFilter>): Promise<CloudPage<Transaction>>;
  /** PascalCase names of the identity's tokenized fields (FirstName, …). */
  getTokenizedFields(id: IdentityId): Promise<string[]>;
  /** The original value of one tokenized field. Needs data:write (revealing PII). */
  detokenizeField(id: IdentityId, field: TokenizableField): Promise<string>;
  /** Shallow top-level merge (docs/cloud-contract.md §6.4); answers the merged metadata. Never retried blindly. */
  updateIdentityMetadata(id: IdentityId, meta: MetaData): Promise<MetaData>;
}

export function identityCalls(call: ScopedCall): IdentityCalls {
  const listIdentities = (query: ListQuery<DataFilter> = {}) =>
    call({
      operation: 'listIdentities',
      path: OPERATIONS.listIdentities.path(),
      query: dataListParams('identities', query),
      schema: IdentityPage,
    });

  return {
    listIdentities,

    listIdentityRows: (query = {}) =>
      call({
        operation: 'listIdentities',
        path: OPERATIONS.listIdentities.path(),
        query: dataListParams('identities', query),
        schema: IdentityRowsPage,
      }),

    async getIdentity(id) {
      try {
        const identity = await call({
          operation: 'getIdentity',
          path: OPERATIONS.getIdentity.path(id),
          schema: IdentityDetail,
        });
        // Another record than the one asked for is a broken answer, never something to show.
        if (identity.identity_id !== id) throw new CloudBadResponseError();
        return identity;
      } catch (error) {
        const detailBroken =
          error instanceof CloudNotFoundError ||
          error instanceof CloudUnavailableError ||
          error instanceof CloudBadResponseError;
        if (!detailBroken) throw error;
      }
      const page = await listIdentities({ pageSize: 1, filters: [{ field: 'identity_id', op: 'eq', value: id }] });
      const found = page.data.find((identity) => identity.identity_id === id);
      if (found === undefined) throw new CloudNotFoundError();
      return found;
    },

    filterIdentities: (query) =>
      call({
        operation: 'filterIdentities',
        path: OPERATIONS.filterIdentities.path(),
        query: pageParams(query),
        body: filterApiBody('identities', query.filters ?? []),
        schema: IdentityPage,
      }),

    listBalances: (query = {}) =>
      call({
        operation: 'listBalances',
        path: OPERATIONS.listBalances.path(),
        query: dataListParams('balances', query),
        schema: BalancePage,
      }),

    listTransactions: (query = {}) =>
      call({
        operation: 'listTransactions',
        path: OPERATIONS.listTransactions.path(),
        query: dataListParams('transactions', query),
        schema: TransactionPage,
      }),

    getTokenizedFields: (id) =>
      call({
        operation: 'getTokenizedFields',
        path: OPERATIONS.getTokenizedFields.path(id),
        schema: TokenizedFieldsReply,
      }),

    detokenizeField: (id, field) =>
      call({
        operation: 'detokenizeField',
        path: OPERATIONS.detokenizeField.path(id, field),
        schema: DetokenizedReply,
      }),

    updateIdentityMetadata: (id, meta) =>
      call({
        operation: 'updateIdentityMetadata',
        path: OPERATIONS.updateIdentityMetadata.path(id),
        body: { meta_data: meta },
        schema: MetadataReply,
      }),
  };
}
