import type { CaseDto, DecisionAction, RejectReasonCode } from '@kyc-review/contracts';
import { STATUS_LABELS } from '../../components/status-badge';

export const ACTION_LABELS: Readonly<Record<DecisionAction, string>> = {
  approve: 'Approve',
  reject: 'Reject',
  request_info: 'Request information',
  escalate: 'Escalate',
  reopen: 'Reopen',
};

export const REJECT_REASONS: Readonly<Record<RejectReasonCode, string>> = {
  sanctions_match: 'Sanctions match',
  pep_unacceptable_risk: 'PEP, unacceptable risk',
  fraud_suspected: 'Fraud suspected',
  document_mismatch: 'Document mismatch',
  underage: 'Under the minimum age',
  high_risk_jurisdiction: 'High-risk jurisdiction',
  duplicate_identity: 'Duplicate identity',
  other: 'Other',
};

/** Whether an action needs a note (mirrors DecisionBody's rule, so the label can say so up front). */
export const NOTE_REQUIRED: ReadonlySet<DecisionAction> = new Set(['reject', 'request_info', 'escalate']);

/** The four decisions always on screen; reopen appears only when it is possible. */
export function visibleActions(c: CaseDto): DecisionAction[] {
  const base: DecisionAction[] = ['approve', 'reject', 'request_info', 'escalate'];
  return c.allowed_actions.includes('reopen') ? [...base, 'reopen'] : base;
}

const list = new Intl.ListFormat('en', { type: 'conjunction' });

/**
 * The reason every action the state machine refuses in this status shares, naming them
 * ("Approve and reject are not possible while …"), or null when it refuses none.
 */
export function statusDisabledReason(c: CaseDto): string | null {
  const refused = visibleActions(c).filter((action) => !c.allowed_actions.includes(action));
  if (refused.length === 0) return null;
  const names = list.format(
    refused.map((action, i) => (i === 0 ? ACTION_LABELS[action] : ACTION_LABELS[action].toLowerCase())),
  );
  return `${names} ${refused.length === 1 ? 'is' : 'are'} not possible while the case is ${STATUS_LABELS[c.status].toLowerCase()}.`;
}

/** Why an action cannot be taken now, or null when it can. */
export function disabledReason(c: CaseDto, action: DecisionAction, reviewerId: string | null): string | null {
  if (
    action === 'approve' &&
    c.pending_approval !== null &&
    reviewerId !== null &&
    c.pending_approval.first_reviewer === reviewerId
  ) {
    return 'You gave the first approval; a different reviewer must give the second.';
  }
  if (!c.allowed_actions.includes(action)) return statusDisabledReason(c);
  if (action === 'approve' && c.approval_blockers.length > 0)
    return `Blocked: ${c.approval_blockers.length === 1 ? 'one thing stands' : `${String(c.approval_blockers.length)} things stand`} in the way (listed above).`;
  return null;
}
