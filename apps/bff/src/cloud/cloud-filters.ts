import { BadRequestError } from '../errors';

// Filters for the Data API (query parameters `{field}_{op}=value`, docs/cloud-contract.md §6.2) and the
// Filters API (a JSON body, §6.3). Fields come from a fixed list per resource so a
// filter can never smuggle in a reserved parameter such as `instance_id` or `page`.

export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike';

export type DataFilter =
  | { readonly field: string; readonly op: CompareOp; readonly value: string }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly string[] }
  | { readonly field: string; readonly op: 'between'; readonly values: readonly [string, string] }
  | { readonly field: string; readonly op: 'isnull' | 'isnotnull' };

/** The Filters API adds `exists`/`notexists` for metadata keys (a "never reviewed" queue). */
export type QueryFilter = DataFilter | { readonly field: string; readonly op: 'exists' | 'notexists' };

export type DataResource = 'identities' | 'balances' | 'transactions';

const FIELDS: Record<DataResource, ReadonlySet<string>> = {
  identities: new Set([
    'identity_id',
    'first_name',
    'last_name',
    'other_names',
    'gender',
    'dob',
    'email_address',
    'phone_number',
    'nationality',
    'street',
    'country',
    'state',
    'organization_name',
    'category',
    'identity_type',
    'post_code',
    'city',
    'created_at',
    'meta_data',
  ]),
  balances: new Set([
    'balance_id',
    'ledger_id',
    'identity_id',
    'indicator',
    'currency',
    'balance',
    'credit_balance',
    'debit_balance',
    'inflight_balance',
    'inflight_credit_balance',
    'inflight_debit_balance',
    'created_at',
    'meta_data',
  ]),
  transactions: new Set([
    'transaction_id',
    'parent_transaction',
    'amount',
    'currency',
    'source',
    'destination',
    'balance_id',
    'reference',
    'status',
    'created_at',
    'effective_date',
    'precision',
    'meta_data',
  ]),
};

const META_PATH = /^meta_data(\.[A-Za-z0-9_-]{1,64}){1,4}$/;
const MAX_VALUE_LENGTH = 256;
const MAX_LIST = 100;

function checkField(resource: DataResource, field: string): void {
  if (!FIELDS[resource].has(field) && !META_PATH.test(field)) {
    throw new BadRequestError(`"${field.slice(0, 64)}" is not a filterable field of ${resource}.`);
  }
}

function checkValue(value: string, forbidden?: string): void {
  if (value.length > MAX_VALUE_LENGTH)
    throw new BadRequestError(`Filter values are limited to ${MAX_VALUE_LENGTH} characters.`);
  // `in` lists are comma-joined and `between` pairs pipe-joined on the wire: a value
  // holding the separator would silently become two values.
  if (forbidden !== undefined && value.includes(forbidden)) {
    throw new BadRequestError(`Filter values for this operator cannot contain "${forbidden}".`);
  }
}

function checkFilter(resource: DataResource, filter: QueryFilter): void {
  checkField(resource, filter.field);
  switch (filter.op) {
    case 'in':
      if (filter.values.length === 0 || filter.values.length > MAX_LIST) {
        throw new BadRequestError(`An "in" filter takes 1 to ${MAX_LIST} values.`);
      }
      for (const v of filter.values) checkValue(v, ',');
      return;
    case 'between':
      for (const v of filter.values) checkValue(v, '|');
      return;
    case 'isnull':
    case 'isnotnull':
      return;
    case 'exists':
    case 'notexists':
      if (!META_PATH.test(filter.field)) throw new BadRequestError(`"${filter.op}" applies to metadata keys only.`);
      return;
    default:
      checkValue(filter.value);
  }
}

/** Adds Data API filter parameters to `params`; URLSearchParams does the escaping. */
export function appendDataFilters(
  params: URLSearchParams,
  resource: DataResource,
  filters: readonly DataFilter[],
): void {
  for (const filter of filters) {
    checkFilter(resource, filter);
    const name = `${filter.field}_${filter.op}`;
    switch (filter.op) {
      case 'in':
        params.append(name, filter.values.join(','));
        break;
      case 'between':
        params.append(name, filter.values.join('|'));
        break;
      case 'isnull':
      case 'isnotnull':
        params.append(name, 'true');
        break;
      default:
        params.append(name, filter.value);
    }
  }
}

export interface FilterApiCondition {
  readonly field: string;
  readonly operator: QueryFilter['op'];
  readonly value?: string;
  readonly values?: readonly string[];
}

/** The Filters API body: `{"filters":[{field, operator, value | values}]}`. */
export function filterApiBody(
  resource: DataResource,
  filters: readonly QueryFilter[],
): { filters: FilterApiCondition[] } {
  return {
    filters: filters.map((filter) => {
      checkFilter(resource, filter);
      switch (filter.op) {
        case 'in':
        case 'between':
          return { field: filter.field, operator: filter.op, values: [...filter.values] };
        case 'isnull':
        case 'isnotnull':
        case 'exists':
        case 'notexists':
          return { field: filter.field, operator: filter.op };
        default:
          return { field: filter.field, operator: filter.op, value: filter.value };
      }
    }),
  };
}
