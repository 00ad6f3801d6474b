import { z } from 'zod';
import { AlertId, BalanceId, IdentityId, LedgerId, TransactionId } from '../ids';
import { minorFromMajor } from './minor-units';

// Records Cloud returns (docs/cloud-contract.md §7). Loose objects: Cloud may add fields.

/**
 * How deep a record's metadata may nest. Other apps write `meta_data` too, and one record
 * nested 2,500 levels deep used to overflow the stack of every walk over it, failing each
 * sync. Real metadata is a few levels deep; deeper is refused as unreadable.
 */
export const MAX_META_DEPTH = 32;

/** True when `value` nests no deeper than `limit` objects or arrays (iterative: no recursion). */
export function withinDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return false;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

/** JSON object metadata; values are whatever the ledger holds, nested at most MAX_META_DEPTH deep. */
export const MetaData = z
  .record(z.string(), z.unknown())
  .refine((meta) => withinDepth(meta, MAX_META_DEPTH), `meta_data nests deeper than ${MAX_META_DEPTH} levels`);
export type MetaData = z.infer<typeof MetaData>;

/** Absent strings are "" in Blnk, but be tolerant of null on the way in. */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** The zero time Blnk uses for an unset dob. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export const Identity = z.looseObject({
  identity_id: IdentityId,
  identity_type: text,
  organization_name: text,
  category: text,
  first_name: text,
  last_name: text,
  other_names: text,
  gender: text,
  email_address: text,
  phone_number: text,
  nationality: text,
  street: text,
  country: text,
  state: text,
  post_code: text,
  city: text,
  dob: text,
  created_at: z.string(),
  meta_data: MetaData.nullish().transform((v) => v ?? {}),
});
export type Identity = z.infer<typeof Identity>;

/**
 * Integer amounts in minor units may exceed 2^53 and may arrive as strings: carry them
 * as decimal strings. (A JSON number above 2^53 has already lost precision in
 * JSON.parse; Cloud sending strings is the safe case.)
 */
export const MinorAmount = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/), z.bigint()])
  .transform((v) => String(v));

export const Balance = z.looseObject({
  balance_id: BalanceId,
  ledger_id: z.string(),
  identity_id: text,
  indicator: text,
  currency: z.string(),
  balance: MinorAmount,
  credit_balance: MinorAmount,
  debit_balance: MinorAmount,
  inflight_balance: MinorAmount.optional(),
  inflight_credit_balance: MinorAmount.optional(),
  inflight_debit_balance: MinorAmount.optional(),
  version: z.number().int().optional(),
  created_at: z.string(),
  meta_data: MetaData.nullish().transform((v) => v ?? {}),
});
export type Balance = z.infer<typeof Balance>;

export const Ledger = z.looseObject({
  ledger_id: LedgerId,
  name: text,
  created_at: z.string(),
  meta_data: MetaData.nullish().transform((v) => v ?? {}),
});
export type Ledger = z.infer<typeof Ledger>;

export const TransactionStatus = z.enum(['QUEUED', 'APPLIED', 'INFLIGHT', 'VOID', 'COMMIT', 'REJECTED', 'SCHEDULED']);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

export const Transaction = z
  .looseObject({
    transaction_id: TransactionId,
    parent_transaction: text,
    source: z.string(),
    destination: z.string(),
    reference: text,
    amount: z.number(),
    // May be absent from a row (docs/cloud-contract.md §7): derived from amount × precision then.
    precise_amount: MinorAmount.nullish(),
    precision: z.number().positive(),
    currency: z.string(),
    description: text,
    status: z.string(),
    created_at: z.string(),
    effective_date: text,
    meta_data: MetaData.nullish().transform((v) => v ?? {}),
  })
  .transform((txn) => ({ ...txn, precise_amount: txn.precise_amount ?? minorFromMajor(txn.amount, txn.precision) }));
export type Transaction = z.infer<typeof Transaction>;

export const AlertType = z.enum(['Identity', 'Balance', 'Transaction']);
export const Alert = z.looseObject({
  anomaly_id: AlertId,
  title: text,
  description: text,
  type: z.string(),
  assigned_to: text,
  escalated_to: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  // FLAGGED for a new alert; organizations define their own (docs/cloud-contract.md §6.5). A status
  // object in place of the key is read for its key.
  status: z.union([z.string(), z.looseObject({ key: z.string() }).transform((s) => s.key)]),
  created_at: z.string(),
  updated_at: z.string(),
  affected_balances: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  affected_identities: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  affected_transactions: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});
export type Alert = z.infer<typeof Alert>;

/** `{"data": [...], "total": N}` — the Data API list envelope. */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), total: z.number().int().nonnegative() });

/** Core's error body, passed through unchanged by `/proxy` (docs/cloud-contract.md §6.6). */
export const CoreErrorBody = z.looseObject({
  error: z.string(),
  error_detail: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
});
export type CoreErrorBody = z.infer<typeof CoreErrorBody>;

/** Cloud's own error body: only `{"error": "..."}` is documented. */
export const CloudErrorBody = z.looseObject({ error: z.string() });
export type CloudErrorBody = z.infer<typeof CloudErrorBody>;

/** PascalCase names Blnk uses in `meta_data.tokenized_fields` (docs/cloud-contract.md §7). */
export const TOKENIZABLE_FIELDS = {
  FirstName: 'first_name',
  LastName: 'last_name',
  OtherNames: 'other_names',
  EmailAddress: 'email_address',
  PhoneNumber: 'phone_number',
  Street: 'street',
  PostCode: 'post_code',
} as const;
export type TokenizableField = keyof typeof TOKENIZABLE_FIELDS;
export const TOKEN_PREFIX = 'FPT:';
