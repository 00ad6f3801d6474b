import { roleAtLeast, type AssigneeFilter, type Permission, type ReviewerRole } from '@kyc-review/contracts';
import { MissingPermissionError } from '../errors';
import type { Actor } from './reviewer';
import { ReviewerRequiredError, RoleRequiredError, StepUpRequiredError } from './reviewer-errors';
import type { Session } from './session';

/** The scope check every review route makes before anything reaches Cloud or the store. */
export function requireScope(session: Session, scope: Permission): void {
  if (!session.grantedPermissions.includes(scope)) throw new MissingPermissionError(scope);
}

/**
 * Who acts, for the audit trail, four eyes and the write-back: the reviewer signed in on
 * the session (decision 017), with the Cloud user the launch named when it named one.
 * Routes already answer 401 without a reviewer; this is the services' own guard.
 */
export function actorOf(session: Session): Actor {
  const reviewer = session.reviewer;
  if (reviewer === null) throw new ReviewerRequiredError();
  return {
    reviewerId: reviewer.reviewerId,
    displayName: reviewer.displayName,
    role: reviewer.role,
    cloudUserId: session.userId,
  };
}

/** The role check, for services (routes declare theirs with requireRole). */
export function requireRoleOf(session: Session, minimum: ReviewerRole): Actor {
  const actor = actorOf(session);
  if (!roleAtLeast(actor.role, minimum)) throw new RoleRequiredError(minimum);
  return actor;
}

/**
 * The queue's filters with `assignee=me` turned into the signed-in reviewer's id, and the
 * second-approval view told whose first approvals to leave out, so the queue, its CSV and
 * saved views all mean the reviewer who asks.
 */
export function withAssigneeResolved<
  Q extends { readonly assignee?: AssigneeFilter | undefined; readonly second_approval?: 'awaiting' | undefined },
>(session: Session, query: Q): Q & { readonly first_approver_not?: string } {
  const resolved = query.assignee === 'me' ? { ...query, assignee: actorOf(session).reviewerId } : query;
  return query.second_approval === 'awaiting'
    ? { ...resolved, first_approver_not: actorOf(session).reviewerId }
    : resolved;
}

/** How long a second-factor confirmation covers sensitive actions (docs/cloud-contract.md §9). */
export const STEP_UP_SECONDS = 15 * 60;

/**
 * Step-up: a lead's or admin's sensitive action (second approval, override, policy or
 * watchlist change, reviewer management) needs a second-factor confirmation at most 15
 * minutes old. Reviewers' actions are not sensitive in this sense.
 */
export function requireFreshSecondFactor(session: Session, nowMs: number): void {
  const reviewer = session.reviewer;
  if (reviewer === null) throw new ReviewerRequiredError();
  if (reviewer.role === 'reviewer') return;
  requireRecentSecondFactor(session, nowMs);
}

/**
 * The same 15 minutes, whatever the role: for what only the second factor's owner may do
 * to it (new recovery codes, another authenticator).
 */
export function requireRecentSecondFactor(session: Session, nowMs: number): void {
  if (!secondFactorFresh(session, nowMs)) throw new StepUpRequiredError();
}

/** The session's second factor was confirmed within the step-up window. */
export function secondFactorFresh(session: Session, nowMs: number): boolean {
  const at = session.secondFactorAt?.getTime();
  return at !== undefined && nowMs - at <= STEP_UP_SECONDS * 1000;
}

/** What every audited action carries besides its own before and after. */
export type ActionContext = { readonly requestId: string | null };
