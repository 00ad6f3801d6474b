import { z } from 'zod';
import { CheckResult, DuplicateMatch } from '../kyc/check-result';
import { ApprovalBlocker, AssessmentChange, ChangeCause } from '../kyc/monitoring';
import { RiskAssessment } from '../kyc/risk';
import { DueReason, KycSettings } from '../kyc/settings';
import { AssigneeDto } from './assignment';
import { AllowedActions } from './case-actions';
import { CaseStatus } from './case-status';
import { DecisionDto, FourEyesDto, PendingApprovalDto } from './decisions';
import { CaseHitDto } from './hits';
import { IdentityDto } from './identities';

// The case as the case page reads it (issue 5): its write-back, what monitoring found,
// settings and reveal. The rest of the review contract has a file per seam: the status
// (case-status.ts), decisions, hit verdicts (hits.ts), the queue (case-queue.ts) and the
// audit trail (audit.ts); the package index exports them all.

/**
 * Where one write-back to Cloud stands. `skipped` carries the reason (for example the
 * install lacks data:write); `pending` is retried with backoff until it lands.
 */
export const WriteBackStep = z.object({
  state: z.enum(['not_needed', 'pending', 'done', 'skipped', 'failing']),
  reason: z.string().nullable(),
  attempts: z.number().int().min(0),
  last_error_code: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  done_at: z.string().nullable(),
});
export type WriteBackStep = z.infer<typeof WriteBackStep>;

export const WriteBackDto = z.object({
  decision_id: z.string(),
  metadata: WriteBackStep,
  alert: WriteBackStep.extend({ anomaly_id: z.string().nullable() }),
});
export type WriteBackDto = z.infer<typeof WriteBackDto>;

export const CaseChangeDto = z.object({
  change: AssessmentChange,
  cause: ChangeCause,
  detected_at: z.string(),
  /** The decision the change is measured against (null: decided before the app saw the case). */
  since_decision_id: z.string().nullable(),
});
export type CaseChangeDto = z.infer<typeof CaseChangeDto>;
export const DueDto = z.object({ due_at: z.string(), reason: DueReason, overdue: z.boolean() });
export type DueDto = z.infer<typeof DueDto>;

/**
 * The identity's country and nationality as ISO 3166 alpha-2 codes, read from their free
 * text by the KYC package (null: not a country it recognises, or empty); screens show the
 * name with the code, "Viet Nam (VN)".
 */
export const CountryCodesDto = z.object({ country: z.string().nullable(), nationality: z.string().nullable() });
export type CountryCodesDto = z.infer<typeof CountryCodesDto>;

export const CaseDto = z.object({
  case_id: z.string(),
  identity_id: z.string(),
  status: CaseStatus,
  risk: RiskAssessment,
  checks: z.array(CheckResult),
  hits: z.array(CaseHitDto),
  assessed_at: z.string(),
  pending_approval: PendingApprovalDto.nullable(),
  four_eyes: FourEyesDto.nullable(),
  last_decision: DecisionDto.nullable(),
  write_back: WriteBackDto.nullable(),
  /**
   * What the signed-in reviewer is offered on this case, every action with whether it is
   * allowed, why not (the refusal the BFF would answer) and what its body needs (decision 014).
   */
  allowed_actions: AllowedActions,
  /** Who owns the case; null: unassigned (anyone may claim it). */
  assignee: AssigneeDto.nullable(),
  /** Why an approval would be refused now (empty: it may be approved); a lead may override. */
  approval_blockers: z.array(ApprovalBlocker),
  /** Other customers this one may duplicate, by name with the keys that matched (both sides list each other). */
  duplicates: z.array(DuplicateMatch),
  /** What monitoring found since the last decision, oldest first; empty unless the case was decided. */
  changes_since_decision: z.array(CaseChangeDto),
  /** When it is due and why it waits; null: nobody waits for it (approved, rejected). */
  due: DueDto.nullable(),
  countries: CountryCodesDto,
  updated_at: z.string(),
});
export type CaseDto = z.infer<typeof CaseDto>;

export const CaseDetailDto = z.object({ identity: IdentityDto, case: CaseDto });
export type CaseDetailDto = z.infer<typeof CaseDetailDto>;

export const SettingsDto = z.object({
  settings: KycSettings,
  updated_at: z.string().nullable(),
  /** Who saved them: a reviewer id, or what an entry from before reviewers recorded (decision 017). */
  updated_by: z.string().nullable(),
  /** Their display name at the time; null when none was recorded (the SPA names the id's kind). */
  updated_by_name: z.string().nullable(),
});
export type SettingsDto = z.infer<typeof SettingsDto>;

/** Reveal one tokenized field through Cloud's detokenize route (needs data:write). */
export const RevealBody = z.object({
  field: z.enum(['first_name', 'last_name', 'other_names', 'email_address', 'phone_number', 'street', 'post_code']),
});
export type RevealBody = z.infer<typeof RevealBody>;
export const RevealDto = z.object({ field: z.string(), value: z.string() });
export type RevealDto = z.infer<typeof RevealDto>;
