import { z } from 'zod';
import { ApprovalBlocker } from '../kyc/monitoring';
import { CaseStatus } from './case-status';

// A reviewer's decision on a case (docs/product.md step 4): the actions, what each body
// carries, a lead's override of the blockers, and the decision state a case holds (the
// last decision, a first approval of two, the four-eyes flag).

export const DecisionAction = z.enum(['approve', 'reject', 'request_info', 'escalate', 'reopen']);
export type DecisionAction = z.infer<typeof DecisionAction>;

/** Why an identity was rejected; the note says the rest. */
export const RejectReasonCode = z.enum([
  'sanctions_match',
  'pep_unacceptable_risk',
  'fraud_suspected',
  'document_mismatch',
  'underage',
  'high_risk_jurisdiction',
  'duplicate_identity',
  'other',
]);
export type RejectReasonCode = z.infer<typeof RejectReasonCode>;

/** The longest note a decision, verdict, override or reversal may carry. */
export const CASE_NOTE_MAX_CHARS = 2_000;
export const CaseNote = z.string().trim().min(1).max(CASE_NOTE_MAX_CHARS);

/**
 * What each decision's body carries besides the action: the one statement of the rule, read
 * by DecisionBody and by the BFF's offers (the case DTO's allowed_actions), so the SPA's form
 * asks for what the BFF will require.
 */
export const DECISION_FIELDS: Readonly<
  Record<DecisionAction, { readonly note: 'required' | 'optional'; readonly reasonCode: boolean }>
> = {
  approve: { note: 'optional', reasonCode: false },
  reject: { note: 'required', reasonCode: true },
  request_info: { note: 'required', reasonCode: false },
  escalate: { note: 'required', reasonCode: false },
  reopen: { note: 'optional', reasonCode: false },
};

export const DecisionBody = z
  .object({
    action: DecisionAction,
    reason_code: RejectReasonCode.optional(),
    note: CaseNote.optional(),
  })
  .superRefine((b, ctx) => {
    const needs = DECISION_FIELDS[b.action];
    if (needs.reasonCode && b.reason_code === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason_code'], message: 'A rejection needs a reason code.' });
    }
    if (needs.note === 'required' && b.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'This decision needs a note.' });
    }
  });
export type DecisionBody = z.infer<typeof DecisionBody>;

/** Why a lead approves over the blockers; the note says the rest. */
export const OverrideReasonCode = z.enum([
  'screened_outside_the_app',
  'hit_cleared_by_evidence',
  'documented_exception',
  'regulator_or_board_approval',
  'other',
]);
export type OverrideReasonCode = z.infer<typeof OverrideReasonCode>;
export const OverrideBody = z.object({ reason_code: OverrideReasonCode, note: CaseNote });
export type OverrideBody = z.infer<typeof OverrideBody>;

/** A lead's recorded approval over these blockers: its own audited step (decision 020). */
export const OverrideDto = z.object({
  reason_code: OverrideReasonCode,
  note: z.string(),
  /** The lead's reviewer id. */
  by: z.string(),
  by_name: z.string().nullable().default(null),
  at: z.string(),
  blockers: z.array(ApprovalBlocker),
});
export type OverrideDto = z.infer<typeof OverrideDto>;

export const DecisionDto = z.object({
  decision_id: z.string(),
  action: DecisionAction,
  reason_code: RejectReasonCode.nullable(),
  note: z.string().nullable(),
  /** The reviewer id (older decisions: the Cloud user id or `install:…` they were recorded with). */
  decided_by: z.string(),
  decided_by_name: z.string().nullable().default(null),
  decided_at: z.string(),
  status_after: CaseStatus,
  /** Set when the approval was a lead's override of the blockers. */
  override: OverrideDto.nullable().default(null),
});
export type DecisionDto = z.infer<typeof DecisionDto>;

/** A high-risk approval waiting for a second reviewer (four eyes). */
export const PendingApprovalDto = z.object({
  first_reviewer: z.string(),
  first_reviewer_name: z.string().nullable().default(null),
  approved_at: z.string(),
  note: z.string().nullable(),
  /** The first approval was a lead's override: the second approval needs no new one for the same blockers. */
  override: OverrideDto.nullable().default(null),
});
export type PendingApprovalDto = z.infer<typeof PendingApprovalDto>;

/**
 * Why a case needs two approvers whatever its risk is now (four eyes by person, not by
 * score): a first approval was given while it was high risk, or someone dismissed hits on
 * it while it was high risk. Cleared only by the completing approval.
 */
export const FourEyesDto = z.object({
  reason: z.enum(['high_risk_approval', 'hits_dismissed_at_high_risk']),
  reviewer_id: z.string(),
  reviewer_name: z.string().nullable(),
  at: z.string(),
});
export type FourEyesDto = z.infer<typeof FourEyesDto>;
