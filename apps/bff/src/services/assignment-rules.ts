import { roleAtLeast, type AssigneeDto } from '@kyc-review/contracts';
import type { CaseAssignee, CaseRecord } from './case-record';
import { AppError } from '../errors';
import type { Actor } from './reviewer';

// Who may act on an assigned case (issue 12, decision 021): its assignee or a lead. Anyone
// who can read the case may still read it and add notes.

export const toAssigneeDto = (a: CaseAssignee | null): AssigneeDto | null =>
  a === null ? null : { reviewer_id: a.reviewerId, display_name: a.displayName, assigned_at: a.assignedAt };

const assigneeDetails = (a: CaseAssignee) => ({ reviewer_id: a.reviewerId, display_name: a.displayName });

/** Someone else claimed the case first (or holds it already): 409 with the winner's name. */
export class AlreadyClaimedError extends AppError {
  constructor(assignee: CaseAssignee) {
    super('already_claimed', 409, `${assignee.displayName} already has this case.`, {
      assignee: assigneeDetails(assignee),
    });
  }
}

/** A reviewer acting on a case assigned to someone else: 403 with the assignee's name. */
export class AssignedToOtherError extends AppError {
  constructor(assignee: CaseAssignee) {
    super(
      'assigned_to_other',
      403,
      `This case is assigned to ${assignee.displayName}: only they or a lead can act on it.`,
      { assignee: assigneeDetails(assignee) },
    );
  }
}

/** Whether `actor` may decide on (or give verdicts on) the case. */
export const mayActOn = (actor: Actor, kase: Pick<CaseRecord, 'assignee'>): boolean =>
  kase.assignee === null || kase.assignee.reviewerId === actor.reviewerId || roleAtLeast(actor.role, 'lead');

/** The guard decisions and hit verdicts call inside their transaction. */
export function requireMayActOn(actor: Actor, kase: Pick<CaseRecord, 'assignee'>): void {
  if (kase.assignee !== null && !mayActOn(actor, kase)) throw new AssignedToOtherError(kase.assignee);
}
