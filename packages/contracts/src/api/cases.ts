import { z } from 'zod';
import { CheckResult, DuplicateMatch } from '../kyc/check-result';
import { ApprovalBlocker, AssessmentChange, ChangeCause } from '../kyc/monitoring';
import { RiskAssessment, RiskLevel } from '../kyc/risk';
import { DueReason, KycSettings } from '../kyc/settings';
import { WatchlistHit } from '../kyc/watchlist-hit';
import { AssigneeDto, AssigneeFilter } from './assignment';
import { IdentityDto, PageQuery, pageDto } from './identities';

// DTOs of the review workflow (issue 5): the queue, the case, decisions, hits, history.

/**
 * `needs_rereview`: a decided case that monitoring found changed since its decision (new or
 * changed open hit, higher risk band, newly failing check) or whose periodic review fell due.
 */
export const CaseStatus = z.enum([
  'new',
  'in_review',
  'approved',
  'rejected',
  'info_requested',
  'escalated',
  'needs_rereview',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

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
const Note = z.string().trim().min(1).max(CASE_NOTE_MAX_CHARS);

/** Reject needs a reason code and a note; request_info and escalate need a note. */
export const DecisionBody = z
  .object({
    action: DecisionAction,
    reason_code: RejectReasonCode.optional(),
    note: Note.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'reject' && b.reason_code === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason_code'], message: 'A rejection needs a reason code.' });
    }
    if ((b.action === 'reject' || b.action === 'request_info' || b.action === 'escalate') && b.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'This decision needs a note.' });
    }
  });
export type DecisionBody = z.infer<typeof DecisionBody>;

export const HitDisposition = z.enum(['confirmed', 'false_positive']);
export type HitDisposition = z.infer<typeof HitDisposition>;

/** Why a hit was marked: `confirmed_same_person` confirms it, every other code dismisses it. */
export const HitReasonCode = z.enum([
  'confirmed_same_person',
  'different_dob',
  'different_nationality',
  'different_person_other_identifiers',
  'common_name',
]);
export type HitReasonCode = z.infer<typeof HitReasonCode>;

/** A verdict is a decision too: disposition, reason code and note (docs/product.md "Hit verdicts are decisions too"). */
export const HitDispositionBody = z
  .object({ disposition: HitDisposition, reason_code: HitReasonCode, note: Note })
  .superRefine((b, ctx) => {
    const confirms = b.reason_code === 'confirmed_same_person';
    if (confirms !== (b.disposition === 'confirmed'))
      ctx.addIssue({
        code: 'custom',
        path: ['reason_code'],
        message: confirms
          ? 'confirmed_same_person is the reason for a confirmed match only.'
          : 'A confirmed match takes the reason code confirmed_same_person.',
      });
  });
export type HitDispositionBody = z.infer<typeof HitDispositionBody>;

/** A lead reverses a verdict; the hit is open again. */
export const HitReversalBody = z.object({ note: Note });
export type HitReversalBody = z.infer<typeof HitReversalBody>;

/** Why a lead approves over the blockers; the note says the rest. */
export const OverrideReasonCode = z.enum([
  'screened_outside_the_app',
  'hit_cleared_by_evidence',
  'documented_exception',
  'regulator_or_board_approval',
  'other',
]);
export type OverrideReasonCode = z.infer<typeof OverrideReasonCode>;
export const OverrideBody = z.object({ reason_code: OverrideReasonCode, note: Note });
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

export const CaseHitDto = WatchlistHit.extend({
  disposition: z.enum(['open', 'confirmed', 'false_positive']),
  disposed_by: z.string().nullable(),
  disposed_by_name: z.string().nullable(),
  disposed_at: z.string().nullable(),
  reason_code: HitReasonCode.nullable(),
  note: z.string().nullable(),
});
export type CaseHitDto = z.infer<typeof CaseHitDto>;

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
  /** Actions the state machine allows now; the SPA still shows why others are disabled. */
  allowed_actions: z.array(DecisionAction),
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

export const CaseSort = z.enum(['risk_desc', 'created_at_desc', 'created_at_asc', 'updated_at_desc', 'due_at_asc']);
export type CaseSort = z.infer<typeof CaseSort>;

/** The longest queue cursor the BFF writes or reads. */
export const QUEUE_CURSOR_MAX = 512;

/** Queue filters; `status=never_reviewed` is the queue of identities with no kyc_status. */
export const CaseQueueQuery = PageQuery.extend({
  status: z.union([CaseStatus, z.literal('never_reviewed')]).optional(),
  risk_level: RiskLevel.optional(),
  country: z.string().trim().max(64).optional(),
  identity_type: z.enum(['individual', 'organization']).optional(),
  q: z.string().trim().max(100).optional(),
  assignee: AssigneeFilter.optional(),
  /** `true`: only cases past their due date (decision 021). */
  overdue: z.literal('true').optional(),
  /** `true`: only cases someone still has to act on (not approved or rejected). */
  open: z.literal('true').optional(),
  sort: CaseSort.default('risk_desc'),
  /**
   * Where the page starts: `next_cursor` or `prev_cursor` of the page before (opaque). With
   * it the page is a seek in the sort's index however deep; `page` then only labels it.
   */
  cursor: z.string().trim().min(1).max(QUEUE_CURSOR_MAX).optional(),
});
export type CaseQueueQuery = z.infer<typeof CaseQueueQuery>;

export const CaseSummaryDto = z.object({
  identity_id: z.string(),
  display_name: z.string(),
  identity_type: z.string(),
  /** As the identity spells it; `country_code` is its ISO 3166 alpha-2 code (null: not recognised). */
  country: z.string(),
  country_code: z.string().nullable(),
  created_at: z.string(),
  status: CaseStatus,
  risk_level: RiskLevel,
  risk_score: z.number().min(0).max(1),
  top_reasons: z.array(z.string()).max(3),
  open_hits: z.number().int().min(0),
  sync_pending: z.boolean(),
  /** The assignee's display name; null: unassigned. */
  assignee_name: z.string().nullable(),
  /** When the case is due (decision 021); null: nobody waits for it (approved, rejected). */
  due_at: z.string().nullable(),
  overdue: z.boolean(),
  updated_at: z.string(),
});
export type CaseSummaryDto = z.infer<typeof CaseSummaryDto>;

export const CaseQueueDto = pageDto(CaseSummaryDto).extend({
  /** Count per status over the whole instance (the queue's tabs), plus never_reviewed. */
  counts: z.record(z.string(), z.number().int().min(0)),
  /** True while the BFF's mirror of Cloud's identities is (re)syncing: the list may grow. */
  syncing: z.boolean(),
  /** Identities Cloud lists that the last sync could not read (skipped, logged; decision 015). */
  unreadable_identities: z.number().int().min(0),
  /** How the last sync failed, as an error code (`incomplete_listing`, `cloud_unavailable`, …), or null. */
  sync_error: z.string().nullable(),
  /** `cursor` for the page after this one / before it; null on the last / first page. */
  next_cursor: z.string().nullable(),
  prev_cursor: z.string().nullable(),
});
export type CaseQueueDto = z.infer<typeof CaseQueueDto>;

/** `POST /api/cases/refresh` (202): false when a sync of the mirror was already running. */
export const RefreshStartedDto = z.object({ started: z.boolean() });
export type RefreshStartedDto = z.infer<typeof RefreshStartedDto>;

/**
 * What an audit row records. The stored strings keep their `kind:detail` spelling; readers
 * branch on the whole value, never on parts of it.
 */
export const AuditAction = z.enum([
  'decision:approve',
  'decision:approve_first_of_two',
  'decision:reject',
  'decision:request_info',
  'decision:escalate',
  'decision:reopen',
  'decision:override',
  'decision:override_first_of_two',
  'hit:confirmed',
  'hit:false_positive',
  'hit:verdict_reversed',
  'monitoring:needs_rereview',
  'field_revealed',
  'settings_updated',
  'watchlist_imported',
  'watchlist_rolled_back',
  'note_added',
  // Assignment (decision 021): a claim, a lead's (re)assignment, an unassignment.
  'case:claimed',
  'case:assigned',
  'case:unassigned',
  // Request information (decision 021): the customer's answer came back.
  'case:info_received',
  'export:queue_csv',
  'export:audit_csv',
  'export:case_file',
  // Reviewers and sign-in (decision 017): no case, the install's own trail.
  'reviewer:bootstrapped',
  'reviewer:signed_in',
  'reviewer:signed_out',
  'reviewer:step_up',
  'reviewer:role_changed',
  'reviewer:invited',
  'reviewer:invitation_revoked',
  'reviewer:invitation_redeemed',
  'reviewer:disabled',
  'reviewer:enabled',
  'reviewer:policy_changed',
  'reviewer:totp_enabled',
  'reviewer:recovery_codes_issued',
  'reviewer:browser_forgotten',
  'reviewer:cloud_user_linked',
  'reviewer:cloud_user_unlinked',
  'sign_in:locked',
  'sign_in:unlocked',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** The audit action of a decision; the first approval of a four-eyes pair is its own action. */
export const decisionAuditAction = (action: DecisionAction, final: boolean): AuditAction =>
  final ? `decision:${action}` : 'decision:approve_first_of_two';

/** The audit action of a reviewer's verdict on a hit. */
export const hitAuditAction = (disposition: HitDisposition): AuditAction => `hit:${disposition}`;

export const HistoryEntryDto = z.object({
  audit_id: z.number().int(),
  at: z.string(),
  /** The reviewer id (or `system` for the app's own steps; older rows: a Cloud user id). */
  actor: z.string(),
  /** The reviewer's display name at the time; history shows this, never a raw id. */
  actor_name: z.string().nullable(),
  actor_cloud_user_id: z.string().nullable(),
  action: AuditAction,
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  request_id: z.string().nullable(),
});
export type HistoryEntryDto = z.infer<typeof HistoryEntryDto>;
export const HistoryDto = z.object({ items: z.array(HistoryEntryDto) });
export type HistoryDto = z.infer<typeof HistoryDto>;

export const SettingsDto = z.object({
  settings: KycSettings,
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type SettingsDto = z.infer<typeof SettingsDto>;

/** Reveal one tokenized field through Cloud's detokenize route (needs data:write). */
export const RevealBody = z.object({
  field: z.enum(['first_name', 'last_name', 'other_names', 'email_address', 'phone_number', 'street', 'post_code']),
});
export type RevealBody = z.infer<typeof RevealBody>;
export const RevealDto = z.object({ field: z.string(), value: z.string() });
export type RevealDto = z.infer<typeof RevealDto>;
