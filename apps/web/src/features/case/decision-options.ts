import type { ActionOffer, CaseDto, DecisionAction, RejectReasonCode } from '@kyc-review/contracts';
import { STATUS_LABELS } from '../../components/status-badge';

// The decision panel's words for what the BFF offers (CaseDto.allowed_actions, decision
// 014): which actions, why one is not possible, what each needs. No rule is restated here.

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

/** The state machine refuses the action from the case's status. */
const refusedByStatus = (offer: ActionOffer) => offer.blockers.some((b) => b.code === 'invalid_transition');

/** The four decisions always on screen; reopen appears only when the status allows it. */
export function visibleActions(c: CaseDto): DecisionAction[] {
  const base: DecisionAction[] = ['approve', 'reject', 'request_info', 'escalate'];
  return refusedByStatus(c.allowed_actions.reopen) ? base : [...base, 'reopen'];
}

const list = new Intl.ListFormat('en', { type: 'conjunction' });

/**
 * The reason every action the status refuses shares, naming them ("Approve and reject are
 * not possible while …"), or null when the status refuses none.
 */
function statusReason(c: CaseDto): string | null {
  const refused = visibleActions(c).filter((action) => refusedByStatus(c.allowed_actions[action]));
  if (refused.length === 0) return null;
  const names = list.format(
    refused.map((action, i) => (i === 0 ? ACTION_LABELS[action] : ACTION_LABELS[action].toLowerCase())),
  );
  return `${names} ${refused.length === 1 ? 'is' : 'are'} not possible while the case is ${STATUS_LABELS[c.status].toLowerCase()}.`;
}

/** Why an action cannot be taken now (the BFF's first blocker, in the panel's words), or null when it can. */
export function disabledReason(c: CaseDto, action: DecisionAction): string | null {
  const offer = c.allowed_actions[action];
  if (offer.allowed) return null;
  if (refusedByStatus(offer)) return statusReason(c);
  const [first] = offer.blockers;
  if (first?.code === 'approval_blocked')
    return `Blocked: ${c.approval_blockers.length === 1 ? 'one thing stands' : `${String(c.approval_blockers.length)} things stand`} in the way (listed above).`;
  return first?.message ?? null;
}

/** Reasons said once under all the actions (the status's, and any two or more actions share), not under each. */
export function sharedReasons(c: CaseDto): string[] {
  const status = statusReason(c);
  const counts = new Map<string, number>(status === null ? [] : [[status, 2]]);
  for (const action of visibleActions(c)) {
    const reason = disabledReason(c, action);
    if (reason !== null) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([reason]) => reason);
}

/** The note field's label: what the BFF requires of the action's body. */
export function noteLabel(offer: ActionOffer, action: DecisionAction): string {
  if (action === 'request_info') return 'What is missing (required)';
  return offer.note === 'required' ? 'Note (required)' : 'Note (optional)';
}
