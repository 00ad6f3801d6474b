import type { BalanceRow, IdentityRow, LedgerRow, TransactionRow } from '../state/records';
import type { SeedContext } from './context';

// Ledgers, balances linked to identities, and their money movement. Every transfer
// appears as Core shows it: a QUEUED parent and, once applied, an APPLIED child
// (docs/cloud-contract.md §7). Some stay QUEUED or INFLIGHT, some were REJECTED.

const CURRENCIES = ['USD', 'EUR', 'GBP', 'NGN', 'CAD'] as const;
const PRECISION = 100;

export interface LedgerData {
  readonly ledgers: LedgerRow[];
  readonly balances: BalanceRow[];
  readonly transactions: TransactionRow[];
}

function balanceRow(
  ctx: SeedContext,
  ledgerId: string,
  currency: string,
  identityId: string,
  createdAt: string,
  indicator = '',
): BalanceRow {
  return {
    balance_id: ctx.id('bln_'),
    ledger_id: ledgerId,
    identity_id: identityId,
    indicator,
    currency,
    balance: 0,
    credit_balance: 0,
    debit_balance: 0,
    inflight_balance: 0,
    inflight_credit_balance: 0,
    inflight_debit_balance: 0,
    version: 1,
    created_at: createdAt,
    meta_data: {},
  };
}

function later(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function seedLedgerData(ctx: SeedContext, identities: readonly IdentityRow[]): LedgerData {
  const { prng } = ctx;
  const opened = ctx.pastTime(900, 800);
  const ledger = (name: string): LedgerRow => ({
    ledger_id: ctx.id('ldg_'),
    name,
    created_at: later(opened, prng.int(0, 86_400_000)),
    meta_data: { description: `${name} (emulator)` },
  });
  const general = ledger('General Ledger');
  const wallets = ledger('Customer Wallets');
  const savings = ledger('Savings Accounts');
  const ledgers = [general, wallets, savings, ledger('Merchant Settlements')];
  const world = new Map(CURRENCIES.map((c) => [c, balanceRow(ctx, general.ledger_id, c, '', opened, `@World${c}`)]));
  const balances: BalanceRow[] = [...world.values()];
  const transactions: TransactionRow[] = [];
  // Large seeds (benchmarks) keep fewer transfers per balance so memory stays modest.
  const maxTransfers = identities.length > 5000 ? 2 : 5;

  const post = (source: BalanceRow, destination: BalanceRow, minor: number, at: string, status: string): void => {
    const parent: TransactionRow = {
      transaction_id: ctx.id('txn_'),
      parent_transaction: '',
      source: source.balance_id,
      destination: destination.balance_id,
      reference: `ref_${prng.hex(16)}`,
      amount: minor / PRECISION,
      precise_amount: minor,
      precision: PRECISION,
      currency: source.currency,
      description: source.identity_id === '' ? 'Deposit' : 'Withdrawal',
      status: status === 'INFLIGHT' ? 'INFLIGHT' : 'QUEUED',
      created_at: at,
      effective_date: at,
      meta_data: prng.chance(0.4) ? { channel: prng.pick(['card', 'bank_transfer', 'mobile_money']) } : {},
    };
    transactions.push(parent);
    if (status === 'INFLIGHT') {
      source.inflight_debit_balance += minor;
      destination.inflight_credit_balance += minor;
      source.inflight_balance -= minor;
      destination.inflight_balance += minor;
      return;
    }
    if (status !== 'APPLIED' && status !== 'REJECTED') return;
    const childAt = later(at, prng.int(200, 5000));
    transactions.push({
      ...parent,
      transaction_id: ctx.id('txn_'),
      parent_transaction: parent.transaction_id,
      status,
      created_at: childAt,
      effective_date: childAt,
    });
    if (status === 'REJECTED') return;
    source.debit_balance += minor;
    destination.credit_balance += minor;
    for (const b of [source, destination]) {
      b.balance = b.credit_balance - b.debit_balance;
      b.version += 1;
    }
  };

  for (const identity of identities) {
    if (!prng.chance(0.65)) continue;
    const count = prng.chance(0.25) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const currency = prng.pick(CURRENCIES);
      const account = balanceRow(
        ctx,
        i === 0 ? wallets.ledger_id : savings.ledger_id,
        currency,
        identity.identity_id,
        later(identity.created_at, prng.int(60_000, 86_400_000)),
      );
      balances.push(account);
      const source = world.get(currency) ?? account;
      const transfers = prng.int(0, maxTransfers);
      for (let t = 0; t < transfers; t++) {
        const at = later(account.created_at, prng.int(1, 300) * 3_600_000);
        if (Date.parse(at) > ctx.now.getTime()) continue;
        const roll = prng.next();
        const status = roll < 0.78 ? 'APPLIED' : roll < 0.9 ? 'QUEUED' : roll < 0.95 ? 'INFLIGHT' : 'REJECTED';
        const minor = prng.int(5, 5000) * 100 + prng.int(0, 99);
        // Mostly deposits; a withdrawal only when the account holds enough.
        if (t > 0 && prng.chance(0.3) && account.balance > minor) post(account, source, minor, at, status);
        else post(source, account, minor, at, status);
      }
    }
  }
  return { ledgers, balances, transactions };
}
