import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { InstanceData } from '../state/instance-data';
import type { BalanceRow, TransactionRow } from '../state/records';
import type { Store } from '../state/store';
import { coreError, jsonBody, type ApiEnv } from './api-env';
import { applyTransfer } from './transfers';

// Core's metadata update and create routes behind `/proxy` (docs/cloud-contract.md §6.4).

const MetaBody = z.object({ meta_data: z.record(z.string(), z.unknown()) });
const Meta = z.record(z.string(), z.unknown()).nullish();

/** The record an id names, by prefix; `null` for a prefix Core has no metadata route for. */
function entityFor(data: InstanceData, id: string): { meta_data: Record<string, unknown> | null } | undefined | null {
  if (id.startsWith('idt_')) return data.identities.get(id);
  if (id.startsWith('bln_')) return data.balances.get(id);
  if (id.startsWith('ldg_')) return data.ledgers.get(id);
  if (id.startsWith('txn_')) return data.transactions.get(id);
  return null;
}

function invalid(c: Context<ApiEnv>, code: string, error: z.ZodError | null, fallback: string): Response {
  const issue = error?.issues[0];
  return coreError(c, 400, code, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : fallback);
}

const BalanceInput = z.object({
  ledger_id: z.string().min(1),
  currency: z.string().min(1).max(10),
  identity_id: z.string().optional(),
  meta_data: Meta,
});
const LedgerInput = z.object({ name: z.string().min(1).max(200), meta_data: Meta });
const TransactionInput = z.object({
  amount: z.number().positive().optional(),
  precise_amount: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
  precision: z.number().int().positive().default(100),
  reference: z.string().min(1).max(200),
  currency: z.string().min(1).max(10),
  source: z.string().min(1),
  destination: z.string().min(1),
  description: z.string().max(500).default(''),
  allow_overdraft: z.boolean().default(false),
  meta_data: Meta,
});

/** A balance by id, or by indicator (`@World-USD`-style) as Core allows. */
function findBalance(data: InstanceData, ref: string): BalanceRow | undefined {
  return data.balances.get(ref) ?? data.balances.rows().find((b) => b.indicator !== '' && b.indicator === ref);
}

export const proxyWriteRoutes = (store: Store) =>
  new Hono<ApiEnv>()
    .post('/proxy/ledgers', async (c) => {
      const input = LedgerInput.safeParse(await jsonBody(c));
      if (!input.success) return invalid(c, 'LDG_VALIDATION_ERROR', input.error, 'invalid ledger');
      const ledger = {
        ledger_id: store.newId('ldg_'),
        name: input.data.name,
        created_at: store.clock().toISOString(),
        meta_data: input.data.meta_data ?? {},
      };
      c.var.instance.ledgers.insert(ledger);
      store.changed();
      return c.json(ledger, 201);
    })
    .post('/proxy/balances', async (c) => {
      const input = BalanceInput.safeParse(await jsonBody(c));
      if (!input.success) return invalid(c, 'BLN_VALIDATION_ERROR', input.error, 'invalid balance');
      const data = c.var.instance;
      if (!data.ledgers.get(input.data.ledger_id))
        return coreError(c, 400, 'LDG_NOT_FOUND', `ledger ${input.data.ledger_id} not found`);
      const identityId = input.data.identity_id ?? '';
      if (identityId !== '' && !data.identities.get(identityId))
        return coreError(c, 400, 'IDT_NOT_FOUND', `identity ${identityId} not found`);
      const balance: BalanceRow = {
        balance_id: store.newId('bln_'),
        ledger_id: input.data.ledger_id,
        identity_id: identityId,
        indicator: '',
        currency: input.data.currency,
        balance: 0,
        credit_balance: 0,
        debit_balance: 0,
        inflight_balance: 0,
        inflight_credit_balance: 0,
        inflight_debit_balance: 0,
        version: 1,
        created_at: store.clock().toISOString(),
        meta_data: input.data.meta_data ?? {},
      };
      data.balances.insert(balance);
      store.changed();
      return c.json(balance, 201);
    })
    .post('/proxy/transactions', async (c) => {
      const input = TransactionInput.safeParse(await jsonBody(c));
      if (!input.success) return invalid(c, 'TXN_VALIDATION_ERROR', input.error, 'invalid transaction');
      const t = input.data;
      const minor =
        t.precise_amount !== undefined
          ? Number(t.precise_amount)
          : t.amount !== undefined
            ? Math.round(t.amount * t.precision)
            : NaN;
      if (!Number.isSafeInteger(minor) || minor <= 0)
        return coreError(c, 400, 'TXN_VALIDATION_ERROR', 'amount or precise_amount is required');
      const data = c.var.instance;
      if (data.transactions.rows().some((r) => r.reference === t.reference))
        return coreError(c, 409, 'TXN_DUPLICATE_REFERENCE', `reference ${t.reference} has already been used`);
      const source = findBalance(data, t.source);
      const destination = findBalance(data, t.destination);
      if (!source || !destination)
        return coreError(c, 400, 'BLN_NOT_FOUND', `balance ${source ? t.destination : t.source} not found`);
      if (source.currency !== t.currency || destination.currency !== t.currency)
        return coreError(c, 400, 'TXN_VALIDATION_ERROR', 'currency does not match the balances');
      const now = store.clock().toISOString();
      const queued: TransactionRow = {
        transaction_id: store.newId('txn_'),
        parent_transaction: '',
        source: source.balance_id,
        destination: destination.balance_id,
        reference: t.reference,
        amount: minor / t.precision,
        precise_amount: minor,
        precision: t.precision,
        currency: t.currency,
        description: t.description,
        status: 'QUEUED',
        created_at: now,
        effective_date: now,
        meta_data: t.meta_data ?? {},
      };
      data.transactions.insert(queued);
      applyTransfer(store, data, queued, source, destination, t.allow_overdraft);
      store.changed();
      return c.json(queued, 201);
    })
    .post('/proxy/:entityId/metadata', async (c) => {
      const id = c.req.param('entityId');
      const entity = entityFor(c.var.instance, id);
      if (entity === null)
        return coreError(
          c,
          400,
          'META_INVALID_ENTITY_ID',
          `invalid entity id ${id}: expected an idt_, bln_, ldg_ or txn_ id`,
        );
      if (entity === undefined) return coreError(c, 404, 'META_ENTITY_NOT_FOUND', `entity ${id} not found`);
      const body = MetaBody.safeParse(await jsonBody(c));
      if (!body.success) return invalid(c, 'GEN_BAD_REQUEST', body.error, 'meta_data is required');
      // Shallow, top-level merge: each key sent replaces that key; nested objects are replaced whole.
      entity.meta_data = { ...entity.meta_data, ...body.data.meta_data };
      store.changed();
      return c.json({ meta_data: entity.meta_data }, 200);
    });
