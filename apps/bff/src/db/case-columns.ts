import { z } from 'zod';
import {
  ApprovalBlocker,
  CaseStatus,
  DecisionAction,
  OverrideReasonCode,
  RejectReasonCode,
} from '@kyc-review/contracts';
import type { DecisionRecord, FourEyesFlag, OverrideRecord, PendingApproval } from '../services/case-record';

// The JSON columns of kyc_cases (pending_approval, four_eyes, last_decision) as rows hold
// them: snake_case, the spelling every stored row has had since migration 0002. The schemas
// here are the storage format, parsed into the services' domain records; the API's DTOs are
// mapped from those records in services/case-dto.ts, so neither side's spelling leaks into
// the other. Fields added later default for older rows.

const StoredOverride = z
  .object({
    reason_code: OverrideReasonCode,
    note: z.string(),
    by: z.string(),
    by_name: z.string().nullable().default(null),
    at: z.string(),
    blockers: z.array(ApprovalBlocker),
  })
  .transform((o): OverrideRecord => ({
    reasonCode: o.reason_code,
    note: o.note,
    by: o.by,
    byName: o.by_name,
    at: o.at,
    blockers: o.blockers,
  }));

export const StoredPendingApproval = z
  .object({
    first_reviewer: z.string(),
    first_reviewer_name: z.string().nullable().default(null),
    approved_at: z.string(),
    note: z.string().nullable(),
    override: StoredOverride.nullable().default(null),
  })
  .transform((p): PendingApproval => ({
    firstReviewerId: p.first_reviewer,
    firstReviewerName: p.first_reviewer_name,
    approvedAt: p.approved_at,
    note: p.note,
    override: p.override,
  }));

export const StoredFourEyes = z
  .object({
    reason: z.enum(['high_risk_approval', 'hits_dismissed_at_high_risk']),
    reviewer_id: z.string(),
    reviewer_name: z.string().nullable(),
    at: z.string(),
  })
  .transform((f): FourEyesFlag => ({
    reason: f.reason,
    reviewerId: f.reviewer_id,
    reviewerName: f.reviewer_name,
    at: f.at,
  }));

export const StoredDecision = z
  .object({
    decision_id: z.string(),
    action: DecisionAction,
    reason_code: RejectReasonCode.nullable(),
    note: z.string().nullable(),
    decided_by: z.string(),
    decided_by_name: z.string().nullable().default(null),
    decided_at: z.string(),
    status_after: CaseStatus,
    override: StoredOverride.nullable().default(null),
  })
  .transform((d): DecisionRecord => ({
    decisionId: d.decision_id,
    action: d.action,
    reasonCode: d.reason_code,
    note: d.note,
    decidedBy: d.decided_by,
    decidedByName: d.decided_by_name,
    decidedAt: d.decided_at,
    statusAfter: d.status_after,
    override: d.override,
  }));

const storedOverride = (o: OverrideRecord | null) =>
  o === null
    ? null
    : { reason_code: o.reasonCode, note: o.note, by: o.by, by_name: o.byName, at: o.at, blockers: o.blockers };

/** The column text of a pending approval (null: none). */
export const pendingApprovalColumn = (p: PendingApproval | null): string | null =>
  p === null
    ? null
    : JSON.stringify({
        first_reviewer: p.firstReviewerId,
        first_reviewer_name: p.firstReviewerName,
        approved_at: p.approvedAt,
        note: p.note,
        override: storedOverride(p.override),
      });

export const fourEyesColumn = (f: FourEyesFlag | null): string | null =>
  f === null
    ? null
    : JSON.stringify({ reason: f.reason, reviewer_id: f.reviewerId, reviewer_name: f.reviewerName, at: f.at });

export const decisionColumn = (d: DecisionRecord | null): string | null =>
  d === null
    ? null
    : JSON.stringify({
        decision_id: d.decisionId,
        action: d.action,
        reason_code: d.reasonCode,
        note: d.note,
        decided_by: d.decidedBy,
        decided_by_name: d.decidedByName,
        decided_at: d.decidedAt,
        status_after: d.statusAfter,
        override: storedOverride(d.override),
      });
