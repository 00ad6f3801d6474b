import type { InstanceData } from '../state/instance-data';
import type { BalanceRow, TransactionRow } from '../state/records';
import type { Store } from '../state/store';

/**
 * Core queues a transfer and applies it moments later; the emulator applies it at once:
 * an APPLIED child of the QUEUED parent, or REJECTED when a customer balance would go
 * negative without `allow_overdraft` (internal `@` balances may go negative).
 */
export function applyTransfer(
  store: Store,
  data: InstanceData,
  queued: TransactionRow,
  source: BalanceRow,
  destination: BalanceRow,
  allowOverdraft: boolean,
): TransactionRow {
  const minor = queued.precise_amount;
  const rejected = !allowOverdraft && !source.indicator.startsWith('@') && source.balance - minor < 0;
  const child: TransactionRow = {
    ...queued,
    transaction_id: store.newId('txn_'),
    parent_transaction: queued.transaction_id,
    status: rejected ? 'REJECTED' : 'APPLIED',
    created_at: store.clock().toISOString(),
    meta_data: { ...queued.meta_data },
  };
  data.transactions.insert(child);
  if (rejected) return child;
  source.debit_balance += minor;
  destination.credit_balance += minor;
  for (const b of [source, destination]) {
    b.balance = b.credit_balance - b.debit_balance;
    b.version += 1;
  }
  return child;
}
