import { Table, type IdentityTable } from './table';
import type { AlertRow, BalanceRow, IdentityRow, LedgerRow, TransactionRow } from './records';

export interface InstanceInfo {
  readonly instance_id: string;
  readonly name: string;
}

/** One Core instance behind Cloud: its records, alerts and the vault of tokenized values. */
export interface InstanceData {
  readonly info: InstanceInfo;
  readonly ledgers: Table<LedgerRow>;
  readonly balances: Table<BalanceRow>;
  readonly transactions: Table<TransactionRow>;
  readonly identities: IdentityTable;
  readonly alerts: Table<AlertRow>;
  /** identity_id → PascalCase field → the real value behind its `FPT:` token. */
  readonly secrets: Map<string, Record<string, string>>;
}

export function emptyInstance(info: InstanceInfo): InstanceData {
  return {
    info,
    ledgers: new Table<LedgerRow>((r) => r.ledger_id),
    // Indexes only on fields that never change after insert (see Table).
    balances: new Table<BalanceRow>((r) => r.balance_id, {
      identity_id: (r) => r.identity_id,
      ledger_id: (r) => r.ledger_id,
    }),
    transactions: new Table<TransactionRow>((r) => r.transaction_id, {
      source: (r) => r.source,
      destination: (r) => r.destination,
      parent_transaction: (r) => r.parent_transaction,
    }),
    identities: new Table<IdentityRow>((r) => r.identity_id),
    alerts: new Table<AlertRow>((r) => r.anomaly_id),
    secrets: new Map(),
  };
}
