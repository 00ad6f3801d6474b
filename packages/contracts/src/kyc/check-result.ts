import { z } from 'zod';

/** What a single automated check concluded. `skipped` means it could not run (no data, tokenized data). */
export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'skipped']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const CheckId = z.enum([
  'required_fields',
  'age',
  'watchlist',
  'country_risk',
  'duplicates',
  'tokenized_pii',
  'vendor_verification',
]);
export type CheckId = z.infer<typeof CheckId>;

/** JSON-safe values only: evidence is cached in SQLite and sent to the SPA as is. */
export type EvidenceValue = string | number | boolean | null | EvidenceValue[] | { [key: string]: EvidenceValue };
export const EvidenceValue: z.ZodType<EvidenceValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(EvidenceValue), z.record(z.string(), EvidenceValue)]),
);
export const Evidence = z.record(z.string(), EvidenceValue);
export type Evidence = z.infer<typeof Evidence>;

export const CheckResult = z.object({
  check_id: CheckId,
  status: CheckStatus,
  title: z.string().min(1),
  /** A sentence a reviewer can read, e.g. "Date of birth is missing." */
  reason: z.string().min(1),
  evidence: Evidence,
});
export type CheckResult = z.infer<typeof CheckResult>;

/** Another identity the duplicates check found, with the keys that matched in words ("email"). */
export const DuplicateMatch = z.object({
  identity_id: z.string(),
  /** The name a reviewer knows it by (tokenized parts left out; its id when it has no readable name). */
  name: z.string(),
  matched: z.array(z.string()),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

/** The duplicates check's evidence (defaults: assessments cached before it was typed). */
export const DuplicatesEvidence = z.object({
  matches: z.array(DuplicateMatch).default([]),
  match_count: z.number().int().min(0).default(0),
  compared: z.number().int().min(0).default(0),
  tokenized: z.array(z.string()).default([]),
});
export type DuplicatesEvidence = z.infer<typeof DuplicatesEvidence>;
