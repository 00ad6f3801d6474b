import { z } from 'zod';

export const RiskLevel = z.enum(['low', 'medium', 'high']);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** Why the score is what it is; codes are the keys of `KycSettings.risk_weights`. */
export const RiskReasonCode = z.enum([
  'watchlist_hit',
  'country_call_for_action',
  'country_increased_monitoring',
  'country_unrecognised',
  'age_under_minimum',
  'age_missing_or_implausible',
  'required_fields_missing',
  'duplicate_identity',
  'vendor_verification_failed',
  'vendor_verification_pending',
  'tokenized_pii',
]);
export type RiskReasonCode = z.infer<typeof RiskReasonCode>;

export const RiskReason = z.object({
  code: RiskReasonCode,
  label: z.string(),
  weight: z.number().min(0).max(1),
});
export type RiskReason = z.infer<typeof RiskReason>;

export const RiskAssessment = z.object({
  score: z.number().min(0).max(1),
  level: RiskLevel,
  reasons: z.array(RiskReason),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;
