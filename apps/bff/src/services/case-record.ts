import { z } from 'zod';
import type {
  ApprovalBlocker,
  CaseStatus,
  DecisionAction,
  OverrideReasonCode,
  RejectReasonCode,
  ReviewerId,
  RiskLevel,
} from '@kyc-review/contracts';
import { CheckResult, RiskAssessment, WatchlistHit } from '@kyc-review/contracts';

// The review case as the services own it (issue 16: domain types out of db/); the case
// repository stores and returns it.

/** What the checks concluded, cached with the inputs it was computed from. */
export const Assessment = z.object({ checks: z.array(CheckResult), hits: z.array(WatchlistHit), risk: RiskAssessment });
export type Assessment = z.infer<typeof Assessment>;

export type AssessmentStamp = {
  readonly fingerprint: string;
  readonly watchlistVersion: number;
  readonly settingsVersion: number;
  readonly assessedAt: string;
};

/** The identity as the queue shows and filters it, copied onto the case at every sync. */
export type CaseSummary = {
  readonly displayName: string;
  readonly searchText: string;
  readonly identityType: string;
  readonly country: string;
  readonly createdAt: string;
  /** `meta_data.kyc_status` in the ledger, when any. */
  readonly kycStatus: string | null;
  /** `meta_data.kyc_reviewed_at` and `kyc_risk_level`: when and at what level the ledger's decision was made. */
  readonly kycReviewedAt: string | null;
  readonly kycRiskLevel: RiskLevel | null;
};

export type CaseRecord = {
  readonly caseId: string;
  readonly installedAppId: string;
  readonly identityId: string;
  readonly status: CaseStatus;
  readonly version: number;
  readonly assessment: Assessment;
  readonly stamp: AssessmentStamp;
  readonly pendingApproval: PendingApproval | null;
  readonly fourEyes: FourEyesFlag | null;
  readonly lastDecision: DecisionRecord | null;
  readonly lastActionId: string | null;
  /** Who owns the case (migration 0015), by the reviewer's current name; null: unassigned. */
  readonly assignee: CaseAssignee | null;
  /** Why the case waits and until when (migration 0016); dueAt null: nobody waits for it. */
  readonly queueReason: 'new' | 'needs_rereview' | 'periodic_review';
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The last final decision's time and risk level (periodic review); null until decided. */
  readonly decidedAt: string | null;
  readonly decidedLevel: RiskLevel | null;
};

/** A lead's recorded approval over these blockers: its own audited step (decision 020). */
export type OverrideRecord = {
  readonly reasonCode: OverrideReasonCode;
  readonly note: string;
  /** The lead's reviewer id and name at the time. */
  readonly by: string;
  readonly byName: string | null;
  readonly at: string;
  readonly blockers: readonly ApprovalBlocker[];
};

/** A first approval of two, waiting for a second reviewer (four eyes). */
export type PendingApproval = {
  readonly firstReviewerId: string;
  readonly firstReviewerName: string | null;
  readonly approvedAt: string;
  readonly note: string | null;
  /** The first approval was a lead's override: the second needs no new one for the same blockers. */
  readonly override: OverrideRecord | null;
};

/**
 * Why the case needs two approvers whatever its risk is now (four eyes by person, not by
 * score); cleared only by the completing approval.
 */
export type FourEyesFlag = {
  readonly reason: 'high_risk_approval' | 'hits_dismissed_at_high_risk';
  readonly reviewerId: string;
  readonly reviewerName: string | null;
  readonly at: string;
};

/** The case's last decision as recorded. */
export type DecisionRecord = {
  readonly decisionId: string;
  readonly action: DecisionAction;
  readonly reasonCode: RejectReasonCode | null;
  readonly note: string | null;
  /** The reviewer id (older decisions: the Cloud user id or `install:…` they were recorded with). */
  readonly decidedBy: string;
  readonly decidedByName: string | null;
  readonly decidedAt: string;
  readonly statusAfter: CaseStatus;
  /** Set when the approval was a lead's override of the blockers. */
  readonly override: OverrideRecord | null;
};

export type CaseAssignee = {
  readonly reviewerId: ReviewerId;
  readonly displayName: string;
  readonly assignedAt: string;
};

/** Statuses a decision leaves: monitoring watches these cases (docs/decisions/020). */
export const DECIDED_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'approved',
  'rejected',
  'info_requested',
  'escalated',
  'needs_rereview',
]);
