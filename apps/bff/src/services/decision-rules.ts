import type { CaseStatus, DecisionAction } from '@kyc-review/contracts';
import type { CaseRecord } from './case-record';

/**
 * The review state machine (decision 011): which action moves a case from which status
 * to which. Closed cases (approved, rejected) only re-open; re-opening is its own action.
 */
const OPEN_ACTIONS = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'info_requested',
  escalate: 'escalated',
} as const;

export const TRANSITIONS: Readonly<Record<CaseStatus, Readonly<Partial<Record<DecisionAction, CaseStatus>>>>> = {
  new: OPEN_ACTIONS,
  in_review: OPEN_ACTIONS,
  info_requested: { approve: 'approved', reject: 'rejected', escalate: 'escalated' },
  escalated: { approve: 'approved', reject: 'rejected', request_info: 'info_requested' },
  approved: { reopen: 'in_review' },
  rejected: { reopen: 'in_review' },
  // A re-review is decided afresh; the earlier decision stays visible on the case.
  needs_rereview: OPEN_ACTIONS,
};

export function nextStatus(status: CaseStatus, action: DecisionAction): CaseStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

export function allowedActions(status: CaseStatus): DecisionAction[] {
  const order: readonly DecisionAction[] = ['approve', 'reject', 'request_info', 'escalate', 'reopen'];
  return order.filter((action) => TRANSITIONS[status][action] !== undefined);
}

/** Reject and escalate raise an alert on the identity in Cloud (docs/product.md step 5). */
export function raisesAlert(action: DecisionAction): boolean {
  return action === 'reject' || action === 'escalate';
}

/**
 * Four eyes by person, not by score: two approvers when the case is high risk now, a first
 * approval is pending, or it was flagged earlier (the flag sticks until the completing approval).
 */
export const needsTwoApprovals = (kase: Pick<CaseRecord, 'assessment' | 'pendingApproval' | 'fourEyes'>): boolean =>
  kase.assessment.risk.level === 'high' || kase.pendingApproval !== null || kase.fourEyes !== null;
