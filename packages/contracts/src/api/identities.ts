import { z } from 'zod';

// DTOs of the SPA's identity API (issue 4): what `/api/identities…` accepts and answers.
// Queries arrive as strings, so numbers are coerced and blanks mean "not set".

/** A query-string text: trimmed, bounded; an empty value counts as absent. */
const queryText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Decisions the app writes to `meta_data.kyc_status`, plus the queue of never-reviewed identities. */
export const KycStatusFilter = z.enum([
  'never_reviewed',
  'approved',
  'rejected',
  'info_requested',
  'escalated',
  'needs_rereview',
]);
export type KycStatusFilter = z.infer<typeof KycStatusFilter>;

export const IdentitySort = z.enum(['created_at_desc', 'created_at_asc']);
export type IdentitySort = z.infer<typeof IdentitySort>;

export const IdentityListQuery = PageQuery.extend({
  /** Name (any part) or email address. */
  q: queryText(100),
  /** Free text as Blnk stores it ("Canada"), matched as given. */
  country: queryText(64),
  identity_type: z.enum(['individual', 'organization']).optional(),
  kyc_status: KycStatusFilter.optional(),
  created_from: z.iso.date().optional(),
  created_to: z.iso.date().optional(),
  sort: IdentitySort.default('created_at_desc'),
}).refine((q) => q.created_from === undefined || q.created_to === undefined || q.created_from <= q.created_to, {
  message: 'created_from must not be after created_to',
  path: ['created_from'],
});
export type IdentityListQuery = z.infer<typeof IdentityListQuery>;

/** One page of a list the BFF answers. */
export const pageDto = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0),
  });

/** Integer minor units as a decimal string: amounts may exceed 2^53. */
const MinorUnits = z.string().regex(/^-?\d+$/);

export const IdentityDto = z.object({
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
  /** null when Blnk holds the zero time (unset). */
  dob: z.string().nullable(),
  created_at: z.string(),
  meta_data: z.record(z.string(), z.unknown()),
  /** Field names of this DTO (`first_name`, …) whose value is a `FPT:` token, not the data. */
  tokenized_fields: z.array(z.string()),
});
export type IdentityDto = z.infer<typeof IdentityDto>;

export const IdentityListDto = pageDto(IdentityDto);
export type IdentityListDto = z.infer<typeof IdentityListDto>;

export const BalanceDto = z.object({
  balance_id: z.string(),
  ledger_id: z.string(),
  identity_id: z.string(),
  indicator: z.string(),
  currency: z.string(),
  balance: MinorUnits,
  credit_balance: MinorUnits,
  debit_balance: MinorUnits,
  inflight_balance: MinorUnits.nullable(),
  /** Minor units per major unit (100 for cents) when known from the balance's transactions. */
  precision: z.number().positive().nullable(),
  created_at: z.string(),
});
export type BalanceDto = z.infer<typeof BalanceDto>;

export const BalanceListDto = pageDto(BalanceDto);
export type BalanceListDto = z.infer<typeof BalanceListDto>;

export const TransactionDto = z.object({
  transaction_id: z.string(),
  parent_transaction: z.string(),
  source: z.string(),
  destination: z.string(),
  reference: z.string(),
  /** Minor units; divide by `precision` for display. */
  precise_amount: MinorUnits,
  precision: z.number().positive(),
  currency: z.string(),
  description: z.string(),
  status: z.string(),
  created_at: z.string(),
  effective_date: z.string(),
});
export type TransactionDto = z.infer<typeof TransactionDto>;

export const TransactionListDto = pageDto(TransactionDto);
export type TransactionListDto = z.infer<typeof TransactionListDto>;
