import { z } from 'zod';
import { Permission, ZERO_TIME } from '@kyc-review/contracts';

// The shapes the emulator stores. They mirror Core's rows (docs/cloud-contract.md §7) and double as the
// schema of the persisted snapshot, which is read back from disk and so parsed.

const MetaData = z.record(z.string(), z.unknown());

export const IdentityRow = z.object({
  identity_id: z.string(),
  identity_type: z.string(),
  organization_name: z.string(),
  category: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  other_names: z.string(),
  gender: z.string(),
  email_address: z.string(),
  phone_number: z.string(),
  nationality: z.string(),
  street: z.string(),
  country: z.string(),
  state: z.string(),
  post_code: z.string(),
  city: z.string(),
  dob: z.string(),
  created_at: z.string(),
  meta_data: MetaData,
});
export type IdentityRow = z.infer<typeof IdentityRow>;

/** An identity with every text column empty, Core's zero time for its date of birth and no metadata. */
export const blankIdentity = (identityId: string, createdAt: string): IdentityRow => ({
  identity_id: identityId,
  identity_type: '',
  organization_name: '',
  category: '',
  first_name: '',
  last_name: '',
  other_names: '',
  gender: '',
  email_address: '',
  phone_number: '',
  nationality: '',
  street: '',
  country: '',
  state: '',
  post_code: '',
  city: '',
  dob: ZERO_TIME,
  created_at: createdAt,
  meta_data: {},
});

/** The string columns of an identity a client may set through the proxy. */
export const IDENTITY_TEXT_FIELDS = [
  'identity_type',
  'organization_name',
  'category',
  'first_name',
  'last_name',
  'other_names',
  'gender',
  'email_address',
  'phone_number',
  'nationality',
  'street',
  'country',
  'state',
  'post_code',
  'city',
] as const;

export const LedgerRow = z.object({
  ledger_id: z.string(),
  name: z.string(),
  created_at: z.string(),
  meta_data: MetaData,
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const BalanceRow = z.object({
  balance_id: z.string(),
  ledger_id: z.string(),
  identity_id: z.string(),
  indicator: z.string(),
  currency: z.string(),
  balance: z.number(),
  credit_balance: z.number(),
  debit_balance: z.number(),
  inflight_balance: z.number(),
  inflight_credit_balance: z.number(),
  inflight_debit_balance: z.number(),
  version: z.number(),
  created_at: z.string(),
  meta_data: MetaData,
});
export type BalanceRow = z.infer<typeof BalanceRow>;

export const TransactionRow = z.object({
  transaction_id: z.string(),
  parent_transaction: z.string(),
  source: z.string(),
  destination: z.string(),
  reference: z.string(),
  amount: z.number(),
  precise_amount: z.number(),
  precision: z.number(),
  currency: z.string(),
  description: z.string(),
  status: z.string(),
  created_at: z.string(),
  effective_date: z.string(),
  // Core answers null for a transaction written without metadata (docs/cloud-contract.md §7).
  meta_data: MetaData.nullable(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

export const AlertRow = z.object({
  anomaly_id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.enum(['Identity', 'Balance', 'Transaction']),
  assigned_to: z.string(),
  escalated_to: z.array(z.string()),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  affected_balances: z.array(z.string()),
  affected_identities: z.array(z.string()),
  affected_transactions: z.array(z.string()),
});
export type AlertRow = z.infer<typeof AlertRow>;

export const InstallStatus = z.enum(['pending', 'active', 'cancelled', 'uninstalled']);
export type InstallStatus = z.infer<typeof InstallStatus>;

export const InstallRow = z.object({
  installed_app_id: z.string(),
  app_id: z.string(),
  instance_id: z.string(),
  api_key: z.string(),
  api_key_prefix: z.string(),
  granted_permissions: z.array(Permission),
  status: InstallStatus,
  installed_at: z.string(),
  uninstalled_at: z.string().nullable(),
});
export type InstallRow = z.infer<typeof InstallRow>;

export const Manifest = z.object({
  app_id: z.string().regex(/^app_[A-Za-z0-9_-]{1,128}$/),
  name: z.string().min(1).max(100),
  description: z.string().max(500),
  developer: z.string().max(100),
  logo_url: z.string().max(500),
  callback_url: z.url().nullable(),
  portal_generator_url: z.url().nullable(),
  permissions: z.array(Permission).max(4),
});
export type Manifest = z.infer<typeof Manifest>;

export const CallbackLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['install', 'uninstall', 'launch']),
  installed_app_id: z.string(),
  url: z.string(),
  ok: z.boolean(),
  status: z.number().int(),
  ms: z.number().int(),
  response: z.string(),
  error: z.string().nullable(),
});
export type CallbackLogEntry = z.infer<typeof CallbackLogEntry>;
