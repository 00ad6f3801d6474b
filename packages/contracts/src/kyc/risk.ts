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

/**
 * Facts that make the level high and block approval without a lead's override, whatever
 * the weights say (docs/product.md "The rules a decision follows").
 */
export const HardStopCode = z.enum(['under_minimum_age', 'confirmed_sanctions_hit', 'call_for_action_country']);
export type HardStopCode = z.infer<typeof HardStopCode>;
export const HardStop = z.object({ code: HardStopCode, label: z.string() });
export type HardStop = z.infer<typeof HardStop>;

/**
 * Score 0..1 on the wire and in storage; people read it as points 0..100 (`riskPoints` of
 * packages/kyc) in the SPA, in alerts and in the ledger's kyc_risk_score. `capped` says the
 * reasons added up to more than the maximum (`uncapped` is their sum).
 */
export const RiskAssessment = z.object({
  score: z.number().min(0).max(1),
  level: RiskLevel,
  reasons: z.array(RiskReason),
  // Defaults: assessments cached before these fields existed still parse.
  capped: z.boolean().default(false),
  uncapped: z.number().min(0).default(0),
  hard_stops: z.array(HardStop).default([]),
  /** Why the score was lifted to a band's cut-off (an incomplete record is never low). */
  floors: z.array(z.object({ level: RiskLevel, label: z.string() })).default([]),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;
