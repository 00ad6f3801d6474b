import { randomUUID } from 'node:crypto';
import {
  InvitationId,
  type CreatedInvitationDto,
  type InvitationBody,
  type InvitationDto,
  type ReviewerDto,
  type ReviewerListDto,
  type ReviewerPolicyBody,
  type ReviewerUpdateBody,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import { hashToken, randomToken } from '../crypto/tokens';
import type { Invitation } from '../db/invitation-repository';
import type { Repositories, TxRepositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import { requireFreshSecondFactor, requireRoleOf, type ActionContext } from './kyc-access';
import type { Actor, Reviewer } from './reviewer';
import { createReviewerAudit } from './reviewer-audit';
import { invitationState, type ReviewerAuthService } from './reviewer-auth-service';
import { LastAdminError } from './reviewer-errors';
import type { Session } from './session';

/** An invitation's code is valid this long (docs/cloud-contract.md §9). */
export const INVITATION_HOURS = 72;

export function toReviewerDto(reviewer: Reviewer): ReviewerDto {
  return {
    reviewer_id: reviewer.reviewerId,
    display_name: reviewer.displayName,
    email: reviewer.email,
    role: reviewer.role,
    status: reviewer.status,
    totp_enabled: reviewer.totpEnabled,
    cloud_user_id: reviewer.cloudUserId,
    created_at: reviewer.createdAt,
    last_sign_in_at: reviewer.lastSignInAt,
  };
}

const toInvitationDto = (invitation: Invitation, nowMs: number): InvitationDto => ({
  invitation_id: invitation.invitationId,
  display_name: invitation.displayName,
  email: invitation.email,
  role: invitation.role,
  created_by_name: invitation.createdByName,
  created_at: invitation.createdAt,
  expires_at: new Date(invitation.expiresAt).toISOString(),
  state: invitationState(invitation, nowMs),
});

export type ReviewerAdminService = ReturnType<typeof createReviewerAdminService>;

/**
 * An admin's management of the install's reviewers (decision 017): invitations, roles,
 * disable and re-enable, remembered browsers, the "second factor for everyone" policy.
 * Every change is role admin with a fresh second factor (step-up), audited, and keeps at
 * least one active admin.
 */
export function createReviewerAdminService({
  repos,
  clock,
  auth,
}: {
  repos: Repositories;
  clock: Clock;
  auth: ReviewerAuthService;
}) {
  /** The admin acting, after the role and step-up checks every change makes. */
  function adminActing(session: Session): Actor {
    const actor = requireRoleOf(session, 'admin');
    requireFreshSecondFactor(session, clock.now().getTime());
    return actor;
  }

  const audit = createReviewerAudit({ clock });

  async function target(tx: TxRepositories, session: Session, reviewerId: string): Promise<Reviewer> {
    const reviewer = await tx.reviewers.find(session.installedAppId, reviewerId);
    if (reviewer === null) throw new NotFoundError('No reviewer with this id on this install.');
    return reviewer;
  }

  /**
   * Ends the reviewer's sign-in on every launch and forgets every browser they asked to be
   * remembered, in `tx`: the change that asks for it commits with it.
   */
  async function endSignIns(tx: TxRepositories, installedAppId: string, reviewerId: string) {
    return {
      sessions_ended: await tx.sessions.signOutEverywhere(installedAppId, reviewerId),
      browsers_forgotten: await tx.devices.deleteForReviewer(installedAppId, reviewerId),
    };
  }

  return {
    async list(session: Session): Promise<ReviewerListDto> {
      requireRoleOf(session, 'admin');
      const now = clock.now().getTime();
      const [reviewers, invitations, requireTotpForAll] = await Promise.all([
        repos.reviewers.list(session.installedAppId),
        repos.invitations.open(session.installedAppId),
        repos.reviewerPolicy.requireTotpForAll(session.installedAppId),
      ]);
      return {
        reviewers: reviewers.map(toReviewerDto),
        invitations: invitations.map((i) => toInvitationDto(i, now)),
        require_totp_for_all: requireTotpForAll,
      };
    },

    /** A single-use code valid 72 h, stored hashed: the answer is the only time it is shown. */
    async invite(session: Session, body: InvitationBody, ctx: ActionContext): Promise<CreatedInvitationDto> {
      const actor = adminActing(session);
      const now = clock.now();
      const code = randomToken();
      const invitationId = InvitationId.parse(`inv_${randomUUID()}`);
      return repos.transaction(async (tx) => {
        if ((await tx.reviewers.findByEmail(session.installedAppId, body.email)) !== null)
          throw new ConflictError('A reviewer with this email already exists on this install.', { field: 'email' });
        if ((await tx.invitations.pendingForEmail(session.installedAppId, body.email, now.getTime())) > 0)
          throw new ConflictError('This email already has an open invitation. Revoke it first to send a new one.', {
            field: 'email',
          });
        await tx.invitations.insert({
          invitationId,
          installedAppId: session.installedAppId,
          codeHash: hashToken(code),
          displayName: body.display_name,
          email: body.email,
          role: body.role,
          createdBy: actor.reviewerId,
          createdAt: now.toISOString(),
          expiresAt: now.getTime() + INVITATION_HOURS * 3_600_000,
        });
        const invitation = await tx.invitations.find(session.installedAppId, invitationId);
        if (invitation === null) throw new Error('the invitation was not stored');
        await audit(
          tx,
          session,
          actor,
          'reviewer:invited',
          { after: { invitation_id: invitationId, display_name: body.display_name, role: body.role } },
          ctx,
        );
        return { invitation: toInvitationDto(invitation, now.getTime()), code };
      });
    },

    async revokeInvitation(session: Session, invitationId: InvitationId, ctx: ActionContext): Promise<InvitationDto> {
      const actor = adminActing(session);
      const now = clock.now();
      return repos.transaction(async (tx) => {
        const invitation = await tx.invitations.find(session.installedAppId, invitationId);
        if (invitation === null) throw new NotFoundError('No invitation with this id on this install.');
        if (!(await tx.invitations.revoke(session.installedAppId, invitationId, now.toISOString())))
          throw new ConflictError(`This invitation was already ${invitationState(invitation, now.getTime())}.`);
        await audit(tx, session, actor, 'reviewer:invitation_revoked', { after: { invitation_id: invitationId } }, ctx);
        return toInvitationDto({ ...invitation, revokedAt: now.toISOString() }, now.getTime());
      });
    },

    /**
     * A new role or status. Disabling ends their sign-ins and remembered browsers at once; a
     * new role that needs a second factor they lack does too (they set one up at the next
     * sign-in). The last active admin can be neither disabled nor demoted (409 last_admin).
     */
    async update(
      session: Session,
      reviewerId: string,
      body: ReviewerUpdateBody,
      ctx: ActionContext,
    ): Promise<ReviewerDto> {
      const actor = adminActing(session);
      return repos.transaction(async (tx) => {
        const before = await target(tx, session, reviewerId);
        const role = body.role ?? before.role;
        const status = body.status ?? before.status;
        const losesAdmin =
          before.role === 'admin' && before.status === 'active' && (role !== 'admin' || status !== 'active');
        if (losesAdmin && (await tx.reviewers.activeAdminCount(session.installedAppId)) <= 1)
          throw new LastAdminError();
        const ids = { reviewer_id: before.reviewerId, display_name: before.displayName };
        if (role !== before.role) {
          await tx.reviewers.setRole(session.installedAppId, before.reviewerId, role);
          const owesTotp =
            !before.totpEnabled && (await auth.needsTotp({ installedAppId: session.installedAppId, role }, tx));
          const ended = owesTotp ? await endSignIns(tx, session.installedAppId, before.reviewerId) : {};
          await audit(
            tx,
            session,
            actor,
            'reviewer:role_changed',
            { before: { ...ids, role: before.role }, after: { ...ids, role, ...ended } },
            ctx,
          );
        }
        if (status !== before.status) {
          await tx.reviewers.setStatus(session.installedAppId, before.reviewerId, status);
          if (status === 'disabled') {
            const ended = await endSignIns(tx, session.installedAppId, before.reviewerId);
            await audit(tx, session, actor, 'reviewer:disabled', { before: ids, after: { ...ids, ...ended } }, ctx);
          } else await audit(tx, session, actor, 'reviewer:enabled', { after: ids }, ctx);
        }
        return toReviewerDto(await target(tx, session, reviewerId));
      });
    },

    /** Forgets every browser the reviewer asked to be remembered (a lost laptop); their current launches stay. */
    async forgetBrowsers(
      session: Session,
      reviewerId: string,
      ctx: ActionContext,
    ): Promise<{ browsers_forgotten: number }> {
      const actor = adminActing(session);
      return repos.transaction(async (tx) => {
        const reviewer = await target(tx, session, reviewerId);
        const forgotten = await tx.devices.deleteForReviewer(session.installedAppId, reviewer.reviewerId);
        await audit(
          tx,
          session,
          actor,
          'reviewer:browser_forgotten',
          {
            after: {
              reviewer_id: reviewer.reviewerId,
              display_name: reviewer.displayName,
              browsers_forgotten: forgotten,
            },
          },
          ctx,
        );
        return { browsers_forgotten: forgotten };
      });
    },

    /**
     * "A second factor for everyone". Turning it on ends the sign-ins of reviewers without
     * one, so each sets up an authenticator at their next sign-in.
     */
    async setPolicy(
      session: Session,
      body: ReviewerPolicyBody,
      ctx: ActionContext,
    ): Promise<{ require_totp_for_all: boolean }> {
      const actor = adminActing(session);
      const now = clock.now().toISOString();
      return repos.transaction(async (tx) => {
        const before = await tx.reviewerPolicy.requireTotpForAll(session.installedAppId);
        if (before === body.require_totp_for_all) return { require_totp_for_all: before };
        await tx.reviewerPolicy.setRequireTotpForAll(
          session.installedAppId,
          body.require_totp_for_all,
          now,
          actor.reviewerId,
        );
        let signedOut = 0;
        if (body.require_totp_for_all)
          for (const reviewer of await tx.reviewers.list(session.installedAppId))
            if (!reviewer.totpEnabled)
              signedOut += (await endSignIns(tx, session.installedAppId, reviewer.reviewerId)).sessions_ended;
        await audit(
          tx,
          session,
          actor,
          'reviewer:policy_changed',
          {
            before: { require_totp_for_all: before },
            after: { require_totp_for_all: body.require_totp_for_all, sessions_ended: signedOut },
          },
          ctx,
        );
        return { require_totp_for_all: body.require_totp_for_all };
      });
    },
  };
}
