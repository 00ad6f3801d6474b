import type { AssignBody, AssignmentDto, TeamDto } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { CaseAssignee, CaseRecord } from './case-record';
import type { KycRepositories } from '../db/kyc-repositories';
import type { SyncReviewerReads } from '../db/sqlite-sync-reads';
import { NotFoundError, ValidationError } from '../errors';
import { AlreadyClaimedError, toAssigneeDto } from './assignment-rules';
import type { CaseService } from './case-service';
import { requireClaimable } from './decision-guards';
import { actorOf, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import type { Actor } from './reviewer';
import type { Session } from './session';

const snapshot = (a: CaseAssignee | null) =>
  a === null ? { assignee: null } : { assignee: a.reviewerId, assignee_name: a.displayName };

export type AssignmentService = ReturnType<typeof createAssignmentService>;

/**
 * Assignment (issue 12, decision 021): a reviewer claims an unassigned case, a lead assigns,
 * reassigns and unassigns. Every change is one transaction with its audit row; a claim is
 * one conditional UPDATE, so of two claims at once exactly one wins.
 */
export function createAssignmentService({
  kyc,
  reviewers,
  clock,
  cases,
}: {
  kyc: KycRepositories;
  reviewers: SyncReviewerReads;
  clock: Clock;
  cases: CaseService;
}) {
  /** The case, read in the caller's transaction; unknown or another install's: 404. */
  function caseOf(install: string, identityId: string): CaseRecord {
    const kase = kyc.cases.get(install, identityId);
    if (kase === null) throw new NotFoundError('No such case.');
    return kase;
  }

  /** The audit row of an assignment change just made (same transaction), and the new assignment. */
  function recorded(
    install: string,
    identityId: string,
    actor: Actor,
    action: 'case:claimed' | 'case:assigned' | 'case:unassigned',
    before: CaseAssignee | null,
    at: string,
    ctx: ActionContext,
  ): AssignmentDto {
    const after = caseOf(install, identityId);
    kyc.audit.append({
      installedAppId: install,
      identityId,
      caseId: after.caseId,
      actor,
      action,
      before: snapshot(before),
      after: snapshot(after.assignee),
      reason: null,
      requestId: ctx.requestId,
      at,
    });
    return { identity_id: identityId, assignee: toAssigneeDto(after.assignee) };
  }

  return {
    async claim(session: Session, identityId: string, ctx: ActionContext): Promise<AssignmentDto> {
      requireScope(session, 'data:read');
      const actor = actorOf(session);
      const install = session.installedAppId;
      // A claim may come before the queue synced the identity; an identity Cloud does not know is a 404.
      await cases.mirrored(session, identityId);
      return kyc.transaction(() => {
        const before = caseOf(install, identityId);
        requireClaimable(actor, before);
        if (before.assignee?.reviewerId === actor.reviewerId)
          return { identity_id: identityId, assignee: toAssigneeDto(before.assignee) };
        const at = clock.now().toISOString();
        if (!kyc.assignment.claim(install, identityId, actor.reviewerId, at)) {
          const holder = caseOf(install, identityId).assignee;
          // The row had an assignee a moment ago; `holder` is null only if a lead just unassigned it.
          if (holder !== null) throw new AlreadyClaimedError(holder);
          throw new NotFoundError('No such case.');
        }
        return recorded(install, identityId, actor, 'case:claimed', null, at, ctx);
      });
    },

    async assign(session: Session, identityId: string, body: AssignBody, ctx: ActionContext): Promise<AssignmentDto> {
      requireScope(session, 'data:read');
      const actor = requireRoleOf(session, 'lead');
      const install = session.installedAppId;
      await cases.mirrored(session, identityId);
      return kyc.transaction(() => {
        const before = caseOf(install, identityId);
        const to = body.reviewer_id;
        if (to !== null) {
          const reviewer = reviewers.find(install, to);
          if (reviewer?.status !== 'active')
            throw new ValidationError('Assign the case to an active reviewer of this install.', {
              reviewer_id: 'not an active reviewer of this install',
            });
        }
        if ((before.assignee?.reviewerId ?? null) === to)
          return { identity_id: identityId, assignee: toAssigneeDto(before.assignee) };
        const at = clock.now().toISOString();
        kyc.assignment.assign(install, identityId, to, at);
        return recorded(
          install,
          identityId,
          actor,
          to === null ? 'case:unassigned' : 'case:assigned',
          before.assignee,
          at,
          ctx,
        );
      });
    },

    /** The install's active reviewers: the names the SPA shows and the lead's assign menu. */
    team(session: Session): TeamDto {
      actorOf(session);
      return {
        items: reviewers
          .list(session.installedAppId)
          .filter((r) => r.status === 'active')
          .map((r) => ({ reviewer_id: r.reviewerId, display_name: r.displayName, role: r.role })),
      };
    },
  };
}
