import type { InstanceData } from '../state/instance-data';
import type { ReadableTable } from '../state/table';

// The four Data API resources and the fields each may be filtered on (docs/cloud-contract.md §6.2).

export type FieldKind = 'string' | 'number' | 'date' | 'meta';
export type ResourceName = 'ledgers' | 'balances' | 'transactions' | 'identities';

export interface ResourceSpec {
  readonly name: ResourceName;
  readonly idField: string;
  readonly defaultPageSize: number;
  readonly fields: Readonly<Record<string, FieldKind>>;
  readonly table: (data: InstanceData) => ReadableTable<Row>;
}

/** Records are plain JSON objects; filters read them by field name. */
export type Row = Readonly<Record<string, unknown>> & { readonly created_at: string };

const s = 'string';
const n = 'number';
const d = 'date';
const m = 'meta';

export const RESOURCES: Readonly<Record<ResourceName, ResourceSpec>> = {
  ledgers: {
    name: 'ledgers',
    idField: 'ledger_id',
    defaultPageSize: 30,
    fields: { ledger_id: s, name: s, created_at: d, meta_data: m },
    table: (data) => data.ledgers,
  },
  balances: {
    name: 'balances',
    idField: 'balance_id',
    defaultPageSize: 20,
    fields: {
      balance_id: s,
      ledger_id: s,
      identity_id: s,
      indicator: s,
      currency: s,
      balance: n,
      credit_balance: n,
      debit_balance: n,
      inflight_balance: n,
      inflight_credit_balance: n,
      inflight_debit_balance: n,
      created_at: d,
      meta_data: m,
    },
    table: (data) => data.balances,
  },
  transactions: {
    name: 'transactions',
    idField: 'transaction_id',
    defaultPageSize: 20,
    fields: {
      transaction_id: s,
      parent_transaction: s,
      amount: n,
      currency: s,
      source: s,
      destination: s,
      balance_id: s,
      reference: s,
      status: s,
      created_at: d,
      effective_date: d,
      precision: n,
      meta_data: m,
    },
    table: (data) => data.transactions,
  },
  identities: {
    name: 'identities',
    idField: 'identity_id',
    defaultPageSize: 20,
    fields: {
      identity_id: s,
      first_name: s,
      last_name: s,
      other_names: s,
      gender: s,
      dob: d,
      email_address: s,
      phone_number: s,
      nationality: s,
      street: s,
      country: s,
      state: s,
      organization_name: s,
      category: s,
      identity_type: s,
      post_code: s,
      city: s,
      created_at: d,
      meta_data: m,
    },
    table: (data) => data.identities,
  },
};

export function isResourceName(value: string): value is ResourceName {
  return Object.hasOwn(RESOURCES, value);
}
