import { roleAtLeast, type ApprovalBlocker, type CaseStatus, type DecisionAction } from '@kyc-review/contracts';
import type { HitDispositionRecord } from '../db/hit-disposition-repository';
import { ConflictError } from '../errors';
import { AlreadyClaimedError } from './assignment-rules';
import type { CaseRecord } from './case-record';
import { allowedActions, nextStatus } from './decision-rules';
import type { Actor } from './reviewer';
import { RoleRequiredError } from './reviewer-errors';
import {
  ApprovalBlockedError,
  FourEyesRequiredError,
  InvalidTransitionError,
  NotWaitingForInformationError,
} from './review-errors';
import { blockersOf, openBlockersOf } from './review-state';

// The checks that refuse an action on a case, each throwing the error the BFF answers with.
// The services call them to enforce; case-actions.ts calls the same ones to tell the SPA
// what is offered, so the offer and the refusal cannot disagree (decision 014).

/** The state machine (decision 011): where the action takes the case from its status. */
export function requireTransition(status: CaseStatus, action: DecisionAction): CaseStatus {
  const next = nextStatus(status, action);
  if (next === null) throw new InvalidTransitionError(status, action, allowedActions(status));
  return next;
}

/** The guardrails: nothing blocks the approval (a pending first-of-two override covers its blockers). */
export function requireNothingBlocks(kase: CaseRecord, dispositions: readonly HitDispositionRecord[]): void {
  const blockers = openBlockersOf(kase, dispositions);
  if (blockers.length > 0) throw new ApprovalBlockedError(blockers);
}

/** An override is an approval over blockers: with none, the lead approves instead. */
export function requireSomethingToOverride(
  kase: CaseRecord,
  dispositions: readonly HitDispositionRecord[],
): ApprovalBlocker[] {
  const blockers = blockersOf(kase, dispositions);
  if (blockers.length === 0)
    throw new ConflictError('Nothing blocks this approval: approve the case instead of overriding.');
  return blockers;
}

/**
 * Four eyes by person (decision 017): with a first approval pending, the second comes from a
 * different reviewer with the lead or admin role.
 */
export function requireSecondApprover(actor: Actor, kase: Pick<CaseRecord, 'pendingApproval'>): void {
  const first = kase.pendingApproval;
  if (first === null) return;
  if (first.firstReviewerId === actor.reviewerId)
    throw new FourEyesRequiredError('You gave the first approval: a different reviewer must give the second.');
  if (!roleAtLeast(actor.role, 'lead'))
    throw new FourEyesRequiredError('The second approval needs a reviewer with the lead or admin role.');
}

export function requireLead(actor: Actor): void {
  if (!roleAtLeast(actor.role, 'lead')) throw new RoleRequiredError('lead');
}

/** A claim takes an unassigned case (claiming one's own is a no-op); someone else's is theirs. */
export function requireClaimable(actor: Actor, kase: Pick<CaseRecord, 'assignee'>): void {
  if (kase.assignee !== null && kase.assignee.reviewerId !== actor.reviewerId)
    throw new AlreadyClaimedError(kase.assignee);
}

/** "Information received" answers an open request: the case must be waiting for it. */
export function requireWaitingForInformation(kase: Pick<CaseRecord, 'status'>): void {
  if (kase.status !== 'info_requested') throw new NotWaitingForInformationError(kase.status);
}
