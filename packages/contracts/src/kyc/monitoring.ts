import { z } from 'zod';
import { CheckId } from './check-result';
import { HardStopCode, RiskLevel } from './risk';

// What a decision was made on, what changed since, and what stands in the way of an
// approval (docs/product.md "The rules a decision follows"; docs/decisions/020).

export const BaselineHit = z.object({
  hit_id: z.string(),
  entry_id: z.string(),
  entry_name: z.string(),
  list: z.string(),
  score: z.number().min(0).max(1),
  /** Hash of the list entry's content: a changed entry (new alias, dob, programme) is a changed hit. */
  entry_hash: z.string(),
});
export type BaselineHit = z.infer<typeof BaselineHit>;

/** The parts of an assessment a decision rests on. */
export const AssessmentBaseline = z.object({
  risk_level: RiskLevel,
  risk_score: z.number().min(0).max(1),
  open_hits: z.array(BaselineHit),
  failing_checks: z.array(CheckId),
});
export type AssessmentBaseline = z.infer<typeof AssessmentBaseline>;

const HitRef = { hit_id: z.string(), entry_id: z.string(), entry_name: z.string(), list: z.string() };

/** One reason a decided case needs a re-review; `key` tells two changes apart within one decision. */
export const AssessmentChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_hit'), key: z.string(), summary: z.string(), ...HitRef, score: z.number() }),
  z.object({
    kind: z.literal('changed_hit'),
    key: z.string(),
    summary: z.string(),
    ...HitRef,
    score: z.number(),
    score_before: z.number(),
  }),
  z.object({ kind: z.literal('risk_band_up'), key: z.string(), summary: z.string(), from: RiskLevel, to: RiskLevel }),
  z.object({
    kind: z.literal('check_failing'),
    key: z.string(),
    summary: z.string(),
    check_id: CheckId,
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('review_due'),
    key: z.string(),
    summary: z.string(),
    level: RiskLevel,
    decided_at: z.string(),
  }),
]);
export type AssessmentChange = z.infer<typeof AssessmentChange>;

/** What monitoring was doing when it found a change. */
export const ChangeCause = z.enum([
  'first_screening',
  'watchlist_import',
  'watchlist_rollback',
  'settings_change',
  'identity_change',
  'duplicate_change',
  'rescreening',
  /** A reviewer revealed a tokenized field: the checks that needed it ran again (once). */
  'field_revealed',
  'periodic_review',
]);
export type ChangeCause = z.infer<typeof ChangeCause>;

/** Why an approval is refused (409 approval_blocked); a lead may override with a reason. */
export const ApprovalBlocker = z.discriminatedUnion('code', [
  z.object({ code: z.literal('check_skipped'), check_id: CheckId, message: z.string() }),
  z.object({ code: z.literal('open_hit'), hit_id: z.string(), message: z.string() }),
  z.object({ code: z.literal('hard_stop'), stop: HardStopCode, message: z.string() }),
]);
export type ApprovalBlocker = z.infer<typeof ApprovalBlocker>;
